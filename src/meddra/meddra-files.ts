/**
 * The MedDRA distribution files (ASCII, `$`-separated, a trailing `$` on every line, no header, no quotes, Latin-1),
 * parsed and checked without any I/O: bytes in, typed rows or a list of problems naming file and line out.
 * A dictionary with any problem is refused as a whole; a partial dictionary would code reactions wrongly.
 */
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../common/errors';

/** No distribution file comes near this (llt.asc of a full release is ~10 MB); bigger is refused unread. */
export const MAX_MEDDRA_FILE_BYTES = 200 * 1024 * 1024;
/** Problems kept (and shown) at most: one broken file can otherwise yield a million. */
export const MAX_REPORTED_PROBLEMS = 100;

export const MEDDRA_FILE_NAMES = ['meddra_release.asc', 'soc.asc', 'hlgt.asc', 'hlt.asc', 'pt.asc', 'llt.asc', 'soc_hlgt.asc', 'hlgt_hlt.asc', 'hlt_pt.asc', 'mdhier.asc'] as const;
export type MeddraFileName = (typeof MEDDRA_FILE_NAMES)[number];
/** Part of a distribution but not used here (SMQs, international order): never read, may be absent. */
export const IGNORED_MEDDRA_FILES = ['intl_ord.asc', 'smq_list.asc', 'smq_content.asc'] as const;

/** Fields each line must have (the distribution's layout; extra trailing fields are tolerated). */
export const MEDDRA_FIELD_COUNTS: Readonly<Record<MeddraFileName, number>> = {
  'meddra_release.asc': 5,
  'soc.asc': 10,
  'hlgt.asc': 9,
  'hlt.asc': 9,
  'pt.asc': 11,
  'llt.asc': 11,
  'soc_hlgt.asc': 2,
  'hlgt_hlt.asc': 2,
  'hlt_pt.asc': 2,
  'mdhier.asc': 12,
};

export interface MeddraFileProblem {
  file: string;
  /** 1-based line number; null for a problem of the whole file (missing, too big, empty). */
  line: number | null;
  problem: string;
}

export interface MeddraReleaseRow {
  version: string;
  language: string;
}
export interface SocRow {
  code: number;
  name: string;
  abbrev: string;
}
export interface TermRow {
  code: number;
  name: string;
}
export interface PtRow {
  code: number;
  name: string;
  /** pt_soc_code: the primary SOC. */
  socCode: number;
}
export interface LltRow {
  code: number;
  name: string;
  ptCode: number;
  current: boolean;
}
/** A link line (soc_hlgt, hlgt_hlt, hlt_pt): the upper level's code, then the lower one's. */
export interface LinkRow {
  upper: number;
  lower: number;
}
export interface HierarchyRow {
  ptCode: number;
  hltCode: number;
  hlgtCode: number;
  socCode: number;
  primary: boolean;
}

export interface MeddraDictionary {
  release: MeddraReleaseRow;
  socs: SocRow[];
  hlgts: TermRow[];
  hlts: TermRow[];
  pts: PtRow[];
  llts: LltRow[];
  socHlgt: LinkRow[];
  hlgtHlt: LinkRow[];
  hltPt: LinkRow[];
  hierarchy: HierarchyRow[];
  /** SHA-256 (hex) over the files read, in a fixed order, each preceded by its name and length. */
  sourceSha256: string;
}

export interface MeddraCounts {
  soc: number;
  hlgt: number;
  hlt: number;
  pt: number;
  llt: number;
  lltCurrent: number;
  socHlgt: number;
  hlgtHlt: number;
  hltPt: number;
  hierarchy: number;
}

export function countsOf(dictionary: MeddraDictionary): MeddraCounts {
  return {
    soc: dictionary.socs.length,
    hlgt: dictionary.hlgts.length,
    hlt: dictionary.hlts.length,
    pt: dictionary.pts.length,
    llt: dictionary.llts.length,
    lltCurrent: dictionary.llts.filter((l) => l.current).length,
    socHlgt: dictionary.socHlgt.length,
    hlgtHlt: dictionary.hlgtHlt.length,
    hltPt: dictionary.hltPt.length,
    hierarchy: dictionary.hierarchy.length,
  };
}

