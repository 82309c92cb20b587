import type { Page } from 'playwright-core';
import type { SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

interface CaseRow {
  id: string;
  safetyReportId: string;
}

/** Chooses an option of a Mantine select by the field's label and the option's text. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The report ids in the cases table, in order. */
async function reportIds(page: Page): Promise<string[]> {
  const rows = page.getByRole('table', { name: 'Cases' }).getByRole('row');
  return (await rows.allInnerTexts()).slice(1).map((row) => row.split('\t')[0]?.split('\n')[0]?.trim() ?? '');
}

/** A serious Zemcelpro case received on 2026-11-18, logged through the API. */
function zemcelproCase(narrative: string): Record<string, unknown> {
  return {
    product: 'Zemcelpro',
    reportType: 'spontaneous',
    initialReceiptOn: '2026-11-18',
    reporters: [{ qualification: 'physician', country: 'FR', primarySource: true }],
    patient: { initials: 'AB', ageValue: 52, ageUnit: 'year', sex: 'female' },
    reactions: [{ key: 'r1', reportedTerm: 'pneumonia', ptName: 'Pneumonia', outcome: 'recovering', seriousness: ['hospitalisation'] }],
    drugs: [{ key: 'd1', role: 'suspect', name: 'Zemcelpro', batchNumber: 'Z-1' }],
    causality: [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'possible', company: 'possible' }],
    narrative,
  };
}

describe('cases: the list and the case page (safety officers)', () => {
  const web = useWebApp({ demo: true });
  let safety: SignedInUser;

  beforeAll(async () => {
    safety = await web().t.signIn('safety', { username: 'cases-safety' });
  });

  it('should keep the list filters in the URL, so they survive a reload, and show the rows the API gives', async () => {
    const expected = (await safety.http().get('/api/safety-cases').query({ serious: true, product: 'Zemcelpro', limit: 50 }).expect(200)).body as { total: number; cases: CaseRow[] };
    expect(expected.total).toBeGreaterThan(0);
    const page = await web().open({ as: credentials(safety), path: '/cases' });
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await choose(page, 'Product', 'Zemcelpro');
    await page.waitForURL((url) => url.searchParams.get('product') === 'Zemcelpro');
    await choose(page, 'Seriousness', 'Serious');
    await page.waitForURL((url) => url.searchParams.get('serious') === 'true' && url.searchParams.get('product') === 'Zemcelpro');

    await page.reload();
    await page.getByText(new RegExp(`^${expected.total} cases?$`)).waitFor();
    expect(await page.getByRole('combobox', { name: 'Seriousness', exact: true }).inputValue()).toBe('Serious');
    expect(await page.getByRole('combobox', { name: 'Product', exact: true }).inputValue()).toBe('Zemcelpro');
    expect(await reportIds(page)).toEqual(expected.cases.map((c) => c.safetyReportId));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('should show a field-by-field diff on the case page after a significant follow-up', async () => {
    const logged = (await safety.http().post('/api/safety-cases').send(zemcelproCase('Initial narrative.')).expect(201)).body as CaseRow;
    const page = await web().open({ as: credentials(safety), path: `/cases/${logged.id}` });
    await page.getByRole('heading', { level: 1, name: `Case ${logged.safetyReportId}` }).waitFor();
    await page.getByRole('table', { name: 'Reporting clocks' }).getByText('ICSR-SERIOUS-15').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add follow-up or amendment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a version' });
    await dialog.getByLabel('Day 0 of the new information').fill('2026-11-20');
    await dialog.getByLabel('Narrative').fill('Initial narrative. Follow-up: the patient was discharged.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Record version' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const diff = page.getByRole('table', { name: 'Changes from version 1 to version 2' });
    await diff.waitFor();
    const rows = (await diff.getByRole('row').allInnerTexts()).slice(1).map((r) => r.split('\t').map((cell) => cell.trim()));
    expect(rows).toContainEqual(['narrative', 'Initial narrative.', 'Initial narrative. Follow-up: the patient was discharged.']);
    expect(rows).toContainEqual(['day0', '2026-11-18', '2026-11-20']);
    // The significant follow-up started its own clock, from its day 0.
    await page.getByRole('table', { name: 'Reporting clocks' }).getByText('day 0 + 15 days').first().waitFor();
    expect(await page.getByRole('table', { name: 'Versions' }).getByRole('row').count()).toBe(3);
  });

  it('should let a viewer read a case but offer no action on it', async () => {
    const logged = (await safety.http().post('/api/safety-cases').send(zemcelproCase('Read-only check.')).expect(201)).body as CaseRow;
    const viewer = await web().t.signIn('viewer', { username: 'cases-viewer' });
    const page = await web().open({ as: credentials(viewer), path: `/cases/${logged.safetyReportId}` });
    await page.getByRole('heading', { level: 1, name: `Case ${logged.safetyReportId}` }).waitFor();
    await page.getByRole('table', { name: 'Expectedness of each reaction' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Act on this case' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add follow-up or amendment' }).count()).toBe(0);
  });

  it('should give an administrator no case navigation and no case data', async () => {
    const admin = await web().t.signIn('admin', { username: 'cases-admin' });
    await admin.http().get('/api/safety-cases').expect(403);
    const page = await web().open({ as: credentials(admin), path: '/' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Deadlines' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Cases' }).count()).toBe(0);
    await page.goto(new URL('/cases', page.url()).toString());
    await page.getByRole('alert').getByText('The admin role may not open this page.').waitFor();
    expect(await page.getByRole('table', { name: 'Cases' }).count()).toBe(0);
  });
});
