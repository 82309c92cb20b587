import type { Locator } from 'playwright-core';
import type { SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';
import { DEMO_TODAY } from './demo-template';

interface Presence {
  sunset: { state: string; marketedIn: string[]; sunset: { date: string; ruleId: string } | null };
}

/** The error text a field shows, once it shows one (Mantine's `<id>-error`). */
async function fieldError(field: Locator): Promise<string> {
  await field.and(field.page().locator('[aria-describedby*="-error"]')).waitFor();
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  return (await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).innerText()))).join(' | ');
}

describe('market presence and the sunset clause on the product page', () => {
  const web = useWebApp({ demo: true });
  let regulatory: SignedInUser;
  let viewer: SignedInUser;

  beforeAll(async () => {
    regulatory = await web().t.signIn('regulatory', { username: 'market-reg' });
    viewer = await web().t.signIn('viewer', { username: 'market-viewer' });
  });

  const presence = async (): Promise<Presence> => (await regulatory.http().get('/api/products/Zemcelpro/market-presence').expect(200)).body as Presence;

  it('shows the sunset day of a product never placed on the market, refuses a placing in the future next to its field, then records one', async () => {
    const before = await presence();
    expect(before.sunset).toMatchObject({ state: 'never-placed', sunset: { ruleId: 'SUNSET-NOT-PLACED' } });
    const page = await web().open({ as: credentials(regulatory), path: '/products/Zemcelpro' });
    const section = page.getByRole('region', { name: 'Market presence and sunset clause' });
    await section.getByText('Never placed on the market').waitFor();
    await section.getByText('Place on the market in a member state by').waitFor();
    await section.getByText(before.sunset.sunset?.date ?? 'missing', { exact: false }).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await section.getByRole('button', { name: 'Record market presence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record market presence' });
    await dialog.getByRole('combobox', { name: 'Member state' }).click();
    await page.getByRole('option', { name: 'FR', exact: true }).click();
    const on = dialog.getByLabel('Placed on the market on');
    await on.fill('2099-01-01');
    await dialog.getByLabel('Reason or source').fill('Launch in France');
    await dialog.getByRole('button', { name: 'Record' }).click();
    expect(await fieldError(on)).toContain('after today');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await on.fill(DEMO_TODAY);
    await dialog.getByRole('button', { name: 'Record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The notification that confirms it is accessible too (named close button, message in AA contrast).
    await page.getByRole('alert').filter({ hasText: 'Recorded' }).getByRole('button', { name: 'Close notification' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await section.getByText('On the market').first().waitFor();
    await section.getByRole('table', { name: 'Market presence records' }).getByText('Launch in France').waitFor();
    expect((await presence()).sunset).toMatchObject({ state: 'on-market', marketedIn: ['FR'], sunset: null });
  });

  it('offers a viewer no recording control', async () => {
    const page = await web().open({ as: credentials(viewer), path: '/products/Hemgenix' });
    const section = page.getByRole('region', { name: 'Market presence and sunset clause' });
    await section.getByText('On the market').first().waitFor();
    expect(await section.getByRole('button', { name: 'Record market presence' }).count()).toBe(0);
  });
});
