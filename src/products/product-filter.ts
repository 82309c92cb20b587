import { EntityManager } from 'typeorm';

/**
 * The ids of the products a list filter names (`product=` takes an id or a name, any case). Looked up first so
 * the list's own query filters on `product_id = <id>`, which its indexes serve; an unknown product matches nothing.
 */
export async function productIdsNamed(manager: EntityManager, idOrName: string): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(`SELECT id FROM product WHERE lower(name) = lower($1) OR id::text = $1`, [idOrName]);
  return rows.map((row) => row.id);
}
