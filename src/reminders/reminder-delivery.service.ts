import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { MicroBatcher } from '../common/micro-batch';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { EmailSender } from './channels/email-sender';
import { sendWebhook } from './channels/webhook-sender';
import { DeadlineSource, DeadlineSubject, STALE_DEADLINE } from './deadline-source';
import { DeadlineSources } from './deadline-sources';
import { reminderMessage } from './reminder-message';
import { NotificationChannel, ReminderDelivery } from './reminder.entities';

export type DeliveryOutcome = 'delivered' | 'cancelled' | 'skipped';

/** Why a pending e-mail or webhook reminder is not sent. */
export const ADDRESS_GONE = 'address removed or disabled before delivery';

interface InboxRow {
  id: string;
  deadline_type: string;
  deadline_id: string;
  product_id: string | null;
  due_date: string;
  step: string;
  recipient: string;
  send_on: string;
  late: boolean;
}

/**
 * Delivers recorded reminders.
 * - In-app is exactly-once: the inbox message and the delivery's new status commit in one transaction,
 *   under a row lock, so a retry, a restart or a second worker finds it delivered and does nothing. Jobs
 *   that arrive together share one transaction (group commit), which is what makes thousands a second.
 * - E-mail and webhooks are at-least-once: a crash between sending and recording sends again, with the
 *   same Message-ID / X-Delivery-Id so the receiver can drop the repeat. Each failed attempt is recorded;
 *   the last one marks the delivery failed, visible and replayable.
 */
