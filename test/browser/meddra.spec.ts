import { join } from 'node:path';
import { systemActor } from '../../src/common/actor';
import { MeddraLoaderService } from '../../src/meddra/meddra-loader.service';
import type { SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

/** The made-up dictionary in the MedDRA file format (not MedDRA: see test/fixtures/meddra/README.md). */
const DICTIONARY = join(__dirname, '..', 'fixtures', 'meddra');

describe('MedDRA page', () => {
  const web = useWebApp();
  let safety: SignedInUser;

  beforeAll(async () => {
    safety = await web().t.signIn('safety', { username: 'meddra-safety' });
  });

  it('should say no release is loaded, then list the loaded release and browse LLT → PT → primary SOC, the search in the URL', async () => {
    const page = await web().open({ as: credentials(safety), path: '/meddra' });
    await page.getByRole('heading', { level: 1, name: 'MedDRA' }).waitFor();
    await page.getByText(/No MedDRA release is loaded/).waitFor();
    await page.getByLabel('Search terms').fill('headache');
    await page.getByText(/No MedDRA dictionary is loaded/).waitFor();

    await web().t.app.get(MeddraLoaderService).loadFolder(DICTIONARY, systemActor('meddra-browser-test'));
    await page.goto('/meddra');
    const releases = page.getByRole('table', { name: 'MedDRA releases' });
    await releases.getByRole('row').filter({ hasText: '90.0' }).filter({ hasText: 'current' }).waitFor();

    await page.getByLabel('Search terms').fill('sgpt');
    await page.waitForURL(/q=sgpt/);
    const hit = page.getByRole('table', { name: 'MedDRA terms found' }).getByRole('row').filter({ hasText: 'SGPT increased' });
    expect(await hit.innerText()).toMatch(/SGPT increased[\s\S]*LLT[\s\S]*Alanine aminotransferase increased[\s\S]*Investigations/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Straight from the URL: PTs only.
    await page.goto('/meddra?q=headache&level=pt');
    const rows = page.getByRole('table', { name: 'MedDRA terms found' }).getByRole('row');
    await rows.filter({ hasText: 'Headache' }).first().waitFor();
    expect(await page.getByRole('combobox', { name: 'Level' }).inputValue()).toBe('PTs only');
    const levels = await page.getByRole('table', { name: 'MedDRA terms found' }).locator('tbody tr td:nth-of-type(1)').allInnerTexts();
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(['PT']));
  });
});
