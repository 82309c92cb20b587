import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

const FDA_EXAMPLES = resolve(__dirname, '..', 'fixtures', 'e2b-fda');

describe('E2B exchange page', () => {
  const web = useWebApp();
  let safety: SignedInUser;
  let viewer: SignedInUser;
  let admin: SignedInUser;
  let folder: string;

  beforeAll(async () => {
    safety = await web().t.signIn('safety', { username: 'e2b-safety' });
    viewer = await web().t.signIn('viewer', { username: 'e2b-viewer' });
    admin = await web().t.signIn('admin', { username: 'e2b-admin' });
    folder = mkdtempSync(join(tmpdir(), 'e2b-page-'));
    writeFileSync(join(folder, 'truncated.xml'), '<?xml version="1.0"?><MCCI_IN200100UV01 xmlns="urn:hl7-org:v3"><id extension="x"/><PORR_IN049016UV>');
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('should upload an FDA example ICSR, a broken file and an acknowledgement, and show what each led to', async () => {
    const page = await web().open({ as: credentials(safety), path: '/e2b' });
    await page.getByRole('heading', { level: 1, name: 'E2B exchange' }).waitFor();
    await page.getByText('No acknowledgement has been read yet.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Nothing chosen: the form says so next to the field, nothing is sent.
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('Choose one or more files').waitFor();

    await page.locator('input[type="file"]').setInputFiles([join(FDA_EXAMPLES, 'FAERS2022Scenario4.xml'), join(folder, 'truncated.xml'), join(FDA_EXAMPLES, 'R3ack-negative.ack')]);
    await page.getByRole('button', { name: 'Upload' }).click();
    const report = page.getByRole('table', { name: 'Import report' });
    await report.waitFor();
    await page.getByText('3 files read, 1 refused, 0 skipped; 1 cases created, 0 versioned; 0 acknowledgements matched, 1 unmatched.').waitFor();

    const good = report.getByRole('row').filter({ hasText: 'FAERS2022Scenario4.xml' });
    expect(await good.getByRole('cell').nth(2).innerText()).toMatch(/imported/i);
    const caseLink = good.getByRole('link', { name: 'US-APHARMA-222222222' });
    expect(await caseLink.getAttribute('href')).toBe('/cases/US-APHARMA-222222222');

    const refused = report.getByRole('row').filter({ hasText: 'truncated.xml' });
    expect(await refused.getByRole('cell').nth(2).innerText()).toMatch(/refused/i);
    expect((await refused.getByRole('cell').nth(5).innerText()).length).toBeGreaterThan(10);

    const ack = report.getByRole('row').filter({ hasText: 'R3ack-negative.ack' });
    expect(await ack.innerText()).toContain('Unmatched');

    // The acknowledgements list, filtered to the unmatched ones (the filter is in the URL).
    const acks = page.getByRole('table', { name: 'Acknowledgements' });
    await acks.getByText('R3ack-negative.ack').waitFor();
    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'Unmatched' }).click();
    await page.waitForURL(/outcome=unmatched/);
    await acks.getByText('matches no case (US-APHARMA-7644554)').waitFor();
    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'Rejected' }).click();
    await page.getByText('No acknowledgement with this outcome.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('should let a viewer read the acknowledgements but not import', async () => {
    const page = await web().open({ as: credentials(viewer), path: '/e2b?outcome=unmatched' });
    await page.getByRole('table', { name: 'Acknowledgements' }).getByText('R3ack-negative.ack').waitFor();
    await page.getByText('Only safety officers and the QPPV import E2B files.').waitFor();
    expect(await page.locator('input[type="file"]').count()).toBe(0);
  });

  it('should show the administrator no E2B data, in the page or the API', async () => {
    const page = await web().open({ as: credentials(admin), path: '/e2b' });
    await page.getByText('Not available for your role').waitFor();
    expect(await page.getByRole('link', { name: 'E2B exchange' }).count()).toBe(0);
    expect(await page.getByText('R3ack-negative.ack').count()).toBe(0);
    await admin.http().get('/api/e2b/acknowledgements').expect(403);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
