import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ReminderDeliveryService } from '../../src/reminders/reminder-delivery.service';
import { ReminderScanService } from '../../src/reminders/reminder-scan.service';
import type { SignedInUser } from '../test-app';
import { DEMO_TODAY } from './demo-template';
import { credentials, useWebApp, waitUntil } from './harness';

/**
 * Every main page opens on the demo data and shows its heading; a screenshot of each is written to
 * test-results/screenshots, or to docs/screenshots with `npm run screenshots` (SCREENSHOTS_DIR), which the
 * README shows.
 */
const DIR = resolve(process.env.SCREENSHOTS_DIR ?? join('test-results', 'screenshots'));

const PAGES: { file: string; role: 'regulatory' | 'admin' | 'safety'; path: string; heading: string | RegExp }[] = [
  { file: 'dashboard', role: 'regulatory', path: '/', heading: 'Dashboard' },
  { file: 'deadlines', role: 'regulatory', path: '/deadlines?withinDays=365', heading: 'Deadlines' },
  { file: 'products', role: 'regulatory', path: '/products', heading: 'Products' },
  { file: 'product', role: 'regulatory', path: '/products/Hemgenix', heading: /Hemgenix/ },
  { file: 'timeline', role: 'regulatory', path: '/timeline', heading: 'Timeline' },
  { file: 'inbox', role: 'regulatory', path: '/inbox', heading: 'Inbox' },
  { file: 'audit-trail', role: 'regulatory', path: '/audit', heading: 'Audit trail' },
  { file: 'profile', role: 'regulatory', path: '/profile', heading: 'Your profile' },
  { file: 'e2b-exchange', role: 'regulatory', path: '/e2b', heading: 'E2B exchange' },
  { file: 'reference-safety', role: 'regulatory', path: '/products/Zemcelpro/reference-safety', heading: /Reference safety information/ },
  { file: 'exposure', role: 'regulatory', path: '/products/Zemcelpro/exposure', heading: /Exposure/ },
  { file: 'periodic-outputs', role: 'regulatory', path: '/periodic-outputs?product=Zemcelpro', heading: 'Periodic outputs' },
  { file: 'meddra', role: 'regulatory', path: '/meddra', heading: 'MedDRA' },
  { file: 'accounts', role: 'admin', path: '/admin/accounts', heading: /Accounts/ },
  { file: 'cases', role: 'safety', path: '/cases?serious=true', heading: 'Cases' },
  { file: 'log-a-case', role: 'safety', path: '/cases/new', heading: 'Log a case' },
];

describe('main pages (screenshots)', () => {
  const web = useWebApp({ demo: true, dossierWorker: true });

  /** A renewal dossier of Hemgenix built through the API (the demo has none), for its pages. */
  async function buildDossier(user: SignedInUser): Promise<string> {
    const { dataLockPoint } = (await user.http().get('/api/products/Hemgenix/dossier-suggestion').expect(200)).body as { dataLockPoint: string };
    const accepted = (await user.http().post('/api/products/Hemgenix/dossiers').send({ dataLockPoint, benefitRisk: 'The benefit–risk balance remains positive.' }).expect(202)).body as { id: string };
    let build: { status: string; version: { id: string } | null } = { status: 'queued', version: null };
    await waitUntil(async () => {
      build = (await user.http().get(`/api/dossier-builds/${accepted.id}`).expect(200)).body as typeof build;
      return build.status === 'done' || build.status === 'failed';
    }, 60_000);
    if (build.version === null) {
      throw new Error(`the demo dossier build ended ${build.status}`);
    }
    return build.version.id;
  }

  /** A frequency run of Zemcelpro (the demo template has none; its unlisted terms raise alerts) and one alert validated into a signal. */
  async function validateAlert(user: SignedInUser): Promise<string> {
    await user.http().post('/api/frequency-runs').send({ product: 'Zemcelpro', dataLockPoint: DEMO_TODAY }).expect(201);
    const alerts = (await user.http().get('/api/alerts').query({ status: 'new' }).expect(200)).body as { id: string }[];
    const signal = (await user.http().post(`/api/alerts/${alerts[0]?.id ?? ''}/validation`).send({ reason: 'Unlisted and serious: to analyse' }).expect(201)).body as { id: string };
    return signal.id;
  }

  it('should open every main page on the demo data and write its screenshot', async () => {
    mkdirSync(DIR, { recursive: true });
    const users = {
      regulatory: await web().t.signIn('regulatory', { username: 'shot-regulatory' }),
      admin: await web().t.signIn('admin', { username: 'shot-admin' }),
      safety: await web().t.signIn('safety', { username: 'shot-safety' }),
    };
    // The inbox with the reminders of the demo's today, as the scan and the in-app delivery write them.
    await web().t.app.get(ReminderScanService).scan(DEMO_TODAY);
    const pending = await web().t.dataSource.query<{ id: string }[]>(`SELECT id FROM reminder_delivery WHERE channel = 'in-app' AND status = 'pending' AND recipient = $1`, [`user:${users.regulatory.id}`]);
    await web().t.app.get(ReminderDeliveryService).deliverInboxBatch(pending.map((p) => p.id));
    const dossier = await buildDossier(users.regulatory);
    // The case page of the demo's newest serious case.
    const [newest] = ((await users.safety.http().get('/api/safety-cases').query({ serious: true, limit: 1 }).expect(200)).body as { cases: { safetyReportId: string }[] }).cases;
    expect(newest).toBeDefined();
    const signal = await validateAlert(users.safety);
    const pages: typeof PAGES = [
      ...PAGES,
      { file: 'dossiers', role: 'regulatory', path: '/products/Hemgenix/dossiers', heading: /Renewal dossier/ },
      { file: 'dossier', role: 'regulatory', path: `/dossiers/${dossier}`, heading: /Renewal dossier version 1/ },
      { file: 'case', role: 'safety', path: `/cases/${newest?.safetyReportId ?? ''}`, heading: `Case ${newest?.safetyReportId ?? ''}` },
      { file: 'safety-picture', role: 'safety', path: '/products/Zemcelpro/safety', heading: 'Safety picture of Zemcelpro' },
      { file: 'signals', role: 'safety', path: '/signals', heading: 'Alerts and signals' },
      { file: 'signal', role: 'safety', path: `/signals/${signal}`, heading: /^Signal: / },
    ];
    const sessions: Partial<Record<keyof typeof users, { token: string }>> = {};
    for (const { file, role, path, heading } of pages) {
      // One browser session per account for every page: a dozen sign-ins in a few seconds would meet the rate limit.
      sessions[role] ??= await web().browserSession(credentials(users[role]));
      const page = await web().open({ session: sessions[role], path });
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      // A page that loads in two steps (the safety picture: its runs, then the run) is ready once nothing says "Loading".
      await page.getByRole('status').filter({ hasText: /^Loading / }).first().waitFor({ state: 'detached' });
      await page.screenshot({ path: join(DIR, `${file}.png`) });
      await page.context().close();
    }
    // One test over every page: a dozen pages on a loaded 2-core machine take longer than one test usually may.
  }, 300_000);
});
