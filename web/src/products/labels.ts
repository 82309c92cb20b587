import type { ChangeSource, EctdType, Meaning, Outcome } from '../milestones/milestones-api';
import type { ClockStopKind, OpinionOutcome, Procedure, ProcedureType } from '../procedures/procedures-api';
import type { Authorisation } from './products-api';

/** How the register's values read on the pages (the API's values stay in requests and URLs). */
export const AUTHORISATION_TYPE_LABELS: Record<Authorisation['type'], string> = {
  conditional: 'Conditional',
  standard: 'Standard',
  'exceptional-circumstances': 'Exceptional circumstances',
};

export const STUDY_TYPE_LABELS: Record<string, string> = {
  PASS: 'PASS',
  PAES: 'PAES',
  registry: 'Registry',
  'long-term-follow-up': 'Long-term follow-up',
  'clinical-trial': 'Clinical trial',
  none: 'None',
};

export const ECTD_TYPE_LABELS: Record<EctdType, string> = {
  'pam-sob': 'PAM-SOB',
  'pam-anx': 'PAM-ANX',
  'pam-mea': 'PAM-MEA',
  'pam-leg': 'PAM-LEG',
  'pam-sda': 'PAM-SDA',
  'pam-capa': 'PAM-CAPA',
  'pam-paes': 'PAM-PAES',
  'pam-rec': 'PAM-REC',
  pass107n: 'PASS protocol (107n)',
  pass107q: 'PASS report (107q)',
  renewal: 'Renewal',
  'annual-reassessment': 'Annual reassessment',
  psur: 'PSUR',
  psusa: 'PSUSA',
  rmp: 'RMP',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  fulfilled: 'Fulfilled',
  'not-fulfilled': 'Not fulfilled',
  'further-data-requested': 'Further data requested',
};

export const CHANGE_SOURCE_LABELS: Record<ChangeSource | 'initial' | 'recomputed', string> = {
  initial: 'First date',
  recomputed: 'Recomputed by the rule',
  variation: 'Variation',
  'renewal-opinion': 'Renewal opinion',
  'rmp-update': 'RMP update',
  psusa: 'PSUSA',
  'annex-ii': 'Annex II',
  'regulator-letter': 'Regulator letter',
  'recorded-expiry': 'Recorded expiry',
};

export const MEANING_LABELS: Record<Meaning, string> = {
  reviewed: 'Reviewed',
  approved: 'Approved',
};

export const PROCEDURE_TYPE_LABELS: Record<ProcedureType, string> = {
  renewal: 'Renewal',
  'variation-type-ii': 'Type II variation',
  'variation-type-ib': 'Type IB variation',
  psusa: 'PSUSA',
  'rmp-update': 'RMP update',
  pam: 'Post-authorisation measure',
  'pass-protocol': 'PASS protocol',
  'pass-report': 'PASS report',
  'annual-reassessment': 'Annual reassessment',
  other: 'Other',
};

export const PROCEDURE_STATE_LABELS: Record<Procedure['state'], string> = {
  planned: 'Planned',
  submitted: 'Submitted',
  'under-assessment': 'Under assessment',
  'clock-stopped': 'Clock stopped',
  opinion: 'Opinion given',
  decided: 'Commission decision',
};

export const CLOCK_STOP_LABELS: Record<ClockStopKind, string> = {
  'validation-questions': 'Validation questions',
  'list-of-questions': 'List of questions',
  'list-of-outstanding-issues': 'List of outstanding issues',
  'request-for-supplementary-information': 'Request for supplementary information',
};

export const OPINION_LABELS: Record<OpinionOutcome, string> = {
  positive: 'Positive',
  negative: 'Negative',
  withdrawn: 'Withdrawn',
};

/** Select options from a label map, in its order. */
export function optionsOf<T extends string>(labels: Record<T, string>, only?: readonly T[]): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).filter((value) => only === undefined || only.includes(value)).map((value) => ({ value, label: labels[value] }));
}

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}
