import type { Locator, Page } from 'playwright-core';
import type { SignedInUser } from '../test-app';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

interface MilestoneBody {
  id: string;
  title: string;
  kind: string;
  status: string;
  dueDate: string;
  obligationId: string | null;
  submission: { submittedOn: string; onTime: boolean; reference: string | null; ectdType: string | null } | null;
  outcome: { outcome: string; decidedOn: string; procedureRef: string | null } | null;
}

/** Chooses an option of a Mantine select by the field's label and the option's text. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The error text a field shows, once it shows one: the text of what it is described by (Mantine's `<id>-error`). */
async function fieldError(field: Locator): Promise<string> {
  await field.and(field.page().locator('[aria-describedby*="-error"]')).waitFor();
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' | ');
}

describe('products, milestones and procedures (regulatory affairs)', () => {
  const web = useWebApp({ demo: true });
  let regulatory: SignedInUser;
  let viewer: SignedInUser;
  /** Planned obligation milestones of Hemgenix, one per test that changes one. */
  let planned: MilestoneBody[];

  beforeAll(async () => {
    regulatory = await web().t.signIn('regulatory', { username: 'reg-affairs' });
    viewer = await web().t.signIn('viewer', { username: 'reg-viewer' });
    const hemgenix = (await regulatory.http().get('/api/products/Hemgenix').expect(200)).body as { milestones: MilestoneBody[] };
    planned = hemgenix.milestones.filter((m) => m.kind === 'obligation' && m.status === 'planned');
    expect(planned.length).toBeGreaterThanOrEqual(4);
  });

  async function milestone(id: string): Promise<MilestoneBody> {
    return (await regulatory.http().get(`/api/milestones/${id}`).expect(200)).body as MilestoneBody;
  }

  it('should list the products and show one with its authorisation, obligations verbatim and every computed date’s rule behind "Why this date?"', async () => {
    const products = (await regulatory.http().get('/api/products').expect(200)).body as { name: string }[];
    const detail = (await regulatory.http().get('/api/products/Hemgenix').expect(200)).body as { renewals: { expiry: { date: string; ruleId: string; source: string } }[] };
    const obligations = (await regulatory.http().get('/api/obligations').query({ product: 'Hemgenix' }).expect(200)).body as { reference: string; description: string }[];
    const page = await web().open({ as: credentials(regulatory), path: '/products' });
    const table = page.getByRole('table', { name: 'Products' });
    await table.waitFor();
    expect((await table.getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\t')[0]?.trim())).toEqual(products.map((p) => p.name));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await table.getByRole('link', { name: 'Hemgenix' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hemgenix' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/products/Hemgenix');
    for (const obligation of obligations) {
      await page.getByRole('article', { name: new RegExp(`^${obligation.reference} `) }).getByText(obligation.description, { exact: true }).waitFor();
    }

    const expiry = detail.renewals[0]!.expiry;
    const why = page.getByRole('button', { name: 'Why this date? (expiry of cycle 1)' });
    await why.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Why ${expiry.date}? (expiry of cycle 1)` });
    await dialog.getByText(expiry.ruleId, { exact: true }).waitFor();
    await dialog.getByText(expiry.source, { exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator(':focus').textContent()).toBe('Why this date? (expiry of cycle 1)');
  });

  it('should show an authorisation under exceptional circumstances with its annual reassessments, each date with its rule, and its type history', async () => {
    const created = (
      await regulatory
        .http()
        .post('/api/products')
        .send({ name: 'Exceptiomab', activeSubstance: 'exceptiomab', authorisation: { type: 'exceptional-circumstances', holder: 'Example Pharma', notifiedOn: '2024-03-15' } })
        .expect(201)
    ).body as { reassessments: { cycle: number; applicationDue: { date: string; ruleId: string; assumption: string | null } }[] };
    expect(created.reassessments.length).toBeGreaterThan(0);
    const page = await web().open({ as: credentials(regulatory), path: '/products/Exceptiomab' });
    const table = page.getByRole('table', { name: 'Annual reassessments' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(created.reassessments.length + 1);
    const first = created.reassessments[0]!;
    await table.getByRole('button', { name: `Why this date? (reassessment ${first.cycle} application due)` }).click();
    const dialog = page.getByRole('dialog', { name: `Why ${first.applicationDue.date}? (reassessment ${first.cycle} application due)` });
    await dialog.getByText(first.applicationDue.ruleId, { exact: true }).waitFor();
    if (first.applicationDue.assumption !== null) {
      await dialog.getByText(first.applicationDue.assumption, { exact: true }).waitFor();
    }
    await page.keyboard.press('Escape');
    await page.getByText('Granted as exceptional circumstances (notified 2024-03-15); now exceptional circumstances.').waitFor();
  });

  it('should record a submission with its date, reference and eCTD type, show its timeliness, then record the outcome', async () => {
    const target = planned[0]!;
    const page = await web().open({ as: credentials(regulatory), path: `/milestones/${target.id}` });
    await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
    await choose(page, 'New status', 'Submitted');
    await page.getByLabel('Submitted on', { exact: true }).fill('2026-11-20');
    await page.getByLabel('Submission reference', { exact: true }).fill('EMEA/H/C/004827/SOB/021');
    await choose(page, 'eCTD submission type', 'PAM-SOB');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record status' }).click();
    await page.getByRole('heading', { level: 3, name: 'Record the outcome' }).waitFor();

    const submitted = await milestone(target.id);
    expect(submitted).toMatchObject({ status: 'submitted', submission: { submittedOn: '2026-11-20', reference: 'EMEA/H/C/004827/SOB/021', ectdType: 'pam-sob' } });
    const status = page.getByRole('region', { name: 'Milestone' });
    await status.getByText(submitted.submission!.onTime ? 'on time' : 'late', { exact: true }).waitFor();
    await status.getByText('EMEA/H/C/004827/SOB/021 · PAM-SOB').waitFor();

    await choose(page, 'Outcome', 'Further data requested');
    await page.getByLabel('Decided on', { exact: true }).fill('2026-11-21');
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await status.getByText('Further data requested', { exact: true }).waitFor();
    expect((await milestone(target.id)).outcome).toEqual({ outcome: 'further-data-requested', decidedOn: '2026-11-21', procedureRef: null });
  });

  it('should refuse a due-date change without a reason next to the field, then keep it with one in the history and the audit trail (API and page)', async () => {
    const target = planned[1]!;
    const page = await web().open({ as: credentials(regulatory), path: `/milestones/${target.id}` });
    await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
    await page.getByLabel('New due date', { exact: true }).fill('2027-06-30');
    await choose(page, 'Changed through', 'Variation');
    await page.getByLabel('Procedure reference', { exact: true }).fill('EMEA/H/C/004827/II/0015');
    await page.getByRole('button', { name: 'Change due date' }).click();
    expect(await fieldError(page.getByLabel('Reason', { exact: true }))).toContain('should not be empty');
    expect((await milestone(target.id)).dueDate).toBe(target.dueDate);

    await page.getByLabel('Reason', { exact: true }).fill('Type II variation agreed a later interim report');
    await page.getByRole('button', { name: 'Change due date' }).click();
    const history = page.getByRole('table', { name: `Due-date history of ${target.title}` });
    const row = history.getByRole('row').filter({ hasText: 'Type II variation agreed a later interim report' });
    await row.waitFor();
    expect((await row.innerText()).split('\t').map((cell) => cell.trim())).toEqual([
      expect.stringContaining(target.dueDate),
      expect.stringContaining('2027-06-30'),
      'Variation',
      'EMEA/H/C/004827/II/0015',
      'Type II variation agreed a later interim report',
      regulatory.actor,
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
    ]);
    expect((await milestone(target.id)).dueDate).toBe('2027-06-30');
    const audit = (await regulatory.http().get('/api/audit').query({ entityType: 'milestone', entityId: target.id, action: 'due-date-change' }).expect(200)).body as { actor: string; reason: string }[];
    expect(audit).toEqual([expect.objectContaining({ actor: regulatory.actor, reason: 'Type II variation agreed a later interim report' })]);

    await page.getByRole('link', { name: 'Audit trail of this milestone' }).click();
    const entry = page.getByRole('table', { name: 'Audit trail' }).locator(':scope > tbody > tr').filter({ hasText: 'due-date-change' });
    await entry.getByText('Type II variation agreed a later interim report', { exact: true }).waitFor();
    await entry.getByText(regulatory.actor, { exact: true }).waitFor();
  });

  it('should show the allowed transitions when the milestone moved on meanwhile (409)', async () => {
    const target = planned[2]!;
    const page = await web().open({ as: credentials(regulatory), path: `/milestones/${target.id}` });
    await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
    await choose(page, 'New status', 'In progress');
    await regulatory.http().patch(`/api/milestones/${target.id}/status`).send({ status: 'in-progress' }).expect(200);
    await page.getByRole('button', { name: 'Record status' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Not possible any more' });
    await alert.getByText('Allowed now: Submitted, Cancelled').waitFor();
  });

  it('should sign a milestone with the password re-entered and the meaning chosen (a wrong password is said next to it)', async () => {
    const target = planned[3]!;
    const page = await web().open({ as: credentials(regulatory), path: `/milestones/${target.id}` });
    await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
    await page.getByRole('radio', { name: 'Approved' }).check();
    await page.getByLabel('Your password', { exact: true }).fill('not my password');
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    expect(await fieldError(page.getByLabel('Your password', { exact: true }))).toContain('Wrong password');
    expect(await page.getByRole('dialog', { name: 'Your session has ended' }).count()).toBe(0);

    await page.getByLabel('Your password', { exact: true }).fill(regulatory.password);
    await page.getByLabel('Comment', { exact: true }).fill('Interim report content checked');
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const signature = page.getByRole('table', { name: 'Signatures' }).getByRole('row').filter({ hasText: 'Approved' });
    await signature.getByText('valid', { exact: true }).waitFor();
    const stored = (await regulatory.http().get('/api/signatures').query({ entityType: 'milestone', entityId: target.id }).expect(200)).body as { meaning: string; comment: string; valid: boolean }[];
    expect(stored).toEqual([expect.objectContaining({ meaning: 'approved', comment: 'Interim report content checked', valid: true })]);
  });

  it('should record a procedure and its timetable (questions, responses due, restart, opinion) from the product page', async () => {
    const page = await web().open({ as: credentials(regulatory), path: '/products/Zemcelpro' });
    await page.getByRole('heading', { level: 1, name: 'Zemcelpro' }).waitFor();
    await page.getByRole('button', { name: 'Record a procedure' }).click();
    const record = page.getByRole('dialog', { name: 'Record a procedure' });
    await record.getByLabel('Procedure number', { exact: true }).fill('EMEA/H/C/005772/II/0003');
    await choose(page, 'Type', 'Type II variation');
    await record.getByLabel('Title', { exact: true }).fill('Type II variation: registry data in SmPC 5.1');
    await record.getByLabel('Submitted on', { exact: true }).fill('2026-09-01');
    await record.getByLabel('Started on', { exact: true }).fill('2026-09-20');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await record.getByRole('button', { name: 'Record procedure' }).click();
    await record.waitFor({ state: 'hidden' });
    const card = page.getByRole('article', { name: 'EMEA/H/C/005772/II/0003' });
    await card.getByText('Under assessment', { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Stop the clock of EMEA/H/C/005772/II/0003' }).click();
    const stop = page.getByRole('dialog', { name: /^Stop the clock/ });
    await choose(page, 'Questions', 'List of questions');
    await stop.getByLabel('Received on (clock stopped)', { exact: true }).fill('2026-10-15');
    await stop.getByLabel('Responses due on', { exact: true }).fill('2026-12-10');
    await stop.getByRole('button', { name: 'Stop the clock' }).click();
    await stop.waitFor({ state: 'hidden' });
    await card.getByText('Clock stopped', { exact: true }).waitFor();
    const responses = card.getByRole('row').filter({ hasText: 'Responses due' });
    await responses.getByText('Thu 2026-12-10').waitFor();
    await responses.getByRole('button', { name: /^Why this date\?/ }).click();
    await page.getByRole('dialog', { name: /^Why 2026-12-10\?/ }).getByText('ANNEX-II', { exact: true }).waitFor();
    await page.keyboard.press('Escape');

    await card.getByRole('button', { name: /^Record the restart/ }).click();
    const restart = page.getByRole('dialog', { name: /^Record the restart/ });
    await restart.getByLabel('Responses submitted on (clock restarted)', { exact: true }).fill('2026-11-20');
    await restart.getByRole('button', { name: 'Record restart' }).click();
    await restart.waitFor({ state: 'hidden' });
    await card.getByText('Under assessment', { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Record timetable dates of EMEA/H/C/005772/II/0003' }).click();
    const timetable = page.getByRole('dialog', { name: /^Record timetable dates/ });
    await timetable.getByLabel('Opinion on', { exact: true }).fill('2026-11-21');
    await choose(page, 'Opinion', 'Positive');
    await timetable.getByLabel('Reason for the change', { exact: true }).fill('CHMP opinion received');
    await timetable.getByRole('button', { name: 'Save timetable' }).click();
    await timetable.waitFor({ state: 'hidden' });
    await card.getByText('Opinion given', { exact: true }).waitFor();

    const procedures = (await regulatory.http().get('/api/procedures').query({ product: 'Zemcelpro' }).expect(200)).body as object[];
    expect(procedures).toEqual([
      expect.objectContaining({
        number: 'EMEA/H/C/005772/II/0003',
        state: 'opinion',
        timetable: { submittedOn: '2026-09-01', startedOn: '2026-09-20', opinionOn: '2026-11-21', opinionOutcome: 'positive', commissionDecisionOn: null },
        clockStops: [expect.objectContaining({ kind: 'list-of-questions', stoppedOn: '2026-10-15', responsesDueOn: '2026-12-10', restartedOn: '2026-11-20', open: false })],
      }),
    ]);
  });

  it('should give a viewer no edit control on a product or a milestone', async () => {
    const page = await web().open({ as: credentials(viewer), path: '/products/Hemgenix' });
    await page.getByRole('heading', { level: 1, name: 'Hemgenix' }).waitFor();
    await page.getByRole('table', { name: 'PSURs' }).waitFor();
    await page.getByText(/^No procedure is recorded|^EMEA\/H\/C\//).first().waitFor();
    const main = page.getByRole('main');
    expect(await main.getByRole('button', { name: /Record|Stop the clock|Change|Sign/ }).count()).toBe(0);
    expect(await main.getByRole('button', { name: /^Why this date\?/ }).count()).toBeGreaterThan(0);

    await page.goto(`/milestones/${planned[4]?.id ?? planned[0]!.id}`);
    await page.getByRole('heading', { level: 2, name: 'Due-date history' }).waitFor();
    await page.getByText('Not signed yet.').waitFor();
    expect(await page.getByRole('heading', { name: 'Act on this milestone' }).count()).toBe(0);
    expect(await main.getByRole('textbox').count()).toBe(0);
    expect(await main.getByRole('button', { name: /Record|Change|Sign/ }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('should not show a product-scoped account the other product, neither in the list nor by its URL', async () => {
    const products = (await regulatory.http().get('/api/products').expect(200)).body as { id: string; name: string }[];
    const hemgenix = products.find((p) => p.name === 'Hemgenix')!;
    const zemcelpro = (await regulatory.http().get('/api/products/Zemcelpro').expect(200)).body as { milestones: MilestoneBody[] };
    const scoped = await web().t.signIn('regulatory', { username: 'reg-hemgenix-only', productIds: [hemgenix.id] });
    const page = await web().open({ as: credentials(scoped), path: '/products' });
    const table = page.getByRole('table', { name: 'Products' });
    await table.getByRole('link', { name: 'Hemgenix' }).waitFor();
    expect((await table.getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\t')[0]?.trim())).toEqual(['Hemgenix']);

    await page.goto('/products/Zemcelpro');
    await page.getByRole('heading', { level: 1, name: 'Product not found' }).waitFor();
    expect(await page.getByText('Cordex Biologics').count()).toBe(0);
    await page.goto(`/milestones/${zemcelpro.milestones[0]!.id}`);
    await page.getByRole('heading', { level: 1, name: 'Milestone not found' }).waitFor();
    expect(await page.getByText(zemcelpro.milestones[0]!.title).count()).toBe(0);
  });
});
