import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import type { components } from '../api/schema';
import type { IsoDate } from '../dates/calendar-date';
import type { Role } from '../session/session-store';

/** Who maintains closure days and the EURD list (src/auth/roles.ts REGISTER_EDITORS); everyone reads them. */
export const REFERENCE_DATA_EDITORS: readonly Role[] = ['regulatory'];

/** UNTIL-SCHEMA: GET /api/closure-days (src/deadlines/reference-data.service.ts). */
export interface ClosureDayUntilSchema {
  date: IsoDate;
  name: string;
}

/** UNTIL-SCHEMA: GET /api/eurd-entries (src/deadlines/eurd-entry.entity.ts). */
export interface EurdEntryUntilSchema {
  id: string;
  substance: string;
  frequencyMonths: number;
  firstDlp: IsoDate;
  effectiveFrom: IsoDate;
  source: string;
  createdAt: string;
}

export type ClosureDay = Typed<'/api/closure-days', 'get', ClosureDayUntilSchema[]>[number];
export type EurdEntry = Typed<'/api/eurd-entries', 'get', EurdEntryUntilSchema[]>[number];
export type NewEurdEntry = components['schemas']['EurdEntryDto'];

export const closureDaysQuery = queryOptions({
  queryKey: ['closure-days'],
  queryFn: async (context) => (await api.get('/api/closure-days', undefined, fromQuery(context))) as ClosureDay[],
});

export const eurdEntriesQuery = queryOptions({
  queryKey: ['eurd-entries'],
  queryFn: async (context) => (await api.get('/api/eurd-entries', undefined, fromQuery(context))) as EurdEntry[],
});

/** Adds a closure day, or renames the one on that date. */
export async function setClosureDay(date: IsoDate, name: string): Promise<void> {
  await api.put('/api/closure-days/{date}', { params: { path: { date } }, body: { name } });
}

export async function removeClosureDay(date: IsoDate): Promise<void> {
  await api.delete('/api/closure-days/{date}', { params: { path: { date } } });
}

export async function addEurdEntry(body: NewEurdEntry): Promise<EurdEntry> {
  return (await api.post('/api/eurd-entries', { body })) as EurdEntry;
}
