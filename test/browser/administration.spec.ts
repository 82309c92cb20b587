import type { Locator, Page } from 'playwright-core';
import { createProduct } from '../factories';
import type { SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

/** Chooses an option of a Mantine select or multi-select named `label`. */
async function choose(scope: Page | Locator, page: Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function accountRow(page: Page, username: string): Promise<Locator> {
  const row = page.getByRole('table', { name: 'Accounts' }).getByRole('row').filter({ hasText: username });
  await row.waitFor();
  return row;
}

describe('administration pages', () => {
  const web = useWebApp();
  let admin: SignedInUser;
  let product: { id: string; name: string };

  beforeAll(async () => {
    admin = await web().t.signIn('admin', { username: 'admin-pages' });
    product = await createProduct(web().t, { name: 'Adminumab' });
  });

  it('should create an account with its one-time password shown once, which signs in straight to "choose your password"', async () => {
    const page = await web().open({ as: credentials(admin), path: '/admin/accounts' });
    await page.getByRole('table', { name: 'Accounts' }).waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an account' });
    await dialog.getByLabel('Username').fill('new-colleague');
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('New Colleague');
    await choose(dialog, page, 'Role', 'Regulatory affairs');
    await dialog.getByLabel('Every product (no restriction)').uncheck();
    await choose(dialog, page, 'Products', product.name);
    await dialog.getByRole('button', { name: 'Create account' }).click();

    const created = page.getByRole('dialog', { name: 'Account created' });
    const password = await created.getByRole('textbox', { name: 'One-time password' }).inputValue();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await created.getByRole('button', { name: 'Done' }).click();
    await created.waitFor({ state: 'detached' });
    const row = await accountRow(page, 'new-colleague');
    expect(await row.innerText()).toMatch(/new-colleague\s+New Colleague\s+Regulatory affairs\s+Adminumab\s+One-time password/);
    expect(await page.content()).not.toContain(password);
    const account = ((await admin.http().get('/api/users').expect(200)).body as { username: string; productIds: string[] | null }[]).find((u) => u.username === 'new-colleague');
    expect(account?.productIds).toEqual([product.id]);

    const fresh = await web().open({ path: '/' });
    await fresh.getByLabel('Username').fill('new-colleague');
    await fresh.getByLabel('Password', { exact: true }).fill(password);
    await fresh.getByRole('button', { name: 'Sign in' }).click();
    await fresh.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
    expect(new URL(fresh.url()).pathname).toBe('/choose-password');
  });

  it('should disable an account only with a reason, and end an account’s sessions', async () => {
    const leaver = await web().t.signIn('viewer', { username: 'leaver' });
    const page = await web().open({ as: credentials(admin), path: '/admin/accounts' });
    await (await accountRow(page, 'leaver')).getByRole('button', { name: 'Actions for leaver' }).click();
    await page.getByRole('menuitem', { name: 'End sessions…' }).click();
    await page.getByRole('dialog', { name: 'End the sessions of leaver' }).getByRole('button', { name: 'End sessions' }).click();
    await page.getByText(/session.* of leaver ended/).waitFor();
    await leaver.http().get('/api/auth/me').expect(401);

    await (await accountRow(page, 'leaver')).getByRole('button', { name: 'Actions for leaver' }).click();
    await page.getByRole('menuitem', { name: 'Disable…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable leaver' });
    await dialog.getByRole('button', { name: 'Disable account' }).click();
    await dialog.getByText('Say why (kept in the audit trail)').waitFor();
    expect(await dialog.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Reason').fill('left the company');
    await dialog.getByRole('button', { name: 'Disable account' }).click();
    await dialog.waitFor({ state: 'detached' });
    await (await accountRow(page, 'leaver')).getByText('Disabled', { exact: true }).waitFor();
    const audit = (await admin.http().get('/api/audit').query({ entityType: 'user', entityId: leaver.id, action: 'update' }).expect(200)).body as { reason: string }[];
    expect(audit.map((row) => row.reason)).toEqual(['left the company']);
  });

  it('should override a reminder policy for a product with a reason, and show a viewer the policies without controls', async () => {
    const page = await web().open({ as: credentials(admin), path: '/reminder-policies' });
    await page.getByRole('table', { name: 'Reminder policies' }).waitFor();
    await page.getByRole('button', { name: 'Add an override' }).click();
    const dialog = page.getByRole('dialog', { name: 'Override a reminder policy' });
    await choose(dialog, page, 'Kind of deadline', 'psur');
    await choose(dialog, page, 'Product', product.name);
    await dialog.getByLabel('Days before the due date').fill('45, 15, 2');
    await dialog.getByLabel('Reason').fill('the PSUR team asked for earlier notice');
    await dialog.getByRole('button', { name: 'Save override' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: `Product ${product.name}` });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/^psur\s+Product Adminumab\s+45, 15, 2\s+every day/);

    const viewer = await web().t.signIn('viewer', { username: 'policy-viewer' });
    const viewerPage = await web().open({ as: credentials(viewer), path: '/reminder-policies' });
    await viewerPage.getByRole('row').filter({ hasText: `Product ${product.name}` }).waitFor();
    expect(await viewerPage.getByRole('button', { name: 'Add an override' }).count()).toBe(0);
    expect(await viewerPage.getByRole('button', { name: /^Actions/ }).count()).toBe(0);
  });

  it('should let regulatory affairs add a closure day and show it to an administrator without edit controls', async () => {
    const regulatory = await web().t.signIn('regulatory', { username: 'closure-keeper' });
    const page = await web().open({ as: credentials(regulatory), path: '/closure-days' });
    const form = page.getByRole('form', { name: 'Add a closure day' });
    await form.getByLabel('Day').fill('2026-12-24');
    await form.getByLabel('Name').fill('EMA Christmas closure');
    await form.getByRole('button', { name: 'Add closure day' }).click();
    await page.getByRole('table', { name: 'Closure days' }).getByRole('row').filter({ hasText: 'EMA Christmas closure' }).waitFor();

    const adminPage = await web().open({ as: credentials(admin), path: '/closure-days' });
    const row = adminPage.getByRole('table', { name: 'Closure days' }).getByRole('row').filter({ hasText: 'EMA Christmas closure' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Thu 2026-12-24');
    expect(await adminPage.getByRole('form', { name: 'Add a closure day' }).count()).toBe(0);
    expect(await adminPage.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
  });

  it('should rotate the signing key with a reason', async () => {
    const before = (await admin.http().get('/api/admin/signing-keys').expect(200)).body as { id: number; active: boolean }[];
    const page = await web().open({ as: credentials(admin), path: '/admin/signing-keys' });
    await page.getByRole('table', { name: 'Signing keys' }).waitFor();
    await page.getByRole('button', { name: 'Rotate key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the signing key' });
    await dialog.getByLabel('Reason').fill('annual rotation');
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    const after = Math.max(...before.map((k) => k.id)) + 1;
    await page.getByRole('row').filter({ hasText: `#${after}` }).filter({ hasText: 'Active' }).waitFor();
    expect(await page.getByRole('table', { name: 'Signing keys' }).getByText('Active', { exact: true }).count()).toBe(1);
  });

  it('should pass axe-core on every administration page without serious or critical violations', async () => {
    const page = await web().open({ as: credentials(admin), path: '/admin/accounts' });
    await page.getByRole('table', { name: 'Accounts' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('dialog', { name: 'Create an account' }).getByLabel('Username').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    for (const [path, heading] of [
      ['/reminder-policies', 'Reminder policies'],
      ['/closure-days', 'Closure days and EURD list'],
      ['/admin/signing-keys', 'Signing keys'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByText(/^Loading /).first().waitFor({ state: 'detached' });
      expect(`${heading}: ${(await seriousAccessibilityViolations(page)).join('; ')}`).toBe(`${heading}: `);
    }
  });
});
