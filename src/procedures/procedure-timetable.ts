/**
 * A procedure's timetable as plain data: its state, clock-stop days and the order its dates must keep
 * (rule book §3: submission, start, questions, clock stops and restarts, opinion, Commission decision).
 * No Nest or database imports, so the rules can be read and unit-tested on their own.
 */
import { compareDates, daysBetween, IsoDate } from '../common/calendar-date';
import { FieldProblem } from '../common/errors';
import type { ClockStopKind } from './procedure-clock-stop.entity';
import type { OpinionOutcome } from './procedure.entity';

export const PROCEDURE_STATES = ['planned', 'submitted', 'under-assessment', 'clock-stopped', 'opinion', 'decided'] as const;
export type ProcedureState = (typeof PROCEDURE_STATES)[number];

export interface Timetable {
  submittedOn: IsoDate | null;
  startedOn: IsoDate | null;
  opinionOn: IsoDate | null;
  opinionOutcome: OpinionOutcome | null;
  commissionDecisionOn: IsoDate | null;
}

export type TimetableField = keyof Timetable;

export interface ClockStopDates {
  kind: ClockStopKind;
  stoppedOn: IsoDate;
  restartedOn: IsoDate | null;
}

const KIND_LABELS: Record<ClockStopKind, string> = {
  'validation-questions': 'validation questions',
  'list-of-questions': 'list of questions',
  'list-of-outstanding-issues': 'list of outstanding issues',
  'request-for-supplementary-information': 'request for supplementary information',
};

export function clockStopLabel(kind: ClockStopKind): string {
  return KIND_LABELS[kind];
}

/** The dated steps of a procedure in the order they happen. */
const DATE_ORDER = ['submittedOn', 'startedOn', 'opinionOn', 'commissionDecisionOn'] as const;
type DateField = (typeof DATE_ORDER)[number];

const DATE_LABELS: Record<DateField, string> = {
  submittedOn: 'the submission',
  startedOn: 'the start',
  opinionOn: 'the opinion',
  commissionDecisionOn: 'the Commission decision',
};

export function isClockStopped(stops: readonly ClockStopDates[]): boolean {
  return stops.some((s) => s.restartedOn === null);
}

/** Decided, then opinion, then a clock stop still open, then started, then submitted. */
export function procedureState(timetable: Timetable, stops: readonly ClockStopDates[]): ProcedureState {
  if (timetable.commissionDecisionOn !== null) {
    return 'decided';
  }
  if (timetable.opinionOn !== null) {
    return 'opinion';
  }
  if (isClockStopped(stops)) {
    return 'clock-stopped';
  }
  if (timetable.startedOn !== null) {
    return 'under-assessment';
  }
  return timetable.submittedOn !== null ? 'submitted' : 'planned';
}

/** Calendar days the clock was (or, while still open, has been until today) stopped. */
export function clockStopDays(stop: ClockStopDates, today: IsoDate): number {
  return Math.max(0, daysBetween(stop.stoppedOn, stop.restartedOn ?? today));
}

export function totalClockStopDays(stops: readonly ClockStopDates[], today: IsoDate): number {
  return stops.reduce((sum, stop) => sum + clockStopDays(stop, today), 0);
}

/**
 * Every way a timetable breaks the order of events, each naming one field. When two dates are out of
 * order, the one being changed is named (`changed`), so the user sees the field they sent.
 */
export function timetableProblems(timetable: Timetable, stops: readonly ClockStopDates[], today: IsoDate, changed: ReadonlySet<TimetableField>): FieldProblem[] {
  return [...futureProblems(timetable, today, changed), ...orderProblems(timetable, changed), ...opinionProblems(timetable), ...clockStopProblems(timetable, stops)];
}

function futureProblems(timetable: Timetable, today: IsoDate, changed: ReadonlySet<TimetableField>): FieldProblem[] {
  return DATE_ORDER.flatMap((field) => {
    const date = timetable[field];
    return changed.has(field) && date !== null && compareDates(date, today) > 0
      ? [{ field, problem: `${date} is after today (${today}); record ${DATE_LABELS[field]} once it has happened` }]
      : [];
  });
}

