import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import type request from 'supertest';
import { systemActor } from '../src/common/actor';
import { seedDemo } from '../src/demo/seed-demo';
import type { DossierContent } from '../src/dossier/dossier-content';
import { DossierJobs } from '../src/dossier/dossier-jobs';
import { stringify } from 'safe-stable-stringify';
import { caseBody, logCase, versionBody } from './factories';
import { pdfText } from './pdf-text';
import { createTestApp, SignedInUser, TestApp } from './test-app';
import { waitUntil } from './wait';

interface Build {
  id: string;
  status: string;
  error: string | null;
  reused: boolean | null;
  version: { id: string; version: number; contentHash: string } | null;
}

const TODAY = '2026-11-21';
const DLP = '2026-10-31';
const PRODUCT = 'Zemcelpro';

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

const sha256 = (value: unknown): string => createHash('sha256').update(stringify(value) ?? '').digest('hex');

/**
 * The renewal dossier's two dates (issue 19): safety and exposure data as at the data lock point, the regulatory
 * status as in force when the dossier is built, with every change after the DLP listed. One dossier is built, then
 * cases, exposure and the register change after the DLP, and the same DLP is built again.
 */
describe('renewal dossier: safety as at the data lock point, regulatory status as at the build', () => {
  let t: TestApp;
  let regulatory: SignedInUser;
  let safety: SignedInUser;
  let before: { build: Build; content: DossierContent };
  let after: { build: Build; content: DossierContent; pdf: string };
  let moved: { id: string; title: string; dueDate: string; obligationReference: string };
  let obligation: { id: string; reference: string; description: string };

  async function build(): Promise<Build> {
    const accepted = await regulatory.http().post(`/api/products/${PRODUCT}/dossiers`).send({ dataLockPoint: DLP, benefitRisk: 'Positive.' }).expect(202);
    return waitUntil(
      async () => (await regulatory.http().get(`/api/dossier-builds/${accepted.body.id}`).expect(200)).body as Build,
      (b) => b.status === 'done' || b.status === 'failed',
      60_000,
    );
  }

  async function file(versionId: string, kind: 'pdf' | 'zip'): Promise<Buffer> {
    return (await regulatory.http().get(`/api/dossiers/${versionId}/files/${kind}`).buffer(true).parse(binary).expect(200)).body as Buffer;
  }

  async function contentOf(versionId: string): Promise<DossierContent> {
    const zip = unzipSync(new Uint8Array(await file(versionId, 'zip')));
    return JSON.parse(Buffer.from(zip['content.json'] ?? new Uint8Array()).toString('utf8')) as DossierContent;
  }

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    await seedDemo(t.app, systemActor('demo-seed'), TODAY);
    regulatory = await t.signIn('regulatory', { username: 'as-at-regulatory' });
    safety = await t.signIn('safety', { username: 'as-at-safety' });
    t.app.get(DossierJobs).start();

    // A case received before the DLP, amended after it (below).
    const amended = await logCase(safety, PRODUCT, { initialReceiptOn: '2026-10-02', drugs: [{ key: 'd1', role: 'suspect', name: PRODUCT, batchNumber: 'Z-1' }] });
    // Two cases received before the DLP, found to be duplicates after it (below).
    const master = await logCase(safety, PRODUCT, { initialReceiptOn: '2026-09-03', patient: { initials: 'AB', ageValue: 61, ageUnit: 'year', sex: 'female' }, drugs: [{ key: 'd1', role: 'suspect', name: PRODUCT }] });
    const duplicate = await logCase(safety, PRODUCT, { initialReceiptOn: '2026-09-04', patient: { initials: 'AB', ageValue: 61, ageUnit: 'year', sex: 'female' }, drugs: [{ key: 'd1', role: 'suspect', name: PRODUCT }] });
    const obligations = (await regulatory.http().get('/api/obligations').query({ product: PRODUCT }).expect(200)).body as { id: string; reference: string; category: string; description: string; milestones: { id: string; title: string; dueDate: string; status: string }[] }[];
    const open = obligations.filter((o) => o.category === 'SOB').flatMap((o) => o.milestones.filter((m) => m.status === 'planned' || m.status === 'in-progress').map((m) => ({ ...m, obligationReference: o.reference })));
    moved = open[0] as typeof moved;
    obligation = obligations.find((o) => o.category === 'SOB' && o.reference !== moved.obligationReference) ?? (obligations[0] as typeof obligation);

    const first = await build();
    expect(first).toMatchObject({ status: 'done', error: null });
    before = { build: first, content: await contentOf(first.version?.id ?? '') };

    // After the DLP: a correction of the case, a follow-up and a new case received after it...
    await safety
      .http()
      .post(`/api/safety-cases/${amended.id}/versions`)
      .send({ ...versionBody('amendment', { initialReceiptOn: '2026-10-02', reactions: [{ key: 'r1', reportedTerm: 'liver failure', ptName: 'Hepatic failure', outcome: 'fatal', seriousness: ['death'] }], drugs: [{ key: 'd1', role: 'suspect', name: PRODUCT, batchNumber: 'Z-1' }] }), reason: 'outcome corrected: the patient died' })
      .expect(201);
    await logCase(safety, PRODUCT, caseBody(PRODUCT, { initialReceiptOn: '2026-11-10', drugs: [{ key: 'd1', role: 'suspect', name: PRODUCT }] }));
    await safety.http().post(`/api/safety-cases/${duplicate.id}/links`).send({ otherCase: master.id, kind: 'duplicate-of', reason: 'same patient, same event, two reporters' }).expect(201);
    // ...a correction of an exposure figure counted before the DLP, and a figure counted after it...
    const exposure = (await safety.http().get(`/api/products/${PRODUCT}/exposure`).expect(200)).body as { id: string; kind: string; countedOn: string; patients: number }[];
    const registry = exposure.find((e) => e.kind === 'registry' && e.countedOn <= DLP);
    expect(registry).toBeDefined();
    await safety
      .http()
      .post(`/api/products/${PRODUCT}/exposure`)
      .send({ kind: 'registry', countedOn: registry?.countedOn, patients: (registry?.patients ?? 0) + 30, source: 'registry cut, re-counted', replaces: registry?.id, reason: 'two sites reported late' })
      .expect(201);
    await safety.http().post(`/api/products/${PRODUCT}/exposure`).send({ kind: 'treated', countedOn: '2026-11-15', patients: 90, source: 'treatment centre returns' }).expect(201);
    // ...and in the register: a due date moved by a variation, an obligation's text and status changed.
    await regulatory
      .http()
      .post(`/api/milestones/${moved.id}/due-date`)
      .send({ dueDate: '2028-06-30', reason: 'Extension agreed by CAT/CHMP', changeSource: 'variation', procedureRef: 'EMEA/H/C/005772/II/0007' })
      .expect(201);
    await regulatory
      .http()
      .patch(`/api/obligations/${obligation.id}`)
      .send({ description: `${obligation.description} (wording of the renewal opinion)`, status: 'fulfilled', reason: 'Annual renewal opinion', changeSource: 'renewal-opinion', procedureRef: 'EMEA/H/C/005772/R/0003' })
      .expect(200);

    const second = await build();
    expect(second).toMatchObject({ status: 'done', error: null });
    after = { build: second, content: await contentOf(second.version?.id ?? ''), pdf: (await pdfText(await file(second.version?.id ?? '', 'pdf'))).pages.join('\n').replace(/\s+/g, ' ') };
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  it('leaves the safety part unchanged by a case, exposure figure or frequency input changed after the DLP', () => {
    expect(after.build.version?.version).toBe((before.build.version?.version ?? 0) + 1);
    expect(after.content.safety).toEqual(before.content.safety);
    expect(sha256(after.content.safety)).toBe(sha256(before.content.safety));
    // The frequency run the dossier cites is the same run: nothing it counts changed as at the DLP.
    expect(after.content.safety.frequency?.runId).toBe(before.content.safety.frequency?.runId);
  });

  it('shows the due date, text and status as in force at the build', () => {
    const milestone = after.content.obligations.flatMap((o) => o.milestones).find((m) => m.id === moved.id);
    expect(milestone?.dueDate.date).toBe('2028-06-30');
    expect(milestone?.dueDateAtDataLockPoint).toBe(moved.dueDate);
    expect(milestone?.history).toEqual([expect.objectContaining({ from: moved.dueDate, to: '2028-06-30', procedureRef: 'EMEA/H/C/005772/II/0007', changedOn: TODAY, changedBy: regulatory.actor, afterDataLockPoint: true })]);
    const changed = after.content.obligations.find((o) => o.id === obligation.id);
    expect(changed).toMatchObject({ status: 'fulfilled', description: `${obligation.description} (wording of the renewal opinion)` });
  });

  it('lists every change since the DLP with from, to, procedure, who and when', () => {
    expect(before.content.changesSinceDataLockPoint).toEqual([]);
    expect(after.content.changesSinceDataLockPoint).toEqual([
      { obligationReference: moved.obligationReference, milestone: moved.title, field: 'due date', from: moved.dueDate, to: '2028-06-30', source: 'variation', procedureRef: 'EMEA/H/C/005772/II/0007', reason: 'Extension agreed by CAT/CHMP', changedBy: regulatory.actor, changedOn: TODAY },
      { obligationReference: obligation.reference, milestone: null, field: 'text', from: obligation.description, to: `${obligation.description} (wording of the renewal opinion)`, source: 'renewal-opinion', procedureRef: 'EMEA/H/C/005772/R/0003', reason: 'Annual renewal opinion', changedBy: regulatory.actor, changedOn: TODAY },
      { obligationReference: obligation.reference, milestone: null, field: 'status', from: 'open', to: 'fulfilled', source: 'renewal-opinion', procedureRef: 'EMEA/H/C/005772/R/0003', reason: 'Annual renewal opinion', changedBy: regulatory.actor, changedOn: TODAY },
    ]);
    expect(after.content.asAt.regulatoryStatus).toContain('3 changes');
  });

  it('prints the changes since the DLP and says which part is as at which date', () => {
    expect(after.pdf).toContain('Changes to obligations and milestones since the data lock point');
    expect(after.pdf.replace(/\s+/g, '')).toContain('EMEA/H/C/005772/II/0007');
    expect(after.pdf).toContain(`${moved.dueDate} → 2028-06-30`);
    expect(after.pdf).toContain('open → fulfilled');
    expect(after.pdf).toContain(`as at the data lock point ${DLP}`);
    expect(after.pdf).not.toMatch(/\bnull\b/);
    expect(after.pdf).not.toMatch(/\d\.\d{7,}/);
  });

  it('keeps an obligation’s changes in its history and refuses a change without its procedure or with nothing to change', async () => {
    const history = (await regulatory.http().get(`/api/obligations/${obligation.id}/history`).expect(200)).body as { field: string; from: string; to: string; procedureRef: string; changedBy: string; recordedOn: string }[];
    expect(history.map((h) => [h.field, h.to, h.procedureRef, h.changedBy, h.recordedOn])).toEqual([
      ['description', `${obligation.description} (wording of the renewal opinion)`, 'EMEA/H/C/005772/R/0003', regulatory.actor, TODAY],
      ['status', 'fulfilled', 'EMEA/H/C/005772/R/0003', regulatory.actor, TODAY],
    ]);
    const noProcedure = await regulatory.http().patch(`/api/obligations/${obligation.id}`).send({ status: 'open', reason: 'x', changeSource: 'variation' }).expect(422);
    expect(noProcedure.body.errors).toEqual([expect.objectContaining({ field: 'procedureRef' })]);
    await regulatory.http().patch(`/api/obligations/${obligation.id}`).send({ status: 'fulfilled', reason: 'x', changeSource: 'correction' }).expect(422);
    const badSource = await regulatory.http().patch(`/api/obligations/${obligation.id}`).send({ status: 'open', reason: 'x', changeSource: 'whim' }).expect(400);
    expect(JSON.stringify(badSource.body)).toContain('changeSource');
    const viewer = await t.signIn('viewer');
    await viewer.http().patch(`/api/obligations/${obligation.id}`).send({ status: 'open', reason: 'x', changeSource: 'correction' }).expect(403);
  });

  it('says in the DLP suggestion which data lie after it', async () => {
    const suggestion = (await regulatory.http().get(`/api/products/${PRODUCT}/dossier-suggestion`).expect(200)).body as { dataLockPoint: string; dataAfter: string[]; basis: string };
    if (suggestion.dataLockPoint < '2026-11-15') {
      expect(suggestion.dataAfter.join(' ')).toContain('the treated exposure figure counted on');
      expect(suggestion.basis).toContain('lies after this data lock point');
    } else {
      expect(suggestion.dataAfter).toEqual([]);
    }
  });
});
