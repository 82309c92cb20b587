/**
 * Which reporting clock a new case version starts (rule book §6), given the clocks still open. Pure: the
 * service stores what this returns. Clock arithmetic itself lives in the deadline engine (icsrClock).
 */
import { compareDates, daysBetween, IsoDate, minDate } from '../common/calendar-date';
import { ClosureDay } from '../deadlines/engine/derived-date';
import { icsrClock, IcsrReportType, upgradedToSeriousDue } from '../deadlines/engine/icsr';
import { RULES } from '../deadlines/rules';
import type { VersionType } from './case-content';

export interface OpenClock {
  version: number;
  dueOn: IsoDate;
}

export interface ClockPlanInput {
  versionType: VersionType;
  /** Follow-up only: significant new information? */
  significant: boolean;
  reportType: IcsrReportType;
  day0: IsoDate;
  valid: boolean;
  missing: readonly string[];
  serious: boolean;
  fatalOrLifeThreatening: boolean;
  eea: boolean;
  causalityPossible: boolean | null;
  /** Seriousness of the previous version (null for the initial one). */
  previousSerious: boolean | null;
  /** Clocks of earlier versions not yet met by a submission. */
  openClocks: readonly OpenClock[];
  closures?: readonly ClosureDay[];
  /** A case downloaded from EudraVigilance: the authority already holds it, nothing is due. */
  fromEudraVigilance?: boolean;
}

export interface PlannedClock {
  dueOn: IsoDate;
  days: number;
  ruleId: string;
  ruleSource: string;
  explanation: string;
  nonWorkingDay: string | null;
}

export interface ClockPlan {
  clock: PlannedClock | null;
  /** Why no clock starts (null when one does). */
  noClock: { ruleId: string | null; source: string | null; reason: string } | null;
  /** Open clocks this version replaces (met by the same, earlier, submission). */
  supersede: { versions: number[]; reason: string } | null;
  /** Open clocks that no longer apply at all (a nullified case). */
  cancel: { versions: number[]; reason: string } | null;
}

const NONE = { supersede: null, cancel: null } as const;

function noClock(reason: string, ruleId: string | null = null): ClockPlan {
  return { clock: null, noClock: { ruleId, source: ruleId === null ? null : (RULES as Record<string, { source: string }>)[ruleId]?.source ?? null, reason }, ...NONE };
}

export function planClock(input: ClockPlanInput): ClockPlan {
  const closures = input.closures ?? [];
  const openVersions = input.openClocks.map((c) => c.version);
  switch (input.versionType) {
    case 'nullification':
      return {
        clock: null,
        noClock: { ruleId: null, source: null, reason: 'nullified: no report of this case is due any more' },
        supersede: null,
        cancel: openVersions.length > 0 ? { versions: openVersions, reason: 'case nullified before submission' } : null,
      };
    case 'amendment':
      return noClock('amendment (a correction of data already sent, E2B C.1.11): no new clock');
    case 'follow-up':
      if (!input.significant) {
        return noClock('follow-up without significant new information: no new clock');
      }
      break;
    case 'initial':
      break;
  }
  if (input.fromEudraVigilance === true) {
    return noClock('downloaded from EudraVigilance: the authority already holds the case, nothing to submit');
  }
  if (!input.valid && input.missing.length === 1 && input.missing[0] === 'causality-excluded') {
    return noClock('the reporter excludes a causal link and the company agrees: not a valid case (GVP VI.B.2), nothing to report');
  }
  if (!input.valid) {
    return noClock(`not a valid case yet (missing: ${input.missing.join(', ')}): day 0 is the day the minimum criteria are met, so no clock runs until a follow-up completes it`);
  }
  const clock = icsrClock({
    day0: input.day0,
    serious: input.serious,
    eea: input.eea,
    type: input.reportType,
    fatalOrLifeThreatening: input.fatalOrLifeThreatening,
    causalityPossible: input.causalityPossible,
    closures,
  });
  if (clock.due === null) {
    return noClock(clock.reason, clock.ruleId);
  }
  const gvpCase = input.reportType !== 'clinical-trial';
  const upgraded = gvpCase && input.versionType === 'follow-up' && input.serious && input.previousSerious === false && input.openClocks.length > 0;
  if (upgraded) {
    const [first, ...rest] = input.openClocks.map((c) => c.dueOn);
    const originalDue = first === undefined ? null : minDate(first, ...rest);
    const due = upgradedToSeriousDue(originalDue, input.day0, closures);
    return {
      clock: {
        dueOn: due.date,
        days: daysBetween(input.day0, due.date),
        ruleId: due.ruleId,
        ruleSource: due.source,
        explanation: due.explanation,
        nonWorkingDay: due.nonWorkingDay?.note ?? null,
      },
      noClock: null,
      supersede: { versions: openVersions, reason: `the case turned serious with the follow-up of day 0 ${input.day0}: one report meets both, due ${due.date}` },
      cancel: null,
    };
  }
  return {
    clock: {
      dueOn: clock.due.date,
      days: clock.days,
      ruleId: clock.due.ruleId,
      ruleSource: clock.due.source,
      explanation: clock.due.explanation,
      nonWorkingDay: clock.due.nonWorkingDay?.note ?? null,
    },
    noClock: null,
    ...NONE,
  };
}

/** Days left until a due date (negative when overdue). */
export function daysLeft(dueOn: IsoDate, today: IsoDate): number {
  return daysBetween(today, dueOn);
}

export function isLate(dueOn: IsoDate, submittedOn: IsoDate): boolean {
  return compareDates(submittedOn, dueOn) > 0;
}
