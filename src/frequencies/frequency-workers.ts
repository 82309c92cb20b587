import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { systemActor } from '../common/actor';
import { JobQueues } from '../common/job-queues';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { FrequencyRunsService } from './frequency-runs.service';
import { FREQUENCY_QUEUE, RECOMPUTE_JOB, type RecomputeJob, SCHEDULED_JOB } from './frequency-trigger';

const SCHEDULER_ID = 'frequency-daily';
export const FREQUENCY_WORKER_ACTOR = systemActor('frequency-worker');

/**
 * The background side: a BullMQ job scheduler recomputes every tracked product's current figures once a day
 * (FREQUENCY_SCHEDULE, in the regulator's time zone), and a worker takes the debounced recomputations that
 * case changes ask for. One job at a time per worker; runs of one product are serialised in the database.
 */
@Injectable()
export class FrequencyWorkers {
  private readonly logger = new Logger(FrequencyWorkers.name);

  constructor(
    private readonly queues: JobQueues,
    private readonly runs: FrequencyRunsService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    const queue: Queue = this.queues.queue(FREQUENCY_QUEUE);
    await queue.upsertJobScheduler(SCHEDULER_ID, { pattern: this.config.frequencySchedule, tz: this.config.regulatorTimeZone }, { name: SCHEDULED_JOB });
    const worker = this.queues.worker<RecomputeJob | Record<string, never>>(FREQUENCY_QUEUE, (job) => this.process(job), { concurrency: 1 });
    worker.on('failed', (job, error) => this.logger.warn(`frequency job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`));
  }

  /** One product after its changes, or every tracked product on the schedule; returns what was stored. */
  async process(job: Pick<Job<RecomputeJob | Record<string, never>>, 'name' | 'data'>): Promise<{ product: string; stored: string[] }[]> {
    const productIds = job.name === RECOMPUTE_JOB && 'productId' in job.data ? [job.data.productId] : await this.runs.trackedProducts(this.dataSource.manager);
    const trigger = job.name === RECOMPUTE_JOB ? 'case-change' : 'schedule';
    const done: { product: string; stored: string[] }[] = [];
    for (const productId of productIds) {
      const runs = await this.runs.runCurrent(FREQUENCY_WORKER_ACTOR, productId, trigger);
      done.push({ product: productId, stored: runs.map((r) => r.id) });
    }
    this.logger.log(`frequencies (${trigger}): ${productIds.length} product(s) recomputed`);
    return done;
  }
}
