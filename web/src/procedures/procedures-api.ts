import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import type { components } from '../api/schema';

export type CreateProcedureBody = components['schemas']['CreateProcedureDto'];
export type TimetableBody = components['schemas']['UpdateTimetableDto'];
export type ClockStopBody = components['schemas']['ClockStopDto'];
export type RestartBody = components['schemas']['RestartDto'];
export type ProcedureType = CreateProcedureBody['type'];
export type ClockStopKind = ClockStopBody['kind'];
export type OpinionOutcome = NonNullable<TimetableBody['opinionOutcome']>;

export type Procedure = ResponseBody<'/api/procedures', 'get'>[number];
export type ClockStop = Procedure['clockStops'][number];

export function proceduresQuery(product: string) {
  return queryOptions({
    queryKey: ['procedures', { product }],
    queryFn: async (context) => await api.get('/api/procedures', { params: { query: { product } } }, fromQuery(context)),
  });
}

export async function createProcedure(body: CreateProcedureBody): Promise<Procedure> {
  return await api.post('/api/procedures', { body });
}

export async function updateTimetable(id: string, body: TimetableBody): Promise<Procedure> {
  return await api.patch('/api/procedures/{id}/timetable', { params: { path: { id } }, body });
}

export async function stopClock(id: string, body: ClockStopBody): Promise<Procedure> {
  return await api.post('/api/procedures/{id}/clock-stops', { params: { path: { id } }, body });
}

export async function restartClock(id: string, stopId: string, body: RestartBody): Promise<Procedure> {
  return await api.post('/api/procedures/{id}/clock-stops/{stopId}/restart', { params: { path: { id, stopId } }, body });
}

/** A procedure changed: its list, the product (milestones it created or met), deadlines and milestones are read again. */
export async function procedureChanged(queryClient: QueryClient): Promise<void> {
  await Promise.all([['procedures'], ['products'], ['obligations'], ['milestones'], ['deadlines']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
