import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import type { components } from '../api/schema';

export type Milestone = ResponseBody<'/api/milestones/{id}', 'get'>;
export type MilestoneKind = Milestone['kind'];
export type MilestoneStatus = Milestone['status'];
export type DueDateChange = ResponseBody<'/api/milestones/{id}/history', 'get'>[number];
export type Signature = ResponseBody<'/api/signatures', 'get'>[number];
export type TransitionBody = components['schemas']['TransitionMilestoneDto'];
export type OutcomeBody = components['schemas']['RecordOutcomeDto'];
export type DueDateChangeBody = components['schemas']['ChangeDueDateDto'];
export type SignBody = components['schemas']['SignDto'];
export type EctdType = NonNullable<TransitionBody['ectdType']>;
export type Outcome = OutcomeBody['outcome'];
export type ChangeSource = DueDateChangeBody['changeSource'];
export type Meaning = SignBody['meaning'];

export function milestoneQuery(id: string) {
  return queryOptions({
    queryKey: ['milestones', id],
    queryFn: async (context) => await api.get('/api/milestones/{id}', { params: { path: { id } } }, fromQuery(context)),
  });
}

export function historyQuery(id: string) {
  return queryOptions({
    queryKey: ['milestones', id, 'history'],
    queryFn: async (context) => await api.get('/api/milestones/{id}/history', { params: { path: { id } } }, fromQuery(context)),
  });
}

export function signaturesQuery(id: string) {
  return queryOptions({
    queryKey: ['milestones', id, 'signatures'],
    queryFn: async (context) => await api.get('/api/signatures', { params: { query: { entityType: 'milestone', entityId: id } } }, fromQuery(context)),
  });
}

export async function transition(id: string, body: TransitionBody): Promise<Milestone> {
  return await api.patch('/api/milestones/{id}/status', { params: { path: { id } }, body });
}

export async function recordOutcome(id: string, body: OutcomeBody): Promise<Milestone> {
  return await api.post('/api/milestones/{id}/outcome', { params: { path: { id } }, body });
}

export async function changeDueDate(id: string, body: DueDateChangeBody): Promise<Milestone> {
  return await api.post('/api/milestones/{id}/due-date', { params: { path: { id } }, body });
}

export async function signMilestone(id: string, body: Omit<SignBody, 'entityType' | 'entityId'>): Promise<Signature> {
  return await api.post('/api/signatures', { body: { ...body, entityType: 'milestone', entityId: id } });
}

/**
 * After a change to a milestone: it, its history and signatures, and every list that shows it (the product
 * page, obligations, procedures, deadlines, the dashboard) are read again.
 */
export async function milestoneChanged(queryClient: QueryClient, milestone: Milestone): Promise<void> {
  queryClient.setQueryData(milestoneQuery(milestone.id).queryKey, milestone);
  await Promise.all(
    [['milestones', milestone.id], ['products'], ['obligations'], ['procedures'], ['deadlines']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  );
}
