import { JobQueues, QueueBackend, QueueCounts } from '../common/job-queues';
import { QueuesUnreachableError } from './queues.errors';

/** How long GET /health waits for the job counts before reporting the queues unreachable. */
export const HEALTH_COUNT_TIMEOUT_MS = 1000;
/** How long GET /api/queues waits for the job counts before answering 503. */
export const API_COUNT_TIMEOUT_MS = 5000;

/** The answer of GET /api/queues: where the jobs live and how many are in each state, per queue. */
export interface QueuesOverview {
  backend: QueueBackend;
  where: string;
  queues: QueueCounts[];
}

/** The queues' entry under `services` of GET /health (public: totals only; per-queue counts are at GET /api/queues). */
export type QueuesHealth = { status: 'up'; backend: QueueBackend; jobs: { waiting: number; active: number; delayed: number; failed: number } } | { status: 'unreachable'; backend: QueueBackend };

/**
 * Job counts of every declared queue, or QueuesUnreachableError after `timeoutMs`: BullMQ's connections
 * wait for Redis indefinitely, so an unbounded count would hang the caller while Redis is down.
 */
export async function countsWithin(queues: JobQueues, timeoutMs: number): Promise<QueueCounts[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueuesUnreachableError(queues.describe(), timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([queues.counts(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /api/queues: backend, where (no credentials) and the counts; 503 when they take too long. */
export async function queuesOverview(queues: JobQueues): Promise<QueuesOverview> {
  return { backend: queues.backend, where: queues.describe(), queues: await countsWithin(queues, API_COUNT_TIMEOUT_MS) };
}

/**
 * The queues for GET /health: 'unreachable' at once when Redis is already known to be down (no new
 * connections opened), when counting fails, or when it takes longer than HEALTH_COUNT_TIMEOUT_MS.
 */
export async function queuesHealth(queues: JobQueues, redisDown: boolean): Promise<QueuesHealth> {
  const backend = queues.backend;
  if (redisDown && backend === 'redis') {
    return { status: 'unreachable', backend };
  }
  try {
    const counts = await countsWithin(queues, HEALTH_COUNT_TIMEOUT_MS);
    const total = (state: 'waiting' | 'active' | 'delayed' | 'failed'): number => counts.reduce((sum, q) => sum + (q.counts[state] ?? 0), 0);
    return { status: 'up', backend, jobs: { waiting: total('waiting') + counts.reduce((sum, q) => sum + (q.counts.prioritized ?? 0), 0), active: total('active'), delayed: total('delayed'), failed: total('failed') } };
  } catch {
    return { status: 'unreachable', backend };
  }
}
