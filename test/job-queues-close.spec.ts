import { randomBytes } from 'node:crypto';
import { JobQueues } from '../src/common/job-queues';
import { loadConfig } from '../src/config/app.config';
import { REDIS_URL } from './test-env';

/**
 * Once the job queues close (the process shutting down), no queue or worker is opened any more: one opened then
 * would never be closed, and its connections would outlive the shutdown (a database stopped after the
 * application then logs them as errors).
 */
describe('job queues at shutdown', () => {
  it('closes what it opened and refuses to open a queue or a worker afterwards', async () => {
    const queues = new JobQueues(loadConfig({ REDIS_URL, QUEUE_PREFIX: `test-close-${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'silent' }));
    queues.declare('close-test');
    const queue = queues.queue('close-test');
    await queue.waitUntilReady();
    await queues.onModuleDestroy();
    expect(() => queues.queue('close-test')).toThrow('queue close-test: the job queues are closing (the process is shutting down)');
    expect(() => queues.worker('close-test', () => Promise.resolve(undefined), { concurrency: 1 })).toThrow(/the job queues are closing/);
  });
});
