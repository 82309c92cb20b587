/** The products a caller may see and change: `null` means every product. */
export type ProductScope = readonly string[] | null;

/** Who does something: recorded in the audit trail and in due-date history, with the products they may touch. */
export interface Actor {
  /** e.g. "user:alice", "user:alice/token:erp-sync", "cli:root", "demo-seed", "system". */
  id: string;
  scope: ProductScope;
}

/** An actor inside the server (CLI, demo loader, background jobs): every product. */
export function systemActor(id: string): Actor {
  return { id, scope: null };
}

export function inScope(scope: ProductScope, productId: string): boolean {
  return scope === null || scope.includes(productId);
}
