import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type request from 'supertest';
import { systemActor } from '../src/common/actor';
import { seedDemo } from '../src/demo/seed-demo';
import { DossierJobs } from '../src/dossier/dossier-jobs';
import { DossierService } from '../src/dossier/dossier.service';
import { runCliCaptured } from './cli-run';
import { pdfText } from './pdf-text';
import { createTestApp, SignedInUser, TEST_PASSWORD, TestApp } from './test-app';
import { waitUntil } from './wait';

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
  error: string | null;
  reused: boolean | null;
  version: Version | null;
}

const TODAY = '2026-11-21';
const DLP = '2026-10-31';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Supertest: a binary body as a Buffer. */
function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('annual renewal dossier', () => {
  let t: TestApp;
  let regulatory: SignedInUser;
  let qppv: SignedInUser;
  const folder = mkdtempSync(join(tmpdir(), 'cma-dossier-'));

  async function build(product: string, body: Record<string, unknown>): Promise<Build> {
    const accepted = await regulatory.http().post(`/api/products/${product}/dossiers`).send(body).expect(202);
    expect(accepted.body.status).toBe('queued');
    return waitUntil(
      async () => (await regulatory.http().get(`/api/dossier-builds/${accepted.body.id}`).expect(200)).body as Build,
      (b) => b.status === 'done' || b.status === 'failed',
      60_000,
    );
  }

  async function file(version: Version, kind: 'pdf' | 'xlsx' | 'zip'): Promise<Buffer> {
    const response = await regulatory.http().get(`/api/dossiers/${version.id}/files/${kind}`).buffer(true).parse(binary).expect(200);
    const body = response.body as Buffer;
    expect(response.headers['x-content-sha256']).toBe(sha256(body));
    expect(response.headers['content-disposition']).toContain(version.files[kind].name);
    return body;
  }

  async function versions(product: string): Promise<Version[]> {
    return (await regulatory.http().get(`/api/products/${product}/dossiers`).expect(200)).body as Version[];
  }

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    await seedDemo(t.app, systemActor('demo-seed'), TODAY);
    regulatory = await t.signIn('regulatory', { username: 'dossier-regulatory' });
    qppv = await t.signIn('qppv');
    t.app.get(DossierJobs).start();
  }, 60_000);

  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await t.close();
  });

  it('suggests a data lock point for the next renewal', async () => {
    const suggestion = (await regulatory.http().get('/api/products/Hemgenix/dossier-suggestion').expect(200)).body;
    expect(suggestion.dataLockPoint).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(suggestion.renewal.applicationDue > suggestion.dataLockPoint).toBe(true);
    expect(suggestion.basis).toContain('suggestion');
    expect(suggestion.dataLockPoint <= TODAY).toBe(true);
  });

  it.each(['Hemgenix', 'Zemcelpro'])('renders %s: every obligation and the frequency comparison in the PDF text, the same tables in the workbook and the bundle', async (product) => {
    const done = await build(product, { dataLockPoint: DLP, benefitRisk: 'The benefit–risk balance remains positive.', lineListing: true });
    expect(done).toMatchObject({ status: 'done', error: null, reused: false });
    const version = done.version as Version;
    expect(version).toMatchObject({ version: 1, dataLockPoint: DLP });
    const pdf = await file(version, 'pdf');
    const text = await pdfText(pdf);
    const all = text.pages.join('\n');
    // Long identifiers (hashes, ids) may wrap in a table cell: looked up with the white space taken out.
    const compact = all.replace(/\s+/g, '');
    expect(text.info.CreationDate).toContain('20261031');
    const obligations = (await regulatory.http().get('/api/obligations').query({ product }).expect(200)).body as { reference: string }[];
    expect(obligations.length).toBeGreaterThan(0);
    for (const obligation of obligations) {
      expect(all).toContain(obligation.reference);
    }
    expect(compact).toContain(version.contentHash);
    expect(all).toMatch(/frequenc/i);
    expect(all).toContain('The benefit–risk balance remains positive.');
    const frequency = (await regulatory.http().get('/api/frequency-runs').query({ product, period: 'cumulative' }).expect(200)).body as { id: string; dataLockPoint: string }[];
    const cited = frequency.find((run) => run.dataLockPoint === DLP && compact.includes(run.id));
    expect(cited).toBeDefined();
    const rows = (await regulatory.http().get(`/api/frequency-runs/${cited?.id}`).expect(200)).body.rows as { level: string; label: string; flag: string | null }[];
    const flagged = rows.filter((r) => r.level === 'term' || r.flag !== null);
    expect(flagged.length).toBeGreaterThan(0);
    for (const row of flagged) {
      expect(compact).toContain(row.label.replace(/\s+/g, ''));
    }

    const zip = unzipSync(new Uint8Array(await file(version, 'zip')));
    const manifest = JSON.parse(Buffer.from(zip['manifest.json'] ?? new Uint8Array()).toString('utf8'));
    expect(manifest.contentHash).toBe(version.contentHash);
    expect(sha256(Buffer.from(zip['dossier.pdf'] ?? new Uint8Array()))).toBe(version.files.pdf.sha256);
    expect(Object.keys(zip).filter((name) => name.startsWith('csv/')).length).toBeGreaterThan(5);
    expect((await file(version, 'xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('gives the same bytes and the same version when nothing changed', async () => {
    const again = await build('Hemgenix', { dataLockPoint: DLP, benefitRisk: 'The benefit–risk balance remains positive.', lineListing: true });
    expect(again).toMatchObject({ status: 'done', reused: true });
    // Every request leaves its audit row, even one that reuses an existing version.
    const rows = (await regulatory.http().get('/api/audit').query({ entityType: 'dossier-build' }).expect(200)).body as { entityId: string; action: string }[];
    expect(rows.filter((r) => r.action === 'request').map((r) => r.entityId)).toContain((again as { id: string }).id);
    const list = await versions('Hemgenix');
    expect(list).toHaveLength(1);
    expect(again.version?.id).toBe(list[0]?.id);
    expect(again.version?.files).toEqual(list[0]?.files);
  });

  it('makes a new version when a milestone moves, and the comparison shows it', async () => {
    const before = (await versions('Hemgenix'))[0] as Version;
    const milestones = (await regulatory.http().get('/api/products/Hemgenix').expect(200)).body.milestones as { id: string; title: string; dueDate: string; kind: string; status: string }[];
    const moved = milestones.find((m) => m.kind === 'obligation' && m.status !== 'submitted' && m.status !== 'cancelled');
    expect(moved).toBeDefined();
    await regulatory
      .http()
      .post(`/api/milestones/${moved?.id}/due-date`)
      .send({ dueDate: '2027-12-31', reason: 'Extension agreed by CHMP', changeSource: 'variation', procedureRef: 'EMEA/H/C/004827/II/0099' })
      .expect(201);
    const after = await build('Hemgenix', { dataLockPoint: DLP, benefitRisk: 'The benefit–risk balance remains positive.', lineListing: true });
    expect(after).toMatchObject({ status: 'done', reused: false, version: { version: 2 } });
    expect(after.version?.contentHash).not.toBe(before.contentHash);
    expect(after.version?.files.pdf.sha256).not.toBe(before.files.pdf.sha256);
    expect((await regulatory.http().get(`/api/dossiers/${before.id}`).expect(200)).body).toEqual(JSON.parse(JSON.stringify(before)));
    const comparison = (await regulatory.http().get(`/api/dossiers/${before.id}/comparison`).query({ with: after.version?.id }).expect(200)).body;
    expect(comparison.identical).toBe(false);
    expect(comparison.obligations).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'dueDate', from: moved?.dueDate, to: '2027-12-31' })]));
  });

  it('leaves no version behind when a build fails midway', async () => {
    const dossiers = t.app.get(DossierService);
    const actor = systemActor('test');
    const count = (await versions('Zemcelpro')).length;
    const requested = await dossiers.request(actor, { product: 'Zemcelpro', dataLockPoint: '2026-09-30', benefitRisk: '', proposedChanges: [], lineListing: false });
    await expect(
      dossiers.run(actor, requested.id, (status) => {
        if (status === 'rendering') {
          throw new Error('renderer crashed');
        }
      }),
    ).rejects.toThrow('renderer crashed');
    expect(await dossiers.build(requested.id, null)).toMatchObject({ status: 'failed', error: 'renderer crashed', version: null });
    expect(await versions('Zemcelpro')).toHaveLength(count);
  });

  it('refuses bad requests with the field and the problem', async () => {
    // Well-formed but impossible: 422, naming the field; malformed: 400.
    const future = await regulatory.http().post('/api/products/Hemgenix/dossiers').send({ dataLockPoint: '2027-01-01' }).expect(422);
    expect(JSON.stringify(future.body)).toContain('dataLockPoint');
    await regulatory.http().post('/api/products/Hemgenix/dossiers').send({ dataLockPoint: '2026-02-30' }).expect(400);
    const unknown = await regulatory
      .http()
      .post('/api/products/Hemgenix/dossiers')
      .send({ dataLockPoint: DLP, proposedChanges: [{ obligationReference: 'SOB-999', change: 'x', reason: 'y' }] })
      .expect(422);
    await regulatory.http().post('/api/products/Hemgenix/dossiers').send({ dataLockPoint: DLP, proposedChanges: [{ obligationReference: 'SOB-001' }] }).expect(400);
    await regulatory.http().get(`/api/dossiers/${(await versions('Hemgenix'))[0]?.id}/files/docx`).expect(400);
    expect(JSON.stringify(unknown.body)).toContain('SOB-999');
    await regulatory.http().post('/api/products/Nonexistent/dossiers').send({ dataLockPoint: DLP }).expect(404);
    const viewer = await t.signIn('viewer');
    await viewer.http().post('/api/products/Hemgenix/dossiers').send({ dataLockPoint: DLP }).expect(403);
  });

  it('is signed by regulatory affairs as a whole and by a QPPV for its safety part', async () => {
    const version = (await versions('Hemgenix'))[0] as Version;
    await regulatory.http().post('/api/signatures').send({ entityType: 'dossier', entityId: version.id, meaning: 'approved', password: TEST_PASSWORD }).expect(201);
    await regulatory.http().post('/api/signatures').send({ entityType: 'dossier-safety', entityId: version.id, meaning: 'approved', password: TEST_PASSWORD }).expect(403);
    const safety = await qppv.http().post('/api/signatures').send({ entityType: 'dossier-safety', entityId: version.id, meaning: 'approved', password: TEST_PASSWORD }).expect(201);
    expect(JSON.stringify(safety.body)).toContain(version.contentHash);
  });

  it('exports from the command line without a worker, printing the checksums', async () => {
    const out = join(folder, 'export');
    const result = await runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: TODAY }, 'dossier', 'export', '--product', 'Zemcelpro', '--dlp', DLP, '--out', out, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { version: Version; files: { kind: string; path: string; sha256: string }[] };
    expect(printed.files.map((f) => f.kind)).toEqual(['pdf', 'xlsx', 'zip']);
    for (const f of printed.files) {
      expect(existsSync(f.path)).toBe(true);
      expect(sha256(readFileSync(f.path))).toBe(f.sha256);
    }
    const failed = await runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: TODAY }, 'dossier', 'export', '--product', 'Zemcelpro', '--dlp', '2030-01-01', '--out', out);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('dataLockPoint');
  });
});
