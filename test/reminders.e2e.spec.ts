import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../src/config/app.config';
import { inboxBatchJobId, REMINDER_QUEUES } from '../src/reminders/reminder-queue';
import { ReminderDeliveryService } from '../src/reminders/reminder-delivery.service';
import { REQUEUE_AFTER_MINUTES, ReminderScanService } from '../src/reminders/reminder-scan.service';
import { ReminderWorkers } from '../src/reminders/reminder-workers';
import { runCliCaptured } from './cli-run';
import { addMilestone, createObligation, createProduct } from './factories';
import { createTestApp, TestApp } from './test-app';
import { waitUntil } from './wait';
import { REDIS_URL } from './test-env';

interface DeliveryRow {
  id: string;
  step: string;
  due_date: string;
  status: string;
  late: boolean;
  send_on: string;
}

describe('reminders: scan, record once, queue', () => {
  let t: TestApp;
  let scanner: ReminderScanService;
  let config: AppConfig;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp({ today: '2025-11-01' });
    scanner = t.app.get(ReminderScanService);
    config = t.app.get<AppConfig>(APP_CONFIG);
    queue = new Queue(REMINDER_QUEUES['in-app'], { connection: { url: REDIS_URL }, prefix: config.queuePrefix });
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
  });

  async function newMilestone(dueDate: string): Promise<string> {
    // Notified long ago and far from the test dates, so the product's own renewal and PSUR milestones stay quiet.
    const product = await createProduct(t, {}, { notifiedOn: '2015-01-10' });
    const obligation = await createObligation(t, product.name);
    return (await addMilestone(t, obligation.id as string, { dueDate })).id as string;
  }

  /** The queued in-app group job that carries a delivery. */
  async function inboxJobOf(deliveryId: string): Promise<{ id?: string; data: { deliveryIds: string[] } } | undefined> {
    const jobs = (await queue.getJobs(['waiting', 'delayed', 'prioritized'])) as { id?: string; data: { deliveryIds?: string[] } }[];
    const job = jobs.find((j) => j.data.deliveryIds?.includes(deliveryId) === true);
    return job === undefined ? undefined : { id: job.id, data: { deliveryIds: job.data.deliveryIds ?? [] } };
  }

  function deliveries(milestoneId: string): Promise<DeliveryRow[]> {
    return t.dataSource.query<DeliveryRow[]>(`SELECT id, step, due_date, status, late, send_on FROM reminder_delivery WHERE deadline_id = $1 ORDER BY created_at, step`, [milestoneId]);
  }

  it('should fire each offset once, then escalate daily, when scanned every day', async () => {
    const id = await newMilestone('2026-01-31');
    for (let day = Date.parse('2025-11-25'); day <= Date.parse('2026-02-03'); day += 86_400_000) {
      const asOf = new Date(day).toISOString().slice(0, 10);
      await scanner.scan(asOf);
    }
    const rows = await deliveries(id);
    expect(rows.map((r) => `${r.step}@${r.send_on}`)).toEqual([
      'before-60@2025-12-02',
      'before-30@2026-01-01',
      'before-14@2026-01-17',
      'before-7@2026-01-24',
      'before-1@2026-01-30',
      'overdue-1@2026-02-01',
      'overdue-2@2026-02-02',
      'overdue-3@2026-02-03',
    ]);
    expect(rows.every((r) => !r.late)).toBe(true);
  });

  it('should queue nothing new when the same day is scanned again, and say how much was already planned', async () => {
    await newMilestone('2026-03-31');
    const first = await scanner.scan('2026-03-01');
    const second = await scanner.scan('2026-03-01');
    expect(first.enqueued).toBeGreaterThan(0);
    expect(second).toMatchObject({ enqueued: 0, alreadyPlanned: first.enqueued + first.alreadyPlanned });
  });

  it('should queue each delivery under a deterministic job id', async () => {
    const id = await newMilestone('2026-04-30');
    await scanner.scan('2026-04-23');
    const [row] = await deliveries(id);
    expect(row).toMatchObject({ step: 'before-7', status: 'pending' });
    const job = await inboxJobOf(row?.id ?? '');
    expect(job?.id).toBe(inboxBatchJobId(job?.data.deliveryIds ?? []));
  });

  it('should send a missed reminder once, late, after the service was down', async () => {
    const id = await newMilestone('2026-05-31');
    await scanner.scan('2026-05-27');
    const rows = await deliveries(id);
    expect(rows).toEqual([expect.objectContaining({ step: 'before-7', send_on: '2026-05-24', late: true })]);
  });

  it('should re-plan a moved due date: cancel what is pending for the old date, plan for the new one', async () => {
    const id = await newMilestone('2026-06-30');
    await scanner.scan('2026-06-23');
    await t.http().post(`/api/milestones/${id}/due-date`).send({ dueDate: '2026-07-31', reason: 'extension agreed', changeSource: 'variation', procedureRef: 'EMEA/H/C/000001/II/0009' }).expect(201);
    const report = await scanner.scan('2026-07-01');
    expect(report.cancelled).toBeGreaterThanOrEqual(1);
    const rows = await deliveries(id);
    expect(rows.map((r) => [r.step, r.due_date, r.status])).toEqual([
      ['before-7', '2026-06-30', 'cancelled'],
      ['before-30', '2026-07-31', 'pending'],
    ]);
  });

  it('should cancel pending reminders once the work is done, and plan no more', async () => {
    const id = await newMilestone('2026-08-31');
    await scanner.scan('2026-08-24');
    t.clock.set('2026-08-25');
    await t.http().patch(`/api/milestones/${id}/status`).send({ status: 'submitted', submittedOn: '2026-08-25', ectdType: 'pam-sob' }).expect(200);
    await scanner.scan('2026-08-30');
    expect((await deliveries(id)).map((r) => [r.step, r.status])).toEqual([['before-7', 'cancelled']]);
  });

  it('should record each reminder once when two scans run at the same time', async () => {
    const ids = await Promise.all(['2026-09-30', '2026-09-29', '2026-09-28'].map((due) => newMilestone(due)));
    const [a, b] = await Promise.all([scanner.scan('2026-09-23'), scanner.scan('2026-09-23')]);
    const rows = (await Promise.all(ids.map((id) => deliveries(id)))).flat();
    expect(rows).toHaveLength(3);
    expect((a?.enqueued ?? 0) + (b?.enqueued ?? 0)).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
  });

  it('should rebuild the queue from PostgreSQL after Redis lost it', async () => {
    const id = await newMilestone('2026-10-31');
    await scanner.scan('2026-10-24');
    const [row] = await deliveries(id);
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${config.queuePrefix}:${REMINDER_QUEUES['in-app']}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    expect(await inboxJobOf(row?.id ?? '')).toBeUndefined();
    // Queued moments ago: a scan now leaves it to the workers; once it has waited too long, it is offered again.
    expect((await scanner.scan('2026-10-24')).requeued).toBe(0);
    t.clock.advanceMinutes(REQUEUE_AFTER_MINUTES + 1);
    const report = await scanner.scan('2026-10-24');
    expect(report.enqueued).toBe(0);
    expect(report.requeued).toBeGreaterThanOrEqual(1);
    expect((await inboxJobOf(row?.id ?? ''))?.data.deliveryIds).toContain(row?.id);
  });

  it('should escalate an unmet deadline to its owner and the escalation role, daily, until it is met', async () => {
    const admin = await t.signIn('admin', { username: 'escalation-admin' });
    const owner = await t.signIn('safety', { username: 'owner-safety' });
    const product = await createProduct(t, {}, { notifiedOn: '2015-01-10' });
    const obligation = await createObligation(t, product.name);
    const id = (await addMilestone(t, obligation.id as string, { dueDate: '2026-11-30', owner: 'owner-safety' })).id as string;
    await scanner.scan('2026-11-29');
    await scanner.scan('2026-12-01');
    await scanner.scan('2026-12-02');
    const rows = await t.dataSource.query<{ step: string; recipient: string }[]>(
      `SELECT step, recipient FROM reminder_delivery WHERE deadline_id = $1 AND channel = 'in-app' ORDER BY step, recipient`,
      [id],
    );
    const who = (step: string): string[] => rows.filter((r) => r.step === step).map((r) => r.recipient).sort();
    const users = { ra: `user:${t.user.id}`, admin: `user:${admin.id}`, owner: `user:${owner.id}` };
    // Before the date: the policy's roles and the owner; after it: the escalation role (admin) as well.
    expect(who('before-1')).toEqual([users.ra, users.owner].sort());
    expect(who('overdue-1')).toEqual([users.ra, users.admin, users.owner].sort());
    expect(who('overdue-2')).toEqual([users.ra, users.admin, users.owner].sort());
    t.clock.set('2026-12-02');
    await t.http().patch(`/api/milestones/${id}/status`).send({ status: 'submitted', submittedOn: '2026-12-02', ectdType: 'pam-sob' }).expect(200);
    await scanner.scan('2026-12-03');
    expect(await t.dataSource.query(`SELECT 1 FROM reminder_delivery WHERE deadline_id = $1 AND step = 'overdue-3'`, [id])).toEqual([]);
  });

  it('should preview what would be sent between two days without recording anything', async () => {
    const id = await newMilestone('2027-01-31');
    const before = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM reminder_delivery');
    const items = await scanner.preview('2027-01-01', '2027-02-02');
    const mine = items.filter((i) => i.deadline.id === id && i.recipient === 'user:test-regulatory');
    expect(items.filter((i) => i.deadline.id === id && i.recipient === 'user:escalation-admin').map((i) => i.offset)).toEqual(['overdue-1', 'overdue-2']);
    expect(mine.map((i) => `${i.offset}@${i.plannedSendDate}`)).toEqual(['before-30@2027-01-01', 'before-14@2027-01-17', 'before-7@2027-01-24', 'before-1@2027-01-30', 'overdue-1@2027-02-01', 'overdue-2@2027-02-02']);
    expect(mine[0]).toMatchObject({ dueDate: '2027-01-31', channel: 'in-app', recipient: 'user:test-regulatory', escalation: false });
    expect(await t.dataSource.query('SELECT count(*) AS n FROM reminder_delivery')).toEqual(before);
  });

  describe('delivery', () => {
    it('should put each reminder in the inbox exactly once, even with two workers on it at once', async () => {
      const id = await newMilestone('2027-05-31');
      await scanner.scan('2027-05-24');
      const [row] = await deliveries(id);
      t.clock.set('2027-05-24');
      const delivery = t.app.get(ReminderDeliveryService);
      const outcomes = await Promise.all([delivery.deliverToInbox(row?.id ?? ''), delivery.deliverToInbox(row?.id ?? ''), delivery.deliverToInbox(row?.id ?? '')]);
      expect(outcomes.sort()).toEqual(['delivered', 'skipped', 'skipped']);
      const inbox = await t.http().get('/api/inbox').expect(200);
      const mine = inbox.body.filter((m: { deadline: { id: string } }) => m.deadline.id === id);
      expect(mine).toHaveLength(1);
      expect(mine[0].subject).toMatch(/ — due in 7 days$/);
    });

    it('should not deliver a reminder whose deadline was met in the meantime', async () => {
      const id = await newMilestone('2027-06-30');
      await scanner.scan('2027-06-23');
      const [row] = await deliveries(id);
      t.clock.set('2027-06-24');
      await t.http().patch(`/api/milestones/${id}/status`).send({ status: 'submitted', submittedOn: '2027-06-24', ectdType: 'pam-sob' }).expect(200);
      expect(await t.app.get(ReminderDeliveryService).deliverToInbox(row?.id ?? '')).toBe('cancelled');
    });
  });

  describe('cli', () => {
    const run = (...argv: string[]) => runCliCaptured({ DATABASE_URL: t.database.url, REDIS_URL, QUEUE_PREFIX: config.queuePrefix, LOG_LEVEL: 'silent' }, ...argv);

    it('should print one JSON document per scan; the second scan of a day queues nothing', async () => {
      await newMilestone('2027-03-31');
      const first = await run('reminders', 'scan', '--as-of', '2027-03-24', '--json');
      const second = await run('reminders', 'scan', '--as-of', '2027-03-24', '--json');
      expect(first.code).toBe(0);
      const a = JSON.parse(first.stdout) as { scanned: number; enqueued: number; alreadyPlanned: number };
      const b = JSON.parse(second.stdout) as { scanned: number; enqueued: number; alreadyPlanned: number };
      expect(a.enqueued).toBeGreaterThan(0);
      expect(b).toMatchObject({ scanned: a.scanned, enqueued: 0, alreadyPlanned: a.enqueued + a.alreadyPlanned });
    });

    it('should preview as a JSON array, and refuse a bad range as a usage error', async () => {
      const result = await run('reminders', 'preview', '--from', '2027-03-01', '--to', '2027-03-31', '--json');
      expect(result.code).toBe(0);
      const items = JSON.parse(result.stdout) as { deadline: object; dueDate: string; offset: string; channel: string; recipient: string; plannedSendDate: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(Object.keys(items[0] ?? {}).sort()).toEqual(['channel', 'deadline', 'dueDate', 'escalation', 'offset', 'plannedSendDate', 'recipient']);
      const bad = await run('reminders', 'preview', '--from', '2027-03-31', '--to', '2027-03-01');
      expect(bad.code).toBe(2);
      expect((await run('reminders', 'scan', '--as-of', '2027-02-30')).code).toBe(2);
    });
  });
});

