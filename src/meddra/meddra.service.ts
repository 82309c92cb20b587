import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../common/errors';
import type { MeddraCounts } from './meddra-files';

export const MEDDRA_SEARCH_LEVELS = ['llt', 'pt', 'any'] as const;
export type MeddraSearchLevel = (typeof MEDDRA_SEARCH_LEVELS)[number];
export const MEDDRA_SEARCH_MAX_LIMIT = 100;
export const MEDDRA_SEARCH_MAX_TEXT = 100;

/** Said wherever a dictionary is needed but none is loaded: coding then falls back to free text and PT names. */
export const NO_DICTIONARY_MESSAGE =
  'No MedDRA dictionary is loaded: reactions can be recorded by reported term and PT name only (uncoded). An administrator loads a licensed release with "cma-tracker meddra load <folder>".';

export interface MeddraReleaseInfo {
  id: string;
  version: string;
  language: string;
  sourceSha256: string;
  loadedAt: Date;
  loadedBy: string;
  counts: MeddraCounts;
}

/** A search hit: an LLT or a PT, with its PT and the PT's primary SOC. */
export interface MeddraTermHit {
  level: 'llt' | 'pt';
  code: number;
  name: string;
  /** LLT currency; a PT is always current. */
  current: boolean;
  match: 'exact' | 'prefix' | 'contains';
  ptCode: number;
  ptName: string;
  socCode: number;
  socName: string;
}

export interface MeddraSearchResult {
  /** The release searched; null when no dictionary is loaded (then items is empty and message says so). */
  release: MeddraReleaseInfo | null;
  items: MeddraTermHit[];
  message: string | null;
}

/** What a coded reaction stores: LLT (coded), PT (counted), the PT's primary SOC and the dictionary version. */
export interface MeddraCoding {
  /** The LLT; for ptByName the PT's own LLT (same code) when current, else null. */
  lltCode: number | null;
  lltName: string | null;
  lltCurrent: boolean | null;
  ptCode: number;
  ptName: string;
  socCode: number;
  socName: string;
  version: string;
  language: string;
}

/**
 * Which release to read: a release id (e.g. `currentRelease().id`, to read one release throughout a piece of work),
 * `{ version }` (the most recently loaded release of that version), or nothing for the current (most recently
 * loaded) release.
 */
export type MeddraReleaseRef = string | { version?: string };

const RELEASE_COLUMNS = `id, version, language, source_sha256, loaded_at, loaded_by, counts`;

interface ReleaseRow {
  id: string;
  version: string;
  language: string;
  source_sha256: string;
  loaded_at: Date;
  loaded_by: string;
  counts: MeddraCounts;
}

function toRelease(row: ReleaseRow): MeddraReleaseInfo {
  return { id: row.id, version: row.version, language: row.language, sourceSha256: row.source_sha256, loadedAt: row.loaded_at, loadedBy: row.loaded_by, counts: row.counts };
}

/** What codingTable found for a batch; see CaseCodingService. */
export interface MeddraCodingTable {
  release: MeddraReleaseInfo;
  byLlt: ReadonlyMap<number, MeddraCoding>;
  byPtName: ReadonlyMap<string, MeddraCoding>;
  hltsByPt: ReadonlyMap<number, string[]>;
}

interface CodingRow {
  llt_code: number | null;
  llt_name: string | null;
  llt_current: boolean | null;
  pt_code: number;
  pt_name: string;
  soc_code: number;
  soc_name: string;
}

function toCoding(row: CodingRow, release: MeddraReleaseInfo): MeddraCoding {
  return {
    lltCode: row.llt_code,
    lltName: row.llt_name,
    lltCurrent: row.llt_current,
    ptCode: row.pt_code,
    ptName: row.pt_name,
    socCode: row.soc_code,
    socName: row.soc_name,
    version: release.version,
    language: release.language,
  };
}

interface HitRow {
  level: 'llt' | 'pt';
  code: number;
  name: string;
  current: boolean;
  pt_code: number;
  pt_name: string;
  soc_code: number;
  soc_name: string;
  /** 0 exact, 1 prefix, 2 contains. */
  rank: number;
}

const MAX_CODE = 2_147_483_647;

function isCode(code: number): boolean {
  return Number.isSafeInteger(code) && code > 0 && code <= MAX_CODE;
}

