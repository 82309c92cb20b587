import { Injectable } from '@nestjs/common';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { ConflictError, InvalidInputError } from '../common/errors';
import {
  canonicalMeddraFileName,
  countsOf,
  MAX_MEDDRA_FILE_BYTES,
  MeddraCounts,
  MeddraDictionary,
  MeddraFileName,
  MeddraFileProblem,
  MeddraFilesError,
  parseMeddraDictionary,
} from './meddra-files';
import { MeddraReleaseInfo, MeddraService } from './meddra.service';

/** Rows per INSERT … SELECT FROM unnest(…): a few round trips for a full release (~80 000 LLTs), bounded memory per statement. */
const BATCH_ROWS = 5000;

export interface MeddraLoadResult {
  release: MeddraReleaseInfo;
  counts: MeddraCounts;
  /** Wall-clock time of reading, checking and writing, in milliseconds. */
  durationMs: number;
}

/**
 * Loads a licensee's MedDRA release from the folder of its ASCII files: everything is read and checked first,
 * then written in one transaction with its audit row, so a refused or failed load leaves nothing behind.
 */
@Injectable()
export class MeddraLoaderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly meddra: MeddraService,
  ) {}

  async loadFolder(folder: string, actor: Actor): Promise<MeddraLoadResult> {
    const started = process.hrtime.bigint();
    const dictionary = parseMeddraDictionary(await readMeddraFolder(folder));
    const release = await this.dataSource.transaction((m) => this.write(m, actor, dictionary, basename(resolve(folder))));
    return { release, counts: countsOf(dictionary), durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n) };
  }

  /**
   * Writes a parsed dictionary as a new release inside the caller's transaction; refuses a version+language already
   * loaded. `source` (the folder's name) is kept in the audit row beside the files' SHA-256.
   */
  async write(manager: EntityManager, actor: Actor, dictionary: MeddraDictionary, source: string): Promise<MeddraReleaseInfo> {
    const { version, language } = dictionary.release;
    // Two loads of the same release at once: the second waits here, then sees the first and is refused.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('meddra-release-load'))`);
    const existing = await manager.query<{ id: string }[]>(`SELECT id FROM meddra_release WHERE version = $1 AND language = $2`, [version, language]);
    if (existing.length > 0) {
      throw alreadyLoaded(version, language);
    }
    const counts = countsOf(dictionary);
    let inserted: { id: string }[];
    try {
      inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO meddra_release (version, language, source_sha256, loaded_by, counts) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [version, language, dictionary.sourceSha256, actor.id, JSON.stringify(counts)],
      );
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'uq_meddra_release_version_language') {
        throw alreadyLoaded(version, language);
      }
      throw error;
    }
    const releaseId = inserted[0]?.id;
    if (releaseId === undefined) {
      throw new Error('INSERT … RETURNING gave no row');
    }
    const insert = (table: string, columns: string[], types: string[], rows: unknown[][]) => insertBatches(manager, releaseId, table, columns, types, rows);
    await insert('meddra_soc', ['code', 'name', 'abbrev'], ['int', 'text', 'text'], dictionary.socs.map((r) => [r.code, r.name, r.abbrev]));
    await insert('meddra_hlgt', ['code', 'name'], ['int', 'text'], dictionary.hlgts.map((r) => [r.code, r.name]));
    await insert('meddra_hlt', ['code', 'name'], ['int', 'text'], dictionary.hlts.map((r) => [r.code, r.name]));
    await insert('meddra_pt', ['code', 'name', 'primary_soc_code'], ['int', 'text', 'int'], dictionary.pts.map((r) => [r.code, r.name, r.socCode]));
    await insert('meddra_llt', ['code', 'name', 'pt_code', 'current'], ['int', 'text', 'int', 'boolean'], dictionary.llts.map((r) => [r.code, r.name, r.ptCode, r.current]));
    await insert('meddra_soc_hlgt', ['soc_code', 'hlgt_code'], ['int', 'int'], dictionary.socHlgt.map((r) => [r.upper, r.lower]));
    await insert('meddra_hlgt_hlt', ['hlgt_code', 'hlt_code'], ['int', 'int'], dictionary.hlgtHlt.map((r) => [r.upper, r.lower]));
    await insert('meddra_hlt_pt', ['hlt_code', 'pt_code'], ['int', 'int'], dictionary.hltPt.map((r) => [r.upper, r.lower]));
    await insert(
      'meddra_hierarchy',
      ['pt_code', 'hlt_code', 'hlgt_code', 'soc_code', 'primary_soc'],
      ['int', 'int', 'int', 'int', 'boolean'],
      dictionary.hierarchy.map((r) => [r.ptCode, r.hltCode, r.hlgtCode, r.socCode, r.primary]),
    );
    // Fresh statistics, so that text search uses the trigram indexes from the first query (autovacuum would come later).
    await manager.query(`ANALYZE meddra_soc, meddra_hlgt, meddra_hlt, meddra_pt, meddra_llt, meddra_soc_hlgt, meddra_hlgt_hlt, meddra_hlt_pt, meddra_hierarchy`);
    await this.audit.record(manager, actor, {
      entityType: 'meddra-release',
      entityId: releaseId,
      action: 'load',
      after: { version, language, sourceSha256: dictionary.sourceSha256, source, counts },
    });
    const release = await this.meddra.releaseById(manager, releaseId);
    if (release === null) {
      throw new Error(`release ${releaseId} vanished inside its own transaction`);
    }
    return release;
  }
}

