import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isRole } from '../auth/roles';
import { IsoDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { DeadlineSource, DeadlineSubject, Horizon, STALE_DEADLINE } from './deadline-source';
import { DeadlineSources } from './deadline-sources';
import { PolicyBook } from './policy-book';
import { dueStep, stepsBetween } from './reminder-plan';
import { Address, Recipient, recipientsOf } from './reminder-recipients';
import { ReminderChannel, ReminderPolicy } from './reminder.entities';
import { QueuedDelivery, ReminderQueue } from './reminder-queue';

export interface ScanReport {
  asOf: IsoDate;
  /** Open deadlines within reach of a reminder (due within the longest offset, or overdue). */
  scanned: number;
  /** New deliveries recorded and queued. */
  enqueued: number;
  /** Deliveries that were already recorded (an earlier scan, another worker). */
  alreadyPlanned: number;
  /** Pending deliveries queued over REQUEUE_AFTER_MINUTES ago, offered again (Redis may have lost them); BullMQ ignores ids it still has. */
  requeued: number;
  /** Pending deliveries whose deadline was met or moved: they will not be sent. */
  cancelled: number;
}

export interface PreviewItem {
  deadline: { type: string; id: string; kind: string; title: string; product: string | null };
  dueDate: IsoDate;
  offset: string;
  escalation: boolean;
  channel: string;
  recipient: string;
  plannedSendDate: IsoDate;
}

interface PlannedRow {
  deadlineType: string;
  deadlineId: string;
  productId: string | null;
  dueDate: IsoDate;
  step: string;
  channel: ReminderChannel;
  recipient: string;
  sendOn: IsoDate;
  late: boolean;
}

const PAGE = 10_000;
/** A pending delivery queued this long ago and still not done is offered to the queue again. */
export const REQUEUE_AFTER_MINUTES = 10;

/**
 * The reminder scan: which reminders have come due, recorded once each in PostgreSQL (the unique key
 * makes a repeat a no-op, whatever runs it) and handed to the delivery queue.
 */
@Injectable()
export class ReminderScanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    private readonly sources: DeadlineSources,
  ) {}

  async scan(asOf: IsoDate): Promise<ScanReport> {
    const manager = this.dataSource.manager;
    const book = new PolicyBook(await manager.find(ReminderPolicy));
    const people = await loadPeople(manager);
    const horizon = book.horizon(asOf);
    let cancelled = 0;
    for (const source of this.sources.all()) {
      cancelled += await source.cancelStale(manager, STALE_DEADLINE);
    }
    const report: ScanReport = { asOf, scanned: 0, enqueued: 0, alreadyPlanned: 0, requeued: 0, cancelled };
    // Queueing a page overlaps with reading and recording the next one.
    let queueing: Promise<void> = Promise.resolve();
    for (const source of this.sources.all()) {
      for await (const batch of pages(manager, source, horizon)) {
        report.scanned += batch.length;
        const rows = batch.flatMap((subject) => plan(subject, book, people, asOf));
        const inserted = await insertDeliveries(manager, rows);
        report.enqueued += inserted.length;
        report.alreadyPlanned += rows.length - inserted.length;
        await queueing;
        queueing = this.queue.enqueue(inserted);
      }
    }
    await queueing;
    report.requeued = await this.requeueStuck(manager);
    return report;
  }

  /** What would be sent between two days, scanning daily, if nothing changed; writes and sends nothing. */
  async preview(from: IsoDate, to: IsoDate): Promise<PreviewItem[]> {
    const manager = this.dataSource.manager;
    const book = new PolicyBook(await manager.find(ReminderPolicy));
    const people = await loadPeople(manager);
    const items: PreviewItem[] = [];
    for (const source of this.sources.all()) {
      for await (const batch of pages(manager, source, book.horizon(to))) {
        for (const subject of batch) {
          const policy = book.for(subject);
          if (policy === null) {
            continue;
          }
          const rule = { offsetsDays: policy.offsetsDays, escalationEveryDays: policy.escalationEveryDays };
          for (const step of stepsBetween(subject.dueDate, rule, from, to)) {
            for (const person of recipientsOf(subject, people, roles(policy, step.escalation))) {
              for (const target of targets(policy, person)) {
                items.push({
                  deadline: { type: subject.type, id: subject.id, kind: subject.kind, title: subject.title, product: subject.productName },
                  dueDate: subject.dueDate,
                  offset: step.step,
                  escalation: step.escalation,
                  channel: target.channel,
                  recipient: target.address === null ? `user:${person.username}` : `${target.channel}:${target.address}`,
                  plannedSendDate: step.sendOn,
                });
              }
            }
          }
        }
      }
    }
    return items.sort((a, b) => a.plannedSendDate.localeCompare(b.plannedSendDate) || a.deadline.id.localeCompare(b.deadline.id) || a.recipient.localeCompare(b.recipient));
  }

  /** Pending deliveries handed to the queue long ago (or never): the queue may have lost them. */
  private async requeueStuck(manager: EntityManager): Promise<number> {
    const before = new Date(this.clock.now().getTime() - REQUEUE_AFTER_MINUTES * 60_000);
    let requeued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await manager.query<QueuedDelivery[]>(
        `SELECT id, channel FROM reminder_delivery WHERE status = 'pending' AND (queued_at IS NULL OR queued_at < $1) AND id > $2 ORDER BY id LIMIT $3`,
        [before, after, PAGE],
      );
      if (rows.length === 0) {
        return requeued;
      }
      await this.queue.enqueue(rows);
      requeued += rows.length;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
}