/** `text` as a LIKE pattern matching itself literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Reads loaded MedDRA releases: search by text, code at LLT, find PTs by name and by HLT. Every method works (and
 * answers null or empty) when no dictionary is loaded. Methods take the EntityManager first, like every service.
 */
@Injectable()
export class MeddraService {
  /** Every loaded release, most recently loaded (current) first. */
  async releases(manager: EntityManager): Promise<MeddraReleaseInfo[]> {
    const rows = await manager.query<ReleaseRow[]>(`SELECT ${RELEASE_COLUMNS} FROM meddra_release ORDER BY loaded_at DESC, id`);
    return rows.map(toRelease);
  }

  /** The most recently loaded release, or null when none is. */
  async currentRelease(manager: EntityManager): Promise<MeddraReleaseInfo | null> {
    const [row] = await manager.query<ReleaseRow[]>(`SELECT ${RELEASE_COLUMNS} FROM meddra_release ORDER BY loaded_at DESC, id LIMIT 1`);
    return row === undefined ? null : toRelease(row);
  }

  async releaseById(manager: EntityManager, id: string): Promise<MeddraReleaseInfo | null> {
    const [row] = await manager.query<ReleaseRow[]>(`SELECT ${RELEASE_COLUMNS} FROM meddra_release WHERE id = $1`, [id]);
    return row === undefined ? null : toRelease(row);
  }

  /** The chosen release (see MeddraReleaseRef); NotFoundError for an id or version not loaded, null when none is loaded at all. */
  async release(manager: EntityManager, ref: MeddraReleaseRef = {}): Promise<MeddraReleaseInfo | null> {
    if (typeof ref === 'string') {
      const found = isUUID(ref, 'all') ? await this.releaseById(manager, ref) : null;
      if (found === null) {
        throw new NotFoundError('MedDRA release', ref);
      }
      return found;
    }
    if (ref.version === undefined) {
      return this.currentRelease(manager);
    }
    const [row] = await manager.query<ReleaseRow[]>(`SELECT ${RELEASE_COLUMNS} FROM meddra_release WHERE version = $1 ORDER BY loaded_at DESC, id LIMIT 1`, [ref.version]);
    if (row === undefined) {
      throw new NotFoundError('MedDRA release', ref.version);
    }
    return toRelease(row);
  }