/** The dictionary was refused: every problem names its file and line (the first MAX_REPORTED_PROBLEMS are kept). */
export class MeddraFilesError extends InvalidInputError {
  constructor(
    readonly problems: MeddraFileProblem[],
    readonly totalProblems: number = problems.length,
  ) {
    super(describeProblems(problems, totalProblems), problems.map((p) => ({ field: p.line === null ? p.file : `${p.file}:${p.line}`, problem: p.problem })));
  }
}

export function describeProblem(p: MeddraFileProblem): string {
  return `${p.file}${p.line === null ? '' : ` line ${p.line}`}: ${p.problem}`;
}

function describeProblems(problems: MeddraFileProblem[], total: number): string {
  const shown = problems.slice(0, 10).map(describeProblem);
  const more = total - shown.length;
  return `MedDRA files refused (${total} problem${total === 1 ? '' : 's'}): ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** Collects problems up to a cap, counting the rest. */
export class ProblemList {
  readonly items: MeddraFileProblem[] = [];
  total = 0;
  add(file: string, line: number | null, problem: string): void {
    this.total += 1;
    if (this.items.length < MAX_REPORTED_PROBLEMS) {
      this.items.push({ file, line, problem });
    }
  }
}

/** A line split into its fields, with its 1-based line number. */
export interface MeddraLine {
  line: number;
  fields: string[];
}

/**
 * Decodes (Latin-1) and splits one file into lines of fields. Empty lines are skipped; a line must end with `$`
 * and carry at least `minFields` fields. Lines with problems are reported and left out.
 */
export function splitMeddraFile(file: string, content: Buffer, minFields: number, problems: ProblemList, maxBytes = MAX_MEDDRA_FILE_BYTES): MeddraLine[] {
  if (content.length > maxBytes) {
    problems.add(file, null, `file is ${content.length} bytes, more than the ${maxBytes} allowed`);
    return [];
  }
  const text = content.toString('latin1');
  const lines: MeddraLine[] = [];
  let lineNumber = 0;
  for (const raw of text.split('\n')) {
    lineNumber += 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      continue;
    }
    if (!line.endsWith('$')) {
      problems.add(file, lineNumber, 'line does not end with "$" (truncated or not a MedDRA ASCII file)');
      continue;
    }
    const fields = line.slice(0, -1).split('$');
    if (fields.length < minFields) {
      problems.add(file, lineNumber, `too few fields: ${fields.length}, expected ${minFields}`);
      continue;
    }
    lines.push({ line: lineNumber, fields });
  }
  return lines;
}

const CODE = /^[0-9]{1,10}$/;
const MAX_CODE = 2_147_483_647;
const MAX_NAME_LENGTH = 250;

/** Reads typed fields of one line; each getter reports a problem (and returns null) when the field is bad. */
class FieldReader {
  ok = true;
  constructor(
    private readonly file: string,
    private readonly line: MeddraLine,
    private readonly problems: ProblemList,
  ) {}

  private fail(problem: string): null {
    if (this.ok) {
      this.problems.add(this.file, this.line.line, problem);
    }
    this.ok = false;
    return null;
  }

  code(index: number, label: string): number {
    const value = (this.line.fields[index] ?? '').trim();
    if (!CODE.test(value) || Number(value) === 0 || Number(value) > MAX_CODE) {
      this.fail(`${label} "${value.slice(0, 40)}" is not a MedDRA code (a positive whole number)`);
      return 0;
    }
    return Number(value);
  }

  name(index: number, label: string): string {
    const value = this.line.fields[index] ?? '';
    if (value.trim() === '') {
      this.fail(`${label} is empty`);
    } else if (value.length > MAX_NAME_LENGTH) {
      this.fail(`${label} is longer than ${MAX_NAME_LENGTH} characters`);
    }
    return value;
  }

  flag(index: number, label: string): boolean {
    const value = (this.line.fields[index] ?? '').trim().toUpperCase();
    if (value !== 'Y' && value !== 'N') {
      this.fail(`${label} "${value.slice(0, 10)}" must be Y or N`);
    }
    return value === 'Y';
  }
}

interface Located<T> {
  line: number;
  row: T;
}

function parseRows<T>(file: MeddraFileName, content: Buffer, problems: ProblemList, maxBytes: number, read: (r: FieldReader) => T): Located<T>[] {
  const rows: Located<T>[] = [];
  for (const line of splitMeddraFile(file, content, MEDDRA_FIELD_COUNTS[file], problems, maxBytes)) {
    const reader = new FieldReader(file, line, problems);
    const row = read(reader);
    if (reader.ok) {
      rows.push({ line: line.line, row });
    }
  }
  return rows;
}

/** The code → line of each row; a code seen twice is a problem. */
function indexByCode<T extends { code: number }>(file: string, rows: Located<T>[], problems: ProblemList): Map<number, Located<T>> {
  const byCode = new Map<number, Located<T>>();
  for (const located of rows) {
    const first = byCode.get(located.row.code);
    if (first !== undefined) {
      problems.add(file, located.line, `code ${located.row.code} appears twice (first on line ${first.line})`);
    } else {
      byCode.set(located.row.code, located);
    }
  }
  return byCode;
}

/** The release file names the dictionary; the database allows 1–40 characters starting with a non-space. */
const RELEASE_FIELD = /^\S.{0,39}$/;

function parseRelease(content: Buffer, problems: ProblemList, maxBytes: number): MeddraReleaseRow | null {
  const file = 'meddra_release.asc';
  const before = problems.total;
  const lines = splitMeddraFile(file, content, MEDDRA_FIELD_COUNTS[file], problems, maxBytes);
  if (lines.length !== 1) {
    if (lines.length > 1) {
      problems.add(file, lines[1]?.line ?? null, 'more than one release line');
    } else if (problems.total === before) {
      problems.add(file, null, 'no release line (version$language$$$$)');
    }
    return null;
  }
  const [line] = lines as [MeddraLine];
  const [version = '', language = ''] = line.fields.map((f) => f.trim());
  let ok = true;
  for (const [label, value] of [
    ['version', version],
    ['language', language],
  ] as const) {
    if (!RELEASE_FIELD.test(value)) {
      problems.add(file, line.line, `${label} "${value.slice(0, 60)}" must be 1–40 characters`);
      ok = false;
    }
  }
  return ok ? { version, language } : null;
}

/** SHA-256 over the files in MEDDRA_FILE_NAMES order, each preceded by its name and byte length. */
export function hashMeddraFiles(files: ReadonlyMap<MeddraFileName, Buffer>): string {
  const hash = createHash('sha256');
  for (const name of MEDDRA_FILE_NAMES) {
    const content = files.get(name);
    if (content !== undefined) {
      hash.update(`${name}\n${content.length}\n`);
      hash.update(content);
    }
  }
  return hash.digest('hex');
}

/**
 * Parses and checks a whole dictionary: every required file present, every line well formed, codes unique,
 * references resolved (LLT → PT, PT → primary SOC, links and mdhier paths), exactly one primary SOC per PT and it
 * equals pt.asc's pt_soc_code. Throws MeddraFilesError naming file and line of each problem.
 * `files` maps each canonical (lower-case) file name to its bytes; a missing entry is a missing file.
 */
export function parseMeddraDictionary(files: ReadonlyMap<MeddraFileName, Buffer>, options: { maxFileBytes?: number } = {}): MeddraDictionary {
  const maxBytes = options.maxFileBytes ?? MAX_MEDDRA_FILE_BYTES;
  const problems = new ProblemList();
  for (const name of MEDDRA_FILE_NAMES) {
    if (!files.has(name)) {
      problems.add(name, null, 'required file is missing');
    }
  }
  const empty = Buffer.alloc(0);
  const content = (name: MeddraFileName): Buffer => files.get(name) ?? empty;
  // A file's references are checked only when the file it points to parsed cleanly: otherwise one broken line
  // would be reported again from every line that refers to it.
  const clean = new Set<MeddraFileName>();
  const parse = <T>(name: MeddraFileName, read: (r: FieldReader) => T): Located<T>[] => {
    const before = problems.total;
    const rows = files.has(name) ? parseRows(name, content(name), problems, maxBytes, read) : [];
    if (files.has(name) && rows.length === 0 && problems.total === before) {
      problems.add(name, null, 'file has no lines');
    }
    if (files.has(name) && problems.total === before) {
      clean.add(name);
    }
    return rows;
  };

  const release = files.has('meddra_release.asc') ? parseRelease(content('meddra_release.asc'), problems, maxBytes) : null;
  const socs = parse('soc.asc', (r) => ({ code: r.code(0, 'soc_code'), name: r.name(1, 'soc_name'), abbrev: r.name(2, 'soc_abbrev') }));
  const hlgts = parse('hlgt.asc', (r) => ({ code: r.code(0, 'hlgt_code'), name: r.name(1, 'hlgt_name') }));
  const hlts = parse('hlt.asc', (r) => ({ code: r.code(0, 'hlt_code'), name: r.name(1, 'hlt_name') }));
  const pts = parse('pt.asc', (r) => ({ code: r.code(0, 'pt_code'), name: r.name(1, 'pt_name'), socCode: r.code(3, 'pt_soc_code') }));
  const llts = parse('llt.asc', (r) => ({ code: r.code(0, 'llt_code'), name: r.name(1, 'llt_name'), ptCode: r.code(2, 'pt_code'), current: r.flag(9, 'llt_currency') }));
  const link = (upper: string, lower: string) => (r: FieldReader) => ({ upper: r.code(0, upper), lower: r.code(1, lower) });
  const socHlgt = parse('soc_hlgt.asc', link('soc_code', 'hlgt_code'));
  const hlgtHlt = parse('hlgt_hlt.asc', link('hlgt_code', 'hlt_code'));
  const hltPt = parse('hlt_pt.asc', link('hlt_code', 'pt_code'));
  const hierarchy = parse('mdhier.asc', (r) => ({
    ptCode: r.code(0, 'pt_code'),
    hltCode: r.code(1, 'hlt_code'),
    hlgtCode: r.code(2, 'hlgt_code'),
    socCode: r.code(3, 'soc_code'),
    ptSocCode: r.code(10, 'pt_soc_code'),
    primary: r.flag(11, 'primary_soc_fg'),
  }));

  const socByCode = indexByCode('soc.asc', socs, problems);
  const hlgtByCode = indexByCode('hlgt.asc', hlgts, problems);
  const hltByCode = indexByCode('hlt.asc', hlts, problems);
  const ptByCode = indexByCode('pt.asc', pts, problems);
  indexByCode('llt.asc', llts, problems);

  const refers = (file: MeddraFileName, line: number, target: MeddraFileName, index: ReadonlyMap<number, unknown>, label: string, code: number): boolean => {
    if (clean.has(target) && !index.has(code)) {
      problems.add(file, line, `${label} ${code} is not in ${target}`);
      return false;
    }
    return true;
  };

  for (const { line, row } of pts) {
    refers('pt.asc', line, 'soc.asc', socByCode, 'pt_soc_code', row.socCode);
  }
  for (const { line, row } of llts) {
    refers('llt.asc', line, 'pt.asc', ptByCode, 'pt_code', row.ptCode);
  }
  const links: [MeddraFileName, Located<LinkRow>[], MeddraFileName, ReadonlyMap<number, unknown>, string, MeddraFileName, ReadonlyMap<number, unknown>, string][] = [
    ['soc_hlgt.asc', socHlgt, 'soc.asc', socByCode, 'soc_code', 'hlgt.asc', hlgtByCode, 'hlgt_code'],
    ['hlgt_hlt.asc', hlgtHlt, 'hlgt.asc', hlgtByCode, 'hlgt_code', 'hlt.asc', hltByCode, 'hlt_code'],
    ['hlt_pt.asc', hltPt, 'hlt.asc', hltByCode, 'hlt_code', 'pt.asc', ptByCode, 'pt_code'],
  ];
  const linkSets = new Map<MeddraFileName, Set<string>>();
  for (const [file, rows, upperFile, upperIndex, upperLabel, lowerFile, lowerIndex, lowerLabel] of links) {
    const seen = new Map<string, number>();
    for (const { line, row } of rows) {
      refers(file, line, upperFile, upperIndex, upperLabel, row.upper);
      refers(file, line, lowerFile, lowerIndex, lowerLabel, row.lower);
      const key = `${row.upper}/${row.lower}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.add(file, line, `link ${row.upper} → ${row.lower} appears twice (first on line ${first})`);
      } else {
        seen.set(key, line);
      }
    }
    linkSets.set(file, new Set(seen.keys()));
  }

  const primaryOf = new Map<number, number>();
  const paths = new Map<string, number>();
  for (const { line, row } of hierarchy) {
    const resolved =
      refers('mdhier.asc', line, 'pt.asc', ptByCode, 'pt_code', row.ptCode) &&
      refers('mdhier.asc', line, 'hlt.asc', hltByCode, 'hlt_code', row.hltCode) &&
      refers('mdhier.asc', line, 'hlgt.asc', hlgtByCode, 'hlgt_code', row.hlgtCode) &&
      refers('mdhier.asc', line, 'soc.asc', socByCode, 'soc_code', row.socCode);
    if (!resolved) {
      continue;
    }
    const key = `${row.ptCode}/${row.hltCode}/${row.hlgtCode}/${row.socCode}`;
    const first = paths.get(key);
    if (first !== undefined) {
      problems.add('mdhier.asc', line, `path ${key.replaceAll('/', ' → ')} appears twice (first on line ${first})`);
      continue;
    }
    paths.set(key, line);
    for (const [file, upper, lower] of [
      ['hlt_pt.asc', row.hltCode, row.ptCode],
      ['hlgt_hlt.asc', row.hlgtCode, row.hltCode],
      ['soc_hlgt.asc', row.socCode, row.hlgtCode],
    ] as const) {
      if (clean.has(file) && linkSets.get(file)?.has(`${upper}/${lower}`) !== true) {
        problems.add('mdhier.asc', line, `path of PT ${row.ptCode}: ${upper} → ${lower} is not in ${file}`);
      }
    }
    const pt = ptByCode.get(row.ptCode)?.row;
    if (pt !== undefined && row.ptSocCode !== pt.socCode) {
      problems.add('mdhier.asc', line, `pt_soc_code ${row.ptSocCode} of PT ${row.ptCode} differs from pt.asc (${pt.socCode})`);
    }
    if (row.primary) {
      if (primaryOf.has(row.ptCode)) {
        problems.add('mdhier.asc', line, `PT ${row.ptCode} has a second primary SOC (${row.socCode}); exactly one is allowed`);
      } else {
        primaryOf.set(row.ptCode, row.socCode);
        if (pt !== undefined && row.socCode !== pt.socCode) {
          problems.add('mdhier.asc', line, `primary SOC ${row.socCode} of PT ${row.ptCode} differs from its pt_soc_code in pt.asc (${pt.socCode})`);
        }
      }
    }
  }
  if (clean.has('mdhier.asc') && clean.has('pt.asc')) {
    for (const { line, row } of pts) {
      if (!primaryOf.has(row.code)) {
        problems.add('pt.asc', line, `PT ${row.code} "${row.name}" has no primary SOC in mdhier.asc`);
      }
    }
  }

  if (problems.total > 0 || release === null) {
    throw new MeddraFilesError(problems.items, problems.total);
  }
  const rowsOf = <T>(located: Located<T>[]): T[] => located.map((l) => l.row);
  return {
    release,
    socs: rowsOf(socs),
    hlgts: rowsOf(hlgts),
    hlts: rowsOf(hlts),
    pts: rowsOf(pts),
    llts: rowsOf(llts),
    socHlgt: rowsOf(socHlgt),
    hlgtHlt: rowsOf(hlgtHlt),
    hltPt: rowsOf(hltPt),
    hierarchy: hierarchy.map(({ row }) => ({ ptCode: row.ptCode, hltCode: row.hltCode, hlgtCode: row.hlgtCode, socCode: row.socCode, primary: row.primary })),
    sourceSha256: hashMeddraFiles(files),
  };
}

/** The canonical name of a file found on disk (names are matched case-insensitively), or null when not a dictionary file. */
export function canonicalMeddraFileName(nameOnDisk: string): MeddraFileName | null {
  const lower = nameOnDisk.toLowerCase();
  return (MEDDRA_FILE_NAMES as readonly string[]).includes(lower) ? (lower as MeddraFileName) : null;
}