function alreadyLoaded(version: string, language: string): ConflictError {
  return new ConflictError('MEDDRA_RELEASE_ALREADY_LOADED', `MedDRA ${version} (${language}) is already loaded; a release is loaded once`, { version, language });
}

/** Column-wise arrays, unnested by PostgreSQL into rows: one statement per batch whatever its size. */
async function insertBatches(manager: EntityManager, releaseId: string, table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void> {
  const unnest = types.map((type, i) => `$${i + 2}::${type}[]`).join(', ');
  const sql = `INSERT INTO ${table} (release_id, ${columns.join(', ')}) SELECT $1, * FROM unnest(${unnest})`;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await manager.query(sql, [releaseId, ...columns.map((_, i) => batch.map((row) => row[i]))]);
  }
}

/**
 * Reads the dictionary files of a folder (names matched case-insensitively; other files ignored), refusing a
 * missing folder, two files of the same name in different case, and any file over the size limit, before reading it.
 */
export async function readMeddraFolder(folder: string, maxFileBytes = MAX_MEDDRA_FILE_BYTES): Promise<Map<MeddraFileName, Buffer>> {
  const info = await stat(folder).catch(() => null);
  if (info === null || !info.isDirectory()) {
    throw InvalidInputError.field('folder', `${folder} is not a folder (it should hold the MedDRA ASCII files: llt.asc, pt.asc, mdhier.asc…)`);
  }
  const found = new Map<MeddraFileName, string>();
  const problems: MeddraFileProblem[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const canonical = canonicalMeddraFileName(entry.name);
    if (canonical === null || !entry.isFile()) {
      continue;
    }
    const other = found.get(canonical);
    if (other !== undefined) {
      problems.push({ file: canonical, line: null, problem: `found twice, as ${other} and ${entry.name}` });
      continue;
    }
    found.set(canonical, entry.name);
  }
  const files = new Map<MeddraFileName, Buffer>();
  for (const [canonical, name] of found) {
    const path = join(folder, name);
    const { size } = await stat(path);
    if (size > maxFileBytes) {
      problems.push({ file: canonical, line: null, problem: `file is ${size} bytes, more than the ${maxFileBytes} allowed` });
      continue;
    }
    files.set(canonical, await readFile(path));
  }
  if (problems.length > 0) {
    throw new MeddraFilesError(problems);
  }
  return files;
}
