import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery } from '../api/client';
import type { components } from '../api/schema';
import type { Role } from '../session/session-store';

/** The roles an account may have, as the API lists them (src/auth/roles.ts). */
export const ROLES: readonly Role[] = ['admin', 'regulatory', 'safety', 'qppv', 'viewer'];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  regulatory: 'Regulatory affairs',
  safety: 'Safety officer',
  qppv: 'QPPV',
  viewer: 'Viewer (read only)',
};

export type Account = components['schemas']['UserResponse'];
/** A new or reset account with its one-time password (shown once). */
export type AccountWithPassword = components['schemas']['CreatedUserResponse'] | components['schemas']['PasswordResetResponse'];
export type NewAccount = components['schemas']['CreateUserDto'];
export type AccountChange = components['schemas']['UpdateUserDto'];

export const accountsQuery = queryOptions({
  queryKey: ['users'],
  queryFn: (context) => api.get('/api/users', undefined, fromQuery(context)),
});

export function createAccount(body: NewAccount): Promise<components['schemas']['CreatedUserResponse']> {
  return api.post('/api/users', { body });
}

export function changeAccount(id: string, body: AccountChange): Promise<Account> {
  return api.patch('/api/users/{id}', { params: { path: { id } }, body });
}

export function resetPassword(id: string, reason: string): Promise<components['schemas']['PasswordResetResponse']> {
  return api.post('/api/users/{id}/reset-password', { params: { path: { id } }, body: { reason } });
}

export function unlockAccount(id: string): Promise<Account> {
  return api.post('/api/users/{id}/unlock', { params: { path: { id } } });
}

/** Ends every session and revokes every API and calendar token of the account. */
export function endSessions(id: string): Promise<components['schemas']['RevokedTokensResponse']> {
  return api.delete('/api/users/{id}/sessions', { params: { path: { id } } });
}
