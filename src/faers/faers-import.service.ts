import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { InvalidInputError } from '../common/errors';
import { copyValue } from '../common/copy-text';
import { DrugMarks, ReactionMarks, REMARK_DRUGS_SQL, REMARK_REACTIONS_SQL, type ReportIndex } from './counted-rows';
import { classifyFile, copyLine, decodeLine, FAERS_COLUMNS, faersEvent, faersProduct, type FaersHeader, type FaersKind, parseDeletedLine, parseLine, QUARTER_PATTERN, quarterOf, readHeader } from './faers-files';

/** Bad rows shown per file (all are counted). */
const BAD_ROW_EXAMPLES = 20;

export interface FaersFileReport {
  kind: FaersKind;
  file: string;
  sha256: string;
  /** Data lines read (the header not counted, blank lines not counted). */
  rows: number;
  /** Rows written (to the staging table for reports and the deletion list, to the table for the others). */
  staged: number;
  /** Good rows of a report that was not loaded (an older version, deleted, or missing from DEMO). */
  notLoaded: number;
  badRows: number;
  badRowExamples: { line: number; problem: string }[];
  /** Reading, checking and staging the file. */
  durationMs: number;
}

export interface FaersImportReport {
  quarter: string;
  files: FaersFileReport[];
  /** Cases of the quarter (latest version per case id within it). */
  cases: number;
  /** New cases, or newer versions of loaded ones. */
  loaded: number;
  /** Loaded cases replaced by a newer version from this quarter. */
  superseded: number;
  /** Cases in the quarter whose loaded version is the same or newer: nothing to do (a re-import). */
  unchanged: number;
  /** Cases on a deletion list (this quarter's or an earlier one): removed, not loaded. */
  deleted: number;
  /** Rows of DRUG, REAC and OUTC whose report was not loaded (an older version, deleted, or missing from DEMO). */
  childRowsNotLoaded: number;
  /** Merging the staged rows into the tables. */
  mergeMs: number;
  /**
   * VACUUM (ANALYZE) of the FAERS tables once the load is committed: planner statistics for the new rows, and
   * their visibility settled now rather than by the first run that reads them.
   */
  vacuumMs: number;
  durationMs: number;
}

/**
 * Where each file's rows go: reports and the deletion list to staging tables (temporary, no WAL) that the
 * merge reads; drugs, reactions and outcomes straight into their tables, only the rows of reports the merge
 * loaded (the others are counted, not written).
 */
const TARGET: Readonly<Record<FaersKind, { table: string; columns: readonly string[] }>> = {
  demo: { table: 'faers_stage_demo', columns: FAERS_COLUMNS.demo.kept },
  deleted: { table: 'faers_stage_deleted', columns: ['caseid'] },
  drug: { table: 'faers_drug', columns: [...FAERS_COLUMNS.drug.kept, 'product_id', 'counted_roles'] },
  reac: { table: 'faers_reaction', columns: [...FAERS_COLUMNS.reac.kept, 'event_id', 'counted'] },
  outc: { table: 'faers_outcome', columns: FAERS_COLUMNS.outc.kept },
};

const STAGING_SQL = `
  CREATE TEMPORARY TABLE faers_stage_demo ON COMMIT DROP AS
    SELECT primaryid, caseid, caseversion, i_f_code, event_dt, fda_dt, rept_cod, mfr_sndr, age, age_cod, sex, reporter_country, occr_country FROM faers_report WITH NO DATA;
  CREATE TEMPORARY TABLE faers_stage_deleted (caseid bigint NOT NULL) ON COMMIT DROP;`;

/**
 * The merge of the reports, in the import's transaction: the latest version per case id of the quarter; a
 * case is loaded when no same or newer version is loaded and it is on no deletion list; the version it
 * replaces goes (with its rows); cases on this quarter's deletion list go and are remembered. Re-importing a
 * quarter changes nothing.
 */
