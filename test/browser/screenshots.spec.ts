import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { credentials, useWebApp } from './harness';

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
  { file: 'audit-trail', role: 'regulatory', path: '/audit', heading: 'Audit trail' },
  { file: 'profile', role: 'regulatory', path: '/profile', heading: 'Your profile' },
  { file: 'accounts', role: 'admin', path: '/admin/accounts', heading: /Accounts/ },
  { file: 'cases', role: 'safety', path: '/cases?serious=true', heading: 'Cases' },
  { file: 'log-a-case', role: 'safety', path: '/cases/new', heading: 'Log a case' },
];

describe('main pages (screenshots)', () => {
  const web = useWebApp({ demo: true });

  it('should open every main page on the demo data and write its screenshot', async () => {
    mkdirSync(DIR, { recursive: true });
    const users = {
      regulatory: await web().t.signIn('regulatory', { username: 'shot-regulatory' }),
      admin: await web().t.signIn('admin', { username: 'shot-admin' }),
      safety: await web().t.signIn('safety', { username: 'shot-safety' }),
    };
    // The case page of the demo's newest serious case.
    const [newest] = ((await users.safety.http().get('/api/safety-cases').query({ serious: true, limit: 1 }).expect(200)).body as { cases: { safetyReportId: string }[] }).cases;
    const pages = newest === undefined ? PAGES : [...PAGES, { file: 'case', role: 'safety' as const, path: `/cases/${newest.safetyReportId}`, heading: `Case ${newest.safetyReportId}` }];
    expect(pages.length).toBe(PAGES.length + 1);
    for (const { file, role, path, heading } of pages) {
      const page = await web().open({ as: credentials(users[role]), path });
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(DIR, `${file}.png`) });
      await page.context().close();
    }
    // One test over every page: ten pages on a loaded 2-core machine take longer than one test usually may.
  }, 180_000);
});
