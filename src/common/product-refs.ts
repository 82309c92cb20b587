import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { InvalidInputError } from './errors';

/** A product named in a request (a body field or a query filter) by its name or its id. */
export interface ProductRef {
  ref: string;
  /** The field it was given in, named in the 4xx when it names no product. */
  field: string;
}

/** The ids of products named by name (case-insensitive) or id, in order, null where none: one query for them all. */
export async function findProductIds(manager: EntityManager, refs: readonly string[]): Promise<(string | null)[]> {
  if (refs.length === 0) {
    return [];
  }
  const trimmed = refs.map((ref) => ref.trim());
  const ids = [...new Set(trimmed.filter((ref) => isUUID(ref, 'all')))];
  const names = [...new Set(trimmed.filter((ref) => !isUUID(ref, 'all')).map((ref) => ref.toLowerCase()))];
  const found = await manager.query<{ id: string; name: string }[]>(`SELECT id, name FROM product WHERE id = ANY($1::uuid[]) OR lower(name) = ANY($2::text[])`, [ids, names]);
  const byId = new Set(found.map((p) => p.id));
  const byName = new Map(found.map((p) => [p.name.toLowerCase(), p.id]));
  return trimmed.map((ref) => (isUUID(ref, 'all') ? (byId.has(ref) ? ref : null) : (byName.get(ref.toLowerCase()) ?? null)));
}

/**
 * Resolves products named by name (case-insensitive) or id to their ids, in order, with one query for them
 * all: a product is named by its name or its id everywhere one is referenced. Throws an InvalidInputError
 * naming the field of the first one that names no product. (One product in the caller's scope: use
 * ProductsService.get, which also hides products outside it.)
 */
export async function resolveProductRefs(manager: EntityManager, refs: readonly ProductRef[]): Promise<string[]> {
  const ids = await findProductIds(manager, refs.map((r) => r.ref));
  return refs.map(({ ref, field }, i) => {
    const id = ids[i] ?? null;
    if (id === null) {
      throw InvalidInputError.field(field, `no product "${ref.trim()}": give one of our products by name or id`);
    }
    return id;
  });
}
