/**
 * Which FAERS rows count in disproportionality, decided while a file streams in (pharmacovigilance §6: the
 * unit is the report). A report counts once for each of its events and once for each of its products, so the
 * importer marks one row per (report, event) and one row per (report, product) — the first in the file — and
 * runs read the marks instead of deduplicating millions of rows each time.
 *
 * The marks are exact when a report's rows are contiguous in the file, as in FDA's files. A report whose rows
 * come back after another report's is listed in `scattered`; the importer re-marks those reports in SQL.
 * Pure, apart from the state of one file's pass.
 */

/** Drug roles as bits (FAERS role_cod): a product's roles in one report are OR-ed together. */
export const ROLE_BITS: Readonly<Record<string, number>> = { PS: 1, SS: 2, I: 4, C: 8 };

/** The bits of the given roles (unknown codes add nothing). */
export function roleMask(roles: readonly string[]): number {
  return roles.reduce((mask, role) => mask | (ROLE_BITS[role] ?? 0), 0);
}

/**
 * Positions of the reports a file may have rows for (the reports the import loaded), so that per-report flags
 * fit in one byte each.
 */
export interface ReportIndex {
  readonly size: number;
  /** The report's position, or −1 when it was not loaded. */
  indexOf(primaryid: number): number;
}

/** The report groups of one file: notices when a report's rows are split by another report's. */
class ReportGroups {
  private current = Number.NaN;
  /** The current report's position (−1: not loaded). */
  index = -1;
  private readonly visited: Uint8Array;
  readonly scattered = new Set<number>();

  constructor(private readonly reports: ReportIndex) {
    this.visited = new Uint8Array(reports.size);
  }

  /** True when this row starts a new group (the previous row was another report's). */
  enter(primaryid: number): boolean {
    if (primaryid === this.current) {
      return false;
    }
    this.current = primaryid;
    this.index = this.reports.indexOf(primaryid);
    if (this.index >= 0) {
      if (this.visited[this.index] === 1) {
        this.scattered.add(primaryid);
      }
      this.visited[this.index] = 1;
    }
    return true;
  }
}

/**
 * Reactions: the first row of each event of a report counts. Also remembers which reports have a counted
 * event (only those count for their products; N is the number of such reports).
 */
export class ReactionMarks {
  private readonly groups: ReportGroups;
  /** The current report's events so far (a handful: an array beats a set). */
  private readonly events: number[] = [];
  private readonly withEvent: Uint8Array;

  constructor(private readonly reports: ReportIndex) {
    this.groups = new ReportGroups(reports);
    this.withEvent = new Uint8Array(reports.size);
  }

  /** Whether this row (of a loaded report) is the one that counts its event; a row without an event never counts. */
  counted(primaryid: number, eventId: number | null): boolean {
    if (this.groups.enter(primaryid)) {
      this.events.length = 0;
    }
    if (eventId === null || this.events.includes(eventId)) {
      return false;
    }
    this.events.push(eventId);
    if (this.groups.index >= 0) {
      this.withEvent[this.groups.index] = 1;
    }
    return true;
  }

  hasEvent(primaryid: number): boolean {
    const index = this.reports.indexOf(primaryid);
    return index >= 0 && this.withEvent[index] === 1;
  }

  get scattered(): ReadonlySet<number> {
    return this.groups.scattered;
  }
}

/**
 * Drugs: a report's rows are held until its last one (a product's roles are OR-ed over all its rows), then
 * released with `countedRoles` on the first row of each product — when the report has a counted event and
 * the roles are known — and null on the others. A report has a handful of drug rows: they are held in
 * reused arrays and compared pairwise (no object or map per row: 8 million rows go through here).
 */
export class DrugMarks<T> {
  private readonly groups: ReportGroups;
  private current = Number.NaN;
  private readonly payloads: T[] = [];
  private readonly products: (number | null)[] = [];
  private readonly roles: number[] = [];

  constructor(
    reports: ReportIndex,
    private readonly hasEvent: (primaryid: number) => boolean,
    private readonly release: (payload: T, countedRoles: number | null) => void,
  ) {
    this.groups = new ReportGroups(reports);
  }

  /** Adds a row; when it starts another report, the previous report's rows are released, marked. */
  add(primaryid: number, productId: number | null, role: string | null, payload: T): void {
    if (this.groups.enter(primaryid)) {
      this.flush();
      this.current = primaryid;
    }
    this.payloads.push(payload);
    this.products.push(productId);
    this.roles.push(ROLE_BITS[role ?? ''] ?? 0);
  }

  /** Releases the held report's rows (call once more when the file has ended). */
  flush(): void {
    const count = this.payloads.length;
    const counts = count > 0 && this.hasEvent(this.current);
    for (let i = 0; i < count; i++) {
      const product = this.products[i] ?? null;
      let first = product !== null;
      let mask = 0;
      for (let j = 0; j < count && first; j++) {
        if (this.products[j] === product) {
          first = j >= i;
          mask |= this.roles[j] ?? 0;
        }
      }
      this.release(this.payloads[i] as T, counts && first && mask !== 0 ? mask : null);
    }
    this.payloads.length = 0;
    this.products.length = 0;
    this.roles.length = 0;
  }

  get scattered(): ReadonlySet<number> {
    return this.groups.scattered;
  }
}

/**
 * Re-marks the given reports in SQL (their rows were not contiguous in the file): the same rule as above,
 * the first row by drug_seq standing for the first in the file. $1: the reports' primary ids (bigint[]).
 */
export const REMARK_REACTIONS_SQL = `
  UPDATE faers_reaction r SET counted = (r.ctid = f.row)
    FROM (SELECT DISTINCT ON (primaryid, event_id) primaryid, event_id, ctid AS row FROM faers_reaction
           WHERE primaryid = ANY ($1::bigint[]) AND event_id IS NOT NULL ORDER BY primaryid, event_id) f
   WHERE r.primaryid = f.primaryid AND r.event_id = f.event_id`;

export const REMARK_DRUGS_SQL = `
  UPDATE faers_drug d SET counted_roles = CASE WHEN d.ctid = f.row AND f.roles <> 0 AND f.counts THEN f.roles END
    FROM (SELECT DISTINCT ON (primaryid, product_id) primaryid, product_id, ctid AS row,
                 bit_or(CASE role_cod WHEN 'PS' THEN 1 WHEN 'SS' THEN 2 WHEN 'I' THEN 4 WHEN 'C' THEN 8 ELSE 0 END) OVER (PARTITION BY primaryid, product_id)::smallint AS roles,
                 EXISTS (SELECT 1 FROM faers_reaction r WHERE r.primaryid = x.primaryid AND r.counted) AS counts
            FROM faers_drug x WHERE primaryid = ANY ($1::bigint[]) AND product_id IS NOT NULL
           ORDER BY primaryid, product_id, drug_seq) f
   WHERE d.primaryid = f.primaryid AND d.product_id = f.product_id`;
