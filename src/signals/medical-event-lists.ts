/**
 * The IME and DME lists (EMA's Important Medical Events and Designated Medical Events, by MedDRA PT): a pair
 * whose event is on one is listed for case-by-case review whatever its statistics say (GVP IX Addendum I).
 * They are made of MedDRA terms, so none ships with the project: the user loads the list they are licensed to
 * use from a text file (one PT name a line) or a CSV / tab-separated export with a "PT name" column. A load
 * replaces the whole list, with an audit row. The parser is pure.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { InvalidInputError } from '../common/errors';

export const MEDICAL_EVENT_LISTS = ['ime', 'dme'] as const;
export type MedicalEventList = (typeof MEDICAL_EVENT_LISTS)[number];

/** Cells of one delimited line; double quotes group a cell (a doubled quote inside is one quote). */
function cells(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === delimiter) {
      out.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  out.push(cell);
  return out;
}

const PT_NAME_HEADER = /^(pt[ _]?name|preferred[ _]term( name)?)$/i;

/**
 * The PT names of a list file, lower case and trimmed (as disproportionality counts events), without
 * repeats. A first line with a tab, semicolon or comma is a header naming a "PT name" column; otherwise every
 * non-empty line is one PT name. Throws an InvalidInputError naming `file` when nothing can be read.
 */
export function parseEventList(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0];
  if (header === undefined) {
    throw InvalidInputError.field('file', 'is empty: give one PT name a line, or a CSV with a "PT name" column');
  }
  const delimiter = ['\t', ';', ','].find((d) => header.includes(d));
  let names: string[];
  if (delimiter === undefined) {
    names = lines;
  } else {
    const column = cells(header, delimiter).findIndex((cell) => PT_NAME_HEADER.test(cell.trim()));
    if (column < 0) {
      throw InvalidInputError.field('file', `its first line (${JSON.stringify(header.slice(0, 120))}) names no "PT name" column`);
    }
    names = lines.slice(1).map((line) => cells(line, delimiter)[column] ?? '');
  }
  const terms = [...new Set(names.map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))];
  if (terms.length === 0) {
    throw InvalidInputError.field('file', 'holds no PT name');
  }
  return terms;
}

@Injectable()
export class MedicalEventListsService {
  constructor(private readonly audit: AuditService) {}

  /** Replaces a list with these PT names, naming its version (e.g. "EMA IME list, MedDRA 28.1"). */
  async load(manager: EntityManager, actor: Actor, list: MedicalEventList, version: string, terms: readonly string[]): Promise<{ list: MedicalEventList; version: string; terms: number; replaced: number }> {
    if (version.trim() === '') {
      throw InvalidInputError.field('version', 'name the list’s version (e.g. "EMA IME list, MedDRA 28.1")');
    }
    const [before] = await manager.query<{ n: number; version: string | null }[]>(`SELECT count(*)::int AS n, max(version) AS version FROM medical_event_list WHERE list = $1`, [list]);
    await manager.query(`DELETE FROM medical_event_list WHERE list = $1`, [list]);
    await manager.query(`INSERT INTO medical_event_list (list, pt_name, version, loaded_by) SELECT $1, unnest($2::text[]), $3, $4`, [list, terms, version.trim(), actor.id]);
    await this.audit.record(manager, actor, { entityType: 'medical-event-list', entityId: list, action: 'load', before: { terms: before?.n ?? 0, version: before?.version ?? null }, after: { terms: terms.length, version: version.trim() } });
    return { list, version: version.trim(), terms: terms.length, replaced: before?.n ?? 0 };
  }
}
