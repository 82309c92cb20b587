import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery } from '../api/client';
import type { components } from '../api/schema';

/** A key that seals electronic signatures: ids and dates only (the secret never leaves the server). */
export type SigningKey = components['schemas']['SigningKeyResponse'];

export const signingKeysQuery = queryOptions({
  queryKey: ['signing-keys'],
  queryFn: (context) => api.get('/api/admin/signing-keys', undefined, fromQuery(context)),
});

/** Retires the active key and creates a new one; older signatures stay verifiable with the retired key. */
export function rotateSigningKey(reason: string): Promise<SigningKey> {
  return api.post('/api/admin/signing-keys/rotate', { body: { reason } });
}
