import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { Actor } from '../common/actor';
import { JobQueues } from '../common/job-queues';
import type { DossierRequest } from './dossier-collector';
import { type DossierBuildView, DossierService } from './dossier.service';

/** The queue's name is stored in Redis/PostgreSQL: do not rename. */
export const DOSSIER_QUEUE = 'renewal-dossier';
const BUILD_JOB = 'build';
type BuildJob = { buildId: string; actor: Actor };

/**
 * Renewal dossiers are built as BullMQ jobs (a large product must not time out an HTTP request): the request
 * records the build as queued and returns; a worker builds it, reporting each step as the job's progress and
 * in the build's row (queued, collecting, rendering, done, or failed with the reason).
 */
@Injectable()
export class DossierJobs {
  private readonly logger = new Logger(DossierJobs.name);

  constructor(
    private readonly queues: JobQueues,
    private readonly dossiers: DossierService,
  ) {
    queues.declare(DOSSIER_QUEUE, { removeOnComplete: { count: 200 }, removeOnFail: { count: 500 }, attempts: 1 });
  }

  async enqueue(actor: Actor, request: DossierRequest): Promise<DossierBuildView> {
    const build = await this.dossiers.request(actor, request);
    await this.queues.queue<BuildJob>(DOSSIER_QUEUE).add(BUILD_JOB, { buildId: build.id, actor }, { jobId: `dossier-${build.id}` });
    return build;
  }

  start(): void {
    const worker = this.queues.worker<BuildJob>(DOSSIER_QUEUE, (job: Job<BuildJob>) => this.dossiers.run(job.data.actor, job.data.buildId, (status) => job.updateProgress({ status })), { concurrency: 1 });
    worker.on('failed', (job, error) => this.logger.warn(`renewal-dossier job ${job?.id ?? '?'} failed: ${error.message}`));
  }
}
