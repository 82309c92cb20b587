import { addDays, compareDates, daysBetween, IsoDate } from '../common/calendar-date';

/**
 * When reminders are due, as pure functions. A deadline's reminders are steps: `before-N` (N days before the
 * due date, from the policy's offsets) and, once the date has passed unmet, `overdue-K` (the day after the
 * due date, then every `escalationEveryDays`). At any moment only the latest step that has come due is
 * sent: a deadline registered 5 days ahead gets the 7-day reminder once, not the 90-, 60-, 30- and 14-day
 * ones together; after three days down the service sends the step it missed once, marked late.
 */

export interface ReminderPolicyRule {
  /** Days before the due date, e.g. [90, 60, 30, 14, 7, 1]. */
  offsetsDays: readonly number[];
  /** Escalation cadence once overdue, in days (1 = daily). */
  escalationEveryDays: number;
}

export interface ReminderStep {
  /** `before-30`, `overdue-1`, … — part of the delivery's unique key, with the due date. */
  step: string;
  escalation: boolean;
  /** The day the step is meant to go out. */
  sendOn: IsoDate;
}

export interface DueStep extends ReminderStep {
  /** Sent later than its day (the service was down, or the scan ran late). */
  late: boolean;
}

/** Every `before-N` step of a due date, earliest first. */
export function beforeSteps(dueDate: IsoDate, rule: ReminderPolicyRule): ReminderStep[] {
  return [...new Set(rule.offsetsDays)]
    .filter((days) => days > 0)
    .sort((a, b) => b - a)
    .map((days) => ({ step: `before-${days}`, escalation: false, sendOn: addDays(dueDate, -days) }));
}

/** The K-th escalation of an unmet due date: the day after it, then every `escalationEveryDays`. */
export function overdueStep(dueDate: IsoDate, rule: ReminderPolicyRule, k: number): ReminderStep {
  return { step: `overdue-${k}`, escalation: true, sendOn: addDays(dueDate, 1 + (k - 1) * rule.escalationEveryDays) };
}

/** The one step due as of a day for an open deadline, or null when nothing is due yet. */
export function dueStep(dueDate: IsoDate, rule: ReminderPolicyRule, asOf: IsoDate): DueStep | null {
  if (compareDates(asOf, dueDate) > 0) {
    const k = Math.floor((daysBetween(dueDate, asOf) - 1) / Math.max(1, rule.escalationEveryDays)) + 1;
    const step = overdueStep(dueDate, rule, k);
    return { ...step, late: compareDates(step.sendOn, asOf) < 0 };
  }
  const passed = beforeSteps(dueDate, rule).filter((s) => compareDates(s.sendOn, asOf) <= 0);
  const latest = passed[passed.length - 1];
  return latest === undefined ? null : { ...latest, late: compareDates(latest.sendOn, asOf) < 0 };
}

/** Every step that would be sent between two days (inclusive) if a scan ran each day and the deadline stayed open. */
export function stepsBetween(dueDate: IsoDate, rule: ReminderPolicyRule, from: IsoDate, to: IsoDate): ReminderStep[] {
  const inRange = (s: ReminderStep): boolean => compareDates(s.sendOn, from) >= 0 && compareDates(s.sendOn, to) <= 0;
  const steps = beforeSteps(dueDate, rule).filter(inRange);
  // overdue-k goes out on dueDate + 1 + (k - 1) * every: the k in range follow from the day numbers directly.
  const every = Math.max(1, rule.escalationEveryDays);
  const firstK = Math.max(1, Math.ceil((daysBetween(dueDate, from) - 1) / every) + 1);
  const lastK = Math.floor((daysBetween(dueDate, to) - 1) / every) + 1;
  for (let k = firstK; k <= lastK; k += 1) {
    steps.push(overdueStep(dueDate, rule, k));
  }
  return steps;
}
