import { join } from 'node:path';
import { runCliCaptured } from './cli-run';
import { createTestApp, TestApp } from './test-app';

const FIXTURES = join(__dirname, 'fixtures', 'faers');

interface FileReport {
  kind: string;
  file: string;
  rows: number;
  staged: number;
  badRows: number;
  badRowExamples: { line: number; problem: string }[];
}
interface Report {
  quarter: string;
  files: FileReport[];
  cases: number;
  loaded: number;
  superseded: number;
  unchanged: number;
  deleted: number;
  childRowsNotLoaded: number;
}

describe('FAERS quarterly import', () => {
  let t: TestApp;
  const run = (...argv: string[]) => runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: '2026-11-21' }, ...argv);

  async function importQuarter(folder: string): Promise<Report> {
    const result = await run('faers', 'import', join(FIXTURES, folder), '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Report;
  }

  async function reports(): Promise<string[]> {
    const rows = await t.dataSource.query<{ primaryid: string }[]>(`SELECT primaryid::text FROM faers_report ORDER BY primaryid`);
    return rows.map((r) => r.primaryid);
  }

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('loads the latest version of each case, skips the deleted one and reports bad rows without stopping', async () => {
    const report = await importQuarter('2025q3');
    expect(report).toMatchObject({ quarter: '2025Q3', cases: 5, loaded: 4, superseded: 0, unchanged: 0, deleted: 1, childRowsNotLoaded: 4 });
    const demo = report.files.find((f) => f.kind === 'demo');
    expect(demo).toMatchObject({ rows: 8, staged: 6, badRows: 2 });
    expect(demo?.badRowExamples).toEqual([
      { line: 7, problem: 'primaryid "x5001" is not a whole number' },
      { line: 8, problem: '5 fields where the header has 25' },
    ]);
    expect(report.files.find((f) => f.kind === 'drug')).toMatchObject({ rows: 9, staged: 5, notLoaded: 3, badRows: 1 });
    expect(await reports()).toEqual(['1002', '2001', '3001', '6001']);
    const [latin] = await t.dataSource.query<{ mfr_sndr: string }[]>(`SELECT mfr_sndr FROM faers_report WHERE primaryid = 6001`);
    expect(latin?.mfr_sndr).toBe('Müller GmbH');
    const reactions = await t.dataSource.query<{ pt: string }[]>(`SELECT pt FROM faers_reaction WHERE primaryid = 1002 ORDER BY pt`);
    expect(reactions.map((r) => r.pt)).toEqual(['Headache', 'Nausea']);
    const [counts] = await t.dataSource.query<{ drugs: number; old: number; outcomes: number }[]>(
      `SELECT (SELECT count(*) FROM faers_drug)::int AS drugs, (SELECT count(*) FROM faers_reaction WHERE primaryid = 1001)::int AS old, (SELECT count(*) FROM faers_outcome)::int AS outcomes`,
    );
    expect(counts).toEqual({ drugs: 5, old: 0, outcomes: 1 });
  });

  it('applies the next quarter: a newer version replaces the loaded one, an older one is ignored, a deleted case goes', async () => {
    const report = await importQuarter('2025q4');
    expect(report).toMatchObject({ quarter: '2025Q4', cases: 3, loaded: 2, superseded: 1, unchanged: 1, deleted: 1 });
    expect(await reports()).toEqual(['1002', '2002', '6001', '7001']);
    const [orphans] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM faers_reaction x WHERE NOT EXISTS (SELECT 1 FROM faers_report r WHERE r.primaryid = x.primaryid)`);
    expect(orphans?.n).toBe(0);
    const deleted = await t.dataSource.query<{ caseid: string; quarter: string }[]>(`SELECT caseid::text, quarter FROM faers_deleted_case ORDER BY caseid`);
    expect(deleted).toEqual([
      { caseid: '300', quarter: '2025Q4' },
      { caseid: '400', quarter: '2025Q3' },
    ]);
  });

  it('is idempotent: importing a quarter again changes nothing', async () => {
    const before = await t.dataSource.query(`SELECT * FROM faers_reaction ORDER BY primaryid, pt`);
    const report = await importQuarter('2025q4');
    expect(report).toMatchObject({ cases: 3, loaded: 0, superseded: 0, unchanged: 3, deleted: 0 });
    expect(await reports()).toEqual(['1002', '2002', '6001', '7001']);
    expect(await t.dataSource.query(`SELECT * FROM faers_reaction ORDER BY primaryid, pt`)).toEqual(before);
    const again = await importQuarter('2025q3');
    expect(again).toMatchObject({ loaded: 0, superseded: 0 });
    expect(await reports()).toEqual(['1002', '2002', '6001', '7001']);
  });

  it('records every load in the quarter list and the audit trail', async () => {
    const quarters = await run('faers', 'quarters', '--json');
    expect((JSON.parse(quarters.stdout) as { quarter: string }[]).map((q) => q.quarter)).toEqual(['2025Q4', '2025Q3']);
    const [audit] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_entry WHERE entity_type = 'faers-quarter' AND action = 'import'`);
    expect(audit?.n).toBe(4);
  });

  it('refuses a folder that is not a quarter, naming what is missing, and leaves nothing behind', async () => {
    const missing = await run('faers', 'import', join(FIXTURES, 'nowhere'), '--json');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/no such folder/);
    const notQuarter = await run('faers', 'import', FIXTURES, '--json');
    expect(notQuarter.code).toBe(1);
    expect(notQuarter.stderr).toMatch(/two \w+ files .*load one quarter at a time/);
    const badQuarter = await run('faers', 'import', join(FIXTURES, '2025q3'), '--quarter', '2025-3');
    expect(badQuarter.stderr).toMatch(/quarter: "2025-3" is not a quarter/);
  });
});
