import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery } from '../api/client';
import type { components } from '../api/schema';
import type { IsoDate } from '../dates/calendar-date';

export type ClosureDay = components['schemas']['ClosureDayResponse'];
export type EurdEntry = components['schemas']['EurdEntryResponse'];
export type NewEurdEntry = components['schemas']['EurdEntryDto'];

export const closureDaysQuery = queryOptions({
  queryKey: ['closure-days'],
  queryFn: (context) => api.get('/api/closure-days', undefined, fromQuery(context)),
});

/** Adds a closure day, or renames the one on that date. */
export async function setClosureDay(date: IsoDate, name: string): Promise<void> {
  await api.put('/api/closure-days/{date}', { params: { path: { date } }, body: { name } });
}

export async function removeClosureDay(date: IsoDate): Promise<void> {
  await api.delete('/api/closure-days/{date}', { params: { path: { date } } });
}

export function addEurdEntry(body: NewEurdEntry): Promise<EurdEntry> {
  return api.post('/api/eurd-entries', { body });
}
