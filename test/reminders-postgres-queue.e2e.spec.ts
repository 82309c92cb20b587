import { JobQueues, PG_QUEUE_SCHEMA } from '../src/common/job-queues';
import { ReminderWorkers } from '../src/reminders/reminder-workers';
import { addMilestone, createObligation, createProduct } from './factories';
import { createTestApp, TestApp } from './test-app';
import { waitUntil } from './wait';

/** The self-contained demo's path: with REDIS_URL unset, BullMQ runs on its PostgreSQL backend. */
describe('reminders without Redis: BullMQ on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2025-11-01', env: { REDIS_URL: '' } });
  });
  afterAll(() => t.close());

  it('should schedule the scan and deliver to the inbox through queues kept in PostgreSQL', async () => {
    expect(t.app.get(JobQueues).backend).toBe('postgres');
    const product = await createProduct(t, {}, { notifiedOn: '2025-10-01' });
    const obligation = await createObligation(t, product.name);
    const id = (await addMilestone(t, obligation.id as string, { dueDate: '2025-11-08' })).id as string;
    const workers = t.app.get(ReminderWorkers);
    await workers.start({ scanEveryMs: 300 });
    try {
      const rows = await waitUntil(
        () => t.dataSource.query<{ step: string; status: string }[]>(`SELECT step, status FROM reminder_delivery WHERE deadline_id = $1`, [id]),
        (r) => r[0]?.status === 'delivered',
        20_000,
      );
      expect(rows).toEqual([{ step: 'before-7', status: 'delivered' }]);
    } finally {
      await workers.onModuleDestroy();
    }
    const [schema] = await t.dataSource.query<{ tables: string }[]>(`SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = $1`, [PG_QUEUE_SCHEMA]);
    expect(Number(schema?.tables)).toBeGreaterThan(0);
    const counts = await t.app.get(JobQueues).counts();
    expect(counts.find((c) => c.queue === 'reminder-inbox')?.counts.completed).toBeGreaterThanOrEqual(1);
    expect((await t.http().get('/api/inbox/unread-count').expect(200)).body).toEqual({ unread: 1 });
  });
});