const MERGE_SQL = [
  `ANALYZE faers_stage_demo; ANALYZE faers_stage_deleted`,
  `CREATE TEMPORARY TABLE faers_latest ON COMMIT DROP AS SELECT DISTINCT ON (caseid) * FROM faers_stage_demo ORDER BY caseid, caseversion DESC, primaryid DESC`,
  `INSERT INTO faers_deleted_case (caseid, quarter) SELECT DISTINCT caseid, $1 FROM faers_stage_deleted ON CONFLICT (caseid) DO NOTHING`,
  `CREATE TEMPORARY TABLE faers_accepted ON COMMIT DROP AS
     SELECT s.* FROM faers_latest s
      WHERE NOT EXISTS (SELECT 1 FROM faers_report r WHERE r.caseid = s.caseid AND (r.caseversion > s.caseversion OR r.primaryid = s.primaryid))
        AND NOT EXISTS (SELECT 1 FROM faers_deleted_case d WHERE d.caseid = s.caseid)`,
  `ALTER TABLE faers_accepted ADD PRIMARY KEY (primaryid); ANALYZE faers_accepted`,
  `CREATE TEMPORARY TABLE faers_removed ON COMMIT DROP AS
     SELECT r.primaryid, r.caseid, (a.caseid IS NOT NULL) AS superseded FROM faers_report r LEFT JOIN faers_accepted a ON a.caseid = r.caseid
      WHERE a.caseid IS NOT NULL OR r.caseid IN (SELECT caseid FROM faers_stage_deleted)`,
  `DELETE FROM faers_drug WHERE primaryid IN (SELECT primaryid FROM faers_removed)`,
  `DELETE FROM faers_reaction WHERE primaryid IN (SELECT primaryid FROM faers_removed)`,
  `DELETE FROM faers_outcome WHERE primaryid IN (SELECT primaryid FROM faers_removed)`,
  `DELETE FROM faers_report WHERE primaryid IN (SELECT primaryid FROM faers_removed)`,
  `INSERT INTO faers_report (primaryid, caseid, caseversion, quarter, i_f_code, event_dt, fda_dt, rept_cod, mfr_sndr, age, age_cod, sex, reporter_country, occr_country)
     SELECT primaryid, caseid, caseversion, $1, i_f_code, event_dt, fda_dt, rept_cod, mfr_sndr, age, age_cod, sex, reporter_country, occr_country FROM faers_accepted`,
];

/**
 * The lines of a file as text (LF or CRLF), streamed a chunk at a time (about 1 MB of lines per step: memory
 * does not grow with the file, and no promise per line). A chunk of pure ASCII (nearly all of FAERS) is
 * decoded at once; a chunk with other bytes line by line (UTF-8, else Latin-1).
 */
async function* lineBatches(path: string, hash: ReturnType<typeof createHash>): AsyncGenerator<string[]> {
  let rest: Buffer = Buffer.alloc(0);
  const complete = (buffer: Buffer): string[] => {
    const text = isAscii(buffer) ? buffer.toString('latin1').split('\n') : splitBytes(buffer).map(decodeLine);
    return text.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    const buffer = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    const last = buffer.lastIndexOf(10);
    if (last < 0) {
      rest = Buffer.from(buffer);
      continue;
    }
    yield complete(buffer.subarray(0, last));
    rest = Buffer.from(buffer.subarray(last + 1));
  }
  if (rest.length > 0) {
    yield complete(rest);
  }
}

function splitBytes(buffer: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let end = buffer.indexOf(10); end >= 0; end = buffer.indexOf(10, start)) {
    parts.push(buffer.subarray(start, end));
    start = end + 1;
  }
  parts.push(buffer.subarray(start));
  return parts;
}

/**
 * The names products and events are counted under, as small integers (faers_product, faers_event): loaded
 * at the start of an import, extended by it, the new entries written at its end (imports are serialised).
 */
class Dictionary {
  private readonly ids = new Map<string, number>();
  private next = 1;
  readonly added: string[] = [];

  constructor(private readonly table: 'faers_product' | 'faers_event') {}

  async load(client: PoolClient): Promise<this> {
    const rows = await client.query<{ id: number; name: string }>(`SELECT id, name FROM ${this.table}`);
    for (const row of rows.rows) {
      this.ids.set(row.name, row.id);
      this.next = Math.max(this.next, row.id + 1);
    }
    return this;
  }

