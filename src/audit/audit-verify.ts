/**
 * `audit verify`: recomputes the audit hash chain from the stored rows, link by link, and names the first broken link.
 *
 * Nothing stored is trusted: each link's rows digest and hash are recomputed here with node:crypto (never by the
 * database's sealing functions), each link's prev_hash is compared with the hash recomputed for the link before it,
 * and audit rows that no link covers are reported. The database only renders column values to text with built-in
 * casts. The walk reads one snapshot (REPEATABLE READ, READ ONLY) through a server-side cursor, a page of rows at a
 * time, so memory stays flat however long the chain or however large one transaction.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import { type CanonicalAuditRow, GENESIS_HASH, linkHash, RowsDigest } from './audit-chain-format';

export const AUDIT_CHAIN_PROBLEMS = ['rows-digest-mismatch', 'hash-mismatch', 'prev-hash-mismatch', 'entry-count-mismatch', 'unsealed-entries'] as const;
export type AuditChainProblem = (typeof AUDIT_CHAIN_PROBLEMS)[number];

export interface AuditChainBreak {
  /** The broken link; null for `unsealed-entries` (rows that no link covers). */
  linkSeq: string | null;
  /** The transaction of the broken link, or of the first unsealed row. */
  txId: string;
  problem: AuditChainProblem;
  detail: string;
}

export interface AuditVerifyReport {
  ok: boolean;
  /** Links recomputed and found intact (the walk stops at the first broken link). */
  checkedLinks: number;
  /** Audit rows covered by those links. */
  checkedEntries: number;
  /** The last intact link, with its recomputed hash: record it elsewhere to detect a truncated chain later. */
  head: { seq: string; hash: string } | null;
  firstBreak: AuditChainBreak | null;
}

export interface VerifyOptions {
  /** Rows fetched from the cursor per round trip. */
  fetchSize?: number;
}

const DEFAULT_FETCH_SIZE = 2000;

