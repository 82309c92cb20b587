import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { runCliCaptured } from './cli-run';
import { createProduct } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

const FDA_EXAMPLES = join(__dirname, 'fixtures', 'e2b-fda');

interface Report {
  files: {
    file: string;
    status: string;
    kind: string | null;
    reason: string | null;
    sha256: string | null;
    casesCreated: number;
    casesVersioned: number;
    casesNotListed: number;
    cases: { worldwideId: string; safetyReportId: string; action: string; version: number; fromEudraVigilance: boolean; warnings: string[] }[];
    acknowledgements: { code: string | null; outcome: string; safetyReportId: string | null; version: number | null; detail: string }[];
  }[];
  totals: { filesRead: number; filesRefused: number; filesSkipped: number; casesCreated: number; casesVersioned: number; acknowledgementsMatched: number; acknowledgementsUnmatched: number };
}

const SCENARIO4 = readFileSync(join(FDA_EXAMPLES, 'FAERS2022Scenario4.xml'), 'utf8');

/** Scenario 4 under another case id (C.1.1 and C.1.8.1), optionally with another message sender (N.2.r.2). */
function scenario4As(caseId: string, sender?: string): string {
  const renamed = SCENARIO4.replaceAll('US-APHARMA-222222222', caseId);
  return sender === undefined ? renamed : renamed.replace('extension="4567AB89012" root="2.16.840.1.113883.3.989.2.1.3.11"', `extension="${sender}" root="2.16.840.1.113883.3.989.2.1.3.11"`);
}

/** A batch of n ICSR messages (Scenario 4's, each under its own case id; `repeat` ids appear twice). */
function batchOf(n: number, prefix: string, repeat: number[] = []): string {
  const open = SCENARIO4.indexOf('<PORR_IN049016UV');
  const closeTag = '</PORR_IN049016UV>';
  const close = SCENARIO4.lastIndexOf(closeTag) + closeTag.length;
  const message = SCENARIO4.slice(open, close);
  const ids = [...Array.from({ length: n }, (_, i) => i), ...repeat];
  return SCENARIO4.slice(0, open) + ids.map((i) => message.replaceAll('US-APHARMA-222222222', `${prefix}-${i}`)).join('\n') + SCENARIO4.slice(close);
}

function withFolder<T>(files: Record<string, string>, body: (folder: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'e2b-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(folder, name), text);
  }
  return body(folder).finally(() => rmSync(folder, { recursive: true, force: true }));
}

