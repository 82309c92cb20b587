import { cappedTotal, decodeCursor, encodeCursor, KeyColumn, keysetCondition } from './keyset';

const COLUMNS: KeyColumn[] = [
  { expression: 'p.name', direction: 'DESC', type: 'text' },
  { expression: 'm.due_date', direction: 'ASC', type: 'date' },
  { expression: 'm.id', direction: 'ASC', type: 'uuid' },
];
const KEY = ['Hemgenix', '2026-03-31', '0b7c6f52-3f2e-4f7e-9d55-1c1f1a7f0c11'];

describe('keyset paging', () => {
  it('should give back the key a cursor was made from', () => {
    expect(decodeCursor(encodeCursor('product:desc', KEY), 'product:desc', COLUMNS)).toEqual(KEY);
  });

  it('should refuse a cursor of another order, naming the field and both orders', () => {
    expect(() => decodeCursor(encodeCursor('product:asc', KEY), 'product:desc', COLUMNS)).toThrow(/after: belongs to a list in another order \(product:asc\); this one is ordered by product:desc/);
  });

  it.each([
    ['not base64 JSON', 'not a cursor'],
    ['a key of the wrong length', encodeCursor('product:desc', KEY.slice(0, 2))],
    ['a date that is not one', encodeCursor('product:desc', ['Hemgenix', '2026-02-30', KEY[2] as string])],
    ['an id that is not a UUID', encodeCursor('product:desc', ['Hemgenix', '2026-03-31', '1 OR 1=1'])],
    ['a value that is not text', Buffer.from(JSON.stringify({ o: 'product:desc', k: [1, '2026-03-31', KEY[2]] })).toString('base64url')],
  ])('should refuse %s with a problem named on the given field', (_what, cursor) => {
    expect(() => decodeCursor(cursor, 'product:desc', COLUMNS, 'cursor')).toThrow(/^cursor: is not a cursor given by this list/);
  });

  it('should write "after this key" for mixed directions with a range bound on the first column and parameters only', () => {
    const { sql, params } = keysetCondition(COLUMNS, KEY, 'k');
    expect(sql).toBe(
      'p.name <= :k0 AND (p.name < :k0 OR (p.name = :k0 AND (m.due_date > CAST(:k1 AS date) OR (m.due_date = CAST(:k1 AS date) AND m.id > CAST(:k2 AS uuid)))))',
    );
    expect(params).toEqual({ k0: 'Hemgenix', k1: '2026-03-31', k2: KEY[2] });
  });

  it('should say a total is exact up to the cap and not beyond it', () => {
    expect(cappedTotal(10_000)).toEqual({ total: 10_000, totalIsExact: true });
    expect(cappedTotal(10_001)).toEqual({ total: 10_000, totalIsExact: false });
    expect(cappedTotal(0)).toEqual({ total: 0, totalIsExact: true });
  });
});