  /**
   * Terms whose name contains `text` (case-insensitive), ranked exact > starts with > contains, then shorter names
   * first (a PT before an LLT of the same name). LLT hits carry their PT and its primary SOC; non-current LLTs are
   * left out unless asked for; with level 'any' a PT's own LLT (same code) is not listed again beside the PT. With no
   * dictionary loaded: `release: null`, no items, and a message saying so (not an error).
   */
  async search(
    manager: EntityManager,
    text: string,
    level: MeddraSearchLevel,
    limit: number,
    release?: MeddraReleaseRef,
    options: { includeNonCurrent?: boolean } = {},
  ): Promise<MeddraSearchResult> {
    const wanted = text.trim();
    if (wanted === '' || wanted.length > MEDDRA_SEARCH_MAX_TEXT) {
      throw InvalidInputError.field('q', `must be 1–${MEDDRA_SEARCH_MAX_TEXT} characters`);
    }
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MEDDRA_SEARCH_MAX_LIMIT) {
      throw InvalidInputError.field('limit', `must be a whole number from 1 to ${MEDDRA_SEARCH_MAX_LIMIT}`);
    }
    const chosen = await this.release(manager, release);
    if (chosen === null) {
      return { release: null, items: [], message: NO_DICTIONARY_MESSAGE };
    }
    // $1 release, $2 the text, $3 the text as a literal LIKE pattern, $4 limit.
    const contains = `'%' || lower($3) || '%'`;
    const parts: string[] = [];
    // With level 'any', a PT's own LLT (same code, same name) would repeat the PT hit.
    const lltFilters = `${options.includeNonCurrent === true ? '' : ' AND l.current'}${level === 'any' ? ' AND l.code <> l.pt_code' : ''}`;
    if (level === 'llt' || level === 'any') {
      parts.push(`
        SELECT 'llt' AS level, l.code, l.name, l.current, p.code AS pt_code, p.name AS pt_name, s.code AS soc_code, s.name AS soc_name
          FROM meddra_llt l
          JOIN meddra_pt p ON p.release_id = l.release_id AND p.code = l.pt_code
          JOIN meddra_soc s ON s.release_id = p.release_id AND s.code = p.primary_soc_code
         WHERE l.release_id = $1 AND lower(l.name) LIKE ${contains}${lltFilters}`);
    }
    if (level === 'pt' || level === 'any') {
      parts.push(`
        SELECT 'pt' AS level, p.code, p.name, true AS current, p.code AS pt_code, p.name AS pt_name, s.code AS soc_code, s.name AS soc_name
          FROM meddra_pt p
          JOIN meddra_soc s ON s.release_id = p.release_id AND s.code = p.primary_soc_code
         WHERE p.release_id = $1 AND lower(p.name) LIKE ${contains}`);
    }
    const rows = await manager.query<HitRow[]>(
      `SELECT h.*, CASE WHEN lower(h.name) = lower($2) THEN 0 WHEN lower(h.name) LIKE lower($3) || '%' THEN 1 ELSE 2 END AS rank
         FROM (${parts.join('\n UNION ALL')}) h
        ORDER BY rank, length(h.name), lower(h.name), h.level DESC, h.code
        LIMIT $4`,
      [chosen.id, wanted, escapeLike(wanted), limit],
    );
    const matches = ['exact', 'prefix', 'contains'] as const;
    return {
      release: chosen,
      items: rows.map((r) => ({
        level: r.level,
        code: r.code,
        name: r.name,
        current: r.current,
        match: matches[r.rank] ?? 'contains',
        ptCode: r.pt_code,
        ptName: r.pt_name,
        socCode: r.soc_code,
        socName: r.soc_name,
      })),
      message: null,
    };
  }

  /**
   * Codes at an LLT: the LLT, its PT and the PT's primary SOC, with the version. Null when the code is not an LLT of
   * the release, when no dictionary is loaded, or when the LLT is non-current (unless `includeNonCurrent`: new coding
   * uses current LLTs only).
   */
  async codeLlt(manager: EntityManager, code: number, ref?: MeddraReleaseRef, options: { includeNonCurrent?: boolean } = {}): Promise<MeddraCoding | null> {
    const release = await this.release(manager, ref);
    if (release === null || !isCode(code)) {
      return null;
    }
    const [row] = await manager.query<CodingRow[]>(
      `SELECT l.code AS llt_code, l.name AS llt_name, l.current AS llt_current, p.code AS pt_code, p.name AS pt_name, s.code AS soc_code, s.name AS soc_name
         FROM meddra_llt l
         JOIN meddra_pt p ON p.release_id = l.release_id AND p.code = l.pt_code
         JOIN meddra_soc s ON s.release_id = p.release_id AND s.code = p.primary_soc_code
        WHERE l.release_id = $1 AND l.code = $2`,
      [release.id, code],
    );
    if (row === undefined || (row.llt_current !== true && options.includeNonCurrent !== true)) {
      return null;
    }
    return toCoding(row, release);
  }

  /** A PT by its exact name (case-insensitive), with its primary SOC and its own current LLT; null when not found or no dictionary. */
  async ptByName(manager: EntityManager, name: string, ref?: MeddraReleaseRef): Promise<MeddraCoding | null> {
    const release = await this.release(manager, ref);
    const wanted = name.trim();
    if (release === null || wanted === '') {
      return null;
    }
    const [row] = await manager.query<CodingRow[]>(
      `SELECT l.code AS llt_code, l.name AS llt_name, l.current AS llt_current, p.code AS pt_code, p.name AS pt_name, s.code AS soc_code, s.name AS soc_name
         FROM meddra_pt p
         JOIN meddra_soc s ON s.release_id = p.release_id AND s.code = p.primary_soc_code
         LEFT JOIN meddra_llt l ON l.release_id = p.release_id AND l.code = p.code AND l.current
        WHERE p.release_id = $1 AND lower(p.name) = lower($2)
        ORDER BY p.code
        LIMIT 1`,
      [release.id, wanted],
    );
    return row === undefined ? null : toCoding(row, release);
  }

  /** Names of the HLTs a PT sits under (primary path or not), sorted; empty when unknown or no dictionary. */
  async hltNamesOfPt(manager: EntityManager, ptCode: number, ref?: MeddraReleaseRef): Promise<string[]> {
    const release = await this.release(manager, ref);
    if (release === null || !isCode(ptCode)) {
      return [];
    }
    const rows = await manager.query<{ name: string }[]>(
      `SELECT h.name FROM meddra_hlt_pt hp JOIN meddra_hlt h ON h.release_id = hp.release_id AND h.code = hp.hlt_code
        WHERE hp.release_id = $1 AND hp.pt_code = $2 ORDER BY h.name`,
      [release.id, ptCode],
    );
    return rows.map((r) => r.name);
  }

  /**
   * Batch forms of codeLlt / ptByName / hltNamesOfPt for one release (bulk intake): one query each for a
   * whole batch of cases. Keys: LLT code; PT name lower-cased; PT code. Non-current LLTs are left out.
   */
  async codingTable(manager: EntityManager, release: MeddraReleaseInfo, wanted: { lltCodes: number[]; ptNames: string[] }): Promise<MeddraCodingTable> {
    const lltCodes = [...new Set(wanted.lltCodes.filter(isCode))];
    const ptNames = [...new Set(wanted.ptNames.map((n) => n.trim().toLowerCase()).filter((n) => n !== ''))];
    const byLlt = new Map<number, MeddraCoding>();
    const byPtName = new Map<string, MeddraCoding>();
    if (lltCodes.length > 0) {
      const rows = await manager.query<CodingRow[]>(
        `SELECT l.code AS llt_code, l.name AS llt_name, l.current AS llt_current, p.code AS pt_code, p.name AS pt_name, s.code AS soc_code, s.name AS soc_name
           FROM meddra_llt l
           JOIN meddra_pt p ON p.release_id = l.release_id AND p.code = l.pt_code
           JOIN meddra_soc s ON s.release_id = p.release_id AND s.code = p.primary_soc_code
          WHERE l.release_id = $1 AND l.code = ANY($2::integer[]) AND l.current`,
        [release.id, lltCodes],
      );
      for (const row of rows) {
        byLlt.set(Number(row.llt_code), toCoding(row, release));
      }
    }
    if (ptNames.length > 0) {
      const rows = await manager.query<CodingRow[]>(
        `SELECT DISTINCT ON (lower(p.name)) l.code AS llt_code, l.name AS llt_name, l.current AS llt_current, p.code AS pt_code, p.name AS pt_name, s.code AS soc_code, s.name AS soc_name
           FROM meddra_pt p
           JOIN meddra_soc s ON s.release_id = p.release_id AND s.code = p.primary_soc_code
           LEFT JOIN meddra_llt l ON l.release_id = p.release_id AND l.code = p.code AND l.current
          WHERE p.release_id = $1 AND lower(p.name) = ANY($2::text[])
          ORDER BY lower(p.name), p.code`,
        [release.id, ptNames],
      );
      for (const row of rows) {
        byPtName.set(row.pt_name.toLowerCase(), toCoding(row, release));
      }
    }
    const ptCodes = [...new Set([...byLlt.values(), ...byPtName.values()].map((c) => c.ptCode))];
    const hltsByPt = new Map<number, string[]>();
    if (ptCodes.length > 0) {
      const rows = await manager.query<{ pt_code: number; name: string }[]>(
        `SELECT hp.pt_code, h.name FROM meddra_hlt_pt hp JOIN meddra_hlt h ON h.release_id = hp.release_id AND h.code = hp.hlt_code
          WHERE hp.release_id = $1 AND hp.pt_code = ANY($2::integer[]) ORDER BY hp.pt_code, h.name`,
        [release.id, ptCodes],
      );
      for (const row of rows) {
        const code = Number(row.pt_code);
        hltsByPt.set(code, [...(hltsByPt.get(code) ?? []), row.name]);
      }
    }
    return { release, byLlt, byPtName, hltsByPt };
  }

  /** Names of the PTs under an HLT given by name (case-insensitive), sorted; empty when unknown or no dictionary. */
  async ptNamesUnderHlt(manager: EntityManager, hltName: string, ref?: MeddraReleaseRef): Promise<string[]> {
    const release = await this.release(manager, ref);
    if (release === null || hltName.trim() === '') {
      return [];
    }
    const rows = await manager.query<{ name: string }[]>(
      `SELECT DISTINCT p.name
         FROM meddra_hlt h
         JOIN meddra_hlt_pt hp ON hp.release_id = h.release_id AND hp.hlt_code = h.code
         JOIN meddra_pt p ON p.release_id = hp.release_id AND p.code = hp.pt_code
        WHERE h.release_id = $1 AND lower(h.name) = lower($2)
        ORDER BY p.name`,
      [release.id, hltName.trim()],
    );
    return rows.map((r) => r.name);
  }
}