describe('e2b import on the command line', () => {
  let t: TestApp;
  let safety: SignedInUser;
  const run = (...argv: string[]) => runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: '2026-11-21' }, ...argv);

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
  });

  afterAll(async () => {
    await t.close();
  });

  it('should import every FDA example, repeated worldwide ids as versions of one case, then match the acknowledgements', async () => {
    const result = await run('e2b', 'import', FDA_EXAMPLES, '--json');
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files.filter((f) => f.status === 'refused')).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(report.totals).toEqual({ filesRead: 12, filesRefused: 0, filesSkipped: 2, casesCreated: 3, casesVersioned: 7, acknowledgementsMatched: 1, acknowledgementsUnmatched: 1 });
    expect(report.files.filter((f) => f.status === 'skipped').map((f) => f.file)).toEqual(['README-FDA.txt', 'SOURCE.md']);
    // Cases first, acknowledgements after them, whatever the names.
    expect(report.files.slice(-2).map((f) => [f.file, f.kind])).toEqual([
      ['R3ack-negative.ack', 'acknowledgement'],
      ['R3ack-positive.ack', 'acknowledgement'],
    ]);
    const versions = await t.dataSource.query<{ worldwide_id: string; n: number }[]>(
      `SELECT s.worldwide_id, count(v.*)::int AS n FROM safety_case s JOIN safety_case_version v ON v.case_id = s.id GROUP BY s.worldwide_id ORDER BY s.worldwide_id`,
    );
    expect(versions).toEqual([
      { worldwide_id: 'US-APHARMA-222222222', n: 1 },
      { worldwide_id: 'US-APHARMA-234545656', n: 3 },
      { worldwide_id: 'US-APHARMA-8744554B', n: 6 },
    ]);
  });

  it('should keep a case of an unregistered product with the product as reported, visible to an unscoped safety user', async () => {
    const list = await safety.http().get('/api/safety-cases').query({ limit: 10 }).expect(200);
    const scenario4 = list.body.cases.find((c: { worldwideId: string }) => c.worldwideId === 'US-APHARMA-222222222');
    expect(scenario4).toMatchObject({ productId: null, reportedProduct: 'AA-001', reportType: 'clinical-trial' });
    const detail = await safety.http().get(`/api/safety-cases/${scenario4.id}`).expect(200);
    expect(detail.body.version.content.reactions.length).toBeGreaterThan(0);
    const scoped = await t.signIn('safety', { productIds: [(await createProduct(t)).id] });
    await scoped.http().get(`/api/safety-cases/${scenario4.id}`).expect(404);
  });

  it('should record a case arriving out of order as an amendment that says why, never moving a date silently', async () => {
    const rows = await t.dataSource.query<{ version: number; version_type: string; reason: string | null }[]>(
      `SELECT v.version, v.version_type, v.reason FROM safety_case_version v JOIN safety_case s ON s.id = v.case_id WHERE s.worldwide_id = 'US-APHARMA-8744554B' ORDER BY v.version`,
    );
    expect(rows[0]?.version_type).toBe('initial');
    const amendments = rows.filter((r) => r.version_type === 'amendment');
    expect(amendments.length).toBeGreaterThan(0);
    expect(amendments.every((r) => r.reason !== null && r.reason.includes('imported E2B(R3)'))).toBe(true);
  });

  it('should refuse a hostile file with the problem, import the good files of the same run and exit 1', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'e2b-'));
    try {
      cpSync(join(FDA_EXAMPLES, 'FAERS2022Scenario4.xml'), join(folder, 'a-good.xml'));
      writeFileSync(join(folder, 'b-laughs.xml'), '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><MCCI_IN200100UV01>&lol2;</MCCI_IN200100UV01>');
      writeFileSync(join(folder, 'c-truncated.xml'), '<?xml version="1.0"?><MCCI_IN200100UV01 xmlns="urn:hl7-org:v3"><id extension="x"/><PORR_IN049016UV>');
      const before = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM safety_case_version`);
      const result = await run('e2b', 'import', folder, '--json');
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.files.map((f) => [f.file, f.status])).toEqual([
        ['a-good.xml', 'imported'],
        ['b-laughs.xml', 'refused'],
        ['c-truncated.xml', 'refused'],
      ]);
      expect(report.files[1]?.reason).toContain('E2B_DOCTYPE');
      expect(report.files[2]?.reason).toContain('E2B_MALFORMED');
      expect(result.stderr).toContain('E2B_FILES_REFUSED');
      const after = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM safety_case_version`);
      expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('should link an imported case to a registered product named as its suspect', async () => {
    const product = await createProduct(t, { name: 'AA-001' });
    const folder = mkdtempSync(join(tmpdir(), 'e2b-'));
    try {
      // The same file again under a new worldwide id: a new case, now for the registered product.
      writeFileSync(join(folder, 'copy.xml'), readFileSync(join(FDA_EXAMPLES, 'FAERS2022Scenario4.xml'), 'utf8').replaceAll('US-APHARMA-222222222', 'US-APHARMA-333333333'));
      expect((await run('e2b', 'import', folder, '--json')).code).toBe(0);
      const [row] = await t.dataSource.query<{ product_id: string | null }[]>(`SELECT product_id FROM safety_case WHERE worldwide_id = 'US-APHARMA-333333333'`);
      expect(row?.product_id).toBe(product.id);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('should name a path that does not exist, exit 1 and write nothing', async () => {
    const result = await run('e2b', 'import', '/no/such/folder', '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('path: /no/such/folder: no such file or folder');
  });

  it('should record the positive acknowledgement (CA) as the submission of the case, dated the acknowledgement', async () => {
    const [submission] = await t.dataSource.query<{ safety_report_id: string; version: number; recipient: string; acknowledged_on: string; ack_ref: string }[]>(
      `SELECT s.safety_report_id, cs.version, cs.recipient, cs.acknowledged_on::text, cs.ack_ref FROM case_submission cs JOIN safety_case s ON s.id = cs.case_id`,
    );
    // ACK.B.r.1 names "<message id> US-APHARMA-8744554B"; the latest version with day 0 on or before 2022-08-11 is the one acknowledged.
    expect(submission).toEqual({ safety_report_id: 'US-APHARMA-8744554B', version: 6, recipient: 'CDER', acknowledged_on: '2022-08-11', ack_ref: '33439257/19426648' });
    const audit = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_entry WHERE entity_type = 'safety-case' AND action = 'submission'`);
    expect(audit).toHaveLength(1);
  });

  it('should store the negative acknowledgement that matches no case and report it, not fail', async () => {
    const unmatched = await safety.http().get('/api/e2b/acknowledgements').query({ outcome: 'unmatched' }).expect(200);
    expect(unmatched.body).toEqual([
      expect.objectContaining({ fileName: 'R3ack-negative.ack', code: 'CR', batchCode: 'AE', outcome: 'unmatched', safetyReportId: null, messageNumber: 'US-APHARMA-7644554', detail: 'matches no case (US-APHARMA-7644554)' }),
    ]);
    expect((await safety.http().get('/api/e2b/acknowledgements').expect(200)).body).toHaveLength(2);
    await safety.http().get('/api/e2b/acknowledgements').query({ outcome: 'lost' }).expect(400);
  });

  it('should skip an acknowledgement file read before (same checksum) and change nothing', async () => {
    const result = await run('e2b', 'import', join(FDA_EXAMPLES, 'R3ack-positive.ack'), '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files[0]).toMatchObject({ status: 'skipped', reason: expect.stringContaining('already read') });
    const [rows] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM e2b_acknowledgement`);
    expect(rows?.n).toBe(2);
  });

  it('should refuse an external entity, deep nesting and a wrong root element by name, each file on its own', async () => {
    const deep = `<?xml version="1.0"?><MCCI_IN200100UV01 xmlns="urn:hl7-org:v3">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</MCCI_IN200100UV01>`;
    await withFolder(
      {
        'a-xxe.xml': '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><PORR_IN049016UV>&x;</PORR_IN049016UV>',
        'b-deep.xml': deep,
        'c-root.xml': '<?xml version="1.0"?><html><body>not an ICSR</body></html>',
        'd-empty.ack': '',
      },
      async (folder) => {
        const result = await run('e2b', 'import', folder, '--json');
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout) as Report;
        expect(report.files.map((f) => [f.file, f.status, /^E2B_[A-Z_]+/.exec(f.reason ?? '')?.[0]])).toEqual([
          ['a-xxe.xml', 'refused', 'E2B_DOCTYPE'],
          ['b-deep.xml', 'refused', 'E2B_TOO_DEEP'],
          ['c-root.xml', 'refused', 'E2B_NOT_ICSR'],
          ['d-empty.ack', 'refused', 'E2B_MALFORMED'],
        ]);
        expect(report.files[1]?.reason).toContain('nested deeper than 64');
        expect(report.files[2]?.reason).toContain('html');
      },
    );
  });

  it('should mark a case downloaded from EudraVigilance: no clock, and a submission of it is refused', async () => {
    await withFolder({ 'ev.xml': scenario4As('EU-EC-10001', 'EVHUMAN') }, async (folder) => {
      const report = JSON.parse((await run('e2b', 'import', folder, '--json')).stdout) as Report;
      expect(report.files[0]?.cases[0]).toMatchObject({ worldwideId: 'EU-EC-10001', action: 'created', fromEudraVigilance: true });
    });
    const [row] = await t.dataSource.query<{ id: string; clocks: number }[]>(`SELECT s.id, (SELECT count(*)::int FROM case_clock c WHERE c.case_id = s.id) AS clocks FROM safety_case s WHERE worldwide_id = 'EU-EC-10001'`);
    expect(row?.clocks).toBe(0);
    const detail = await safety.http().get(`/api/safety-cases/${row?.id}`).expect(200);
    expect(detail.body.fromEudraVigilance).toBe(true);
    expect(detail.body.clocks).toEqual([]);
    expect(detail.body.version.assessment.noClock.reason).toContain('EudraVigilance');
    const refused = await safety.http().post(`/api/safety-cases/${row?.id}/submissions`).send({ version: 1, acknowledgedOn: '2026-11-20' }).expect(409);
    expect(refused.body.code).toBe('CASE_FROM_EUDRAVIGILANCE');
  });

  it('should import a batch through the bulk path: one audit row per batch naming the file by its SHA-256, repeats as versions', async () => {
    const xml = batchOf(300, 'US-BULK', [7]);
    await withFolder({ 'bulk.xml': xml }, async (folder) => {
      const result = await run('e2b', 'import', folder, '--json');
      expect(result.code).toBe(0);
      const file = (JSON.parse(result.stdout) as Report).files[0];
      expect(file).toMatchObject({ status: 'imported', casesCreated: 300, casesVersioned: 1, casesNotListed: 0 });
      expect(file?.sha256).toBe(createHash('sha256').update(xml).digest('hex'));
      const batches = await t.dataSource.query<{ entity_id: string; after: { count: number; fileName: string } }[]>(`SELECT entity_id, after FROM audit_entry WHERE action = 'import:e2b' AND after->>'fileName' = 'bulk.xml' ORDER BY seq`);
      // 301 messages in batches of 250: 250 new, then 50 new (and the repeat, written as a version with its own audit rows).
      expect(batches.map((b) => [b.entity_id, b.after.count])).toEqual([
        [file?.sha256, 250],
        [file?.sha256, 50],
      ]);
      const [repeat] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM safety_case_version v JOIN safety_case s ON s.id = v.case_id WHERE s.worldwide_id = 'US-BULK-7'`);
      expect(repeat?.n).toBe(2);
    });
  });

  it('should import uploaded files over HTTP for an account that sees every product, and refuse the others', async () => {
    const response = await safety
      .http()
      .post('/api/e2b/imports')
      .attach('files', Buffer.from(scenario4As('US-UPLOAD-1')), 'upload.xml')
      .attach('files', Buffer.from('not xml at all'), 'notes.txt')
      .expect(201);
    expect(response.body.totals).toMatchObject({ filesRead: 1, filesSkipped: 1, casesCreated: 1 });
    expect(response.body.files.map((f: { file: string; status: string }) => [f.file, f.status])).toEqual([
      ['notes.txt', 'skipped'],
      ['upload.xml', 'imported'],
    ]);
    const refused = await safety.http().post('/api/e2b/imports').attach('files', Buffer.from('<?xml version="1.0"?><!DOCTYPE x><PORR_IN049016UV/>'), 'bad.xml').expect(201);
    expect(refused.body.files[0]).toMatchObject({ status: 'refused', reason: expect.stringContaining('E2B_DOCTYPE') });
    const none = await safety.http().post('/api/e2b/imports').expect(422);
    expect(JSON.stringify(none.body)).toContain('files');
    const scoped = await t.signIn('safety', { productIds: [(await createProduct(t)).id] });
    expect((await scoped.http().post('/api/e2b/imports').attach('files', Buffer.from(scenario4As('US-UPLOAD-2')), 'u2.xml').expect(403)).body.code).toBe('E2B_IMPORT_NEEDS_ALL_PRODUCTS');
    await (await t.signIn('viewer')).http().post('/api/e2b/imports').attach('files', Buffer.from(scenario4As('US-UPLOAD-3')), 'u3.xml').expect(403);
    const [count] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM safety_case WHERE worldwide_id LIKE 'US-UPLOAD-%'`);
    expect(count?.n).toBe(1);
  });

  it('should keep reactions coded with LLTs the loaded MedDRA release does not know, uncoded with a warning (the file is not refused)', async () => {
    expect((await run('meddra', 'load', join(__dirname, 'fixtures', 'meddra'))).code).toBe(0);
    await withFolder({ 'coded.xml': scenario4As('US-CODED-1') }, async (folder) => {
      const result = await run('e2b', 'import', folder, '--json');
      expect(result.code).toBe(0);
      const line = (JSON.parse(result.stdout) as Report).files[0]?.cases[0];
      expect(line?.warnings.some((w) => w.includes('kept uncoded'))).toBe(true);
    });
  });
});
