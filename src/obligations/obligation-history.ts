import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import type { IsoDate } from '../common/calendar-date';
import { ObligationChange, type ObligationChangeField, type ObligationChangeSource } from './obligation-change.entity';

/** One changed field of an obligation, or a step or outcome of one of its milestones. */
export interface NewObligationChange {
  productId: string;
  obligationId: string;
  milestoneId?: string | null;
  field: ObligationChangeField;
  from: string | null;
  to: string | null;
  changeSource: ObligationChangeSource;
  procedureRef: string | null;
  reason: string;
  /** The day it took effect when that is not the day recorded (a submission's or an outcome's own date). */
  effectiveOn?: IsoDate;
}

/**
 * Writes history rows in the caller's transaction (the caller writes the audit row beside them): who from the
 * actor, when from the database (`changed_at`) and the Clock's business day (`recorded_on`).
 */
export async function recordObligationChanges(manager: EntityManager, actor: Actor, recordedOn: IsoDate, changes: readonly NewObligationChange[]): Promise<void> {
  if (changes.length === 0) {
    return;
  }
  await manager.insert(
    ObligationChange,
    changes.map((c) => ({
      productId: c.productId,
      obligationId: c.obligationId,
      milestoneId: c.milestoneId ?? null,
      field: c.field,
      fromValue: c.from,
      toValue: c.to,
      changeSource: c.changeSource,
      procedureRef: c.procedureRef,
      reason: c.reason,
      changedBy: actor.id,
      recordedOn,
      effectiveOn: c.effectiveOn ?? recordedOn,
    })),
  );
}

/** Study ids as one value of the history ("A, B"; sorted, so an unchanged set in another order is no change). */
export function studyIdsText(ids: readonly string[]): string {
  return [...ids].sort().join(', ');
}
