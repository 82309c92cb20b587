import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
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

/** UNTIL-SCHEMA: an account as src/auth/users.service.ts toUserView writes it. */
export interface AccountUntilSchema {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** null: every product. */
  productIds: string[] | null;
  mustChangePassword: boolean;
  /** An instant (ISO 8601), or null when not locked. */
  lockedUntil: string | null;
  disabled: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

export type Account = Typed<'/api/users/{id}', 'get', AccountUntilSchema>;
/** UNTIL-SCHEMA: POST /api/users and POST /api/users/{id}/reset-password: the account and its one-time password. */
export type AccountWithPassword = Typed<'/api/users/{id}/reset-password', 'post', { user: AccountUntilSchema; password: string }>;
export type NewAccount = components['schemas']['CreateUserDto'];
export type AccountChange = components['schemas']['UpdateUserDto'];

export const accountsQuery = queryOptions({
  queryKey: ['users'],
  queryFn: async (context) => (await api.get('/api/users', undefined, fromQuery(context))) as Account[],
});

export async function createAccount(body: NewAccount): Promise<AccountWithPassword> {
  return (await api.post('/api/users', { body })) as AccountWithPassword;
}

export async function changeAccount(id: string, body: AccountChange): Promise<Account> {
  return (await api.patch('/api/users/{id}', { params: { path: { id } }, body })) as Account;
}

export async function resetPassword(id: string, reason: string): Promise<AccountWithPassword> {
  return (await api.post('/api/users/{id}/reset-password', { params: { path: { id } }, body: { reason } })) as AccountWithPassword;
}

export async function unlockAccount(id: string): Promise<Account> {
  return (await api.post('/api/users/{id}/unlock', { params: { path: { id } } })) as Account;
}

/** Ends every session and revokes every API and calendar token of the account. */
export async function endSessions(id: string): Promise<{ revoked: number }> {
  return (await api.delete('/api/users/{id}/sessions', { params: { path: { id } } })) as { revoked: number };
}
