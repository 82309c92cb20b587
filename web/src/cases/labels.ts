import type { CaseListItem } from './cases-api';

/** How case values read on the page (the API's values stay in URLs and exports). */
export const STATUS_LABELS: Record<CaseListItem['status'], string> = {
  valid: 'Valid',
  incomplete: 'Incomplete (not valid yet)',
  nullified: 'Nullified',
};

export const REPORT_TYPE_LABELS: Record<CaseListItem['reportType'], string> = {
  spontaneous: 'Spontaneous',
  solicited: 'Solicited',
  literature: 'Literature',
  'clinical-trial': 'Clinical trial',
  eudravigilance: 'From EudraVigilance',
};

export const CLOCK_STATE_LABELS = {
  due: 'Due within N days (overdue included)',
  overdue: 'Overdue',
  met: 'Met (submitted)',
} as const;

export const CRITERION_LABELS: Record<CaseListItem['seriousCriteria'][number], string> = {
  death: 'Death',
  'life-threatening': 'Life-threatening',
  hospitalisation: 'Hospitalisation',
  disability: 'Disability',
  'congenital-anomaly': 'Congenital anomaly',
  'other-medically-important': 'Other medically important',
};

export function yesNo(value: boolean | null): string {
  return value === null ? 'not assessed' : value ? 'yes' : 'no';
}
