import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isRole } from '../auth/roles';
import { addDays, IsoDate } from '../common/calendar-date';
import { DEADLINE_SOURCES, DeadlineSource, DeadlineSubject, STALE_DEADLINE } from './deadline-source';
import { PolicyBook } from './policy-book';
import { dueStep, stepsBetween } from './reminder-plan';
import { Recipient, recipientsOf } from './reminder-recipients';
import { ReminderPolicy } from './reminder.entities';
import { ReminderQueue } from './reminder-queue';

export interface ScanReport {
  asOf: IsoDate;
  /** Open deadlines within reach of a reminder (due within the longest offset, or overdue). */
  scanned: number;
  /** New deliveries recorded and queued. */
  enqueued: number;
  /** Deliveries that were already recorded (an earlier scan, another worker). */
  alreadyPlanned: number;
  /** Pending deliveries queued again (e.g. after Redis lost them); BullMQ ignores ids it still has. */
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
  channel: string;
  recipient: string;
  sendOn: IsoDate;
  late: boolean;
}

const PAGE = 5_000;

/**
 * The reminder scan: which reminders have come due, recorded once each in PostgreSQL (the unique key
 * makes a repeat a no-op, whatever runs it) and handed to the delivery queue.
 */
@Injectable()
export class ReminderScanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: ReminderQueue,
  ) {}

  async scan(asOf: IsoDate): Promise<ScanReport> {
    const manager = this.dataSource.manager;
    const book = new PolicyBook(await manager.find(ReminderPolicy));
    const people = await loadPeople(manager);
    const report: ScanReport = { asOf, scanned: 0, enqueued: 0, alreadyPlanned: 0, requeued: 0, cancelled: await this.cancelStale(manager) };
    for (const source of DEADLINE_SOURCES) {
      for await (const batch of pages(manager, source, addDays(asOf, book.horizonDays()))) {
        report.scanned += batch.length;
        const rows = batch.flatMap((subject) => plan(subject, book, people, asOf));
        const inserted = await insertDeliveries(manager, rows);
        report.enqueued += inserted.length;
        report.alreadyPlanned += rows.length - inserted.length;
        await this.queue.enqueue(inserted);
      }
    }
    report.requeued = await this.requeuePending(manager);
    return report;
  }

  /** What would be sent between two days, scanning daily, if nothing changed; writes and sends nothing. */
  async preview(from: IsoDate, to: IsoDate): Promise<PreviewItem[]> {
    const manager = this.dataSource.manager;
    const book = new PolicyBook(await manager.find(ReminderPolicy));
    const people = await loadPeople(manager);
    const items: PreviewItem[] = [];
    for (const source of DEADLINE_SOURCES) {
      for await (const batch of pages(manager, source, addDays(to, book.horizonDays()))) {
        for (const subject of batch) {
          const policy = book.for(subject);
          if (policy === null) {
            continue;
          }
          const rule = { offsetsDays: policy.offsetsDays, escalationEveryDays: policy.escalationEveryDays };
          for (const step of stepsBetween(subject.dueDate, rule, from, to)) {
            for (const person of recipientsOf(subject, people, roles(policy, step.escalation))) {
              for (const channel of deliverable(policy)) {
                items.push({
                  deadline: { type: subject.type, id: subject.id, kind: subject.kind, title: subject.title, product: subject.productName },
                  dueDate: subject.dueDate,
                  offset: step.step,
                  escalation: step.escalation,
                  channel,
                  recipient: `user:${person.username}`,
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

  /** Pending deliveries for a deadline that is no longer open, or whose due date has changed since. */
  private async cancelStale(manager: EntityManager): Promise<number> {
    const rows = await manager.query<{ id: string }[]>(
      `UPDATE reminder_delivery d SET status = 'cancelled', last_error = $1
        WHERE d.status = 'pending' AND d.deadline_type = 'milestone'
          AND NOT EXISTS (SELECT 1 FROM milestone m WHERE m.id = d.deadline_id AND m.due_date = d.due_date AND m.status IN ('planned', 'in-progress'))
        RETURNING d.id`,
      [STALE_DEADLINE],
    );
    return rows.length;
  }

  private async requeuePending(manager: EntityManager): Promise<number> {
    let requeued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await manager.query<{ id: string }[]>(`SELECT id FROM reminder_delivery WHERE status = 'pending' AND id > $1 ORDER BY id LIMIT $2`, [after, PAGE]);
      if (rows.length === 0) {
        return requeued;
      }
      await this.queue.enqueue(rows.map((r) => r.id));
      requeued += rows.length;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
}

async function* pages(manager: EntityManager, source: DeadlineSource, until: IsoDate): AsyncGenerator<DeadlineSubject[]> {
  let after: { dueDate: IsoDate; id: string } | null = null;
  for (;;) {
    const batch = await source.open(manager, until, after, PAGE);
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

/** Channels this build delivers to accounts: the inbox. E-mail and webhooks need addresses (next slice). */
function deliverable(policy: ReminderPolicy): string[] {
  return policy.channels.filter((channel) => channel === 'in-app');
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
    deliverable(policy).map((channel) => ({
      deadlineType: subject.type,
      deadlineId: subject.id,
      productId: subject.productId,
      dueDate: subject.dueDate,
      step: step.step,
      channel,
      recipient: `user:${person.userId}`,
      sendOn: step.sendOn,
      late: step.late,
    })),
  );
}

/** One statement per batch; rows whose key exists are skipped and not returned. */
async function insertDeliveries(manager: EntityManager, rows: readonly PlannedRow[]): Promise<string[]> {
  if (rows.length === 0) {
    return [];
  }
  const column = <K extends keyof PlannedRow>(key: K): PlannedRow[K][] => rows.map((row) => row[key]);
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO reminder_delivery (deadline_type, deadline_id, product_id, due_date, step, channel, recipient, send_on, late)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[], $7::text[], $8::date[], $9::boolean[])
     ON CONFLICT (deadline_type, deadline_id, due_date, step, channel, recipient) DO NOTHING
     RETURNING id`,
    [column('deadlineType'), column('deadlineId'), column('productId'), column('dueDate'), column('step'), column('channel'), column('recipient'), column('sendOn'), column('late')],
  );
  return inserted.map((row) => row.id);
}

async function loadPeople(manager: EntityManager): Promise<Recipient[]> {
  const rows = await manager.query<{ id: string; username: string; role: string; all_products: boolean; products: string[] | null }[]>(
    `SELECT u.id, u.username, u.role, u.all_products, array_remove(array_agg(up.product_id), NULL) AS products
       FROM app_user u LEFT JOIN user_product up ON up.user_id = u.id
      WHERE u.disabled_at IS NULL
      GROUP BY u.id`,
  );
  return rows.flatMap((row) => (isRole(row.role) ? [{ userId: row.id, username: row.username, role: row.role, scope: row.all_products ? null : (row.products ?? []) }] : []));
}
