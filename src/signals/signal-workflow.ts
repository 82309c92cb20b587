/**
 * Signal management (GVP IX Rev 1; regulatory-rules §7) as pure rules: a statistical alert becomes a signal
 * only when a person validates it; a signal then goes validated → analysed and prioritised → assessed →
 * closed with a recommended action, each step with who, when and why; the regulator's outcome is recorded
 * when it comes. An emerging safety issue is notified within 3 working days of being established.
 */
import { addWorkingDays, compareDates, type IsoDate } from '../common/calendar-date';

export const SIGNAL_STATUSES = ['validated', 'analysed', 'assessed', 'closed'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const SIGNAL_PRIORITIES = ['high', 'medium', 'low'] as const;
export type SignalPriority = (typeof SIGNAL_PRIORITIES)[number];

/** What a closed signal recommends (GVP IX.C.5: the action follows from the assessment). */
export const RECOMMENDED_ACTIONS = ['no-action', 'routine-monitoring', 'smpc-update', 'rmp-update', 'dhpc', 'variation', 'psur-discussion', 'other'] as const;
export type RecommendedAction = (typeof RECOMMENDED_ACTIONS)[number];

export const ALERT_STATUSES = ['new', 'validated', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The step that follows each status, and what it needs. */
export const NEXT_STEP: Readonly<Record<SignalStatus, SignalStatus | null>> = {
  validated: 'analysed',
  analysed: 'assessed',
  assessed: 'closed',
  closed: null,
};

export interface StepInput {
  to: SignalStatus;
  notes: string;
  priority?: SignalPriority | undefined;
  /** The assessment (GVP IX.C.4), given at the "assessed" step. */
  assessment?: string | undefined;
  recommendedAction?: RecommendedAction | undefined;
}

export interface StepContext {
  status: SignalStatus;
  /** A QPPV's approval signature on the assessment as it stands (needed to close). */
  assessmentApproved: boolean;
}

export type StepProblem = { field: string; problem: string };

/** What stops this step, if anything: steps go one at a time, each with what it needs. */
export function checkStep(context: StepContext, input: StepInput): StepProblem[] {
  const problems: StepProblem[] = [];
  const next = NEXT_STEP[context.status];
  if (next !== input.to) {
    problems.push({ field: 'to', problem: next === null ? `the signal is closed: no step follows` : `from "${context.status}" the next step is "${next}", not "${input.to}"` });
    return problems;
  }
  if (input.notes.trim() === '') {
    problems.push({ field: 'notes', problem: 'say what was done and found at this step' });
  }
  if (input.to === 'analysed' && input.priority === undefined) {
    problems.push({ field: 'priority', problem: `analysis and prioritisation sets the priority: ${SIGNAL_PRIORITIES.join(', ')}` });
  }
  if (input.to === 'assessed' && (input.assessment === undefined || input.assessment.trim() === '')) {
    problems.push({ field: 'assessment', problem: 'the assessed step records the assessment of the evidence' });
  }
  if (input.to !== 'assessed' && input.assessment !== undefined) {
    problems.push({ field: 'assessment', problem: 'the assessment is given at the "assessed" step' });
  }
  if (input.to === 'closed') {
    if (input.recommendedAction === undefined) {
      problems.push({ field: 'recommendedAction', problem: `a closed signal recommends an action: ${RECOMMENDED_ACTIONS.join(', ')}` });
    }
    if (!context.assessmentApproved) {
      problems.push({ field: 'to', problem: 'the assessment must be approved (signed) by a QPPV before the signal is closed' });
    }
  }
  if (input.to !== 'closed' && input.recommendedAction !== undefined) {
    problems.push({ field: 'recommendedAction', problem: 'the recommended action is given when the signal is closed' });
  }
  return problems;
}

export const ESI_RULE = {
  id: 'ESI-NOTIFY-3WD',
  source: 'GVP IX Rev 1 (IX.C.3); regulatory-rules §7: notify the national competent authorities and EMA no later than 3 working days after establishing an emerging safety issue',
  workingDays: 3,
} as const;

export interface EsiDeadline {
  establishedOn: IsoDate;
  dueOn: IsoDate;
  ruleId: string;
  source: string;
  explanation: string;
}

/** The notification deadline: 3 EMA working days (weekends and closure days skipped) after the day it was established. */
export function esiDeadline(establishedOn: IsoDate, closures: ReadonlySet<IsoDate>): EsiDeadline {
  const dueOn = addWorkingDays(establishedOn, ESI_RULE.workingDays, closures);
  return {
    establishedOn,
    dueOn,
    ruleId: ESI_RULE.id,
    source: ESI_RULE.source,
    explanation: `established on ${establishedOn}: notify within ${ESI_RULE.workingDays} working days (weekends and EMA closure days not counted) — by ${dueOn}`,
  };
}

/** Was the notification on time? Null while not notified. */
export function esiOnTime(dueOn: IsoDate, notifiedOn: IsoDate | null): boolean | null {
  return notifiedOn === null ? null : compareDates(notifiedOn, dueOn) <= 0;
}