const micros = (column: string): string => `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;

/** Every link with its rows, in chain order then row order; a link whose rows are all gone yields one row of nulls. */
const WALK_SQL = `
  SELECT c.seq::text AS "linkSeq", c.tx_id::text AS "linkTxId", ${micros('c.tx_started_at')} AS "txStartedAtMicros",
         c.entry_count AS "entryCount", c.first_entry_seq::text AS "firstEntrySeq", c.last_entry_seq::text AS "lastEntrySeq",
         c.rows_digest AS "rowsDigest", c.prev_hash AS "prevHash", c.hash AS "hash",
         e.seq::text AS "seq", e.tx_id::text AS "txId", ${micros('e.occurred_at')} AS "occurredAtMicros",
         e.actor AS "actor", e.entity_type AS "entityType", e.entity_id AS "entityId", e.action AS "action",
         e.product_id::text AS "productId", e.before::text AS "before", e.after::text AS "after", e.reason AS "reason"
    FROM audit_chain c
    LEFT JOIN audit_entry e ON e.tx_id = c.tx_id AND e.occurred_at = c.tx_started_at
   ORDER BY c.seq, e.seq`;

const UNSEALED_SQL = `
  SELECT e.seq::text AS "seq", e.tx_id::text AS "txId", e.occurred_at AS "occurredAt", count(*) OVER () AS "total"
    FROM audit_entry e
   WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.tx_id = e.tx_id AND c.tx_started_at = e.occurred_at)
   ORDER BY e.seq
   LIMIT 1`;

interface LinkColumns {
  linkSeq: string;
  linkTxId: string;
  txStartedAtMicros: string;
  entryCount: number;
  firstEntrySeq: string;
  lastEntrySeq: string;
  rowsDigest: string;
  prevHash: string;
  hash: string;
}

type EntryColumns = { [K in keyof CanonicalAuditRow]: K extends 'seq' | 'txId' | 'occurredAtMicros' | 'actor' | 'entityType' | 'entityId' | 'action' ? CanonicalAuditRow[K] | null : CanonicalAuditRow[K] };

/** One row of the walk: a link and one of its audit rows (all entry columns null when the link has none left). */
export type WalkRow = LinkColumns & EntryColumns;

interface OpenLink {
  link: LinkColumns;
  digest: RowsDigest;
  firstSeq: string | null;
  lastSeq: string | null;
}

const short = (hash: string): string => `${hash.slice(0, 12)}…`;

/** The pure part of the walk: feed it the rows in order; it recomputes every link and stops at the first break. */
export class ChainWalker {
  checkedLinks = 0;
  checkedEntries = 0;
  head: { seq: string; hash: string } | null = null;
  firstBreak: AuditChainBreak | null = null;
  private expectedPrev = GENESIS_HASH;
  private open: OpenLink | null = null;

  /** Returns false once a break was found (feed nothing more). */
  push(row: WalkRow): boolean {
    if (this.open !== null && this.open.link.linkSeq !== row.linkSeq) {
      this.close(this.open);
      this.open = null;
      if (this.firstBreak !== null) {
        return false;
      }
    }
    this.open ??= { link: row, digest: new RowsDigest(), firstSeq: null, lastSeq: null };
    if (row.seq !== null) {
      this.open.digest.add(row as CanonicalAuditRow);
      this.open.firstSeq ??= row.seq;
      this.open.lastSeq = row.seq;
    }
    return true;
  }

  /** Closes the last link. */
  finish(): void {
    if (this.open !== null && this.firstBreak === null) {
      this.close(this.open);
    }
    this.open = null;
  }

  private close({ link, digest, firstSeq, lastSeq }: OpenLink): void {
    const at = `link ${link.linkSeq} (transaction ${link.linkTxId})`;
    const broken = (problem: AuditChainProblem, detail: string): void => {
      this.firstBreak = { linkSeq: link.linkSeq, txId: link.linkTxId, problem, detail: `${at}: ${detail}` };
    };
    if (link.prevHash !== this.expectedPrev) {
      const previous = this.head === null ? 'the genesis value (64 zeros)' : `the recomputed hash of link ${this.head.seq}, ${short(this.expectedPrev)}`;
      return broken('prev-hash-mismatch', `prev_hash is ${short(link.prevHash)} but must be ${previous}: a link before it was removed, changed or inserted`);
    }
    const count = digest.count;
    if (count !== link.entryCount || firstSeq !== link.firstEntrySeq || lastSeq !== link.lastEntrySeq) {
      const found = count === 0 ? 'none is left' : `${count} remain (seq ${firstSeq}–${lastSeq})`;
      return broken('entry-count-mismatch', `sealed ${link.entryCount} audit rows (seq ${link.firstEntrySeq}–${link.lastEntrySeq}) but ${found}: rows were deleted, added or moved`);
    }
    const rowsDigest = digest.digest();
    if (rowsDigest !== link.rowsDigest) {
      return broken('rows-digest-mismatch', `its ${count} audit rows (seq ${firstSeq}–${lastSeq}) no longer match the digest sealed at commit: a row was changed`);
    }
    const hash = linkHash({ prevHash: this.expectedPrev, txId: link.linkTxId, txStartedAtMicros: link.txStartedAtMicros, entryCount: count, rowsDigest });
    if (hash !== link.hash) {
      return broken('hash-mismatch', `stored hash ${short(link.hash)} differs from the recomputed ${short(hash)}: the link itself was changed`);
    }
    this.expectedPrev = hash;
    this.head = { seq: link.linkSeq, hash };
    this.checkedLinks += 1;
    this.checkedEntries += count;
  }
}

/** Recomputes the whole chain in one consistent snapshot. A broken chain is a result (ok: false), not an error. */
export async function verifyAuditChain(dataSource: DataSource, options: VerifyOptions = {}): Promise<AuditVerifyReport> {
  const fetchSize = options.fetchSize ?? DEFAULT_FETCH_SIZE;
  if (!Number.isInteger(fetchSize) || fetchSize < 1) {
    throw new RangeError(`fetchSize must be a positive integer, got ${fetchSize}`);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    try {
      return await walk(runner, fetchSize);
    } finally {
      await runner.query('ROLLBACK');
    }
  } finally {
    await runner.release();
  }
}

async function walk(runner: QueryRunner, fetchSize: number): Promise<AuditVerifyReport> {
  const walker = new ChainWalker();
  await runner.query(`DECLARE audit_verify NO SCROLL CURSOR FOR ${WALK_SQL}`);
  let more = true;
  while (more) {
    const rows = (await runner.query(`FETCH FORWARD ${fetchSize} FROM audit_verify`)) as WalkRow[];
    const intact = rows.every((row) => walker.push(row));
    more = intact && rows.length === fetchSize;
  }
  walker.finish();
  const firstBreak = walker.firstBreak ?? (await findUnsealed(runner));
  return { ok: firstBreak === null, checkedLinks: walker.checkedLinks, checkedEntries: walker.checkedEntries, head: walker.head, firstBreak };
}

async function findUnsealed(runner: QueryRunner): Promise<AuditChainBreak | null> {
  const [first] = (await runner.query(UNSEALED_SQL)) as { seq: string; txId: string; occurredAt: Date; total: string }[];
  if (first === undefined) {
    return null;
  }
  return {
    linkSeq: null,
    txId: first.txId,
    problem: 'unsealed-entries',
    detail: `${first.total} audit row(s) are covered by no link; the first is seq ${first.seq} (transaction ${first.txId}, ${first.occurredAt.toISOString()}): written with the sealing trigger disabled, or moved to another transaction`,
  };
}
