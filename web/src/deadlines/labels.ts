import type { Deadline } from './deadlines-api';

/** How deadline kinds and statuses read on the page (the API's values stay in URLs and exports). */
export const KIND_LABELS: Record<Deadline['kind'], string> = {
  obligation: 'Obligation',
  'cma-renewal': 'CMA renewal',
  'standard-renewal': 'Standard renewal',
  'annual-reassessment': 'Annual reassessment',
  psur: 'PSUR',
  'pass-final-report': 'PASS final report',
  'pass-waiver-request': 'PASS waiver request',
  'procedure-response': 'Procedure response',
  sunset: 'Sunset clause',
  'cessation-notice': 'Cessation notice',
};

export const STATUS_LABELS: Record<Deadline['status'], string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  submitted: 'Submitted',
  cancelled: 'Cancelled',
};
