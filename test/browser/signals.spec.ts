import type { Locator, Page } from 'playwright-core';
import type { SignedInUser } from '../test-app';
import { DEMO_TODAY } from './demo-template';
import { credentials, seriousAccessibilityViolations, useWebApp, waitUntil } from './harness';

interface Alert {
  id: string;
  product: string;
  event: string;
  source: string;
}
interface Signal {
  id: string;
  status: string;
  priority: string | null;
  steps: { step: string; by: string; notes: string }[];
}

/** The error text a field shows, once it shows one (Mantine's `<id>-error`). */
async function fieldError(field: Locator): Promise<string> {
  await field.and(field.page().locator('[aria-describedby*="-error"]')).waitFor();
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' | ');
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('alerts and signals', () => {
  const web = useWebApp({ demo: true });
  let safety: SignedInUser;
  let alerts: Alert[];

  beforeAll(async () => {
    safety = await web().t.signIn('safety', { username: 'signals-safety' });
    // A frequency run of Zemcelpro raises alerts for its unlisted terms (test/signal-management.e2e.spec.ts).
    await safety.http().post('/api/frequency-runs').send({ product: 'Zemcelpro', dataLockPoint: DEMO_TODAY }).expect(201);
    alerts = (await safety.http().get('/api/alerts').query({ status: 'new' }).expect(200)).body as Alert[];
  });

  it('should validate an alert into a new signal and move it to analysed, the step shown with who and why', async () => {
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    const alert = alerts[0]!;
    const page = await web().open({ as: credentials(safety), path: '/signals' });
    await page.getByRole('heading', { level: 1, name: 'Alerts and signals' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Signals' }).waitFor();
    const table = page.getByRole('table', { name: 'Alerts waiting for validation' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(alerts.length + 1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await table.getByRole('button', { name: `Validate ${alert.product}: ${alert.event}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Validate the alert into a signal' });
    await dialog.getByRole('button', { name: 'Validate' }).click();
    expect(await fieldError(dialog.getByLabel('Reason'))).toContain('Say why');
    await dialog.getByLabel('Reason').fill('Unlisted, serious, biologically plausible after cord-blood transplant');
    await dialog.getByRole('button', { name: 'Validate' }).click();
    await page.waitForURL(/\/signals\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() ?? '';
    await page.getByRole('heading', { level: 1, name: /^Signal: / }).waitFor();
    const steps = page.getByRole('table', { name: 'Steps of the signal' });
    await steps.getByRole('row', { name: /^validated .*signals-safety/ }).waitFor();

    // The analysed step needs a priority: the API's refusal lands on the field.
    const stepForm = page.getByRole('form', { name: 'Record the next step' });
    await stepForm.getByLabel('Notes').fill('Ten reports reviewed; time to onset consistent.');
    await stepForm.getByRole('button', { name: 'Record the step' }).click();
    expect(await fieldError(stepForm.getByRole('combobox', { name: 'Priority' }))).toContain('priority');
    await choose(page, 'Priority', 'high');
    await stepForm.getByRole('button', { name: 'Record the step' }).click();
    await steps.getByRole('row', { name: /^analysed .*signals-safety.*Ten reports reviewed/ }).waitFor();
    const signal = (await safety.http().get(`/api/signals/${id}`).expect(200)).body as Signal;
    expect(signal).toMatchObject({ status: 'analysed', priority: 'high' });
    expect(signal.steps.map((s) => s.step)).toEqual(['validated', 'analysed']);
    // Checked without the transient notifications (Mantine's, shared by every page).
    await page.reload();
    await steps.getByRole('row', { name: /^analysed / }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The board shows it in its column.
    await page.getByRole('link', { name: 'All alerts and signals' }).click();
    const column = page.getByRole('region', { name: /^analysed/ });
    await column.getByRole('link').first().waitFor();
    await waitUntil(async () => (await page.getByRole('table', { name: 'Alerts waiting for validation' }).getByRole('row').count()) === alerts.length);
  }, 90_000);

  it('should dismiss an alert with its reason', async () => {
    const alert = alerts[1];
    if (alert === undefined) {
      throw new Error('the demo run raised only one alert');
    }
    const page = await web().open({ as: credentials(safety), path: '/signals' });
    await page.getByRole('button', { name: `Dismiss ${alert.product}: ${alert.event}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Dismiss the alert' });
    await dialog.getByLabel('Reason').fill('Single report, confounded by conditioning regimen');
    await dialog.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('button', { name: `Dismiss ${alert.product}: ${alert.event}` }).waitFor({ state: 'detached' });
    const dismissed = (await safety.http().get('/api/alerts').query({ status: 'dismissed' }).expect(200)).body as (Alert & { reason: string })[];
    expect(dismissed.find((a) => a.id === alert.id)?.reason).toBe('Single report, confounded by conditioning regimen');
  }, 60_000);

  it('should give the administrator no alert or signal data', async () => {
    const admin = await web().t.signIn('admin', { username: 'signals-admin' });
    await admin.http().get('/api/alerts').expect(403);
    await admin.http().get('/api/signals').expect(403);
    const page = await web().open({ as: credentials(admin), path: '/signals' });
    await page.getByRole('alert').filter({ hasText: 'may not open this page' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Signals' }).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Alerts waiting for validation' }).count()).toBe(0);
  }, 60_000);
});
