import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { systemActor } from '../src/common/actor';
import { MeddraFilesError } from '../src/meddra/meddra-files';
import { MeddraLoaderService } from '../src/meddra/meddra-loader.service';
import { MeddraService } from '../src/meddra/meddra.service';
import { runCliCaptured } from './cli-run';
import { createTestApp, SignedInUser, TestApp } from './test-app';

/** The made-up dictionary in the MedDRA file format (not MedDRA: see test/fixtures/meddra/README.md). */
const GOOD = join(__dirname, 'fixtures', 'meddra');
const BAD = join(__dirname, 'fixtures', 'meddra-bad');
const TABLES = ['meddra_release', 'meddra_soc', 'meddra_hlgt', 'meddra_hlt', 'meddra_pt', 'meddra_llt', 'meddra_soc_hlgt', 'meddra_hlgt_hlt', 'meddra_hlt_pt', 'meddra_hierarchy'];
const COUNTS = { soc: 10, hlgt: 11, hlt: 15, pt: 17, llt: 40, lltCurrent: 37, socHlgt: 11, hlgtHlt: 15, hltPt: 19, hierarchy: 19 };

describe('MedDRA: load a licensed release from its files, search it, code reactions', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let later: string;
  const cliActor = `cli:${userInfo().username}`;
  const run = (...argv: string[]) => runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }, ...argv);
  const meddra = () => t.app.get(MeddraService);
  const m = () => t.dataSource.manager;
  const rowCounts = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = row!.n;
    }
    return counts;
  };
  const auditRows = () => t.dataSource.query<{ actor: string; action: string; entity_id: string; after: Record<string, unknown> }[]>(`SELECT actor, action, entity_id, after FROM audit_entry WHERE entity_type = 'meddra-release' ORDER BY seq`);
  const search = (query: Record<string, string | number | boolean>) => safety.http().get('/api/meddra/search').query(query);
  const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);

  beforeAll(async () => {
    t = await createTestApp();
    safety = await t.signIn('safety');
    // A later release of the same made-up dictionary: only its version differs.
    later = mkdtempSync(join(tmpdir(), 'meddra-90.1-'));
    cpSync(GOOD, later, { recursive: true });
    writeFileSync(join(later, 'meddra_release.asc'), '90.1$English$$$$\r\n', 'latin1');
  });
  afterAll(async () => {
    rmSync(later, { recursive: true, force: true });
    await t.close();
  });

  it('should answer a search before any load with 200, release null, no items and a message (not an error)', async () => {
    const response = await search({ q: 'headache' }).expect(200);
    expect(response.body).toEqual({ release: null, query: 'headache', level: 'any', items: [], message: expect.stringContaining('No MedDRA dictionary is loaded') });
    expect((await safety.http().get('/api/meddra/releases').expect(200)).body).toEqual([]);
    await safety.http().get('/api/meddra/llt/900300001').expect(404);
    expect(await meddra().codeLlt(m(), 900300001)).toBeNull();
    expect(await meddra().ptByName(m(), 'Headache')).toBeNull();
    expect(await meddra().hltNamesOfPt(m(), 900300001)).toEqual([]);
    expect(await meddra().ptNamesUnderHlt(m(), 'Headaches NEC')).toEqual([]);
    const cli = await run('meddra', 'releases');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('No MedDRA release is loaded.');
  });

  it('should load the made-up dictionary through the CLI: counts, version 90.0, Latin-1 names decoded, one audit row', async () => {
    const result = await run('meddra', 'load', GOOD, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const loaded = JSON.parse(result.stdout);
    expect(loaded).toMatchObject({ version: '90.0', language: 'English', counts: COUNTS, sourceSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(loaded.durationMs).toEqual(expect.any(Number));

    expect(await rowCounts()).toEqual({
      meddra_release: 1,
      meddra_soc: 10,
      meddra_hlgt: 11,
      meddra_hlt: 15,
      meddra_pt: 17,
      meddra_llt: 40,
      meddra_soc_hlgt: 11,
      meddra_hlgt_hlt: 15,
      meddra_hlt_pt: 19,
      meddra_hierarchy: 19,
    });
    const latin1 = await t.dataSource.query<{ name: string }[]>(`SELECT name FROM meddra_pt WHERE code = 900300017 UNION ALL SELECT name FROM meddra_llt WHERE code = 900400022`);
    expect(latin1.map((r) => r.name)).toEqual(["Ménière's disease", 'Maladie de Ménière']);
    const [release] = await t.dataSource.query<{ loaded_by: string; counts: object }[]>(`SELECT loaded_by, counts FROM meddra_release`);
    expect(release).toEqual({ loaded_by: cliActor, counts: COUNTS });

    const audit = await auditRows();
    expect(audit).toEqual([
      { actor: cliActor, action: 'load', entity_id: loaded.id, after: { version: '90.0', language: 'English', sourceSha256: loaded.sourceSha256, source: 'meddra', counts: COUNTS } },
    ]);
  });

  it('should refuse to load the same release again, writing nothing', async () => {
    const before = await rowCounts();
    const again = await run('meddra', 'load', GOOD);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error [MEDDRA_RELEASE_ALREADY_LOADED]: MedDRA 90.0 (English) is already loaded');
    expect(await rowCounts()).toEqual(before);
    expect(await auditRows()).toHaveLength(1);
  });

  it('should refuse a malformed dictionary naming file and line, writing nothing', async () => {
    const before = await rowCounts();
    const bad = await run('meddra', 'load', BAD);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error \[INVALID_INPUT\]: MedDRA files refused \(\d+ problems?\)/);
    expect(bad.stderr).toContain('hlgt_hlt.asc: required file is missing');
    expect(bad.stderr).toContain('llt.asc line 3: too few fields: 3, expected 11');
    expect(bad.stderr).toContain('pt.asc line 18: pt_soc_code 900000099 is not in soc.asc');
    expect(await rowCounts()).toEqual(before);
    expect(await auditRows()).toHaveLength(1);

    const error: unknown = await t.app
      .get(MeddraLoaderService)
      .loadFolder(BAD, systemActor('test'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeddraFilesError);
    expect((error as MeddraFilesError).problems).toContainEqual({ file: 'llt.asc', line: 3, problem: 'too few fields: 3, expected 11' });

    const missing = await run('meddra', 'load', join(__dirname, 'fixtures', 'no-such-folder'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-folder is not a folder');
    expect(await rowCounts()).toEqual(before);
  });

  it('should search LLTs by text: exact > prefix > contains, case-insensitive, each with its PT and primary SOC, non-current left out unless asked', async () => {
    const llts = (await search({ q: 'HEADACHE', level: 'llt' }).expect(200)).body;
    expect(llts.release).toMatchObject({ version: '90.0', language: 'English' });
    expect(llts.message).toBeNull();
    expect(llts.items).toEqual([
      { level: 'llt', code: 900300001, name: 'Headache', current: true, match: 'exact', ptCode: 900300001, ptName: 'Headache', socCode: 900000002, socName: 'Nervous system disorders' },
      { level: 'llt', code: 900400001, name: 'Headaches', current: true, match: 'prefix', ptCode: 900300001, ptName: 'Headache', socCode: 900000002, socName: 'Nervous system disorders' },
      { level: 'llt', code: 900400003, name: 'Tension headache', current: true, match: 'contains', ptCode: 900300001, ptName: 'Headache', socCode: 900000002, socName: 'Nervous system disorders' },
    ]);
    const all = (await search({ q: 'headache', level: 'llt', includeNonCurrent: true }).expect(200)).body;
    expect(names(all)).toEqual(['Headache', 'Headaches', 'Headache NOS', 'Tension headache']);
    expect(all.items[2]).toMatchObject({ code: 900400004, current: false });

    const sgpt = (await search({ q: 'sgpt', level: 'llt' }).expect(200)).body;
    expect(sgpt.items).toEqual([expect.objectContaining({ name: 'SGPT increased', ptName: 'Alanine aminotransferase increased', socName: 'Investigations' })]);
    expect(names((await search({ q: 'ménière' }).expect(200)).body)).toEqual(["Ménière's disease", 'Maladie de Ménière']);
    expect(names((await search({ q: 'headache', level: 'llt', limit: 1 }).expect(200)).body)).toEqual(['Headache']);
    // LIKE wildcards are taken literally.
    expect((await search({ q: '%' }).expect(200)).body.items).toEqual([]);
    expect((await search({ q: 'head_che' }).expect(200)).body.items).toEqual([]);
  });

  it('should search PTs and both levels, giving the primary SOC of a PT under several SOCs', async () => {
    const pts = (await search({ q: 'aminotransferase', level: 'pt' }).expect(200)).body;
    expect(pts.items.map((i: { level: string; name: string; match: string }) => [i.level, i.name, i.match])).toEqual([
      ['pt', 'Alanine aminotransferase increased', 'contains'],
      ['pt', 'Aspartate aminotransferase increased', 'contains'],
    ]);
    const both = (await search({ q: 'pneumonia' }).expect(200)).body;
    expect(both.items.map((i: { level: string; name: string; socName: string }) => [i.level, i.name, i.socName])).toEqual([
      ['pt', 'Pneumonia', 'Infections and infestations'],
      ['llt', 'Atypical pneumonia', 'Infections and infestations'],
    ]);
    // Influenza like illness sits under Infections too (lower code), but its primary SOC is General disorders.
    const flu = (await search({ q: 'influenza like illness', level: 'pt' }).expect(200)).body;
    expect(flu.items).toEqual([expect.objectContaining({ name: 'Influenza like illness', socName: 'General disorders and administration site conditions' })]);
    const pathsOfPneumonia = await t.dataSource.query<{ soc_code: number; primary_soc: boolean }[]>(`SELECT soc_code, primary_soc FROM meddra_hierarchy WHERE pt_code = 900300008 ORDER BY soc_code`);
    expect(pathsOfPneumonia).toEqual([
      { soc_code: 900000001, primary_soc: true },
      { soc_code: 900000008, primary_soc: false },
    ]);
  });

  it('should refuse bad search parameters with 400 naming the field', async () => {
    expect((await search({}).expect(400)).body.errors).toContainEqual(expect.objectContaining({ field: 'q' }));
    expect((await search({ q: '   ' }).expect(400)).body.errors).toContainEqual(expect.objectContaining({ field: 'q' }));
    expect((await search({ q: 'x', level: 'soc' }).expect(400)).body.errors).toContainEqual(expect.objectContaining({ field: 'level' }));
    expect((await search({ q: 'x', limit: 0 }).expect(400)).body.errors).toContainEqual(expect.objectContaining({ field: 'limit' }));
    expect((await search({ q: 'x', limit: 101 }).expect(400)).body.errors).toContainEqual(expect.objectContaining({ field: 'limit' }));
    expect((await search({ q: 'x', includeNonCurrent: 'maybe' }).expect(400)).body.errors).toContainEqual(expect.objectContaining({ field: 'includeNonCurrent' }));
    await safety.http().get('/api/meddra/llt/abc').expect(400);
  });

  it('should look up one LLT, current or not, with its PT, primary SOC and version', async () => {
    expect((await safety.http().get('/api/meddra/llt/900400007').expect(200)).body).toEqual({
      lltCode: 900400007,
      lltName: 'SGPT increased',
      lltCurrent: true,
      ptCode: 900300003,
      ptName: 'Alanine aminotransferase increased',
      socCode: 900000004,
      socName: 'Investigations',
      version: '90.0',
      language: 'English',
    });
    expect((await t.http().get('/api/meddra/llt/900400013').expect(200)).body).toMatchObject({ lltName: 'Pneumonia NOS', lltCurrent: false, ptName: 'Pneumonia', socName: 'Infections and infestations' });
    expect((await safety.http().get('/api/meddra/llt/900499999').expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('should code reactions for the safety cases: LLT code, PT name, HLTs of a PT, PTs under an HLT', async () => {
    expect(await meddra().codeLlt(m(), 900400012)).toEqual({
      lltCode: 900400012,
      lltName: 'Atypical pneumonia',
      lltCurrent: true,
      ptCode: 900300008,
      ptName: 'Pneumonia',
      socCode: 900000001,
      socName: 'Infections and infestations',
      version: '90.0',
      language: 'English',
    });
    expect(await meddra().codeLlt(m(), 900400013)).toBeNull();
    expect(await meddra().codeLlt(m(), 900400013, undefined, { includeNonCurrent: true })).toMatchObject({ lltCurrent: false, ptName: 'Pneumonia' });
    expect(await meddra().codeLlt(m(), 123)).toBeNull();
    expect(await meddra().codeLlt(m(), 99_999_999_999)).toBeNull();
    expect(await meddra().ptByName(m(), ' pneumonia ')).toMatchObject({ lltCode: 900300008, lltName: 'Pneumonia', ptCode: 900300008, ptName: 'Pneumonia', socName: 'Infections and infestations', version: '90.0' });
    expect(await meddra().ptByName(m(), "MÉNIÈRE'S DISEASE")).toMatchObject({ ptCode: 900300017, socName: 'Ear and labyrinth disorders' });
    expect(await meddra().ptByName(m(), 'Pneumon')).toBeNull();
    expect(await meddra().hltNamesOfPt(m(), 900300008)).toEqual(['Lower respiratory tract infections NEC', 'Lower respiratory tract inflammatory and immunologic conditions']);
    expect(await meddra().ptNamesUnderHlt(m(), 'liver function analyses')).toEqual(['Alanine aminotransferase increased', 'Aspartate aminotransferase increased']);
    expect(await meddra().ptNamesUnderHlt(m(), 'No such HLT')).toEqual([]);
  });

  it('should list releases, the most recently loaded one current, and search any loaded version', async () => {
    const loaded = await run('meddra', 'load', later);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/Loaded MedDRA 90\.1 \(English\): 10 SOC, 11 HLGT, 15 HLT, 17 PT, 40 LLT \(37 current\) in \d+\.\d s\. It is now the current release\./);

    const releases = (await safety.http().get('/api/meddra/releases').expect(200)).body;
    expect(releases).toEqual([
      { id: expect.any(String), version: '90.1', language: 'English', current: true, loadedAt: expect.any(String), loadedBy: cliActor, sourceSha256: expect.stringMatching(/^[0-9a-f]{64}$/), counts: COUNTS },
      { id: expect.any(String), version: '90.0', language: 'English', current: false, loadedAt: expect.any(String), loadedBy: cliActor, sourceSha256: expect.stringMatching(/^[0-9a-f]{64}$/), counts: COUNTS },
    ]);
    expect(releases[0].sourceSha256).not.toBe(releases[1].sourceSha256);

    expect((await search({ q: 'fatigue' }).expect(200)).body.release).toMatchObject({ version: '90.1' });
    expect((await search({ q: 'fatigue', version: '90.0' }).expect(200)).body.release).toMatchObject({ id: releases[1].id, version: '90.0' });
    expect((await search({ q: 'fatigue', version: '99.9' }).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
    expect(await meddra().codeLlt(m(), 900400021, releases[1].id)).toMatchObject({ lltName: 'Tiredness', version: '90.0' });
    expect(await meddra().codeLlt(m(), 900400021)).toMatchObject({ lltName: 'Tiredness', version: '90.1' });

    const cli = await run('meddra', 'releases', '--json');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).map((r: { version: string; current: boolean }) => [r.version, r.current])).toEqual([
      ['90.1', true],
      ['90.0', false],
    ]);
    expect(await auditRows()).toHaveLength(2);
  });
});
