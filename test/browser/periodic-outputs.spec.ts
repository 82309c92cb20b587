import type { SignedInUser } from '../test-app';
import { DEMO_TODAY } from './demo-template';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

interface Listing {
  result: { safetyReportId: string }[];
}

describe('periodic outputs page', () => {
  const web = useWebApp({ demo: true });
  let qppv: SignedInUser;
  let admin: SignedInUser;
  const from = '2025-11-22';

  beforeAll(async () => {
    qppv = await web().t.signIn('qppv', { username: 'periodic-qppv' });
    admin = await web().t.signIn('admin', { username: 'periodic-admin' });
  });

  it('should show the line listing, the summary tabulation and compliance by month for a period kept in the URL, with the CSV of each', async () => {
    const expected = (await qppv.http().get('/api/safety-cases/line-listing').query({ product: 'Zemcelpro', from, to: DEMO_TODAY }).expect(200)).body as Listing;
    expect(expected.result.length).toBeGreaterThan(0);

    const page = await web().open({ as: credentials(qppv), path: '/periodic-outputs' });
    await page.getByRole('heading', { level: 1, name: 'Periodic outputs' }).waitFor();
    // The data lock point defaults to today and the period to the year before it.
    expect(await page.getByLabel('Data lock point').inputValue()).toBe(DEMO_TODAY);
    expect(await page.getByLabel('From').inputValue()).toBe(from);
    await page.getByText('Choose a product for its line listing and summary tabulation.').waitFor();
    await page.getByRole('combobox', { name: 'Product' }).click();
    await page.getByRole('option', { name: 'Zemcelpro' }).click();
    await page.waitForURL(/product=Zemcelpro/);

    const listing = page.getByRole('table', { name: 'Line listing' });
    await listing.waitFor();
    await page.getByText(`${expected.result.length} cases`, { exact: true }).waitFor();
    await listing.getByRole('cell', { name: new RegExp(`^${expected.result[0]!.safetyReportId}`) }).waitFor();
    await page.getByRole('table', { name: 'Summary tabulation' }).getByRole('rowheader', { name: 'Total' }).waitFor();
    const compliance = page.getByRole('table', { name: 'Reporting compliance by month' });
    // 2025-11 (from the 22nd) to 2026-11 (to the 21st): 13 calendar months, the first and last partial.
    expect(await compliance.getByRole('row').count()).toBe(1 + 13);
    await page.getByRole('figure', { name: 'Reporting compliance by month, Zemcelpro' }).waitFor();

    // The CSV is the API's own, for the same period.
    const csvLink = page.getByRole('link', { name: 'Download the line listing (CSV)' });
    const href = (await csvLink.getAttribute('href')) ?? '';
    expect(href).toBe(`/api/safety-cases/line-listing?product=Zemcelpro&from=${from}&to=${DEMO_TODAY}&format=csv`);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(csv).toContain(expected.result[0]!.safetyReportId);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A shorter period, straight from the URL.
    await page.goto(`/periodic-outputs?product=Zemcelpro&from=2026-11-01&to=${DEMO_TODAY}`);
    await page.getByRole('table', { name: 'Reporting compliance by month' }).getByRole('rowheader', { name: '2026-11' }).waitFor();
    expect(await page.getByRole('table', { name: 'Reporting compliance by month' }).getByRole('row').count()).toBe(2);
  });

  it('should show the administrator no case data', async () => {
    const page = await web().open({ as: credentials(admin), path: `/periodic-outputs?product=Zemcelpro&from=${from}&to=${DEMO_TODAY}` });
    await page.getByText('Not available for your role').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Periodic outputs' }).count()).toBe(0);
    await admin.http().get('/api/safety-cases/line-listing').query({ product: 'Zemcelpro', from, to: DEMO_TODAY }).expect(403);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
