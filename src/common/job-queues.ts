import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createPostgresBackend, DefaultJobOptions, JobType, Processor, Queue, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app.config';

export type QueueBackend = 'redis' | 'postgres';

/** The schema BullMQ's PostgreSQL backend keeps its queues in (the library creates and migrates it). */
export const PG_QUEUE_SCHEMA = 'bullmq';

export interface QueueCounts {
  queue: string;
  counts: Partial<Record<JobType, number>>;
}

/**
 * Every BullMQ queue and worker of the process, on one backend: Redis when REDIS_URL is set (production),
 * otherwise BullMQ's PostgreSQL backend on DATABASE_URL (the self-contained demo; about a tenth of Redis's
 * throughput). Queues are shared per name; everything is closed with the module.
 */
@Injectable()
export class JobQueues implements OnModuleDestroy {
  readonly backend: QueueBackend;
  private readonly declared = new Map<string, DefaultJobOptions | undefined>();
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly logger = new Logger(JobQueues.name);
  /** Set when the module closes: no queue is opened after that. */
  private closing = false;
  /** Connection errors repeat while the store is down: logged at most once a minute per queue. */
  private readonly lastLogged = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.backend = config.redisUrl === undefined ? 'postgres' : 'redis';
  }

  /** Where the jobs live, for logs and the health page (no credentials). */
  describe(): string {
    return this.backend === 'redis' ? `Redis, key prefix "${this.config.queuePrefix}"` : `PostgreSQL, schema "${PG_QUEUE_SCHEMA}"`;
  }

  /** Makes a queue known (for the dashboard and the counts) with its job defaults; opens nothing yet. */
  declare(name: string, defaultJobOptions?: DefaultJobOptions): void {
    this.declared.set(name, defaultJobOptions);
  }

  /** The queue of that name, opened on first use with its declared job defaults. */
  queue<T>(name: string): Queue<T> {
    const existing = this.queues.get(name);
    if (existing !== undefined) {
      return existing as Queue<T>;
    }
    if (this.closing) {
      // A queue opened now would never be closed (its connections outlive the process's shutdown).
      throw new Error(`queue ${name}: the job queues are closing (the process is shutting down)`);
    }
    const defaultJobOptions = this.declared.get(name);
    const queue: Queue<T> =
      this.backend === 'redis'
        ? new Queue<T>(name, { connection: this.redisConnection(), prefix: this.config.queuePrefix, defaultJobOptions })
        : (new Queue(name, { connection: this.postgresConnection(2), defaultJobOptions }, createPostgresBackend) as unknown as Queue<T>);
    this.watch(name, queue as Queue);
    this.queues.set(name, queue as Queue);
    return queue;
  }

  worker<T>(name: string, processor: Processor<T>, options: { concurrency: number }): Worker<T> {
    if (this.closing) {
      throw new Error(`worker ${name}: the job queues are closing (the process is shutting down)`);
    }
    const worker: Worker<T> =
      this.backend === 'redis'
        ? new Worker<T>(name, processor, { connection: this.redisConnection(), prefix: this.config.queuePrefix, concurrency: options.concurrency })
        : (new Worker(name, processor as Processor, { connection: this.postgresConnection(Math.min(options.concurrency + 1, 10)), concurrency: options.concurrency }, createPostgresBackend) as unknown as Worker<T>);
    this.watch(`${name} worker`, worker as Worker);
    this.workers.push(worker as Worker);
    return worker;
  }

  /** Every declared queue, opened (the dashboard shows these). */
  all(): Queue[] {
    return [...this.declared.keys()].sort().map((name) => this.queue(name));
  }

  /** Job counts per state of every declared queue. */
  async counts(): Promise<QueueCounts[]> {
    return Promise.all(this.all().map(async (q) => ({ queue: q.name, counts: await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized') })));
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.splice(0).map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }

  private watch(name: string, emitter: { on(event: 'error', listener: (error: Error) => void): unknown }): void {
    emitter.on('error', (error: Error) => {
      const now = Date.now();
      if (now - (this.lastLogged.get(name) ?? 0) >= 60_000) {
        this.lastLogged.set(name, now);
        this.logger.error(`queue ${name} (${this.describe()}): ${error.message}`);
      }
    });
  }

  private redisConnection(): { url: string; maxRetriesPerRequest: null } {
    return { url: this.config.redisUrl ?? '', maxRetriesPerRequest: null };
  }

  /** BullMQ owns its schema and versions it itself (`migrate: true`, under its own advisory lock); ours stay in migrations/. */
  private postgresConnection(max: number): { connectionString: string; schema: string; max: number; migrate: true } {
    if (this.config.databaseUrl === undefined) {
      throw new Error('DATABASE_URL is required for the PostgreSQL queue backend');
    }
    return { connectionString: this.config.databaseUrl, schema: PG_QUEUE_SCHEMA, max, migrate: true };
  }
}