  idOf(name: string | null): number | null {
    if (name === null) {
      return null;
    }
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(name, id);
      this.added.push(name);
    }
    return id;
  }

  /** The new entries, through COPY. */
  async save(client: PoolClient): Promise<void> {
    if (this.added.length === 0) {
      return;
    }
    const first = this.next - this.added.length;
    const text = this.added.map((name, i) => `${first + i}\t${copyValue(name)}\n`).join('');
    await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${this.table} (id, name) FROM STDIN`)));
  }
}

interface Dictionaries {
  products: Dictionary;
  events: Dictionary;
}

/**
 * The rows of one file as COPY lines, with what they count as: a drug its product (dictionary id) and, on
 * the row that counts it, the product's roles in the report; a reaction its event and whether it is the row
 * that counts it (counted-rows.ts). Reports and outcomes pass through.
 */
class MarkedRows {
  private readonly drugs: DrugMarks<{ values: (string | null)[]; text: string }> | null;

  constructor(
    private readonly kind: FaersKind,
    private readonly dictionaries: Dictionaries,
    private readonly reactions: ReactionMarks | undefined,
    loaded: IdSet | null,
    private readonly write: (line: string) => void,
  ) {
    const marks = reactions;
    this.drugs = kind === 'drug' && loaded !== null && marks !== undefined ? new DrugMarks(loaded, (id) => marks.hasEvent(id), this.release) : null;
  }

  add(values: (string | null)[], text: string): void {
    if (this.kind === 'reac' && this.reactions !== undefined) {
      const event = this.dictionaries.events.idOf(faersEvent(values[1] ?? null));
      const counted = this.reactions.counted(Number(values[0]), event);
      values.push(event === null ? null : String(event), counted ? 't' : 'f');
      this.write(copyLine(values, text));
    } else if (this.drugs !== null) {
      const product = this.dictionaries.products.idOf(faersProduct(values[3] ?? null, values[4] ?? null));
      values.push(product === null ? null : String(product));
      this.drugs.add(Number(values[0]), product, values[2] ?? null, { values, text });
    } else {
      this.write(copyLine(values, text));
    }
  }

  private readonly release = (row: { values: (string | null)[]; text: string }, countedRoles: number | null): void => {
    row.values.push(countedRoles === null ? null : String(countedRoles));
    this.write(copyLine(row.values, row.text));
  };

  /** The last report's drug rows. */
  end(): void {
    this.drugs?.flush();
  }

  /** Reports whose rows were not contiguous in the file, marked again in SQL once the file is in. */
  async remark(client: PoolClient): Promise<void> {
    const scattered = this.kind === 'reac' ? this.reactions?.scattered : this.drugs?.scattered;
    if (scattered !== undefined && scattered.size > 0) {
      await client.query(this.kind === 'reac' ? REMARK_REACTIONS_SQL : REMARK_DRUGS_SQL, [[...scattered].map(String)]);
    }
  }
}

/** Sorted primary ids, looked up by binary search: 8 bytes per report (2 million reports: 16 MB). */
class IdSet implements ReportIndex {
  constructor(private readonly ids: Float64Array) {}

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    return this.indexOf(id) >= 0;
  }

  indexOf(id: number): number {
    let low = 0;
    let high = this.ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.ids[middle] ?? 0;
      if (value === id) {
        return middle;
      }
      if (value < id) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return -1;
  }
}

/**
 * Loads a FAERS quarter from a folder of its ASCII files: each file streamed through COPY into a staging
 * table, then merged in set-based SQL, all in one transaction (a failed load leaves nothing half-written).
 * Bad rows are counted, shown (the first ones, with line numbers) and skipped.
 */
@Injectable()
export class FaersImportService {
  private readonly logger = new Logger(FaersImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async importFolder(folder: string, actor: Actor, options: { quarter?: string } = {}): Promise<FaersImportReport> {
    const started = performance.now();
    const found = await this.findFiles(folder);
    const quarter = this.quarterOf(found, options.quarter);
    const reportsFirst = [...found].filter(([kind]) => kind === 'demo' || kind === 'deleted');
    const children = [...found].filter(([kind]) => kind !== 'demo' && kind !== 'deleted');
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      try {
        // One import at a time: the dictionaries and the latest-version rule assume it.
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('faers-import'))`);
        await client.query(STAGING_SQL);
        const dictionaries = { products: await new Dictionary('faers_product').load(client), events: await new Dictionary('faers_event').load(client) };
        const files: FaersFileReport[] = [];
        for (const [kind, path] of reportsFirst) {
          files.push(await this.stage(client, kind, path, null, dictionaries));
        }
        const merged = await this.mergeReports(client, quarter);
        const loaded = await this.loadedIds(client);
        const reactions = new ReactionMarks(loaded);
        for (const [kind, path] of children) {
          files.push(await this.stage(client, kind, path, loaded, dictionaries, reactions));
        }
        await dictionaries.products.save(client);
        await dictionaries.events.save(client);
        const report: Omit<FaersImportReport, 'durationMs' | 'vacuumMs'> = { ...merged, files, childRowsNotLoaded: files.reduce((n, f) => n + f.notLoaded, 0) };
        await client.query(
          `INSERT INTO faers_quarter (quarter, files, counts, loaded_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (quarter) DO UPDATE SET files = EXCLUDED.files, counts = EXCLUDED.counts, loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
          [quarter, JSON.stringify(report.files), JSON.stringify({ cases: report.cases, loaded: report.loaded, superseded: report.superseded, unchanged: report.unchanged, deleted: report.deleted, childRowsNotLoaded: report.childRowsNotLoaded }), actor.id],
        );
        const digest = createHash('sha256')
          .update(report.files.map((r) => `${r.kind}:${r.sha256}`).sort().join('\n'))
          .digest('hex');
        await this.audit.recordBatch(runner.manager, actor, { entityType: 'faers-quarter', action: 'import', fileName: `FAERS ${quarter} (${report.files.map((r) => r.file).join(', ')})`, fileSha256: digest, count: Math.max(1, report.cases) });
        await runner.commitTransaction();
        const vacuumStarted = performance.now();
        // The load is committed: a failed vacuum is only a warning (autovacuum will get there).
        await client.query('VACUUM (ANALYZE) faers_report, faers_drug, faers_reaction, faers_outcome, faers_deleted_case').catch((error: unknown) => {
          this.logger.warn(`FAERS ${quarter} loaded; VACUUM (ANALYZE) afterwards failed: ${error instanceof Error ? error.message : String(error)}`);
        });
        return { ...report, vacuumMs: Math.round(performance.now() - vacuumStarted), durationMs: Math.round(performance.now() - started) };
      } catch (error) {
        if (runner.isTransactionActive) {
          await runner.rollbackTransaction();
        }
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /** The quarter's files by kind: DEMO, DRUG and REAC required, OUTC and the deletion list optional, one of each. */
  private async findFiles(folder: string): Promise<Map<FaersKind, string>> {
    const info = await stat(folder).catch(() => null);
    if (info === null || !info.isDirectory()) {
      throw InvalidInputError.field('folder', `${folder}: no such folder (give the folder of one quarter's ASCII files)`);
    }
    const found = new Map<FaersKind, string>();
    for (const name of (await readdir(folder, { recursive: true })).sort()) {
      const kind = classifyFile(name);
      if (kind === null) {
        continue;
      }
      const earlier = found.get(kind);
      if (earlier !== undefined) {
        throw InvalidInputError.field('folder', `two ${kind.toUpperCase()} files (${earlier} and ${name}): load one quarter at a time`);
      }
      found.set(kind, name);
    }
    const missing = (['demo', 'drug', 'reac'] as const).filter((kind) => !found.has(kind));
    if (missing.length > 0) {
      throw InvalidInputError.field('folder', `${folder} lacks the ${missing.map((k) => k.toUpperCase()).join(', ')} file(s) of a FAERS quarter (e.g. DEMO25Q3.txt)`);
    }
    return new Map(FAERS_KINDS_IN_ORDER.filter((k) => found.has(k)).map((k) => [k, join(folder, found.get(k) ?? '')]));
  }

  private quarterOf(files: Map<FaersKind, string>, given: string | undefined): string {
    if (given !== undefined) {
      if (!QUARTER_PATTERN.test(given)) {
        throw InvalidInputError.field('quarter', `"${given}" is not a quarter such as 2025Q3`);
      }
      return given;
    }
    const quarters = new Set([...files.values()].map(quarterOf).filter((q): q is string => q !== null));
    if (quarters.size !== 1) {
      throw InvalidInputError.field('quarter', quarters.size === 0 ? 'the file names carry no quarter: give it (--quarter 2025Q3)' : `the files name several quarters (${[...quarters].join(', ')}): load one at a time`);
    }
    return [...quarters][0] ?? '';
  }

  /**
   * One file through COPY into its target; bad rows counted and skipped. With `loaded`, only rows of those
   * reports are written (the others counted as not loaded).
   */
  private async stage(client: PoolClient, kind: FaersKind, path: string, loaded: IdSet | null, dictionaries: Dictionaries, reactions?: ReactionMarks): Promise<FaersFileReport> {
    const hash = createHash('sha256');
    const started = performance.now();
    const report: FaersFileReport = { kind, file: path.split(/[\\/]/).pop() ?? path, sha256: '', rows: 0, staged: 0, notLoaded: 0, badRows: 0, badRowExamples: [], durationMs: 0 };
    const bad = (line: number, problem: string): void => {
      report.badRows++;
      if (report.badRowExamples.length < BAD_ROW_EXAMPLES) {
        report.badRowExamples.push({ line, problem });
      }
    };
    const { table, columns } = TARGET[kind];
    const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      copy.on('finish', resolve);
      copy.on('error', reject);
    });
    let pending = '';
    const marked = new MarkedRows(kind, dictionaries, reactions, loaded, (line) => {
      pending += line;
    });
    const flush = async (): Promise<void> => {
      if (pending !== '' && !copy.write(pending)) {
        await new Promise((resolve) => copy.once('drain', resolve));
      }
      pending = '';
    };
    let lineNumber = 0;
    let header: FaersHeader | null = null;
    try {
      for await (const batch of lineBatches(path, hash)) {
        for (const text of batch) {
          lineNumber++;
          if (text.trim() === '') {
            continue;
          }
          if (kind === 'deleted') {
            const parsed = parseDeletedLine(text);
            if (parsed !== null && 'caseid' in parsed) {
              report.rows++;
              report.staged++;
              pending += `${parsed.caseid}\n`;
            } else if (parsed !== null && lineNumber > 1) {
              // A first line that is no case id is the list's header.
              report.rows++;
              bad(lineNumber, parsed.problem);
            }
          } else if (header === null) {
            const read = readHeader(kind, text);
            if ('problem' in read) {
              throw InvalidInputError.field('folder', `${report.file}: ${read.problem}`);
            }
            header = read;
          } else {
            report.rows++;
            const parsed = parseLine(header, text);
            if ('problem' in parsed) {
              bad(lineNumber, parsed.problem);
            } else if (loaded !== null && !loaded.has(Number(parsed.values[0]))) {
              report.notLoaded++;
            } else {
              marked.add(parsed.values, text);
              report.staged++;
            }
          }
        }
        await flush();
      }
      marked.end();
      await flush();
      copy.end();
      await done;
      await marked.remark(client);
    } catch (error) {
      copy.destroy(error instanceof Error ? error : new Error(String(error)));
      await done.catch(() => undefined);
      throw error;
    }
    report.sha256 = hash.digest('hex');
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }

  /** The reports' merge (MERGE_SQL) and what it did. */
  private async mergeReports(client: PoolClient, quarter: string): Promise<Pick<FaersImportReport, 'quarter' | 'cases' | 'loaded' | 'superseded' | 'unchanged' | 'deleted' | 'mergeMs'>> {
    const started = performance.now();
    for (const sql of MERGE_SQL) {
      await client.query(sql, sql.includes('$1') ? [quarter] : []);
    }
    const counts = await client.query<{ cases: number; loaded: number; superseded: number; onDeletionList: number; removed: number }>(
      `SELECT (SELECT count(*) FROM faers_latest)::int AS cases,
              (SELECT count(*) FROM faers_accepted)::int AS loaded,
              (SELECT count(*) FROM faers_removed WHERE superseded)::int AS superseded,
              (SELECT count(*) FROM faers_latest l WHERE EXISTS (SELECT 1 FROM faers_deleted_case d WHERE d.caseid = l.caseid))::int AS "onDeletionList",
              (SELECT count(*) FROM faers_removed WHERE NOT superseded)::int AS removed`,
    );
    const row = counts.rows[0] ?? { cases: 0, loaded: 0, superseded: 0, onDeletionList: 0, removed: 0 };
    return {
      quarter,
      cases: row.cases,
      loaded: row.loaded,
      superseded: row.superseded,
      unchanged: row.cases - row.loaded - row.onDeletionList,
      deleted: row.onDeletionList + row.removed,
      mergeMs: Math.round(performance.now() - started),
    };
  }

  /** The primary ids the merge loaded, sorted, read with COPY TO (no row objects). */
  private async loadedIds(client: PoolClient): Promise<IdSet> {
    const [count] = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM faers_accepted')).rows;
    const ids = new Float64Array(count?.n ?? 0);
    let index = 0;
    let rest = '';
    for await (const chunk of client.query(copyTo('COPY (SELECT primaryid FROM faers_accepted ORDER BY primaryid) TO STDOUT')) as AsyncIterable<Buffer>) {
      const text = rest + chunk.toString('latin1');
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) {
        ids[index++] = Number(part);
      }
    }
    if (rest !== '') {
      ids[index++] = Number(rest);
    }
    return new IdSet(ids.subarray(0, index));
  }
}

/**
 * Load order: the deletion list with the reports (the merge needs both), children after — reactions before
 * drugs (a product counts only in reports with a counted event: see counted-rows.ts).
 */
const FAERS_KINDS_IN_ORDER: readonly FaersKind[] = ['demo', 'deleted', 'reac', 'drug', 'outc'];
