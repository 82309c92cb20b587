/**
 * Keyset paging ("seek method") and capped totals for lists over big tables. Pure: no Nest, no database.
 *
 * A list is ordered by key columns ending in a unique one (the id); a cursor holds the key of the last row
 * shown and which order it belongs to, and the next page starts strictly after it — the cost of a page does not
 * grow with how far the reader has paged, unlike OFFSET. Counting every match of a big list is the other
 * cost: lists count up to a cap and say when there are more.
 */
import { isUUID } from 'class-validator';
import { isIsoDate } from './calendar-date';
import { InvalidInputError } from './errors';

/** Lists count their matches up to this many; past it `total` is this number and `totalIsExact` false. */
export const TOTAL_CAP = 10_000;

export interface KeyColumn {
  /** SQL expression the list is ordered by (trusted: from code, never from the request). */
  expression: string;
  direction: 'ASC' | 'DESC';
  type: 'text' | 'date' | 'uuid';
}

interface CursorBody {
  /** The ordering the cursor belongs to (e.g. "dueDate:asc"). */
  o: string;
  /** The key of the last row shown, one value per key column. */
  k: string[];
}

export function encodeCursor(ordering: string, key: readonly string[]): string {
  return Buffer.from(JSON.stringify({ o: ordering, k: [...key] } satisfies CursorBody), 'utf8').toString('base64url');
}

/** The key inside a cursor, checked against the list's ordering and key columns; a 4xx naming `field` otherwise. */
export function decodeCursor(cursor: string, ordering: string, columns: readonly KeyColumn[], field = 'after'): string[] {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    body = null;
  }
  const candidate = body as Partial<CursorBody> | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.o !== 'string' || !Array.isArray(candidate.k)) {
    throw InvalidInputError.field(field, 'is not a cursor given by this list (use nextCursor from the previous page)');
  }
  if (candidate.o !== ordering) {
    throw InvalidInputError.field(field, `belongs to a list in another order (${candidate.o}); this one is ordered by ${ordering}`);
  }
  const key = candidate.k;
  const valid =
    key.length === columns.length &&
    columns.every((column, index) => {
      const value: unknown = key[index];
      return typeof value === 'string' && value.length <= 1000 && !value.includes('\u0000') && (column.type === 'date' ? isIsoDate(value) : column.type === 'uuid' ? isUUID(value, 'all') : true);
    });
  if (!valid) {
    throw InvalidInputError.field(field, 'is not a cursor given by this list (use nextCursor from the previous page)');
  }
  return key;
}

/**
 * The SQL condition "after this key" for the given order, with named parameters `<prefix>0`, `<prefix>1`…
 * The first key column also gets a plain range bound (`c0 >= :k0` ascending) so an index on the key serves it.
 */
export function keysetCondition(columns: readonly KeyColumn[], key: readonly string[], prefix = 'key'): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const value = (index: number): string => {
    const column = columns[index] as KeyColumn;
    params[`${prefix}${index}`] = key[index] as string;
    return column.type === 'text' ? `:${prefix}${index}` : `CAST(:${prefix}${index} AS ${column.type})`;
  };
  const after = (index: number): string => {
    const column = columns[index] as KeyColumn;
    const beyond = `${column.expression} ${column.direction === 'ASC' ? '>' : '<'} ${value(index)}`;
    return index === columns.length - 1 ? beyond : `(${beyond} OR (${column.expression} = ${value(index)} AND ${after(index + 1)}))`;
  };
  const first = columns[0];
  if (first === undefined) {
    throw new Error('a keyset needs at least one key column');
  }
  const bound = `${first.expression} ${first.direction === 'ASC' ? '>=' : '<='} ${value(0)}`;
  return { sql: `${bound} AND ${after(0)}`, params };
}

/** What a list says about how many rows match: the count up to the cap, and whether it is the whole count. */
export function cappedTotal(counted: number, cap = TOTAL_CAP): { total: number; totalIsExact: boolean } {
  return counted > cap ? { total: cap, totalIsExact: false } : { total: counted, totalIsExact: true };
}
