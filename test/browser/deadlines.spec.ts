import { text } from 'node:stream/consumers';
import type { Page } from 'playwright-core';
import type { SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp, waitUntil } from './harness';

interface ApiDeadline {
  id: string;
  productName: string;
  title: string;
  dueDate: string;
  daysLeft: number | null;
  why: { ruleId: string };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** How the page must show an API due date (weekday from UTC arithmetic here, in Node). */
function shownDue(d: ApiDeadline): string {
  const weekday = WEEKDAYS[new Date(`${d.dueDate}T00:00:00Z`).getUTCDay()];
  const n = d.daysLeft ?? 0;
  const label = n === 0 ? 'due today' : n > 0 ? `in ${n} day${n === 1 ? '' : 's'}` : `${-n} day${n === -1 ? '' : 's'} overdue`;
  return `${weekday} ${d.dueDate} (${label})`;
}

/** The table's rows as [product, what (first line), rule, due], once the page has what it asked for. */
async function tableRows(page: Page): Promise<string[][]> {
  const table = page.getByRole('table', { name: 'Deadlines', exact: true });
  await table.waitFor();
  await waitUntil(async () => (await table.getAttribute('aria-busy')) === 'false');
  const rows = await table.getByRole('row').allInnerTexts();
  return rows.slice(1).map((r) => {
    const cells = r.split('\t').map((c) => c.trim());
    return [cells[0] ?? '', (cells[2] ?? '').split('\n')[0] ?? '', cells[3] ?? '', cells[5] ?? ''];
  });
}

function expectedRows(items: ApiDeadline[]): string[][] {
  return items.map((d) => [d.productName, d.title, d.why.ruleId, shownDue(d)]);
}

/** The table shows these API rows (waiting for it to get there after a change, then comparing for the diff). */
async function expectRows(page: Page, items: ApiDeadline[]): Promise<void> {
  const expected = expectedRows(items);
  await waitUntil(async () => JSON.stringify(await tableRows(page)) === JSON.stringify(expected)).catch(() => undefined);
  expect(await tableRows(page)).toEqual(expected);
}

describe('deadlines list', () => {
  const web = useWebApp({ demo: true });
  let user: SignedInUser;

  beforeAll(async () => {
    user = await web().t.signIn('regulatory', { username: 'list-regulatory' });
  });

  async function api(query: Record<string, string | number | boolean>): Promise<{ total: number; items: ApiDeadline[] }> {
    return (await user.http().get('/api/deadlines').query(query).expect(200)).body;
  }

  it('should keep its filters and sorting in the URL, so they survive a reload', async () => {
    const page = await web().open({ as: credentials(user), path: '/deadlines' });
    await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Obligation', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'obligation');
    await page.getByLabel('Due within (days)').fill('400');
    await page.waitForURL((url) => url.searchParams.get('withinDays') === '400' && url.searchParams.get('kind') === 'obligation');
    await page.getByRole('button', { name: /^Product/ }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'product');
    const expected = await api({ kind: 'obligation', withinDays: 400, sort: 'product' });
    expect(expected.total).toBeGreaterThan(1);

    await page.reload();
    await page.getByText(`${expected.total} deadlines`, { exact: true }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Kind' }).inputValue()).toBe('Obligation');
    expect(await page.getByLabel('Due within (days)').inputValue()).toBe('400');
    expect(await page.getByRole('columnheader', { name: /^Product/ }).getAttribute('aria-sort')).toBe('ascending');
    await expectRows(page, expected.items);
  });

  it('should page as the API pages, from the URL', async () => {
    const expected = await api({ withinDays: 3660, pageSize: 25, page: 2 });
    expect(expected.total).toBeGreaterThan(25);
    const page = await web().open({ as: credentials(user), path: '/deadlines?withinDays=3660&page=2&pageSize=25' });
    await page.getByText(`${expected.total} deadlines`, { exact: true }).waitFor();
    await expectRows(page, expected.items);
    expect(await page.getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('button', { name: 'Page 1' }).click();
    await page.waitForURL((url) => !url.searchParams.has('page'));
    await expectRows(page, (await api({ withinDays: 3660, pageSize: 25 })).items);
  });

  it('should export the current view as CSV, every page of it', async () => {
    const expected = await api({ withinDays: 3660, sort: 'kind', pageSize: 500 });
    const page = await web().open({ as: credentials(user), path: '/deadlines?withinDays=3660&sort=kind&pageSize=25' });
    await page.getByText(`${expected.total} deadlines`, { exact: true }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('deadlines-2026-11-21.csv');
    const csv = await text(await download.createReadStream());
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('product,kind,title,obligation,category,studyType,ruleId,owner,dueDate,weekday,daysLeft,status');
    expect(lines).toHaveLength(expected.total + 1);
    expect(lines.slice(1).map((line) => line.split(',')[8])).toEqual(expected.items.map((d) => d.dueDate));
  });

  it('should show the API’s dates in a far time zone, whatever the browser’s clock says', async () => {
    const expected = await api({ withinDays: 3660, pageSize: 50 });
    for (const timezoneId of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const page = await web().open({ as: credentials(user), timezoneId });
      // The browser's clock a year off: "today" must come from the server.
      await page.clock.setFixedTime(new Date('2027-12-31T23:30:00Z'));
      await page.goto('/deadlines?withinDays=3660');
      await page.getByText(`${expected.total} deadlines`, { exact: true }).waitFor();
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);
      await expectRows(page, expected.items);
    }
  });

  it('should pass axe-core without serious or critical violations, with filters set and without', async () => {
    const page = await web().open({ as: credentials(user), path: '/deadlines?overdue=true&category=SOB' });
    await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
    await page.getByText(/^\d+ deadlines?$/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto('/deadlines');
    await page.getByRole('table', { name: 'Deadlines' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('should ask to sign in again when the session ended, keep what was typed, and carry on', async () => {
    const expected = await api({ owner: 'Regulatory Affairs', kind: 'obligation' });
    const page = await web().open({ as: credentials(user), path: '/deadlines' });
    await page.getByRole('table', { name: 'Deadlines' }).waitFor();
    await page.getByLabel('Owner').fill('Regulatory Affairs');
    await page.waitForURL((url) => url.searchParams.get('owner') === 'Regulatory Affairs');
    await tableRows(page);
    web().t.clock.advanceMinutes(31); // idle expiry (30 minutes)
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Obligation', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    await dialog.getByLabel('Password', { exact: true }).fill(user.password);
    await dialog.getByRole('button', { name: 'Sign in and continue' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByLabel('Owner').inputValue()).toBe('Regulatory Affairs');
    expect(await page.getByRole('combobox', { name: 'Kind' }).inputValue()).toBe('Obligation');
    await page.getByText(`${expected.total} deadline${expected.total === 1 ? '' : 's'}`, { exact: true }).waitFor();
  });
});
