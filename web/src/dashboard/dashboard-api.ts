import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import { addDays, addMonths, type IsoDate } from '../dates/calendar-date';

/** The dashboard's "due soon": open deadlines due from today up to this many days ahead. */
export const DUE_SOON_DAYS = 30;
/** The dashboard reads at most this many open reporting clocks (GET /api/case-clocks has no count). */
export const CLOCKS_LIMIT = 5000;

/** UNTIL-SCHEMA: one row of GET /api/case-clocks (ClockView in src/safety-cases/case-clocks.service.ts). */
export interface CaseClockUntilSchema {
  id: string;
  caseId: string;
  safetyReportId: string;
  productId: string | null;
  version: number;
  day0: IsoDate;
  dueOn: IsoDate;
  days: number;
  ruleId: string;
  status: 'open' | 'submitted' | 'superseded' | 'cancelled';
  daysLeft: number | null;
  overdue: boolean;
  synthetic: boolean;
}

/** UNTIL-SCHEMA: one row of GET /api/safety-cases/compliance (ComplianceRow). */
export interface ComplianceRowUntilSchema {
  productId: string;
  productName: string;
  due: number;
  submittedOnTime: number;
  submittedLate: number;
  overdue: number;
  pending: number;
  compliancePercent: number | null;
}

export type CaseClock = Typed<'/api/case-clocks', 'get', CaseClockUntilSchema[]>[number];
export type ComplianceRow = Typed<'/api/safety-cases/compliance', 'get', ComplianceRowUntilSchema[]>[number];

export const openClocksQuery = queryOptions({
  queryKey: ['case-clocks', { status: 'open', limit: CLOCKS_LIMIT }],
  queryFn: (context) => api.get('/api/case-clocks', { params: { query: { status: 'open', limit: CLOCKS_LIMIT } } }, fromQuery(context)),
});

/** The last twelve months up to the server's today: from the day after the same date a year ago. */
export function compliancePeriod(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

export function complianceQuery(today: IsoDate) {
  const period = compliancePeriod(today);
  return queryOptions({
    queryKey: ['safety-cases', 'compliance', period],
    queryFn: (context) => api.get('/api/safety-cases/compliance', { params: { query: period } }, fromQuery(context)),
  });
}
