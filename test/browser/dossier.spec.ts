import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, type SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp, waitUntil } from './harness';

interface Version {
  id: string;
  version: number;
  dataLockPoint: string;
  contentHash: string;
  files: Record<'pdf' | 'xlsx' | 'zip', { sha256: string; bytes: number; name: string }>;
}
interface Build {
  id: string;
  status: string;
  version: Version | null;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The error text a field shows, once it shows one: the text of what it is described by (Mantine's `<id>-error`). */
async function fieldError(field: Locator): Promise<string> {
  await field.and(field.page().locator('[aria-describedby*="-error"]')).waitFor();
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' | ');
}

/** Waits for the build's page to say "done" (the page polls the build), failing at once on "failed". */
async function waitForDone(page: Page): Promise<void> {
  const status = page.getByRole('status').filter({ hasText: 'Status:' });
  await waitUntil(async () => {
    const text = await status.innerText().catch(() => '');
    if (text.includes('failed')) {
      throw new Error(`the build failed: ${await page.getByRole('alert').innerText()}`);
    }
    return text.includes('done');
  }, 60_000);
}

describe('renewal dossier pages', () => {
  const web = useWebApp({ demo: true, dossierWorker: true });
  let regulatory: SignedInUser;
  let qppv: SignedInUser;
  let viewer: SignedInUser;
  /** The version the page built, for the tests after the first. */
  let built: Version;

  beforeAll(async () => {
    regulatory = await web().t.signIn('regulatory', { username: 'dossier-reg' });
    qppv = await web().t.signIn('qppv', { username: 'dossier-qppv' });
    viewer = await web().t.signIn('viewer', { username: 'dossier-viewer' });
  });

  it('should start a dossier from the product page, show its progress until done, and download a PDF whose SHA-256 is the one shown and sent', async () => {
    const suggestion = (await regulatory.http().get('/api/products/Hemgenix/dossier-suggestion').expect(200)).body as { dataLockPoint: string; basis: string };
    const page = await web().open({ as: credentials(regulatory), path: '/products/Hemgenix' });
    await page.getByRole('link', { name: 'Renewal dossier of Hemgenix' }).click();
    await page.getByRole('heading', { level: 1, name: 'Renewal dossier — Hemgenix' }).waitFor();
    await page.getByText(suggestion.basis).waitFor();
    await page.getByText('No dossier has been built for this product yet.').waitFor();
    const dataLockPoint = page.getByRole('textbox', { name: 'Data lock point' });
    expect(await dataLockPoint.inputValue()).toBe(suggestion.dataLockPoint);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A data lock point in the future: the API's refusal appears next to the field.
    await dataLockPoint.fill('2027-01-15');
    await page.getByRole('button', { name: 'Start the build' }).click();
    expect(await fieldError(dataLockPoint)).toContain('after today');

    // A proposed change to an obligation the product does not have: the API's refusal names it.
    await dataLockPoint.fill(suggestion.dataLockPoint);
    await page.getByRole('button', { name: 'Add a proposed change' }).click();
    const change = page.getByRole('group', { name: 'Proposed change 1' });
    await change.getByLabel('Obligation reference').fill('SOB-999');
    await change.getByLabel('Change proposed').fill('Move the final report by six months.');
    await change.getByLabel('Reason').fill('Recruitment is slower than planned.');
    await page.getByRole('button', { name: 'Start the build' }).click();
    await page.getByRole('alert').filter({ hasText: 'Proposed changes: SOB-999: no such obligation of Hemgenix' }).waitFor();
    await page.getByRole('button', { name: 'Remove proposed change 1' }).click();
    expect(await change.count()).toBe(0);

    // The build's page polls it as background requests (they keep no idle session alive).
    const polls: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/dossier-builds/')) {
        polls.push(request.headers()['x-background-request']);
      }
    });
    await page.getByLabel('Benefit–risk conclusion').fill('The benefit–risk balance remains positive.');
    await page.getByRole('button', { name: 'Start the build' }).click();
    await page.waitForURL(/\/dossier-builds\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Renewal dossier build — Hemgenix' }).waitFor();
    await waitForDone(page);
    const buildId = page.url().split('/').pop() ?? '';
    const build = (await regulatory.http().get(`/api/dossier-builds/${buildId}`).expect(200)).body as Build;
    expect(build.status).toBe('done');
    built = build.version as Version;
    expect(built).toMatchObject({ version: 1, dataLockPoint: suggestion.dataLockPoint });
    await page.getByText('Version 1 was made.').waitFor();
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.every((header) => header === 'true')).toBe(true);
    // Done: the page stops polling (it polled every second while the build ran).
    const polled = polls.length;
    await page.waitForTimeout(2_500);
    expect(polls.length).toBe(polled);

    const shown = (await page.getByLabel('SHA-256 of the PDF').innerText()).trim();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download the PDF/ }).click()]);
    expect(download.suggestedFilename()).toBe(built.files.pdf.name);
    const saved = join(mkdtempSync(join(tmpdir(), 'cma-dossier-download-')), download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = await readFile(saved);
    rmSync(dirname(saved), { recursive: true, force: true });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const header = (await page.request.get(`/api/dossiers/${built.id}/files/pdf`)).headers()['x-content-sha256'];
    expect(sha256(bytes)).toBe(header);
    expect(shown).toBe(header);
    expect(built.files.pdf.sha256).toBe(header);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 120_000);

  it('should sign the version as regulatory affairs and show the QPPV’s safety signature once given, missing until then', async () => {
    const page = await web().open({ as: credentials(regulatory), path: `/dossiers/${built.id}` });
    await page.getByRole('heading', { level: 1, name: 'Renewal dossier version 1 — Hemgenix' }).waitFor();
    await page.getByText('QPPV safety signature still missing').waitFor();
    // Regulatory affairs may not sign the safety part: no form for it.
    expect(await page.getByRole('form', { name: 'Sign the safety part' }).count()).toBe(0);
    const form = page.getByRole('form', { name: 'Sign the dossier' });
    await form.getByRole('radio', { name: 'Approved' }).check();
    await form.getByLabel('Your password').fill('not the password');
    await form.getByRole('button', { name: 'Sign the dossier' }).click();
    expect(await fieldError(form.getByLabel('Your password'))).toContain('Wrong password');
    await form.getByLabel('Your password').fill(TEST_PASSWORD);
    await form.getByRole('button', { name: 'Sign the dossier' }).click();
    const signatures = page.getByRole('table', { name: 'Signatures of the dossier' });
    await signatures.getByRole('row').filter({ hasText: 'dossier-reg' }).filter({ hasText: 'Approved' }).filter({ hasText: 'valid' }).waitFor();

    const safety = (await qppv.http().post('/api/signatures').send({ entityType: 'dossier-safety', entityId: built.id, meaning: 'approved', password: TEST_PASSWORD }).expect(201)).body as { signedAt: string };
    await page.reload();
    const approval = page.getByRole('status').filter({ hasText: 'Safety part approved by' });
    await approval.waitFor();
    expect(await approval.innerText()).toContain('dossier-qppv, qppv');
    expect(await approval.innerText()).toContain(`${safety.signedAt.slice(0, 10)} ${safety.signedAt.slice(11, 19)} UTC`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }, 60_000);

  it('should compare two versions and list what changed', async () => {
    const accepted = await regulatory.http().post('/api/products/Hemgenix/dossiers').send({ dataLockPoint: built.dataLockPoint, benefitRisk: 'Positive, with an updated conclusion.' }).expect(202);
    let second: Build | undefined;
    await waitUntil(async () => {
      second = (await regulatory.http().get(`/api/dossier-builds/${(accepted.body as Build).id}`).expect(200)).body as Build;
      return second.status === 'done' || second.status === 'failed';
    }, 60_000);
    expect(second?.version?.version).toBe(2);
    const page = await web().open({ as: credentials(regulatory), path: '/products/Hemgenix/dossiers' });
    const versions = page.getByRole('table', { name: 'Dossier versions' });
    await versions.getByRole('link', { name: 'Version 2' }).click();
    await page.getByRole('heading', { level: 1, name: 'Renewal dossier version 2 — Hemgenix' }).waitFor();
    await page.getByRole('combobox', { name: 'Compare with version' }).click();
    await page.getByRole('option', { name: `Version 1 — data lock point ${built.dataLockPoint}` }).click();
    await page.getByText('From version 2').waitFor();
    const general = page.getByRole('table', { name: 'Data lock point and text' });
    await general.getByRole('row').filter({ hasText: 'Positive, with an updated conclusion.' }).filter({ hasText: 'The benefit–risk balance remains positive.' }).waitFor();
    expect(page.url()).toContain(`with=${built.id}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 90_000);

  it('should show a viewer the dossier without start or sign controls', async () => {
    const page = await web().open({ as: credentials(viewer), path: '/products/Hemgenix/dossiers' });
    await page.getByRole('table', { name: 'Dossier versions' }).waitFor();
    expect(await page.getByRole('button', { name: 'Start the build' }).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Data lock point' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`/dossiers/${built.id}`);
    await page.getByRole('heading', { level: 1, name: 'Renewal dossier version 1 — Hemgenix' }).waitFor();
    await page.getByRole('table', { name: 'Signatures of the dossier' }).waitFor();
    expect(await page.getByRole('button', { name: /^Sign the/ }).count()).toBe(0);
    expect(await page.getByRole('form', { name: /^Sign the/ }).count()).toBe(0);
    expect(await page.getByLabel('Your password').count()).toBe(0);
    await page.getByRole('link', { name: /^Download the PDF/ }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }, 60_000);

  it('should not show a product-scoped account the dossier of another product', async () => {
    const products = (await regulatory.http().get('/api/products').expect(200)).body as { id: string; name: string }[];
    const zemcelpro = products.find((p) => p.name === 'Zemcelpro');
    const scoped = await web().t.signIn('regulatory', { productIds: [zemcelpro?.id ?? ''], username: 'dossier-scoped' });
    const page = await web().open({ as: credentials(scoped), path: '/products/Hemgenix/dossiers' });
    await page.getByRole('heading', { level: 1, name: 'Product not found' }).waitFor();
    expect(await page.getByRole('button', { name: 'Start the build' }).count()).toBe(0);
    await page.goto(`/dossiers/${built.id}`);
    await page.getByRole('alert').filter({ hasText: 'The dossier could not be loaded' }).waitFor();
    expect(await page.getByRole('link', { name: /^Download the PDF/ }).count()).toBe(0);
    }, 60_000);
});
