import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import { addDays, addMonths, type IsoDate } from '../dates/calendar-date';

/** The dashboard's "due soon": open deadlines due from today up to this many days ahead. */
export const DUE_SOON_DAYS = 30;
/** The most urgent open reporting clocks the dashboard lists. */
export const URGENT_CLOCKS = 5;

export type RenewalWindow = ResponseBody<'/api/renewal-windows', 'get'>[number];
export type ClockCounts = ResponseBody<'/api/case-clocks/counts', 'get'>;

/** The renewal period in force of each CMA the user may see, in one call. */
export const renewalWindowsQuery = queryOptions({
  queryKey: ['renewal-windows'],
  queryFn: (context) => api.get('/api/renewal-windows', {}, fromQuery(context)),
});

/** Open, overdue and due-soon reporting clocks and the on-time share, counted by the server. */
export const clockCountsQuery = queryOptions({
  queryKey: ['case-clocks', 'counts', { dueSoonDays: DUE_SOON_DAYS }],
  queryFn: (context) => api.get('/api/case-clocks/counts', { params: { query: { dueSoonDays: DUE_SOON_DAYS } } }, fromQuery(context)),
});

export const urgentClocksQuery = queryOptions({
  queryKey: ['case-clocks', { status: 'open', limit: URGENT_CLOCKS }],
  queryFn: (context) => api.get('/api/case-clocks', { params: { query: { status: 'open', limit: URGENT_CLOCKS } } }, fromQuery(context)),
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
