/**
 * Dates given by Annex II, the regulator or the Union Register win over computed ones (rule book §1, §3).
 */
import type { IsoDate } from '../../common/calendar-date';
import { type ClosureDay, derive, type DerivedDate } from './derived-date';

export interface DateOverride {
  date: IsoDate;
  ruleId: 'ANNEX-II' | 'RECORDED-EXPIRY';
  source?: string;
  explanation: string;
}

export type EffectiveDate = DerivedDate & { supersedes: DerivedDate | null };

/** A date from Annex II or the Union Register wins over the computed one, which is kept as `supersedes` (rule book §1, §3). */
export function effectiveDate(
  computed: DerivedDate | null,
  override: DateOverride | null,
  closures: readonly ClosureDay[] = [],
): EffectiveDate | null {
  if (override === null) {
    return computed === null ? null : { ...computed, supersedes: null };
  }
  const derived = derive(override.ruleId, override.date, override.explanation, closures);
  return { ...derived, source: override.source ?? derived.source, supersedes: computed };
}
