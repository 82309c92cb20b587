import type { IsoDate } from '../common/calendar-date';
import type { DeadlineSubject, Horizon } from './deadline-source';
import type { ReminderPolicy } from './reminder.entities';

/** The policies in force, most specific first: the obligation's, then the product's, then the kind's default. */
export class PolicyBook {
  private readonly byKey = new Map<string, ReminderPolicy>();

  constructor(policies: readonly ReminderPolicy[]) {
    for (const policy of policies) {
      this.byKey.set(PolicyBook.key(policy.deadlineKind, policy.productId, policy.obligationId), policy);
    }
  }

  private static key(kind: string, productId: string | null, obligationId: string | null): string {
    return `${kind}|${productId ?? ''}|${obligationId ?? ''}`;
  }

  for(subject: DeadlineSubject): ReminderPolicy | null {
    return (
      (subject.obligationId === null ? undefined : this.byKey.get(PolicyBook.key(subject.kind, null, subject.obligationId))) ??
      (subject.productId === null ? undefined : this.byKey.get(PolicyBook.key(subject.kind, subject.productId, null))) ??
      this.byKey.get(PolicyBook.key(subject.kind, null, null)) ??
      null
    );
  }

  /** Per kind, the largest offset of any of its policies: deadlines further away need no look yet. */
  horizon(asOf: IsoDate): Horizon {
    const days = new Map<string, number>();
    for (const policy of this.byKey.values()) {
      days.set(policy.deadlineKind, Math.max(days.get(policy.deadlineKind) ?? 0, ...policy.offsetsDays));
    }
    return { asOf, kinds: [...days.keys()], days: [...days.values()] };
  }
}
