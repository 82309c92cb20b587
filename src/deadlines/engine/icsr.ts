/**
 * Reporting clocks of individual case safety reports (rule book §6, §9): calendar days from day 0, weekends
 * and holidays counting, flagged and never moved. Pure: the safety-case module feeds it each case version.
 */
import { addDays, compareDates, type IsoDate } from '../../common/calendar-date';
import { RULES, type RuleId } from '../rules';
import { type ClosureDay, derive, type DerivedDate } from './derived-date';

export const ICSR_REPORT_TYPES = ['spontaneous', 'literature', 'solicited', 'clinical-trial', 'eudravigilance'] as const;
export type IcsrReportType = (typeof ICSR_REPORT_TYPES)[number];

export interface IcsrClockInput {
  /** The first day the holder had the minimum criteria (a calendar date as recorded, no time-zone conversion). */
  day0: IsoDate;
  serious: boolean;
  /** From the country of the reporter flagged as primary source. */
  eea: boolean;
  type: IcsrReportType;
  /** Clinical-trial cases: a fatal or life-threatening SUSAR is due in 7 days. */
  fatalOrLifeThreatening?: boolean;
  /**
   * Solicited cases: is a causal relationship at least reasonably possible (reporter's or company's)?
   * `null` = not assessed yet, treated as possible (the safe side) and said so.
   */
  causalityPossible?: boolean | null;
  closures?: readonly ClosureDay[];
}

/** A clock that runs: the due date with its rule, and how many days it allows. */
export interface RunningClock {
  due: DerivedDate;
  days: number;
}

/** No report is due: why, under which rule. */
export interface NoClock {
  due: null;
  ruleId: RuleId;
  source: string;
  reason: string;
}

export type IcsrClock = RunningClock | NoClock;

function noClock(ruleId: RuleId, reason: string): NoClock {
  return { due: null, ruleId, source: RULES[ruleId].source, reason };
}

function running(ruleId: RuleId, day0: IsoDate, days: number, why: string, closures: readonly ClosureDay[]): RunningClock {
  return { due: derive(ruleId, addDays(day0, days), `Day 0 ${day0} + ${days} calendar days (${why})`, closures), days };
}

/** The reporting clock of one case (or of one significant follow-up, from its own day 0). */
export function icsrClock(input: IcsrClockInput): IcsrClock {
  const { day0, serious, eea, type, closures = [] } = input;
  const region = eea ? 'EEA' : 'non-EEA';
  switch (type) {
    case 'eudravigilance':
      return noClock('ICSR-NOT-DUE-EV-DOWNLOAD', 'downloaded from EudraVigilance: already there, never re-submitted');
    case 'clinical-trial':
      if (!serious) {
        return noClock('SUSAR-NOT-DUE-NON-SERIOUS', 'non-serious reaction in an interventional trial: not expedited');
      }
      return input.fatalOrLifeThreatening === true
        ? running('SUSAR-7', day0, 7, 'fatal or life-threatening SUSAR', closures)
        : running('SUSAR-15', day0, 15, 'SUSAR, not fatal or life-threatening', closures);
    case 'solicited':
      if (input.causalityPossible === false) {
        return noClock('ICSR-NOT-DUE-SOLICITED-UNRELATED', 'solicited report with no reasonably possible causal relationship');
      }
      return gvpClock(day0, serious, eea, region, input.causalityPossible === true ? 'solicited, causality reasonably possible' : 'solicited, causality not yet assessed: treated as possible', closures);
    case 'spontaneous':
    case 'literature':
      return gvpClock(day0, serious, eea, region, type, closures);
  }
}

function gvpClock(day0: IsoDate, serious: boolean, eea: boolean, region: string, why: string, closures: readonly ClosureDay[]): IcsrClock {
  if (serious) {
    return running('ICSR-SERIOUS-15', day0, 15, `${why}, serious, ${region}`, closures);
  }
  if (!eea) {
    return noClock('ICSR-NOT-DUE-NON-SERIOUS-NON-EEA', 'non-serious case from outside the EEA: not submitted');
  }
  return running('ICSR-NON-SERIOUS-90', day0, 90, `${why}, non-serious, EEA`, closures);
}

/**
 * A non-serious case that turns serious (follow-up with its own day 0) before its first submission: due at
 * the earlier of its original due date and follow-up day 0 + 15 (GVP VI). A case that was not due at all
 * (non-serious, non-EEA) is due at follow-up day 0 + 15.
 */
export function upgradedToSeriousDue(originalDue: IsoDate | null, followUpDay0: IsoDate, closures: readonly ClosureDay[] = []): DerivedDate {
  const fromFollowUp = addDays(followUpDay0, 15);
  if (originalDue !== null && compareDates(originalDue, fromFollowUp) <= 0) {
    return derive('ICSR-UPGRADED-TO-SERIOUS', originalDue, `Original due date ${originalDue} is earlier than follow-up day 0 ${followUpDay0} + 15 days (${fromFollowUp})`, closures);
  }
  return derive(
    'ICSR-UPGRADED-TO-SERIOUS',
    fromFollowUp,
    `Follow-up day 0 ${followUpDay0} + 15 calendar days${originalDue === null ? ' (the case was not due before)' : `, earlier than the original due date ${originalDue}`}`,
    closures,
  );
}
