/**
 * The canonical forms of the audit hash chain, computed in TypeScript exactly as the database computes them when it
 * seals a transaction (migrations/1763769600000-AuditChain.ts: audit_entry_line, audit_rows_digest, audit_link_hash).
 * Change both or neither: every existing link would stop verifying.
 */
import { createHash, type Hash } from 'node:crypto';

/** prev_hash of the first link. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One audit row as PostgreSQL renders its columns to text: bigints and the uuid as text, `occurred_at` as epoch
 * microseconds, `before`/`after` as jsonb's own text form. Text is not interpreted, only hashed.
 */
export interface CanonicalAuditRow {
  seq: string;
  txId: string;
  occurredAtMicros: string;
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  productId: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/**
 * `array_to_json(ARRAY[...]::text[])::text`: a compact JSON array of strings and nulls. PostgreSQL's escape_json and
 * JSON.stringify escape text the same way (\" \\ \b \f \n \r \t, other control characters as lowercase \u00xx, the rest
 * verbatim), which test/audit-chain.spec.ts checks against the database.
 */
export function canonicalLine(row: CanonicalAuditRow): string {
  return JSON.stringify([
    row.seq,
    row.txId,
    row.occurredAtMicros,
    row.actor,
    row.entityType,
    row.entityId,
    row.action,
    row.productId,
    row.before,
    row.after,
    row.reason,
  ]);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** rows_digest = sha256 over the rows' line hashes joined by '\n', fed one row at a time (flat memory). */
export class RowsDigest {
  private readonly hash: Hash = createHash('sha256');
  private rows = 0;

  add(row: CanonicalAuditRow): void {
    if (this.rows > 0) {
      this.hash.update('\n');
    }
    this.hash.update(sha256Hex(canonicalLine(row)));
    this.rows += 1;
  }

  get count(): number {
    return this.rows;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

export interface LinkFields {
  prevHash: string;
  txId: string;
  txStartedAtMicros: string;
  entryCount: number;
  rowsDigest: string;
}

export function linkHash(link: LinkFields): string {
  return sha256Hex(`${link.prevHash}|${link.txId}|${link.txStartedAtMicros}|${link.entryCount}|${link.rowsDigest}`);
}
