import { canonicalLine, CanonicalAuditRow, GENESIS_HASH, linkHash, RowsDigest, sha256Hex } from './audit-chain-format';

/**
 * Known vectors, computed by PostgreSQL 15 with the expressions of migrations/1763769600000-AuditChain.ts
 * (array_to_json / sha256 / encode). If one of these fails, existing chains would no longer verify.
 */
const row: CanonicalAuditRow = {
  seq: '17',
  txId: '123456',
  occurredAtMicros: '1763769600123456',
  actor: 'user:alice',
  entityType: 'milestone',
  entityId: '3f1c2b9e-0000-4000-8000-000000000001',
  action: 'due-date-change',
  productId: '9b2d4c1a-0000-4000-8000-000000000002',
  before: '{"dueDate": "2025-01-31"}',
  after: '{"dueDate": "2025-02-28"}',
  reason: 'Type II "variation"\nagreed',
};

describe('audit chain canonical forms', () => {
  it('should render a row as a compact JSON array of texts, as array_to_json does', () => {
    expect(canonicalLine(row)).toBe(
      '["17","123456","1763769600123456","user:alice","milestone","3f1c2b9e-0000-4000-8000-000000000001","due-date-change",' +
        '"9b2d4c1a-0000-4000-8000-000000000002","{\\"dueDate\\": \\"2025-01-31\\"}","{\\"dueDate\\": \\"2025-02-28\\"}","Type II \\"variation\\"\\nagreed"]',
    );
    expect(sha256Hex(canonicalLine(row))).toBe('e8e20edf674eec0f278b3e0d13378dceea1e301b14d44a3b85fd65d252e4352b');
  });

  it('should render missing values as null', () => {
    expect(canonicalLine({ ...row, productId: null, before: null, reason: null })).toContain('"due-date-change",null,null,"{');
  });

  it('should digest rows as the sha256 of their line hashes joined by newlines', () => {
    const digest = new RowsDigest();
    digest.add(row);
    digest.add({ ...row, seq: '18' });

    expect(digest.count).toBe(2);
    expect(digest.digest()).toBe('1be867198ac18e2f788b7259af75ce51e4263e0d203e3ba1bd7775140779ebca');
  });

  it('should hash a link over prev_hash, transaction, start, count and rows digest', () => {
    const hash = linkHash({
      prevHash: GENESIS_HASH,
      txId: '123456',
      txStartedAtMicros: '1763769600123456',
      entryCount: 2,
      rowsDigest: '1be867198ac18e2f788b7259af75ce51e4263e0d203e3ba1bd7775140779ebca',
    });

    expect(hash).toBe('b4b4d7ee9fc05b91d2379303f027bcc224384cf77ede8c43119f3ff9c80912f4');
  });
});
