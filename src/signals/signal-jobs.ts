import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { Actor } from '../common/actor';
import { JobQueues } from '../common/job-queues';
import { DisproportionalityRunsService, type DisproportionalityRunView, type RunRequest } from './disproportionality-runs.service';

/** The queue's name is stored in Redis/PostgreSQL: do not rename. */
export const SIGNAL_QUEUE = 'signal-detection';
const RUN_JOB = 'disproportionality';
type RunJob = { runId: string; actor: Actor };

/**
 * Whole-database disproportionality runs as BullMQ jobs: the request records the run and returns at once;
 * a worker computes it (one at a time per worker: a run uses a connection and a good part of a core).
 */
@Injectable()
export class SignalJobs {
  private readonly logger = new Logger(SignalJobs.name);

  constructor(
    private readonly queues: JobQueues,
    private readonly runs: DisproportionalityRunsService,
  ) {
    queues.declare(SIGNAL_QUEUE, { removeOnComplete: { count: 200 }, removeOnFail: { count: 500 }, attempts: 1 });
  }

  /** Records the run and queues it; its row shows "running" until the worker is done. */
  async enqueue(actor: Actor, request: RunRequest): Promise<DisproportionalityRunView> {
    const run = await this.runs.start(actor, request, 'job');
    await this.queues.queue<RunJob>(SIGNAL_QUEUE).add(RUN_JOB, { runId: run.id, actor }, { jobId: `run-${run.id}` });
    return run;
  }

  start(): void {
    const worker = this.queues.worker<RunJob>(SIGNAL_QUEUE, (job: Job<RunJob>) => this.runs.compute(job.data.actor, job.data.runId), { concurrency: 1 });
    worker.on('failed', (job, error) => this.logger.warn(`signal-detection job ${job?.id ?? '?'} failed: ${error.message}`));
  }
}