describe('reminders: the background workers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2025-11-01' });
  });
  afterAll(() => t.close());

  it('should run scans on a schedule and deliver through real BullMQ workers; the inbox counts and marks read', async () => {
    // Notified recently: the product's own renewal and PSUR dates are months away, so only this milestone is due.
    const product = await createProduct(t, {}, { notifiedOn: '2025-10-01' });
    const obligation = await createObligation(t, product.name);
    const id = (await addMilestone(t, obligation.id as string, { dueDate: '2025-11-08' })).id as string;
    const workers = t.app.get(ReminderWorkers);
    await workers.start({ scanEveryMs: 200 });
    try {
      const rows = await waitUntil(
        () => t.dataSource.query<{ step: string; status: string }[]>(`SELECT step, status FROM reminder_delivery WHERE deadline_id = $1`, [id]),
        (r) => r[0]?.status === 'delivered',
        15_000,
      );
      expect(rows).toEqual([{ step: 'before-7', status: 'delivered' }]);
    } finally {
      await workers.onModuleDestroy();
    }
    expect((await t.http().get('/api/inbox/unread-count').expect(200)).body).toEqual({ unread: 1 });
    const [message] = (await t.http().get('/api/inbox').query({ unread: true }).expect(200)).body as { id: string; subject: string }[];
    expect(message?.subject).toBe(`[${product.name}] Interim report — due in 7 days`);
    await t.http().post(`/api/inbox/${message?.id ?? ''}/read`).expect(204);
    expect((await t.http().get('/api/inbox/unread-count').expect(200)).body).toEqual({ unread: 0 });
    const other = await t.signIn('viewer');
    await other.http().post(`/api/inbox/${message?.id ?? ''}/read`).expect(404);
  });
});
