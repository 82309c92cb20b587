import type { Page } from 'playwright-core';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

/** The number a dashboard count link shows, found by its accessible name ("3 overdue deadlines") once loaded. */
async function count(page: Page, label: string): Promise<string> {
  const link = page.getByRole('link', { name: new RegExp(`^\\d+\\+? ${label}$`) });
  await link.waitFor();
  return (await link.innerText()).split(/\s/)[0] ?? '';
}

describe('dashboard', () => {
  const web = useWebApp({ demo: true });

  it('should show the counts the API gives the same user, each linking to the list it counts', async () => {
    const user = await web().t.signIn('regulatory', { username: 'dash-regulatory' });
    const api = user.http;
    const overdue = (await api().get('/api/deadlines').query({ overdue: true, pageSize: 1 }).expect(200)).body.total as number;
    const dueSoon = (await api().get('/api/deadlines').query({ withinDays: 30, includeOverdue: false, pageSize: 1 }).expect(200)).body.total as number;
    const unread = (await api().get('/api/inbox/unread-count').expect(200)).body.unread as number;
    const clocks = (await api().get('/api/case-clocks/counts').query({ dueSoonDays: 30 }).expect(200)).body as { open: number; overdue: number; onTimePercent: number | null };
    const openClocks = (await api().get('/api/case-clocks').query({ status: 'open', limit: 5000 }).expect(200)).body as { overdue: boolean }[];
    expect([clocks.open, clocks.overdue]).toEqual([openClocks.length, openClocks.filter((c) => c.overdue).length]);
    expect(overdue).toBeGreaterThan(0);

    const page = await web().open({ as: credentials(user), path: '/' });
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await count(page, 'overdue deadlines')).toBe(String(overdue));
    expect(await count(page, 'due in the next 30 days')).toBe(String(dueSoon));
    expect(await count(page, 'unread reminders')).toBe(String(unread));
    expect(await count(page, 'open reporting clocks')).toBe(String(clocks.open));
    expect(await count(page, 'overdue reporting clocks')).toBe(String(clocks.overdue));
    if (clocks.onTimePercent !== null) {
      await page.getByText(`${clocks.onTimePercent} % on time`, { exact: false }).waitFor();
    }
    expect(await page.getByRole('link', { name: /^\d+ unread reminders$/ }).getAttribute('href')).toBe('/inbox?unread=true');
    expect(await page.getByRole('link', { name: `Inbox ${unread} unread reminder${unread === 1 ? '' : 's'}` }).getAttribute('href')).toBe('/inbox');

    await page.getByRole('link', { name: `${overdue} overdue deadlines` }).click();
    await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
    expect(new URL(page.url()).search).toBe('?overdue=true');
    await page.getByText(`${overdue} deadline${overdue === 1 ? '' : 's'}`, { exact: true }).waitFor();
  });

  it('should list what is overdue or due soon and the renewal windows as the API gives them', async () => {
    const user = await web().t.signIn('viewer', { username: 'dash-viewer' });
    const due = (await user.http().get('/api/deadlines').query({ withinDays: 30, pageSize: 10 }).expect(200)).body.items as { productName: string; title: string; dueDate: string; daysLeft: number; why: { ruleId: string } }[];
    const page = await web().open({ as: credentials(user), path: '/' });
    const table = page.getByRole('table', { name: 'Overdue and due soon' });
    await table.waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').map((c) => c.trim()))).toEqual(
      due.map((d) => [d.productName, expect.any(String), d.title, d.why.ruleId, expect.any(String), expect.stringContaining(`${d.dueDate} (${d.daysLeft < 0 ? `${-d.daysLeft} day${d.daysLeft === -1 ? '' : 's'} overdue` : d.daysLeft === 0 ? 'due today' : `in ${d.daysLeft} day${d.daysLeft === 1 ? '' : 's'}`})`)]),
    );

    const zemcelpro = (await user.http().get('/api/products/Zemcelpro').expect(200)).body as { validity: { status: string; currentExpiry: string }; renewals: { expiry: { date: string }; windowOpens: { date: string }; applicationDue: { date: string } }[] };
    const current = zemcelpro.renewals.find((r) => r.expiry.date === zemcelpro.validity.currentExpiry)!;
    const renewal = page.getByRole('table', { name: 'Renewal windows' }).getByRole('row').filter({ hasText: 'Zemcelpro' });
    await renewal.waitFor();
    const cells = (await renewal.innerText()).split('\t').map((c) => c.trim());
    expect(cells.slice(0, 5)).toEqual([
      'Zemcelpro',
      zemcelpro.validity.status,
      expect.stringContaining(current.windowOpens.date),
      expect.stringContaining(current.applicationDue.date),
      expect.stringContaining(current.expiry.date),
    ]);
    // A viewer reads cases: the most urgent open clocks and the compliance table are there.
    const clocks = (await user.http().get('/api/case-clocks').query({ status: 'open' }).expect(200)).body as { safetyReportId: string; dueOn: string }[];
    expect(clocks.length).toBeGreaterThan(0);
    const urgent = page.getByRole('table', { name: 'Open reporting clocks due first' }).getByRole('row');
    await urgent.nth(1).waitFor();
    expect((await urgent.allInnerTexts()).slice(1).map((r) => [r.split('\t')[0]?.replace(' (synthetic)', '').trim(), r.split('\t')[4]?.trim().split(' ')[1]])).toEqual(
      clocks.slice(0, 5).map((c) => [c.safetyReportId, c.dueOn]),
    );
    await page.getByRole('table', { name: 'Reporting compliance, last 12 months' }).waitFor();
  });

  it('should show an administrator no reporting clocks (administrators may not read cases)', async () => {
    const admin = await web().t.signIn('admin', { username: 'dash-admin' });
    const page = await web().open({ as: credentials(admin), path: '/' });
    await count(page, 'overdue deadlines');
    expect(await page.getByRole('link', { name: /reporting clocks$/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: /Reporting/ }).count()).toBe(0);
  });

  it('should pass axe-core without serious or critical violations, and load under the Content-Security-Policy without a refusal', async () => {
    const user = await web().t.signIn('qppv', { username: 'dash-qppv' });
    const page = await web().open({ as: credentials(user) });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        refused.push(message.text());
      }
    });
    await page.goto('/');
    await page.getByRole('table', { name: 'Renewal windows' }).waitFor();
    await page.getByRole('table', { name: 'Reporting compliance, last 12 months' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(refused).toEqual([]);
  });
});
