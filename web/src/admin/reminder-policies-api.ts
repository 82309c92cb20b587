import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import type { components, paths } from '../api/schema';
import type { Role } from '../session/session-store';

export type PolicyQuery = NonNullable<paths['/api/reminder-policies']['get']['parameters']['query']>;
export type PolicyLevel = NonNullable<PolicyQuery['level']>;
export type ReminderChannel = NonNullable<components['schemas']['CreateReminderPolicyDto']['channels']>[number];
export const CHANNELS: readonly ReminderChannel[] = ['in-app', 'email', 'webhook'];
export const CHANNEL_LABELS: Record<ReminderChannel, string> = { 'in-app': 'In-app inbox', email: 'E-mail', webhook: 'Webhook' };

/** Who may change reminder policies (src/auth/roles.ts POLICY_EDITORS); the API refuses the others. */
export const POLICY_EDITORS: readonly Role[] = ['admin', 'regulatory', 'qppv'];

/** UNTIL-SCHEMA: a policy as src/reminders/reminder-policies.service.ts toPolicyView writes it. */
export interface ReminderPolicyUntilSchema {
  id: string;
  deadlineKind: string;
  level: PolicyLevel;
  productId: string | null;
  obligationId: string | null;
  offsetsDays: number[];
  escalationEveryDays: number;
  notifyRoles: Role[];
  escalationRoles: Role[];
  channels: ReminderChannel[];
  createdAt: string;
  updatedAt: string;
}

/** UNTIL-SCHEMA: what the policies page reads of an obligation (GET /api/obligations, toObligationResponse). */
export interface ObligationUntilSchema {
  id: string;
  productId: string;
  reference: string;
  description: string;
}

export type ReminderPolicy = Typed<'/api/reminder-policies/{id}', 'get', ReminderPolicyUntilSchema>;
export type Obligation = Typed<'/api/obligations/{id}', 'get', ObligationUntilSchema>;
export type NewPolicy = components['schemas']['CreateReminderPolicyDto'];
export type PolicyChange = components['schemas']['UpdateReminderPolicyDto'];

export function policiesQuery(query: PolicyQuery) {
  return queryOptions({
    queryKey: ['reminder-policies', query],
    queryFn: async (context) => (await api.get('/api/reminder-policies', { params: { query } }, fromQuery(context))) as ReminderPolicy[],
  });
}

/** The default of every kind: the kinds an override can be made for, and what a new override starts from. */
export const defaultPoliciesQuery = policiesQuery({ level: 'default' });

export function obligationQuery(id: string) {
  return queryOptions({
    queryKey: ['obligations', 'one', id],
    queryFn: async (context) => (await api.get('/api/obligations/{id}', { params: { path: { id } } }, fromQuery(context))) as Obligation,
    staleTime: 5 * 60_000,
  });
}

export function productObligationsQuery(product: string) {
  return queryOptions({
    queryKey: ['obligations', { product }],
    queryFn: async (context) => (await api.get('/api/obligations', { params: { query: { product } } }, fromQuery(context))) as Obligation[],
    staleTime: 5 * 60_000,
  });
}

export async function createPolicy(body: NewPolicy): Promise<ReminderPolicy> {
  return (await api.post('/api/reminder-policies', { body })) as ReminderPolicy;
}

export async function changePolicy(id: string, body: PolicyChange): Promise<ReminderPolicy> {
  return (await api.patch('/api/reminder-policies/{id}', { params: { path: { id } }, body })) as ReminderPolicy;
}

export async function removePolicy(id: string, reason: string): Promise<void> {
  await api.delete('/api/reminder-policies/{id}', { params: { path: { id } }, body: { reason } });
}
