import type { Locator, Page } from 'playwright-core';
import type { SignedInUser } from '../test-app';
import { DEMO_TODAY } from './demo-template';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

/** The error text a field shows, once it shows one (Mantine's `<id>-error`, which the input is described by). */
async function fieldError(field: Locator): Promise<string> {
  await field.and(field.page().locator('[aria-describedby*="-error"]')).waitFor();
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' | ');
}

/**
 * Waits for the success notification to close by itself: Mantine's notification close button has no
 * accessible name and its text fails contrast (an app-wide matter, outside these pages).
 */
async function noNotification(page: Page): Promise<void> {
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 15_000 });
}

describe('reference safety information and exposure pages', () => {
  const web = useWebApp({ demo: true });
  let safety: SignedInUser;
  let viewer: SignedInUser;
  let admin: SignedInUser;

  beforeAll(async () => {
    safety = await web().t.signIn('safety', { username: 'rsi-safety' });
    viewer = await web().t.signIn('viewer', { username: 'rsi-viewer' });
    admin = await web().t.signIn('admin', { username: 'rsi-admin' });
  });

  it('should show the versions and terms from the product page and add a new version, the API refusals next to their fields', async () => {
    const page = await web().open({ as: credentials(safety), path: '/products/Zemcelpro' });
    await page.getByRole('link', { name: 'Reference safety information of Zemcelpro' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reference safety information — Zemcelpro' }).waitFor();
    const v1 = page.getByRole('table', { name: 'Terms of version 1' });
    const gvhd = v1.getByRole('row').filter({ hasText: 'Acute graft-versus-host disease' });
    await gvhd.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add a new version' }).click();
    const form = page.getByRole('form', { name: 'New version of the reference safety information' });
    await form.getByLabel('Document').fill('SmPC section 4.8 (variation II/0003)');
    const term1 = form.getByRole('group', { name: 'Term 1', exact: true });
    const rate = term1.getByLabel('Stated rate (%)');
    await rate.fill('150');
    await form.getByRole('button', { name: 'Record the version' }).click();
    expect(await fieldError(form.getByLabel('Effective from'))).not.toBe('');
    expect(await fieldError(rate)).toMatch(/100/);

    await form.getByLabel('Effective from').fill(DEMO_TODAY);
    await rate.fill('12.5');
    await form.getByRole('button', { name: 'Record the version' }).click();
    const v2 = page.getByRole('table', { name: 'Terms of version 2' });
    await v2.waitFor();
    await page.getByRole('heading', { name: /Version 2: SmPC section 4\.8 \(variation II\/0003\)/ }).getByText('in force').waitFor();
    expect(await v2.getByRole('row').nth(1).innerText()).toContain('12.5%');
    expect(await page.getByRole('heading', { name: /Version 1:/ }).getByText('in force').count()).toBe(0);
    const versions = (await safety.http().get('/api/products/Zemcelpro/reference-safety').expect(200)).body as { version: number; effectiveFrom: string; effectiveUntil: string | null }[];
    expect(versions.find((v) => v.version === 2)).toMatchObject({ effectiveFrom: DEMO_TODAY, effectiveUntil: null });
    expect(versions.find((v) => v.version === 1)?.effectiveUntil).toBe(DEMO_TODAY);
    await noNotification(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
   }, 60_000);

  it('should show the exposure figures per kind and correct one, naming what it replaces with a reason', async () => {
    const page = await web().open({ as: credentials(safety), path: '/products/Zemcelpro/exposure' });
    await page.getByRole('heading', { level: 1, name: 'Exposure — Zemcelpro' }).waitFor();
    const registry = page.getByRole('table', { name: 'Registry (patients enrolled)' });
    const original = registry.getByRole('row').filter({ hasText: 'Zemcelpro patient registry' }).filter({ hasNotText: 'Corrects the figure' });
    await original.waitFor();
    await page.getByRole('table', { name: 'Patients treated' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await original.getByRole('button', { name: /Correct the figure of/ }).click();
    const form = page.getByRole('form', { name: /Correct the figure of .* \(44 patients\)/ });
    await form.getByLabel('Patients (cumulative)').fill('46');
    await form.getByRole('button', { name: 'Record the correction' }).click();
    expect(await fieldError(form.getByLabel('Reason for the correction'))).toContain('Say why');
    await form.getByLabel('Reason for the correction').fill('Two late enrolments reported by a centre after the data cut.');
    await form.getByRole('button', { name: 'Record the correction' }).click();
    await form.waitFor({ state: 'detached' });

    const correction = registry.getByRole('row').filter({ hasText: 'Two late enrolments' });
    expect(await correction.innerText()).toMatch(/46[\s\S]*Corrects the figure of .* \(44 patients\): Two late enrolments/);
    const corrected = registry.getByRole('row').filter({ hasText: 'Corrected (no longer counted)' });
    expect(await corrected.innerText()).toContain('44');
    expect(await corrected.getByRole('button').count()).toBe(0);
    const figures = (await safety.http().get('/api/products/Zemcelpro/exposure').expect(200)).body as { id: string; patients: number; replaces: string | null; replacedBy: string | null; reason: string | null }[];
    const saved = figures.find((f) => f.patients === 46);
    expect(saved?.reason).toBe('Two late enrolments reported by a centre after the data cut.');
    expect(figures.find((f) => f.id === saved?.replaces)?.replacedBy).toBe(saved?.id);
    await noNotification(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('should let a viewer read both pages without changing anything', async () => {
    const page = await web().open({ as: credentials(viewer), path: '/products/Zemcelpro/reference-safety' });
    await page.getByRole('table', { name: 'Terms of version 1' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add a new version' }).count()).toBe(0);
    await page.goto('/products/Zemcelpro/exposure');
    await page.getByRole('table', { name: 'Patients treated' }).waitFor();
    expect(await page.getByRole('button', { name: /Correct|Add a figure/ }).count()).toBe(0);
  });

  it('should show the administrator neither page nor the links', async () => {
    const page = await web().open({ as: credentials(admin), path: '/products/Zemcelpro' });
    await page.getByRole('heading', { level: 1, name: 'Zemcelpro' }).waitFor();
    expect(await page.getByRole('link', { name: /Reference safety information|Exposure of/ }).count()).toBe(0);
    for (const path of ['/products/Zemcelpro/reference-safety', '/products/Zemcelpro/exposure']) {
      await page.goto(path);
      await page.getByText('Not available for your role').waitFor();
      expect(await page.getByText('Acute graft-versus-host disease').count()).toBe(0);
    }
    await admin.http().get('/api/products/Zemcelpro/exposure').expect(403);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
