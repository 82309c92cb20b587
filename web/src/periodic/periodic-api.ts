import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import { addDays, addMonths, isIsoDate, type IsoDate } from '../dates/calendar-date';

export type LineListing = ResponseBody<'/api/safety-cases/line-listing', 'get'>;
export type SummaryTabulation = ResponseBody<'/api/safety-cases/summary-tabulation', 'get'>;
export type ComplianceRow = ResponseBody<'/api/safety-cases/compliance', 'get'>[number];

/** The period and product, as the URL holds them: `?product=Zemcelpro&from=2026-01-01&to=2026-06-30` (to: the data lock point). */
export interface Period {
  product: string;
  from: IsoDate;
  to: IsoDate;
}

export function periodFromUrl(params: URLSearchParams, today: IsoDate): Period {
  const to = params.get('to');
  const from = params.get('from');
  const lockPoint = to !== null && isIsoDate(to) ? to : today;
  return { product: params.get('product') ?? '', from: from !== null && isIsoDate(from) ? from : addDays(addMonths(lockPoint, -12), 1), to: lockPoint };
}

export function urlFromPeriod(period: Period): URLSearchParams {
  return new URLSearchParams({ ...(period.product === '' ? {} : { product: period.product }), from: period.from, to: period.to });
}

export function lineListingQuery(period: Period) {
  return queryOptions({
    queryKey: ['periodic', 'line-listing', period],
    queryFn: (context) => api.get('/api/safety-cases/line-listing', { params: { query: period } }, fromQuery(context)),
    enabled: period.product !== '',
  });
}

export function summaryTabulationQuery(period: Period) {
  return queryOptions({
    queryKey: ['periodic', 'summary-tabulation', period],
    queryFn: (context) => api.get('/api/safety-cases/summary-tabulation', { params: { query: period } }, fromQuery(context)),
    enabled: period.product !== '',
  });
}

/** The API's own CSV of a periodic output (same rows, same columns), fetched with the session cookie. */
export function csvHref(output: 'line-listing' | 'summary-tabulation', period: Period): string {
  return `/api/safety-cases/${output}?${new URLSearchParams({ product: period.product, from: period.from, to: period.to, format: 'csv' }).toString()}`;
}

/** The calendar months of the period (the first and last may be partial), for compliance over time. */
export function monthsOf(period: Pick<Period, 'from' | 'to'>, max = 24): { label: string; from: IsoDate; to: IsoDate }[] {
  const months: { label: string; from: IsoDate; to: IsoDate }[] = [];
  let start = period.from;
  while (start <= period.to && months.length < max) {
    const firstOfNext = addMonths(`${start.slice(0, 7)}-01`, 1);
    const end = addDays(firstOfNext, -1);
    months.push({ label: start.slice(0, 7), from: start, to: end < period.to ? end : period.to });
    start = firstOfNext;
  }
  return months;
}

export function complianceQuery(month: { from: IsoDate; to: IsoDate }, product: string) {
  return queryOptions({
    queryKey: ['periodic', 'compliance', month.from, month.to, product],
    queryFn: (context) => api.get('/api/safety-cases/compliance', { params: { query: { from: month.from, to: month.to, ...(product === '' ? {} : { product }) } } }, fromQuery(context)),
  });
}
