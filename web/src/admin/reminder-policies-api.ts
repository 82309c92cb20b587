import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery } from '../api/client';
import type { components, paths } from '../api/schema';
import type { Role } from '../session/session-store';

export type PolicyQuery = NonNullable<paths['/api/reminder-policies']['get']['parameters']['query']>;
export type PolicyLevel = NonNullable<PolicyQuery['level']>;
export type ReminderChannel = NonNullable<components['schemas']['CreateReminderPolicyDto']['channels']>[number];
export const CHANNELS: readonly ReminderChannel[] = ['in-app', 'email', 'webhook'];
export const CHANNEL_LABELS: Record<ReminderChannel, string> = { 'in-app': 'In-app inbox', email: 'E-mail', webhook: 'Webhook' };

/** Who may change reminder policies (src/auth/roles.ts POLICY_EDITORS); the API refuses the others. */
export const POLICY_EDITORS: readonly Role[] = ['admin', 'regulatory', 'qppv'];

export type ReminderPolicy = components['schemas']['ReminderPolicyResponse'];
export type NewPolicy = components['schemas']['CreateReminderPolicyDto'];
export type PolicyChange = components['schemas']['UpdateReminderPolicyDto'];

export function policiesQuery(query: PolicyQuery) {
  return queryOptions({
    queryKey: ['reminder-policies', query],
    queryFn: (context) => api.get('/api/reminder-policies', { params: { query } }, fromQuery(context)),
  });
}

/** The default of every kind: the kinds an override can be made for, and what a new override starts from. */
export const defaultPoliciesQuery = policiesQuery({ level: 'default' });

export function createPolicy(body: NewPolicy): Promise<ReminderPolicy> {
  return api.post('/api/reminder-policies', { body });
}

export function changePolicy(id: string, body: PolicyChange): Promise<ReminderPolicy> {
  return api.patch('/api/reminder-policies/{id}', { params: { path: { id } }, body });
}

export async function removePolicy(id: string, reason: string): Promise<void> {
  await api.delete('/api/reminder-policies/{id}', { params: { path: { id } }, body: { reason } });
}