async function* pages(manager: EntityManager, source: DeadlineSource, horizon: Horizon): AsyncGenerator<DeadlineSubject[]> {
  let after: { dueDate: IsoDate; id: string } | null = null;
  for (;;) {
    const batch = await source.open(manager, horizon, after, PAGE);
    if (batch.length === 0) {
      return;
    }
    yield batch;
    const last = batch[batch.length - 1];
    after = last === undefined ? null : { dueDate: last.dueDate, id: last.id };
  }
}

function roles(policy: ReminderPolicy, escalation: boolean): ReminderPolicy['notifyRoles'] {
  return escalation ? [...new Set([...policy.notifyRoles, ...policy.escalationRoles])] : policy.notifyRoles;
}

/** Where one person hears of a deadline: the inbox, and each address of theirs on a channel the policy allows. */
function targets(policy: ReminderPolicy, person: Recipient): { channel: ReminderChannel; recipient: string; address: string | null }[] {
  const inbox = policy.channels.includes('in-app') ? [{ channel: 'in-app' as const, recipient: `user:${person.userId}`, address: null }] : [];
  const external = person.addresses
    .filter((a: Address) => policy.channels.includes(a.channel))
    .map((a) => ({ channel: a.channel, recipient: `channel:${a.id}`, address: a.address }));
  return [...inbox, ...external];
}

function plan(subject: DeadlineSubject, book: PolicyBook, people: readonly Recipient[], asOf: IsoDate): PlannedRow[] {
  const policy = book.for(subject);
  if (policy === null) {
    return [];
  }
  const step = dueStep(subject.dueDate, { offsetsDays: policy.offsetsDays, escalationEveryDays: policy.escalationEveryDays }, asOf);
  if (step === null) {
    return [];
  }
  return recipientsOf(subject, people, roles(policy, step.escalation)).flatMap((person) =>
    targets(policy, person).map((target) => ({
      deadlineType: subject.type,
      deadlineId: subject.id,
      productId: subject.productId,
      dueDate: subject.dueDate,
      step: step.step,
      channel: target.channel,
      recipient: target.recipient,
      sendOn: step.sendOn,
      late: step.late,
    })),
  );
}

/** One statement per batch; rows whose key exists are skipped and not returned. */
async function insertDeliveries(manager: EntityManager, rows: readonly PlannedRow[]): Promise<QueuedDelivery[]> {
  if (rows.length === 0) {
    return [];
  }
  const column = <K extends keyof PlannedRow>(key: K): PlannedRow[K][] => rows.map((row) => row[key]);
  return manager.query<QueuedDelivery[]>(
    `INSERT INTO reminder_delivery (deadline_type, deadline_id, product_id, due_date, step, channel, recipient, send_on, late)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[], $7::text[], $8::date[], $9::boolean[])
     ON CONFLICT (deadline_type, deadline_id, due_date, step, channel, recipient) DO NOTHING
     RETURNING id, channel`,
    [column('deadlineType'), column('deadlineId'), column('productId'), column('dueDate'), column('step'), column('channel'), column('recipient'), column('sendOn'), column('late')],
  );
}

async function loadPeople(manager: EntityManager): Promise<Recipient[]> {
  const rows = await manager.query<{ id: string; username: string; role: string; all_products: boolean; products: string[] | null; addresses: Address[] }[]>(
    `SELECT u.id, u.username, u.role, u.all_products,
            ARRAY(SELECT up.product_id FROM user_product up WHERE up.user_id = u.id) AS products,
            COALESCE((SELECT json_agg(json_build_object('id', c.id, 'channel', c.channel, 'address', c.address) ORDER BY c.created_at)
                        FROM notification_channel c WHERE c.user_id = u.id AND c.enabled), '[]') AS addresses
       FROM app_user u
      WHERE u.disabled_at IS NULL`,
  );
  return rows.flatMap((row) =>
    isRole(row.role) ? [{ userId: row.id, username: row.username, role: row.role, scope: row.all_products ? null : (row.products ?? []), addresses: row.addresses }] : [],
  );
}
