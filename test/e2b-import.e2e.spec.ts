import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCaptured } from './cli-run';
import { createProduct } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

const FDA_EXAMPLES = join(__dirname, 'fixtures', 'e2b-fda');

interface Report {
  files: { file: string; status: string; reason: string | null; cases: { worldwideId: string; action: string; version: number }[] }[];
  totals: { filesRead: number; filesRefused: number; filesSkipped: number; casesCreated: number; casesVersioned: number };
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

  it('should import every FDA example, repeated worldwide ids as versions of one case, and skip the acknowledgements', async () => {
    const result = await run('e2b', 'import', FDA_EXAMPLES, '--json');
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files.filter((f) => f.status === 'refused')).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(report.totals).toEqual({ filesRead: 10, filesRefused: 0, filesSkipped: 4, casesCreated: 3, casesVersioned: 7 });
    expect(report.files.filter((f) => f.status === 'skipped').map((f) => f.file)).toEqual(['R3ack-negative.ack', 'R3ack-positive.ack', 'README-FDA.txt', 'SOURCE.md']);
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
});
