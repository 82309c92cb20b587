/**
 * A computed date that carries its rule (id + source) and an explanation, flagged — never moved — when it falls
 * on a weekend or closure day. Rule book: docs/rules.md.
 */
import {
  compareDates,
  dayOfWeek,
  type IsoDate,
  isWeekend,
  nextWorkingDay,
  parseIsoDate,
  previousWorkingDay,
} from '../../common/calendar-date';
import { RULES, type RuleId } from '../rules';

export interface NonWorkingDayFlag {
  reason: 'weekend' | 'closure';
  closureName?: string;
  suggestedDate: IsoDate;
  note: string;
}

export interface DerivedDate {
  date: IsoDate;
  ruleId: string;
  source: string;
  explanation: string;
  nonWorkingDay?: NonWorkingDayFlag;
  /** Set when the date rests on an assumption the user must confirm (what it is and what to do). */
  assumption?: string;
}

export interface ClosureDay {
  date: IsoDate;
  name: string;
}

export class DeadlineInputError extends Error {
  readonly code = 'INVALID_DEADLINE_INPUT';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeadlineInputError';
  }
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Refuses a non-integer or out-of-range count with a DeadlineInputError naming the field. */
export function requireIntegerIn(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DeadlineInputError(field, `${field} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** Refuses a date earlier than another input date. */
export function requireNotBefore(field: string, date: IsoDate, earliest: IsoDate, earliestField: string): void {
  if (compareDates(date, earliest) < 0) {
    throw new DeadlineInputError(field, `${field} (${date}) must not be before ${earliestField} (${earliest})`);
  }
}

function nonWorkingDayFlag(ruleId: RuleId, date: IsoDate, closures: readonly ClosureDay[]): NonWorkingDayFlag | undefined {
  const closure = closures.find((c) => c.date === date);
  if (!closure && !isWeekend(date)) {
    return undefined;
  }
  const closedDates = new Set(closures.map((c) => c.date));
  const what = closure ? `a closure day (${closure.name})` : `a ${WEEKDAY_NAMES[dayOfWeek(date)] ?? 'weekend day'}`;
  const base = { reason: closure ? 'closure' : 'weekend', ...(closure ? { closureName: closure.name } : {}) } as const;
  if (RULES[ruleId].direction === 'backward') {
    const suggestedDate = previousWorkingDay(date, closedDates);
    const note =
      `${date} is ${what}. Suggestion only, the date is not moved: this period is counted backwards, so it does ` +
      `not roll over (Reg (EEC) 1182/71 Art 3(4)); act by the preceding working day, ${suggestedDate}.`;
    return { ...base, suggestedDate, note };
  }
  if (RULES[ruleId].direction === 'calendar-days') {
    const suggestedDate = previousWorkingDay(date, closedDates);
    const note =
      `${date} is ${what}. Suggestion only, the date is not moved: this clock counts calendar days, weekends and ` +
      `holidays included, and does not roll over (GVP VI.B.7); submit by the preceding working day, ${suggestedDate}, if nobody works on ${date}.`;
    return { ...base, suggestedDate, note };
  }
  const suggestedDate = nextWorkingDay(date, closedDates);
  const note =
    `${date} is ${what}. Suggestion only, the date is not moved: Reg (EEC) 1182/71 Art 3(4) may end the period ` +
    `on the following working day, ${suggestedDate}; acting by ${date} is always safe.`;
  return { ...base, suggestedDate, note };
}

/** A date with its rule and source; a weekend or closure day is flagged, never moved (rule book §9, Reg 1182/71 Art 3(4)). */
export function derive(ruleId: RuleId, date: IsoDate, explanation: string, closures: readonly ClosureDay[] = []): DerivedDate {
  const validDate = parseIsoDate(date);
  const flag = nonWorkingDayFlag(ruleId, validDate, closures);
  return {
    date: validDate,
    ruleId,
    source: RULES[ruleId].source,
    explanation,
    ...(flag ? { nonWorkingDay: flag } : {}),
  };
}

