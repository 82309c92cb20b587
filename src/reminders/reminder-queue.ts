import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ConflictError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app.config';

export const DELIVERY_QUEUE = 'reminder-delivery';
export const DELIVERY_JOB = 'deliver';

export interface DeliveryJob {
  deliveryId: string;
}

/** BullMQ job ids may not contain ':'; the delivery id makes the job id deterministic. */
export function deliveryJobId(deliveryId: string): string {
  return `delivery-${deliveryId}`;
}

/**
 * The delivery queue. Redis carries the work; PostgreSQL keeps what must be sent (reminder_delivery), so a
 * flushed Redis is rebuilt by the next scan. Adding a job whose id exists is a no-op in BullMQ.
 */
@Injectable()
export class ReminderQueue implements OnModuleDestroy {
  private queue: Queue<DeliveryJob> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get(): Queue<DeliveryJob> {
    if (this.config.redisUrl === undefined) {
      throw new ConflictError('QUEUE_NOT_CONFIGURED', 'REDIS_URL is not set: reminders cannot be queued');
    }
    this.queue ??= new Queue<DeliveryJob>(DELIVERY_QUEUE, {
      connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
      prefix: this.config.queuePrefix,
      defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: 1_000, removeOnFail: 5_000 },
    });
    return this.queue;
  }

  async enqueue(deliveryIds: readonly string[]): Promise<void> {
    const queue = this.get();
    for (let i = 0; i < deliveryIds.length; i += 1_000) {
      await queue.addBulk(deliveryIds.slice(i, i + 1_000).map((deliveryId) => ({ name: DELIVERY_JOB, data: { deliveryId }, opts: { jobId: deliveryJobId(deliveryId) } })));
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close();
  }
}
