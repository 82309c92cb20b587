import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import type { SignedInUser } from '../test-app';
import { DEMO_TODAY } from './demo-template';
import { credentials, seriousAccessibilityViolations, useWebApp, waitUntil } from './harness';

interface Row {
  level: string;
  label: string;
  proportion: number | null;
  interval: { lower: number; upper: number } | null;
  statedRatePercent: number | null;
}
interface Run {
  id: string;
  rows: Row[];
}

const ACUTE_GVHD = 'Acute graft-versus-host disease';

/** The page's way of writing a fraction as a percentage (web/src/safety/safety-picture-api.ts `percent`). */
function percent(value: number): string {
  const p = value * 100;
  const digits = p === 0 || p >= 10 ? 1 : p >= 1 ? 2 : 3;
  return `${Number(p.toFixed(digits)).toString()}%`;
}

/** Chooses an option of a Mantine select named `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The bytes of a download, saved to a temporary folder (the browser runs in another process). */
async function downloaded(download: Download): Promise<Buffer> {
  const folder = mkdtempSync(join(tmpdir(), 'cma-picture-download-'));
  try {
    const file = join(folder, download.suggestedFilename());
    await download.saveAs(file);
    return await readFile(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('safety picture', () => {
  const web = useWebApp({ demo: true });
  let safety: SignedInUser;
  let run: Run;

  beforeAll(async () => {
    safety = await web().t.signIn('safety', { username: 'picture-safety' });
    // The demo template has no run (the demo server makes one at start): one through the API, as test/frequencies.e2e.spec.ts does.
    run = (await safety.http().post('/api/frequency-runs').send({ product: 'Zemcelpro', dataLockPoint: DEMO_TODAY }).expect(201)).body as Run;
  });

  it('should show acute GvHD’s observed proportion with its exact interval beside the stated 60%, in the chart and the table', async () => {
    const gvhd = run.rows.find((r) => r.level === 'term' && r.label === ACUTE_GVHD);
    expect(gvhd?.statedRatePercent).toBe(60);
    expect(gvhd?.proportion).not.toBeNull();
    expect(gvhd?.interval).not.toBeNull();

    const page = await web().open({ as: credentials(safety), path: '/products/Zemcelpro' });
    await page.getByRole('link', { name: 'Safety picture of Zemcelpro' }).click();
    await page.getByRole('heading', { level: 1, name: 'Safety picture of Zemcelpro' }).waitFor();
    const chart = page.getByRole('img', { name: /Zemcelpro: observed proportion of each listed term/ });
    await chart.waitFor();
    expect(await chart.getByText(ACUTE_GVHD, { exact: true }).count()).toBe(1);

    const row = page.getByRole('table', { name: /^Listed terms/ }).getByRole('row', { name: new RegExp(`^${ACUTE_GVHD}`) });
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[1]).toContain(percent(gvhd!.proportion!));
    expect(cells[2]).toBe(`${percent(gvhd!.interval!.lower)} – ${percent(gvhd!.interval!.upper)}`);
    expect(cells[4]).toContain('60%');

    // The run's inputs and what was left out.
    await page.getByText('Reference safety information', { exact: true }).waitFor();
    await page.getByText(/nullified cases$/).waitFor();
    // Runs over time: the chosen term goes into the URL.
    // Another term than the one shown first (and than acute GvHD), then acute GvHD.
    const other = run.rows.filter((r) => r.level === 'term' && r.label !== ACUTE_GVHD)[1]!.label;
    await choose(page, 'Term', other);
    await waitUntil(() => Promise.resolve(new URL(page.url()).searchParams.get('term') === other));
    await choose(page, 'Term', ACUTE_GVHD);
    await waitUntil(() => Promise.resolve(new URL(page.url()).searchParams.get('term') === ACUTE_GVHD));
    await page.getByRole('table', { name: `${ACUTE_GVHD} per run` }).getByText(percent(gvhd!.proportion!), { exact: false }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 60_000);

  it('should download the chart as an SVG with the chart in it, and as a PNG', async () => {
    const page = await web().open({ as: credentials(safety), path: `/products/Zemcelpro/safety?run=${run.id}` });
    await page.getByRole('img', { name: /Zemcelpro: observed proportion/ }).waitFor();
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download chart (SVG)' }).click()]);
    expect(svg.suggestedFilename()).toBe(`safety-picture-Zemcelpro-${DEMO_TODAY}.svg`);
    const text = (await downloaded(svg)).toString('utf8');
    expect(text).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(text).toContain(ACUTE_GVHD);
    expect(text).toContain('Patients with the reaction (% of patients exposed)');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download chart (PNG)' }).click()]);
    const bytes = await downloaded(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 60_000);

  it('should give the administrator no safety picture: no link, no page, no data', async () => {
    const admin = await web().t.signIn('admin', { username: 'picture-admin' });
    await admin.http().get('/api/frequency-runs').query({ product: 'Zemcelpro' }).expect(403);
    await admin.http().get(`/api/frequency-runs/${run.id}`).expect(403);
    const page = await web().open({ as: credentials(admin), path: '/products/Zemcelpro' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Safety picture of Zemcelpro' }).count()).toBe(0);
    await page.goto('/products/Zemcelpro/safety');
    await page.getByRole('alert').filter({ hasText: 'may not open this page' }).waitFor();
    expect(await page.getByRole('img', { name: /observed proportion/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1, name: 'Safety picture of Zemcelpro' }).count()).toBe(0);
  }, 60_000);
});
