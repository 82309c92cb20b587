import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DefaultJobOptions } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { JobQueues } from '../common/job-queues';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { ReminderChannel } from './reminder.entities';

/** One queue per workload; the names are stored in Redis/PostgreSQL: do not rename. */
export const REMINDER_QUEUES = {
  scan: 'reminder-scan',
  'in-app': 'reminder-inbox',
  email: 'reminder-email',
  webhook: 'reminder-webhook',
} as const;
/** Job names and their payloads: one delivery, or a group of in-app deliveries recorded together. */
export const DELIVERY_JOB = 'deliver';
export const INBOX_BATCH_JOB = 'deliver-batch';
export type DeliveryJob = { deliveryId: string };
export type InboxBatchJob = { deliveryIds: string[] };
export type ReminderJob = DeliveryJob | InboxBatchJob;

/** In-app deliveries recorded by one scan page go out in jobs of this many (one transaction each). */
export const INBOX_BATCH_SIZE = 500;

export interface QueuedDelivery {
  id: string;
  channel: ReminderChannel;
}

/** Attempts of an in-app group (a database error); e-mail and webhooks take DELIVERY_ATTEMPTS, the last failure marking the delivery failed. */
export const INBOX_ATTEMPTS = 5;

/** BullMQ job ids may not contain ':'; the delivery's id (one per unique reminder key) makes it deterministic. */
export function deliveryJobId(deliveryId: string): string {
  return `delivery-${deliveryId}`;
}

/** A group's id follows from its members, so queueing the same group twice is a no-op. */
export function inboxBatchJobId(deliveryIds: readonly string[]): string {
  return `inbox-${createHash('sha256').update([...deliveryIds].sort().join(',')).digest('hex').slice(0, 40)}`;
}

/**
 * The producer side of delivery. Redis (or the demo's PostgreSQL backend) carries the work; PostgreSQL's
 * reminder_delivery keeps what must be sent, so a flushed queue is rebuilt by the next scan. Adding a job
 * whose id the queue still holds is a no-op in BullMQ.
 */
@Injectable()
export class ReminderQueue {
  constructor(
    private readonly queues: JobQueues,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const retention: DefaultJobOptions = { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 } };
    queues.declare(REMINDER_QUEUES.scan, { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } });
    queues.declare(REMINDER_QUEUES['in-app'], { ...retention, attempts: INBOX_ATTEMPTS, backoff: { type: 'exponential', delay: 1_000 } });
    for (const channel of ['email', 'webhook'] as const) {
      queues.declare(REMINDER_QUEUES[channel], { ...retention, attempts: config.deliveryAttempts, backoff: { type: 'exponential', delay: config.deliveryRetryBaseMs } });
    }
  }

  /**
   * Queues the deliveries on their channel's queue and notes when. E-mail and webhooks get one job per
   * delivery (each retried on its own); in-app deliveries go in groups, delivered in one transaction.
   */
  async enqueue(deliveries: readonly QueuedDelivery[]): Promise<void> {
    for (let i = 0; i < deliveries.length; i += 5_000) {
      const chunk = deliveries.slice(i, i + 5_000);
      const inbox = chunk.filter((d) => d.channel === 'in-app').map((d) => d.id);
      const groups: { name: string; data: ReminderJob; opts: { jobId: string } }[] = [];
      for (let g = 0; g < inbox.length; g += INBOX_BATCH_SIZE) {
        const deliveryIds = inbox.slice(g, g + INBOX_BATCH_SIZE);
        groups.push({ name: INBOX_BATCH_JOB, data: { deliveryIds }, opts: { jobId: inboxBatchJobId(deliveryIds) } });
      }
      await Promise.all([
        groups.length > 0 ? this.queues.queue<ReminderJob>(REMINDER_QUEUES['in-app']).addBulk(groups) : null,
        ...(['email', 'webhook'] as const).map(async (channel) => {
          const jobs = chunk.filter((d) => d.channel === channel).map((d) => ({ name: DELIVERY_JOB, data: { deliveryId: d.id }, opts: { jobId: deliveryJobId(d.id) } }));
          if (jobs.length > 0) {
            await this.queues.queue<ReminderJob>(REMINDER_QUEUES[channel]).addBulk(jobs);
          }
        }),
      ]);
      await this.dataSource.query(`UPDATE reminder_delivery SET queued_at = $2 WHERE id = ANY($1::uuid[])`, [chunk.map((d) => d.id), this.clock.now()]);
    }
  }

  /** Queues a delivery again under its own id, dropping a finished or failed job that would block the add. */
  async replay(delivery: QueuedDelivery): Promise<void> {
    const queue = this.queues.queue<ReminderJob>(REMINDER_QUEUES[delivery.channel]);
    const job = await queue.getJob(deliveryJobId(delivery.id));
    const state = job === undefined ? null : await job.getState();
    if (job !== undefined && (state === 'completed' || state === 'failed')) {
      await job.remove();
    }
    await queue.add(DELIVERY_JOB, { deliveryId: delivery.id }, { jobId: deliveryJobId(delivery.id) });
    await this.dataSource.query(`UPDATE reminder_delivery SET queued_at = $2 WHERE id = $1`, [delivery.id, this.clock.now()]);
  }
}