function orderProblems(timetable: Timetable, changed: ReadonlySet<TimetableField>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  DATE_ORDER.forEach((later, laterIndex) => {
    for (const earlier of DATE_ORDER.slice(0, laterIndex)) {
      const laterDate = timetable[later];
      const earlierDate = timetable[earlier];
      if (laterDate === null || earlierDate === null || compareDates(laterDate, earlierDate) >= 0) {
        continue;
      }
      problems.push(
        changed.has(later) || !changed.has(earlier)
          ? { field: later, problem: `${laterDate} is before ${DATE_LABELS[earlier]} (${earlier} ${earlierDate})` }
          : { field: earlier, problem: `${earlierDate} is after ${DATE_LABELS[later]} (${later} ${laterDate})` },
      );
    }
  });
  return problems;
}

function opinionProblems(timetable: Timetable): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (timetable.opinionOn !== null && timetable.opinionOutcome === null) {
    problems.push({ field: 'opinionOutcome', problem: 'is required with opinionOn (positive, negative or withdrawn)' });
  }
  if (timetable.opinionOn === null && timetable.opinionOutcome !== null) {
    problems.push({ field: 'opinionOn', problem: `is required with opinionOutcome ${timetable.opinionOutcome}` });
  }
  if (timetable.commissionDecisionOn !== null && timetable.opinionOutcome === 'withdrawn') {
    problems.push({ field: 'commissionDecisionOn', problem: 'a withdrawn procedure has no Commission decision' });
  }
  return problems;
}

/** The submission comes before every clock stop, the start before every stop but validation questions, the opinion after every restart. */
function clockStopProblems(timetable: Timetable, stops: readonly ClockStopDates[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const stop of stops) {
    const what = `the ${clockStopLabel(stop.kind)} clock stop of ${stop.stoppedOn}`;
    if (timetable.submittedOn !== null && compareDates(timetable.submittedOn, stop.stoppedOn) > 0) {
      problems.push({ field: 'submittedOn', problem: `${timetable.submittedOn} is after ${what}` });
    }
    if (stop.kind !== 'validation-questions' && timetable.startedOn !== null && compareDates(timetable.startedOn, stop.stoppedOn) > 0) {
      problems.push({ field: 'startedOn', problem: `${timetable.startedOn} is after ${what}` });
    }
    const resumedOn = stop.restartedOn ?? stop.stoppedOn;
    if (timetable.opinionOn !== null && compareDates(timetable.opinionOn, resumedOn) < 0) {
      problems.push({ field: 'opinionOn', problem: `${timetable.opinionOn} is before ${stop.restartedOn === null ? what : `the restart (${resumedOn}) after ${what}`}` });
    }
  }
  return problems;
}

/** Why a new clock stop cannot start on `stoppedOn`, each problem naming `stoppedOn`. */
export function clockStopStartProblems(timetable: Timetable, stops: readonly ClockStopDates[], kind: ClockStopKind, stoppedOn: IsoDate, today: IsoDate): FieldProblem[] {
  const problems: string[] = [];
  if (compareDates(stoppedOn, today) > 0) {
    problems.push(`${stoppedOn} is after today (${today}); record a clock stop once the questions have arrived`);
  }
  if (timetable.submittedOn !== null && compareDates(stoppedOn, timetable.submittedOn) < 0) {
    problems.push(`${stoppedOn} is before the submission (submittedOn ${timetable.submittedOn})`);
  }
  if (kind !== 'validation-questions' && timetable.startedOn !== null && compareDates(stoppedOn, timetable.startedOn) < 0) {
    problems.push(`${stoppedOn} is before the start of the procedure (startedOn ${timetable.startedOn}); only validation questions come before the start`);
  }
  for (const stop of stops) {
    if (stop.restartedOn !== null && compareDates(stoppedOn, stop.restartedOn) < 0) {
      problems.push(`${stoppedOn} is before the restart (${stop.restartedOn}) after the ${clockStopLabel(stop.kind)} clock stop of ${stop.stoppedOn}`);
    }
  }
  return problems.map((problem) => ({ field: 'stoppedOn', problem }));
}
