import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { verifyWebhookSignature } from '../src/reminders/channels/webhook-sender';
import { ADDRESS_GONE, ReminderDeliveryService } from '../src/reminders/reminder-delivery.service';
import { ReminderScanService } from '../src/reminders/reminder-scan.service';
import { ReminderWorkers } from '../src/reminders/reminder-workers';
import { addMilestone, createObligation, createProduct } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';
import { waitUntil } from './wait';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface DeliveryRow {
  id: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_to: string | null;
  message_id: string | null;
}

/** A webhook receiver: `/flaky` answers 503 twice then 204; `/broken` answers 500 until `fixed`. */
function startReceiver(): Promise<{ server: Server; url: string; received: Received[]; fix: () => void }> {
  const received: Received[] = [];
  let flakyCalls = 0;
  let fixed = false;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url === '/flaky') {
        flakyCalls += 1;
        res.statusCode = flakyCalls <= 2 ? 503 : 204;
      } else {
        res.statusCode = fixed ? 200 : 500;
      }
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, fix: () => (fixed = true) }),
    ),
  );
}

function startSmtp(): Promise<{ server: SMTPServer; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.server.address() as AddressInfo).port, messages })));
}

describe('reminders by e-mail and webhook', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let second: SignedInUser;

  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startReceiver();
    t = await createTestApp({
      today: '2025-11-01',
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'CMA tracker <reminders@tracker.example>', DELIVERY_RETRY_BASE_MS: '50', DELIVERY_ATTEMPTS: '3' },
    });
    second = await t.signIn('regulatory', { username: 'ra-second' });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  it('should refuse an address that is not one, naming the field', async () => {
    const bad = await t.http().post('/api/me/notification-channels').send({ channel: 'email', address: 'not-an-address' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('address');
    await t.http().post('/api/me/notification-channels').send({ channel: 'webhook', address: 'ftp://example.org/hook' }).expect(400);
    const credentials = await t.http().post('/api/me/notification-channels').send({ channel: 'webhook', address: 'https://user:pw@example.org/hook' }).expect(400);
    expect(JSON.stringify(credentials.body)).not.toContain('pw@');
  });

  it('should e-mail and post each reminder once per address, retry a failing webhook under the same delivery id, and keep failures visible and replayable', async () => {
    const email = await t.http().post('/api/me/notification-channels').send({ channel: 'email', address: 'RA.Lead@Example.org' }).expect(201);
    expect(email.body).toMatchObject({ channel: 'email', address: 'ra.lead@example.org', enabled: true });
    expect(email.body.secret).toBeUndefined();
    await t.http().post('/api/me/notification-channels').send({ channel: 'email', address: 'ra.lead@example.org' }).expect(409);
    const flaky = await t.http().post('/api/me/notification-channels').send({ channel: 'webhook', address: `${receiver.url}/flaky`, label: 'chat relay' }).expect(201);
    const secret = flaky.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect((await t.http().get('/api/me/notification-channels').expect(200)).body.map((c: { secret?: string }) => c.secret)).toEqual([undefined, undefined]);
    await second.http().post('/api/me/notification-channels').send({ channel: 'webhook', address: `${receiver.url}/broken` }).expect(201);

    const product = await createProduct(t, {}, { notifiedOn: '2025-10-01' });
    const obligation = await createObligation(t, product.name);
    const milestoneId = (await addMilestone(t, obligation.id as string, { dueDate: '2025-11-08' })).id as string;
    const report = await t.app.get(ReminderScanService).scan('2025-11-01');
    // Two inboxes, one e-mail, two webhooks.
    expect(report.enqueued).toBe(5);

    const workers = t.app.get(ReminderWorkers);
    await workers.start({ scanEveryMs: 3_600_000 });
    const rows = (): Promise<DeliveryRow[]> =>
      t.dataSource.query<DeliveryRow[]>(`SELECT id, channel, recipient, status, attempts, last_error, sent_to, message_id FROM reminder_delivery WHERE deadline_id = $1 ORDER BY channel, recipient`, [milestoneId]);
    try {
      const settled = await waitUntil(rows, (r) => r.every((d) => d.status !== 'pending'));
      const byChannel = (channel: string, status: string): DeliveryRow[] => settled.filter((d) => d.channel === channel && d.status === status);
      expect(byChannel('in-app', 'delivered')).toHaveLength(2);
      expect(byChannel('email', 'delivered')).toHaveLength(1);
      expect(byChannel('webhook', 'delivered')).toEqual([expect.objectContaining({ attempts: 3, sent_to: `${receiver.url}/flaky`, message_id: 'HTTP 204' })]);
      const [failed] = byChannel('webhook', 'failed');
      expect(failed).toMatchObject({ attempts: 3, last_error: 'webhook answered 500 Internal Server Error' });

      // The e-mail: right subject and body, Message-ID built from the delivery id.
      const [mailRow] = byChannel('email', 'delivered');
      expect(smtp.messages).toHaveLength(1);
      const mail = await PostalMime.parse(smtp.messages[0] ?? '');
      expect(mail.subject).toBe(`[${product.name}] Interim report — due in 7 days`);
      expect(mail.text).toContain('Due date: 2025-11-08 (due in 7 days).');
      expect(mail.to?.[0]?.address).toBe('ra.lead@example.org');
      expect(mail.messageId).toBe(`<${mailRow?.id ?? ''}@tracker.example>`);
      expect(mailRow?.message_id).toBe(mail.messageId);

      // The flaky webhook: three attempts, one delivery id, each signed over its exact body.
      const attempts = receiver.received.filter((r) => r.path === '/flaky');
      expect(attempts).toHaveLength(3);
      const [hookRow] = byChannel('webhook', 'delivered');
      expect(new Set(attempts.map((a) => a.headers['x-delivery-id']))).toEqual(new Set([hookRow?.id]));
      for (const attempt of attempts) {
        const timestamp = Number(attempt.headers['x-webhook-timestamp']);
        expect(verifyWebhookSignature(secret, String(attempt.headers['x-webhook-signature-256']), timestamp, attempt.body, timestamp)).toBe(true);
      }
      expect(JSON.parse(attempts[0]?.body ?? '{}')).toMatchObject({ id: hookRow?.id, event: 'reminder', data: { deadline: { id: milestoneId, dueDate: '2025-11-08' }, step: 'before-7', escalation: false } });

      // The failure is visible to its owner and to administrators, not to others.
      const mine = await second.http().get('/api/reminder-deliveries').query({ status: 'failed' }).expect(200);
      expect(mine.body).toEqual([expect.objectContaining({ id: failed?.id, attempts: 3, lastError: 'webhook answered 500 Internal Server Error' })]);
      expect((await t.http().get('/api/reminder-deliveries').query({ status: 'failed' }).expect(200)).body).toEqual([]);
      const admin = await t.signIn('admin');
      expect((await admin.http().get('/api/reminder-deliveries').query({ status: 'failed', channel: 'webhook' }).expect(200)).body).toHaveLength(1);
      await t.http().post(`/api/reminder-deliveries/${failed?.id ?? ''}/replay`).send({ reason: 'not mine' }).expect(404);
      await admin.http().post(`/api/reminder-deliveries/${hookRow?.id ?? ''}/replay`).send({ reason: 'again' }).expect(409);

      // Replayed once the receiver is fixed: same delivery id, delivered, with an audit row.
      receiver.fix();
      await second.http().post(`/api/reminder-deliveries/${failed?.id ?? ''}/replay`).send({ reason: 'endpoint fixed' }).expect(202);
      const after = await waitUntil(rows, (r) => r.find((d) => d.id === failed?.id)?.status === 'delivered');
      expect(after.find((d) => d.id === failed?.id)).toMatchObject({ status: 'delivered', attempts: 4 });
      expect(receiver.received.filter((r) => r.path === '/broken').map((r) => r.headers['x-delivery-id'])).toEqual([failed?.id, failed?.id, failed?.id, failed?.id]);
      const audit = await t.dataSource.query<{ action: string; reason: string }[]>(`SELECT action, reason FROM audit_entry WHERE entity_type = 'reminder-delivery' AND entity_id = $1`, [failed?.id]);
      expect(audit).toEqual([{ action: 'replay', reason: 'endpoint fixed' }]);
    } finally {
      await workers.onModuleDestroy();
    }
  });

  it('should cancel a pending e-mail whose address was paused, and plan none for it afterwards', async () => {
    const [channel] = (await t.http().get('/api/me/notification-channels').expect(200)).body as { id: string; channel: string }[];
    expect(channel?.channel).toBe('email');
    const product = await createProduct(t, {}, { notifiedOn: '2025-10-01' });
    const obligation = await createObligation(t, product.name);
    const milestoneId = (await addMilestone(t, obligation.id as string, { dueDate: '2025-11-15' })).id as string;
    await t.app.get(ReminderScanService).scan('2025-11-08');
    const [pending] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM reminder_delivery WHERE deadline_id = $1 AND channel = 'email' AND status = 'pending'`, [milestoneId]);
    await t.http().patch(`/api/me/notification-channels/${channel?.id ?? ''}`).send({ enabled: false }).expect(200);
    expect(await t.app.get(ReminderDeliveryService).deliverOutside(pending?.id ?? '', false)).toBe('cancelled');
    const [row] = await t.dataSource.query<{ status: string; last_error: string }[]>(`SELECT status, last_error FROM reminder_delivery WHERE id = $1`, [pending?.id]);
    expect(row).toEqual({ status: 'cancelled', last_error: ADDRESS_GONE });
    await t.app.get(ReminderScanService).scan('2025-11-14');
    const emails = await t.dataSource.query<{ step: string }[]>(`SELECT step FROM reminder_delivery WHERE deadline_id = $1 AND channel = 'email'`, [milestoneId]);
    expect(emails).toEqual([{ step: 'before-7' }]);
    await second.http().delete(`/api/me/notification-channels/${channel?.id ?? ''}`).expect(404);
    await t.http().delete(`/api/me/notification-channels/${channel?.id ?? ''}`).expect(204);
  });
});
