import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { Clock } from '../common/clock';
import { JobQueues } from '../common/job-queues';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { DeliveryJob, REMINDER_QUEUES, ReminderJob } from './reminder-queue';
import { ReminderScanService } from './reminder-scan.service';

const SCAN_SCHEDULER_ID = 'reminder-scan-every-15-minutes';

export interface WorkerOptions {
  /** Concurrent in-app jobs (they are committed in groups). */
  inboxConcurrency?: number;
  /** Concurrent e-mail and webhook jobs per channel. */
  outsideConcurrency?: number;
  scanEveryMs?: number;
}

/**
 * The background side: a BullMQ job scheduler runs the scan every 15 minutes (one scheduler, however many
 * workers), and one worker per delivery queue. A worker that dies mid-job leaves a stalled job that BullMQ
 * hands to another worker; every delivery is idempotent, so that is safe.
 */
@Injectable()
export class ReminderWorkers implements OnModuleDestroy {
  private readonly logger = new Logger(ReminderWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly queues: JobQueues,
    private readonly scanner: ReminderScanService,
    private readonly delivery: ReminderDeliveryService,
    private readonly clock: Clock,
  ) {}

  async start(options: WorkerOptions = {}): Promise<void> {
    const scanQueue: Queue = this.queues.queue(REMINDER_QUEUES.scan);
    await scanQueue.upsertJobScheduler(SCAN_SCHEDULER_ID, { every: options.scanEveryMs ?? 15 * 60_000 }, { name: 'scan' });
    const outside = options.outsideConcurrency ?? 8;
    this.workers.push(
      this.queues.worker(
        REMINDER_QUEUES.scan,
        async () => {
          const report = await this.scanner.scan(this.clock.today());
          this.logger.log(`scan ${report.asOf}: ${report.scanned} in reach, ${report.enqueued} queued, ${report.requeued} re-queued, ${report.cancelled} cancelled`);
          return report;
        },
        { concurrency: 1 },
      ),
      this.queues.worker(REMINDER_QUEUES['in-app'], (job: Job<ReminderJob>) => this.deliverInbox(job), { concurrency: options.inboxConcurrency ?? 50 }),
      this.queues.worker(REMINDER_QUEUES.email, (job: Job<DeliveryJob>) => this.delivery.deliverOutside(job.data.deliveryId, isFinalAttempt(job)), { concurrency: outside }),
      this.queues.worker(REMINDER_QUEUES.webhook, (job: Job<DeliveryJob>) => this.delivery.deliverOutside(job.data.deliveryId, isFinalAttempt(job)), { concurrency: outside }),
    );
    for (const worker of this.workers) {
      worker.on('failed', (job, error) => this.logger.warn(`job ${job?.id ?? '?'} of ${worker.name} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`));
    }
  }

  /** A group of in-app deliveries in one transaction; a single one (a replay, a re-queue) joins whatever arrives with it. */
  private async deliverInbox(job: Job<ReminderJob>): Promise<Record<string, number> | string> {
    if ('deliveryIds' in job.data) {
      const outcomes = await this.delivery.deliverInboxBatch(job.data.deliveryIds);
      return outcomes.reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }), {});
    }
    return this.delivery.deliverToInbox(job.data.deliveryId);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.close()));
  }
}

/** BullMQ counts attemptsMade after the attempt: the one now running is the last when one is left. */
function isFinalAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
