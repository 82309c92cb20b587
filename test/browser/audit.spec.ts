import type { Readable } from 'node:stream';
import type { Page } from 'playwright-core';
import { createProduct, logCase } from '../factories';
import type { SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

const SECRET_NARRATIVE = 'Narrative naming the patient QUUXLY';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The audit table once its rows are in. */
async function auditRows(page: Page): Promise<import('playwright-core').Locator> {
  const table = page.getByRole('table', { name: 'Audit trail' });
  await table.waitFor();
  return table.locator(':scope > tbody > tr');
}

describe('audit trail page', () => {
  const web = useWebApp();
  let safety: SignedInUser;
  let admin: SignedInUser;

  beforeAll(async () => {
    const product = await createProduct(web().t, { name: 'Auditumab' });
    safety = await web().t.signIn('safety', { username: 'audit-safety' });
    admin = await web().t.signIn('admin', { username: 'audit-admin' });
    await logCase(safety, product.name, { narrative: SECRET_NARRATIVE });
  });

  it('should show an administrator no case content, and a safety officer the case field by field', async () => {
    const adminPage = await web().open({ as: credentials(admin), path: '/audit?entityType=safety-case' });
    const adminRows = await auditRows(adminPage);
    expect(await adminRows.count()).toBeGreaterThan(0);
    expect(await adminRows.filter({ hasText: 'content redacted' }).count()).toBe(await adminRows.count());
    expect(await adminPage.getByRole('button', { name: /^Show changes/ }).count()).toBe(0);
    expect(await adminPage.content()).not.toContain('QUUXLY');

    const safetyPage = await web().open({ as: credentials(safety), path: '/audit?entityType=safety-case' });
    await auditRows(safetyPage);
    expect(await safetyPage.getByText('content redacted').count()).toBe(0);
    await safetyPage.getByRole('button', { name: /^Show changes/ }).first().click();
    const changes = safetyPage.getByRole('table', { name: /^Changes of entry/ });
    await changes.waitFor();
    expect(await changes.innerText()).toContain(SECRET_NARRATIVE);
  });

  it('should verify the chain for the roles allowed, with the API’s result, and offer it to no one else', async () => {
    const page = await web().open({ as: credentials(admin), path: '/audit' });
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const result = page.getByRole('status').filter({ hasText: 'The audit chain is intact' });
    await result.waitFor();
    const report = (await admin.http().get('/api/audit/verify').expect(200)).body as { checkedLinks: number; checkedEntries: number; head: { seq: string } };
    expect(await result.innerText()).toContain(`${report.checkedLinks} links and ${report.checkedEntries} entries recomputed`);
    expect(await result.innerText()).toContain(`Last link #${report.head.seq}`);

    const other = await web().open({ as: credentials(safety), path: '/audit' });
    await auditRows(other);
    expect(await other.getByRole('button', { name: 'Verify chain' }).count()).toBe(0);
  });

  it('should keep the filters in the URL and export the filtered view as the API’s CSV', async () => {
    const page = await web().open({ as: credentials(admin), path: '/audit' });
    await auditRows(page);
    await page.getByLabel('Actor').fill(web().t.user.actor);
    await page.waitForURL((url) => url.searchParams.get('actor') === web().t.user.actor);
    await page.getByRole('combobox', { name: 'Entity' }).fill('product');
    await page.waitForURL((url) => url.searchParams.get('entityType') === 'product');
    await page.reload();
    expect(await page.getByLabel('Actor').inputValue()).toBe(web().t.user.actor);
    const rows = await auditRows(page);
    await rows.first().waitFor();
    expect((await rows.allInnerTexts()).every((row) => row.includes(web().t.user.actor) && row.includes('product'))).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await text(await download.createReadStream());
    const api = await admin.http().get('/api/audit/export.csv').query({ actor: web().t.user.actor, entityType: 'product' }).expect(200);
    expect(csv).toBe(api.text);
    expect(csv.trimEnd().split('\n').length).toBeGreaterThan(1);
  });

  it('should show an error from the API next to the field it names', async () => {
    const page = await web().open({ as: credentials(admin), path: '/audit?from=2026-11-21&to=2026-11-01' });
    await page.getByText('must not be before from (2026-11-21)', { exact: true }).waitFor();
    expect(await page.getByLabel('To (UTC day)').getAttribute('aria-invalid')).toBe('true');
  });

  it('should pass axe-core without serious or critical violations', async () => {
    const page = await web().open({ as: credentials(safety), path: '/audit' });
    await auditRows(page);
    await page.getByRole('button', { name: /^Show changes/ }).first().click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const adminPage = await web().open({ as: credentials(admin), path: '/audit?entityType=safety-case' });
    await auditRows(adminPage);
    await adminPage.getByRole('button', { name: 'Verify chain' }).click();
    await adminPage.getByText('The audit chain is intact').waitFor();
    expect(await seriousAccessibilityViolations(adminPage)).toEqual([]);
  });
});
