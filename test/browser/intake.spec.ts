import type { Locator, Page } from 'playwright-core';
import type { SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

/** Chooses an option of a Mantine select by the field's label and the option's text. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The error text a field shows, once it shows one: the text of what it is described by (Mantine's `<id>-error`). */
async function fieldError(field: Locator): Promise<string> {
  await field.and(field.page().locator('[aria-describedby*="-error"]')).waitFor();
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' | ');
}

/** Fills a Zemcelpro case with no reporter: a serious reaction, the product as suspect. */
async function fillWithoutReporter(page: Page): Promise<void> {
  await choose(page, 'Product', 'Zemcelpro');
  await page.getByLabel('Initial receipt').fill('2026-11-20');
  await page.getByLabel('Initials').fill('CD');
  await page.getByLabel('Reaction 1 reported term').fill('graft failure');
  await page.getByLabel('Reaction 1 PT (free text)').fill('Graft failure');
  await page.getByRole('combobox', { name: 'Reaction 1 seriousness criteria' }).click();
  await page.getByRole('option', { name: 'Hospitalisation', exact: true }).click();
  await page.keyboard.press('Escape');
  await choose(page, 'Drug 1 product', 'Zemcelpro');
}

describe('logging a case (safety officers)', () => {
  const web = useWebApp({ demo: true });
  let safety: SignedInUser;

  beforeAll(async () => {
    safety = await web().t.signIn('safety', { username: 'intake-safety' });
  });

  it('should show a missing validity criterion and no clock, then the 15-day clock once complete, and save with possible duplicates', async () => {
    const page = await web().open({ as: credentials(safety), path: '/cases/new' });
    await page.getByRole('heading', { level: 1, name: 'Log a case' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await fillWithoutReporter(page);

    const preview = page.getByRole('region', { name: 'What the case would get' });
    // The preview follows the typing (debounced): wait for the state of the whole draft.
    await preview.getByRole('listitem').filter({ hasText: /^Met: A suspected product$/ }).waitFor();
    await preview.getByRole('listitem').filter({ hasText: /^Missing: An identifiable reporter$/ }).waitFor();
    await preview.getByText('Not a valid case yet', { exact: true }).waitFor();
    await preview.getByText(/^No clock/).waitFor();

    await choose(page, 'Reporter 1 qualification', 'physician');
    await page.getByLabel('Reporter 1 country').fill('FR');
    await preview.getByRole('listitem').filter({ hasText: /^Met: An identifiable reporter$/ }).waitFor();
    await preview.getByText('Valid case', { exact: true }).waitFor();
    const clock = preview.getByText(/day 0 \+ 15 days, rule ICSR-SERIOUS-15/);
    await clock.waitFor();
    const previewed = await clock.locator('time').getAttribute('datetime');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Save the case' }).click();
    await page.getByText(/^Case .+ logged$/).waitFor();
    const title = await page.getByText(/^Case .+ logged$/).innerText();
    const reportId = title.replace(/^Case /, '').replace(/ logged$/, '');
    const detail = (await safety.http().get(`/api/safety-cases/${reportId}`).expect(200)).body as { status: string; clocks: { dueOn: string; ruleId: string; day0: string }[] };
    expect(detail.status).toBe('valid');
    expect(detail.clocks).toEqual([expect.objectContaining({ day0: '2026-11-20', dueOn: previewed, ruleId: 'ICSR-SERIOUS-15' })]);
    await page.getByRole('heading', { name: 'Possible duplicates' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 90_000);

  it('should put a server validation error on the field it names', async () => {
    const before = (await safety.http().get('/api/safety-cases').query({ product: 'Zemcelpro', limit: 1 }).expect(200)).body as { total: number };
    const page = await web().open({ as: credentials(safety), path: '/cases/new' });
    await page.getByRole('heading', { level: 1, name: 'Log a case' }).waitFor();
    await fillWithoutReporter(page);
    // Demo today is 2026-11-21: an onset after it is refused by the server's intake rules.
    const onset = page.getByLabel('Reaction 1 onset');
    await onset.fill('2026-11-25');
    await page.getByRole('button', { name: 'Save the case' }).click();
    expect(await fieldError(onset)).toContain('is in the future');
    const after = (await safety.http().get('/api/safety-cases').query({ product: 'Zemcelpro', limit: 1 }).expect(200)).body as { total: number };
    expect(after.total).toBe(before.total);
  }, 60_000);
});
