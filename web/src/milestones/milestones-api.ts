import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import type { components } from '../api/schema';
import type { IsoDate } from '../dates/calendar-date';
import type { Deadline } from '../deadlines/deadlines-api';

export type MilestoneKind = Deadline['kind'];
export type MilestoneStatus = Deadline['status'];
export type TransitionBody = components['schemas']['TransitionMilestoneDto'];
export type OutcomeBody = components['schemas']['RecordOutcomeDto'];
export type DueDateChangeBody = components['schemas']['ChangeDueDateDto'];
export type SignBody = components['schemas']['SignDto'];
export type EctdType = NonNullable<TransitionBody['ectdType']>;
export type Outcome = OutcomeBody['outcome'];
export type ChangeSource = DueDateChangeBody['changeSource'];
export type Meaning = SignBody['meaning'];

/** UNTIL-SCHEMA: a milestone as src/milestones/milestone.mapper.ts (toMilestoneResponse) writes it. */
export interface MilestoneUntilSchema {
  id: string;
  productId: string;
  authorisationId: string | null;
  obligationId: string | null;
  procedureId: string | null;
  kind: MilestoneKind;
  title: string;
  cycle: number | null;
  dueDate: IsoDate;
  why: { basis: 'computed' | 'annex-ii' | 'regulator' | 'recorded'; ruleId: string; source: string; explanation: string };
  status: MilestoneStatus;
  allowedTransitions: MilestoneStatus[];
  overdue: boolean;
  daysLeft: number | null;
  submission: { submittedOn: IsoDate; onTime: boolean | null; reference: string | null; ectdType: EctdType | null } | null;
  outcome: { outcome: Outcome; decidedOn: IsoDate | null; procedureRef: string | null } | null;
  cancelReason: string | null;
  owner: string | null;
  illustrative: boolean;
}

/** UNTIL-SCHEMA: one row of GET /api/milestones/{id}/history (toDueDateChangeResponse). */
export interface DueDateChangeUntilSchema {
  from: IsoDate | null;
  to: IsoDate;
  source: ChangeSource | 'initial' | 'recomputed';
  procedureRef: string | null;
  reason: string;
  changedBy: string;
  changedAt: string;
}

/** UNTIL-SCHEMA: a signature as src/signatures/signatures.service.ts (SignatureView) gives it. */
export interface SignatureUntilSchema {
  id: string;
  meaning: Meaning;
  signer: { userId: string; username: string; name: string; role: string };
  signedAt: string;
  comment: string | null;
  contentHash: string;
  state: 'valid' | 'content-changed' | 'seal-broken';
  valid: boolean;
}

export type Milestone = Typed<'/api/milestones/{id}', 'get', MilestoneUntilSchema>;
export type DueDateChange = Typed<'/api/milestones/{id}/history', 'get', DueDateChangeUntilSchema[]>[number];
export type Signature = Typed<'/api/signatures', 'get', SignatureUntilSchema[]>[number];

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