@Injectable()
export class ReminderDeliveryService implements OnModuleDestroy {
  private readonly inbox = new MicroBatcher<string, DeliveryOutcome>((ids) => this.deliverInboxBatch(ids), 200, 5);
  private email: EmailSender | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: DeadlineSources,
  ) {}

  /** One in-app reminder, committed together with the others that arrive within a few milliseconds. */
  deliverToInbox(deliveryId: string): Promise<DeliveryOutcome> {
    return this.inbox.add(deliveryId);
  }

  /** In-app reminders in one transaction; one outcome per id, in order (a repeated id is 'skipped'). */
  async deliverInboxBatch(ids: readonly string[]): Promise<DeliveryOutcome[]> {
    const outcomes = await this.dataSource.transaction(async (manager) => {
      // Locks in id order, so two batches sharing ids cannot deadlock; a second worker waits, then sees the status.
      const rows = await manager.query<InboxRow[]>(
        `SELECT id, deadline_type, deadline_id, product_id, due_date, step, recipient, send_on, late
           FROM reminder_delivery WHERE id = ANY($1::uuid[]) AND status = 'pending' AND channel = 'in-app'
          ORDER BY id FOR UPDATE`,
        [[...new Set(ids)]],
      );
      const subjects = await openSubjects(manager, this.sources.all(), rows);
      const today = this.clock.today();
      const now = this.clock.now();
      const result = new Map<string, DeliveryOutcome>();
      const stale = rows.filter((row) => subjects.get(row.deadline_id)?.dueDate !== row.due_date).map((row) => row.id);
      const due = rows.flatMap((row) => {
        const subject = subjects.get(row.deadline_id);
        return subject?.dueDate === row.due_date ? [{ row, message: reminderMessage(subject, row.step, row.send_on, row.late, today) }] : [];
      });
      if (stale.length > 0) {
        await manager.query(`UPDATE reminder_delivery SET status = 'cancelled', last_error = $2 WHERE id = ANY($1::uuid[])`, [stale, STALE_DEADLINE]);
        stale.forEach((id) => result.set(id, 'cancelled'));
      }
      if (due.length > 0) {
        await manager.query(
          // created_at from the application's clock (a pinned AS_OF demo shows reminders received "today"), not the database's now().
          `INSERT INTO inbox_message (user_id, delivery_id, subject, body, deadline_type, deadline_id, product_id, escalation, late, created_at)
           SELECT *, $10::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::boolean[], $9::boolean[])`,
          [
            due.map((d) => d.row.recipient.replace(/^user:/, '')),
            due.map((d) => d.row.id),
            due.map((d) => d.message.subject),
            due.map((d) => d.message.body),
            due.map((d) => d.row.deadline_type),
            due.map((d) => d.row.deadline_id),
            due.map((d) => d.row.product_id),
            due.map((d) => d.row.step.startsWith('overdue-')),
            due.map((d) => d.row.late),
            now,
          ],
        );
        await manager.query(
          `UPDATE reminder_delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = $2, last_attempt_at = $2, last_error = NULL WHERE id = ANY($1::uuid[])`,
          [due.map((d) => d.row.id), now],
        );
        due.forEach((d) => result.set(d.row.id, 'delivered'));
      }
      return result;
    });
    const seen = new Set<string>();
    return ids.map((id) => {
      const first = !seen.has(id);
      seen.add(id);
      return first ? (outcomes.get(id) ?? 'skipped') : 'skipped';
    });
  }

  /**
   * One e-mail or webhook reminder. Throws when the attempt fails (the queue retries with backoff);
   * `finalAttempt` marks the delivery failed instead of pending. A missing configuration fails at once.
   */
  async deliverOutside(deliveryId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const manager = this.dataSource.manager;
    const delivery = await manager.findOne(ReminderDelivery, { where: { id: deliveryId } });
    if (delivery?.status !== 'pending' || delivery.channel === 'in-app') {
      return 'skipped';
    }
    const address = await manager.findOne(NotificationChannel, { where: { id: delivery.recipient.replace(/^channel:/, '') } });
    const subject = (await openSubjects(manager, this.sources.all(), [{ deadline_type: delivery.deadlineType, deadline_id: delivery.deadlineId }])).get(delivery.deadlineId);
    if (address === null || !address.enabled || address.channel !== delivery.channel || subject?.dueDate !== delivery.dueDate) {
      await manager.query(`UPDATE reminder_delivery SET status = 'cancelled', last_error = $2 WHERE id = $1 AND status = 'pending'`, [
        delivery.id,
        subject?.dueDate !== delivery.dueDate ? STALE_DEADLINE : ADDRESS_GONE,
      ]);
      return 'cancelled';
    }
    const message = reminderMessage(subject, delivery.step, delivery.sendOn, delivery.late, this.clock.today());
    const now = this.clock.now();
    try {
      let receipt: string;
      if (address.channel === 'email') {
        if (this.config.smtp === null) {
          throw new UnrecoverableError('e-mail is not configured on this server (SMTP_URL unset)');
        }
        this.email ??= new EmailSender(this.config.smtp);
        receipt = (await this.email.send({ deliveryId: delivery.id, to: address.address, subject: message.subject, text: message.body })).messageId;
      } else {
        const payload = {
          deadline: { type: subject.type, id: subject.id, kind: subject.kind, title: subject.title, productId: subject.productId, product: subject.productName, dueDate: subject.dueDate, owner: subject.owner },
          step: delivery.step,
          escalation: delivery.step.startsWith('overdue-'),
          plannedSendDate: delivery.sendOn,
          late: delivery.late,
          subject: message.subject,
          text: message.body,
        };
        const sent = await sendWebhook(
          { deliveryId: delivery.id, url: address.address, secret: address.secret ?? '', event: 'reminder', payload },
          { timeoutMs: this.config.webhookTimeoutMs, nowSeconds: Math.floor(now.getTime() / 1000) },
        );
        receipt = `HTTP ${sent.status}`;
      }
      await manager.query(
        `UPDATE reminder_delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = $2, last_attempt_at = $2, last_error = NULL, sent_to = $3, message_id = $4
          WHERE id = $1 AND status = 'pending'`,
        [delivery.id, now, address.address, receipt],
      );
      return 'delivered';
    } catch (error) {
      const final = finalAttempt || error instanceof UnrecoverableError;
      await manager.query(`UPDATE reminder_delivery SET status = $3, attempts = attempts + 1, last_attempt_at = $2, last_error = $4 WHERE id = $1 AND status = 'pending'`, [
        delivery.id,
        now,
        final ? 'failed' : 'pending',
        error instanceof Error ? error.message.slice(0, 2000) : String(error),
      ]);
      throw error;
    }
  }

  onModuleDestroy(): void {
    this.email?.close();
  }
}

/** The still-open deadlines of some deliveries, by deadline id (one query per kind of deadline). */
async function openSubjects(manager: EntityManager, sources: readonly DeadlineSource[], rows: readonly { deadline_type: string; deadline_id: string }[]): Promise<Map<string, DeadlineSubject>> {
  const subjects = new Map<string, DeadlineSubject>();
  for (const source of sources) {
    const ids = [...new Set(rows.filter((r) => r.deadline_type === source.type).map((r) => r.deadline_id))];
    if (ids.length > 0) {
      for (const subject of await source.findOpen(manager, ids)) {
        subjects.set(subject.id, subject);
      }
    }
  }
  return subjects;
}
