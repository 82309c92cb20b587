import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobQueues } from '../common/job-queues';
import { afterCommit } from '../database/after-commit';
import { APP_CONFIG, AppConfig } from '../config/app.config';

/** The queue's name is stored in Redis/PostgreSQL: do not rename. */
export const FREQUENCY_QUEUE = 'frequency-aggregation';
export const RECOMPUTE_JOB = 'recompute';
export const SCHEDULED_JOB = 'scheduled';
export type RecomputeJob = { productId: string };

/** BullMQ ids may not contain ':'. */
export function recomputeDeduplicationId(productId: string): string {
  return `recompute-${productId}`;
}

/**
 * Asks for a recomputation of a product's frequencies after its cases (or exposure, or reference information)
 * changed. Debounced twice: calls in the same moment are merged in the process, and BullMQ's deduplication
 * keeps one delayed job per product — the first change of a burst starts the wait, later ones join it, and a
 * change while the job runs queues exactly one more (`keepLastIfActive`). A burst of 1,000 new cases is one run.
 *
 * Asked for after the writer's transaction commits (src/database/after-commit.ts), so a recomputation never
 * runs before the change is visible, however long the transaction. Never awaited by the writer: a case is accepted whether or not the queue answers (the daily scheduled run
 * catches up), so an unreachable Redis cannot block intake.
 */
@Injectable()
export class FrequencyTrigger implements OnModuleDestroy {
  private readonly logger = new Logger(FrequencyTrigger.name);
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private lastError = 0;

  constructor(
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    queues.declare(FREQUENCY_QUEUE, { removeOnComplete: { count: 500 }, removeOnFail: { count: 500 }, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } });
  }

  /**
   * A product's data changed in the manager's transaction: the recomputation is asked for once that transaction
   * has committed (never for a change that rolled back), or at once outside a transaction.
   */
  changed(manager: EntityManager, productId: string): void {
    afterCommit(manager, () => {
      this.pending.add(productId);
      this.timer ??= setTimeout(() => void this.flush(), 0);
    });
  }

  /** Hands the pending products to the queue (one add each); resolves when the queue has them. */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.flushing;
    if (this.pending.size === 0) {
      return;
    }
    const productIds = [...this.pending];
    this.pending.clear();
    this.flushing = this.enqueue(productIds).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private async enqueue(productIds: readonly string[]): Promise<void> {
    const queue = this.queues.queue<RecomputeJob>(FREQUENCY_QUEUE);
    try {
      await Promise.all(
        productIds.map((productId) =>
          queue.add(RECOMPUTE_JOB, { productId }, { delay: this.config.frequencyDebounceMs, deduplication: { id: recomputeDeduplicationId(productId), keepLastIfActive: true } }),
        ),
      );
    } catch (error) {
      if (Date.now() - this.lastError > 60_000) {
        this.lastError = Date.now();
        this.logger.warn(`frequency recomputation not queued (${productIds.length} product(s)); the scheduled run will catch up: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Waits (at most a few seconds) for pending requests, so a CLI import that exits still queues its recomputation. */
  async onModuleDestroy(): Promise<void> {
    await Promise.race([this.flush(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  }
}
