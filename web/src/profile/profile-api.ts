import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import type { components } from '../api/schema';
import type { Role } from '../session/session-store';

/** UNTIL-SCHEMA: GET /api/auth/tokens (src/auth/auth.service.ts TokenView): never the secrets. */
export interface TokenUntilSchema {
  id: string;
  kind: 'session' | 'api' | 'calendar';
  name: string | null;
  role: Role | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** UNTIL-SCHEMA: POST /api/auth/tokens (IssuedToken): the secret, this once. */
export interface IssuedTokenUntilSchema {
  id: string;
  token: string;
  name: string | null;
  role: Role | null;
  expiresAt: string | null;
}

/** UNTIL-SCHEMA: POST /api/auth/calendar-token: the secret feed URL, this once. */
export interface CalendarFeedUntilSchema {
  url: string;
  path: string;
}

/** UNTIL-SCHEMA: GET /api/me/notification-channels (src/reminders/notification-channels.service.ts). */
export interface NotificationChannelUntilSchema {
  id: string;
  channel: 'email' | 'webhook';
  address: string;
  label: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** A new webhook's signing secret: only in the answer that created it. */
  secret?: string;
}

export type Token = Typed<'/api/auth/tokens', 'get', TokenUntilSchema[]>[number];
export type IssuedToken = Typed<'/api/auth/tokens', 'post', IssuedTokenUntilSchema>;
export type CalendarFeed = Typed<'/api/auth/calendar-token', 'post', CalendarFeedUntilSchema>;
export type NotificationChannel = Typed<'/api/me/notification-channels', 'get', NotificationChannelUntilSchema[]>[number];
export type CreatedChannel = Typed<'/api/me/notification-channels', 'post', NotificationChannelUntilSchema>;
export type NewApiToken = Omit<components['schemas']['CreateApiTokenDto'], 'expiresInDays'> & { expiresInDays?: number };
export type NewChannel = components['schemas']['CreateNotificationChannelDto'];

/** Your live sessions, API tokens and calendar token. */
export const tokensQuery = queryOptions({
  queryKey: ['auth-tokens'],
  queryFn: async (context) => (await api.get('/api/auth/tokens', undefined, fromQuery(context))) as Token[],
});

export async function createApiToken(body: NewApiToken): Promise<IssuedToken> {
  return (await api.post('/api/auth/tokens', { body: body as components['schemas']['CreateApiTokenDto'] })) as IssuedToken;
}

export async function revokeToken(id: string): Promise<void> {
  await api.delete('/api/auth/tokens/{id}', { params: { path: { id } } });
}

/** A new secret calendar-feed URL; the previous one stops working. */
export async function rotateCalendarFeed(): Promise<CalendarFeed> {
  return (await api.post('/api/auth/calendar-token')) as CalendarFeed;
}

export async function revokeCalendarFeed(): Promise<void> {
  await api.delete('/api/auth/calendar-token');
}

export const channelsQuery = queryOptions({
  queryKey: ['notification-channels'],
  queryFn: async (context) => (await api.get('/api/me/notification-channels', undefined, fromQuery(context))) as NotificationChannel[],
});

export async function addChannel(body: NewChannel): Promise<CreatedChannel> {
  return (await api.post('/api/me/notification-channels', { body })) as CreatedChannel;
}

export async function setChannelEnabled(id: string, enabled: boolean): Promise<void> {
  await api.patch('/api/me/notification-channels/{id}', { params: { path: { id } }, body: { enabled } });
}

export async function removeChannel(id: string): Promise<void> {
  await api.delete('/api/me/notification-channels/{id}', { params: { path: { id } } });
}
