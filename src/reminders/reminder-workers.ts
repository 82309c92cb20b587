import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { Clock } from '../common/clock';
import { ConflictError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { DELIVERY_QUEUE, DeliveryJob } from './reminder-queue';
import { ReminderScanService } from './reminder-scan.service';

export const SCAN_QUEUE = 'reminder-scan';
const SCAN_SCHEDULER_ID = 'reminder-scan-every-15-minutes';

/**
 * The background side: a BullMQ job scheduler runs the scan every 15 minutes (one scheduler, however many
 * workers), and delivery workers process the queue. A worker that dies mid-job leaves a stalled job that
 * BullMQ hands to another worker; delivery is idempotent, so that is safe.
 */
@Injectable()
export class ReminderWorkers implements OnModuleDestroy {
  private readonly logger = new Logger(ReminderWorkers.name);
  private readonly workers: Worker[] = [];
  private scanQueue: Queue | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scanner: ReminderScanService,
    private readonly delivery: ReminderDeliveryService,
    private readonly clock: Clock,
  ) {}

  async start(options: { concurrency?: number; scanEveryMs?: number } = {}): Promise<void> {
    if (this.config.redisUrl === undefined) {
      throw new ConflictError('QUEUE_NOT_CONFIGURED', 'REDIS_URL is not set: the reminder workers need a queue');
    }
    const connection = { url: this.config.redisUrl, maxRetriesPerRequest: null };
    const prefix = this.config.queuePrefix;
    this.scanQueue = new Queue(SCAN_QUEUE, { connection, prefix });
    await this.scanQueue.upsertJobScheduler(SCAN_SCHEDULER_ID, { every: options.scanEveryMs ?? 15 * 60_000 }, { name: 'scan', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    this.workers.push(
      new Worker(
        SCAN_QUEUE,
        async () => {
          const report = await this.scanner.scan(this.clock.today());
          this.logger.log(`scan ${report.asOf}: ${report.scanned} in reach, ${report.enqueued} queued, ${report.cancelled} cancelled`);
          return report;
        },
        { connection, prefix, concurrency: 1 },
      ),
      new Worker(DELIVERY_QUEUE, async (job: Job<DeliveryJob>) => this.delivery.deliver(job.data.deliveryId), {
        connection,
        prefix,
        concurrency: options.concurrency ?? 20,
      }),
    );
    for (const worker of this.workers) {
      worker.on('failed', (job, error) => this.logger.warn(`job ${job?.id ?? '?'} of ${worker.name} failed: ${error.message}`));
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.scanQueue?.close();
  }
}
