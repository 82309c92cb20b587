import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery } from '../api/client';
import type { components } from '../api/schema';

type Schemas = components['schemas'];
/** A live session, API token or calendar token of yours (never the secret). */
export type Token = Schemas['TokenResponse'];
/** A new API token with its secret, shown this once. */
export type IssuedToken = Schemas['IssuedTokenResponse'];
/** The secret calendar-feed URL, shown this once. */
export type CalendarFeed = Schemas['CalendarFeedResponse'];
export type NotificationChannel = Schemas['NotificationChannelResponse'];
/** A new channel; a webhook's signing secret only in this answer. */
export type CreatedChannel = Schemas['CreatedNotificationChannelResponse'];
export type NewApiToken = Omit<Schemas['CreateApiTokenDto'], 'expiresInDays'> & { expiresInDays?: number };
export type NewChannel = Schemas['CreateNotificationChannelDto'];

/** Your live sessions, API tokens and calendar token. */
export const tokensQuery = queryOptions({
  queryKey: ['auth-tokens'],
  queryFn: (context) => api.get('/api/auth/tokens', undefined, fromQuery(context)),
});

export function createApiToken(body: NewApiToken): Promise<IssuedToken> {
  return api.post('/api/auth/tokens', { body: body as Schemas['CreateApiTokenDto'] });
}

export async function revokeToken(id: string): Promise<void> {
  await api.delete('/api/auth/tokens/{id}', { params: { path: { id } } });
}

/** A new secret calendar-feed URL; the previous one stops working. */
export function rotateCalendarFeed(): Promise<CalendarFeed> {
  return api.post('/api/auth/calendar-token');
}

export async function revokeCalendarFeed(): Promise<void> {
  await api.delete('/api/auth/calendar-token');
}

export const channelsQuery = queryOptions({
  queryKey: ['notification-channels'],
  queryFn: (context) => api.get('/api/me/notification-channels', undefined, fromQuery(context)),
});

export function addChannel(body: NewChannel): Promise<CreatedChannel> {
  return api.post('/api/me/notification-channels', { body });
}

export async function setChannelEnabled(id: string, enabled: boolean): Promise<void> {
  await api.patch('/api/me/notification-channels/{id}', { params: { path: { id } }, body: { enabled } });
}

export async function removeChannel(id: string): Promise<void> {
  await api.delete('/api/me/notification-channels/{id}', { params: { path: { id } } });
}
