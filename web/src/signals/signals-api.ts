import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import type { components } from '../api/schema';
import type { Role } from '../session/session-store';

export type Alert = ResponseBody<'/api/alerts', 'get'>[number];
export type SignalSummary = ResponseBody<'/api/signals', 'get'>[number];
export type Signal = ResponseBody<'/api/signals/{id}', 'get'>;
export type SignalStatus = Signal['status'];
export type SignalPriority = NonNullable<Signal['priority']>;
export type RecommendedAction = NonNullable<Signal['recommendedAction']>;
export type StepBody = components['schemas']['SignalStepDto'];
export type SignalSignature = ResponseBody<'/api/signatures', 'get'>[number];
export type Meaning = components['schemas']['SignDto']['meaning'];

/** The GVP IX states in order (src/signals/signal-workflow.ts SIGNAL_STATUSES), one board column each. */
export const SIGNAL_STATUSES: readonly SignalStatus[] = ['validated', 'analysed', 'assessed', 'closed'];
export const SIGNAL_PRIORITIES: readonly SignalPriority[] = ['high', 'medium', 'low'];
export const RECOMMENDED_ACTIONS: readonly RecommendedAction[] = ['no-action', 'routine-monitoring', 'smpc-update', 'rmp-update', 'dhpc', 'variation', 'psur-discussion', 'other'];

/** Who may act on alerts and signals (the API's SAFETY_EDITORS, src/auth/roles.ts). */
export const SAFETY_EDITORS: readonly Role[] = ['safety', 'qppv'];
/** Who may sign a signal's assessment with which meaning (src/signatures/signables.ts, "signal"). */
export const SIGNAL_SIGNERS: Record<Meaning, readonly Role[]> = { reviewed: ['safety', 'qppv'], approved: ['qppv'] };

export const newAlertsQuery = queryOptions({
  queryKey: ['alerts', 'new'],
  queryFn: async (context) => await api.get('/api/alerts', { params: { query: { status: 'new' } } }, fromQuery(context)),
});

export const signalsQuery = queryOptions({
  queryKey: ['signals', 'list'],
  queryFn: async (context) => await api.get('/api/signals', { params: { query: { limit: 500 } } }, fromQuery(context)),
});

export function signalQuery(id: string) {
  return queryOptions({
    queryKey: ['signals', 'one', id],
    queryFn: async (context) => await api.get('/api/signals/{id}', { params: { path: { id } } }, fromQuery(context)),
  });
}

export function signaturesQuery(id: string) {
  return queryOptions({
    queryKey: ['signals', 'one', id, 'signatures'],
    queryFn: async (context) => await api.get('/api/signatures', { params: { query: { entityType: 'signal', entityId: id } } }, fromQuery(context)),
  });
}

/** After any change to alerts or signals: the lists and the signal pages. */
export async function signalsChanged(client: QueryClient): Promise<void> {
  await Promise.all([client.invalidateQueries({ queryKey: ['alerts'] }), client.invalidateQueries({ queryKey: ['signals'] })]);
}
