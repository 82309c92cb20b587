import { DEMO_TODAY } from './demo-template';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

/** The demo's today and 12 months on (2026-11-21 → 2027-11-21: 365 days). */
const WINDOW_END = '2027-11-21';
const WITHIN_DAYS = 365;

interface Deadline {
  id: string;
  title: string;
  dueDate: string;
  productName: string;
}

interface RuledDate {
  date: string;
}

interface ProductDetail {
  renewals: { cycle: number; windowOpens: RuledDate | null; applicationDue: RuledDate; expiry: RuledDate }[];
}

describe('timeline', () => {
  const web = useWebApp({ demo: true });

  it('should show one marker per deadline the API gives for the 12-month window, each a link to its milestone', async () => {
    const user = await web().t.signIn('regulatory', { username: 'timeline-markers' });
    const deadlines = (await user.http().get('/api/deadlines').query({ withinDays: WITHIN_DAYS, product: 'Zemcelpro', pageSize: 500 }).expect(200)).body as { items: Deadline[]; nextCursor: string | null };
    expect(deadlines.nextCursor).toBeNull();
    expect(deadlines.items.length).toBeGreaterThan(0);

    const page = await web().open({ as: credentials(user), path: '/timeline?product=Zemcelpro' });
    await page.getByText(`Open deadlines from ${DEMO_TODAY} to ${WINDOW_END}`).waitFor();
    const row = page.getByRole('group', { name: `Timeline from ${DEMO_TODAY} to ${WINDOW_END}` }).getByRole('group', { name: 'Zemcelpro' });
    const markers = row.getByRole('link', { name: /, due \d{4}-\d{2}-\d{2}$/ });
    await markers.first().waitFor();
    const names = await markers.evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')));
    expect(names.sort()).toEqual(deadlines.items.map((d) => `${d.title}, due ${d.dueDate}`).sort());
    expect(await page.getByRole('group', { name: 'Hemgenix' }).count()).toBe(0);

    // The table holds the same deadlines.
    const tableRows = page.getByRole('table', { name: 'Deadlines on the timeline' }).getByRole('row');
    expect(await tableRows.count()).toBe(deadlines.items.length + 1);

    // A marker is reached by keyboard and opens its milestone.
    const first = deadlines.items[0]!;
    const marker = row.getByRole('link', { name: `${first.title}, due ${first.dueDate}`, exact: true });
    await marker.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/milestones/${first.id}`);
  });

  it('should draw the renewal windows with their dates, and keep the product filter in the URL', async () => {
    const user = await web().t.signIn('viewer', { username: 'timeline-renewals' });
    const detail = (await user.http().get('/api/products/Zemcelpro').expect(200)).body as ProductDetail;
    const inWindow = detail.renewals.filter((r) => (r.windowOpens?.date ?? r.applicationDue.date) <= WINDOW_END && r.expiry.date >= DEMO_TODAY);
    expect(inWindow.length).toBeGreaterThan(0);

    const page = await web().open({ as: credentials(user), path: '/timeline' });
    await page.getByRole('group', { name: 'Hemgenix' }).waitFor();
    await page.getByRole('combobox', { name: 'Product' }).click();
    await page.getByRole('option', { name: 'Zemcelpro', exact: true }).click();
    await page.waitForURL(/\?product=Zemcelpro$/);
    await page.reload();
    await page.getByRole('group', { name: 'Zemcelpro' }).waitFor();
    expect(await page.getByRole('group', { name: 'Hemgenix' }).count()).toBe(0);
    for (const r of inWindow) {
      const name = `Zemcelpro renewal window ${r.cycle}: opens ${r.windowOpens?.date ?? '—'}, application due ${r.applicationDue.date}, expiry ${r.expiry.date}`;
      await page.getByRole('img', { name }).waitFor();
      const cells = (await page.getByRole('table', { name: 'Renewal windows on the timeline' }).getByRole('row').filter({ hasText: `Cycle ${r.cycle}` }).innerText()).split('\t').map((c) => c.trim());
      expect(cells).toEqual(['Zemcelpro', `Cycle ${r.cycle}`, expect.stringContaining(r.windowOpens?.date ?? '—'), expect.stringContaining(r.applicationDue.date), expect.stringContaining(r.expiry.date)]);
    }
  });

  it('should flag a deadline due on a closure day', async () => {
    const user = await web().t.signIn('regulatory', { username: 'timeline-closure' });
    const deadlines = (await user.http().get('/api/deadlines').query({ withinDays: WITHIN_DAYS, includeOverdue: false, product: 'Hemgenix', pageSize: 500 }).expect(200)).body as { items: Deadline[] };
    const target = deadlines.items[0]!;
    await user.http().put(`/api/closure-days/${target.dueDate}`).send({ name: 'Timeline test closure' }).expect(200);

    const page = await web().open({ as: credentials(user), path: '/timeline?product=Hemgenix' });
    const row = page.getByRole('table', { name: 'Deadlines on the timeline' }).getByRole('row').filter({ has: page.getByRole('link', { name: target.title, exact: true }) });
    await row.first().getByText('Closure day: Timeline test closure').waitFor();
    const marker = page.getByRole('group', { name: 'Hemgenix' }).getByRole('link', { name: `${target.title}, due ${target.dueDate}`, exact: true });
    expect(await marker.getAttribute('title')).toContain('not a working day (Closure day: Timeline test closure)');
    expect(await marker.innerText()).toBe('!');
  });

  it('should show the calendar-feed URL from "Subscribe", and the URL answers with the calendar', async () => {
    const user = await web().t.signIn('safety', { username: 'timeline-subscriber' });
    const page = await web().open({ as: credentials(user), path: '/timeline' });
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Subscribe to your deadlines' });
    await dialog.getByRole('button', { name: 'Create feed URL' }).click();
    const url = await dialog.getByRole('textbox', { name: 'Calendar feed URL' }).inputValue();
    expect(url).toMatch(new RegExp(`^${web().baseUrl}/api/calendar/[^/]+\\.ics$`));
    const feed = await page.request.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('should pass axe-core without serious or critical violations', async () => {
    const user = await web().t.signIn('viewer', { username: 'timeline-axe' });
    const page = await web().open({ as: credentials(user), path: '/timeline' });
    await page.getByRole('table', { name: 'Deadlines on the timeline' }).waitFor();
    await page.getByText(/^Loading /).first().waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
