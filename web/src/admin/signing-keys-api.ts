import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';

/** UNTIL-SCHEMA: a signing key as src/signatures/signing-keys.service.ts writes it (ids and dates; the secret never leaves the server). */
export interface SigningKeyUntilSchema {
  id: number;
  createdAt: string;
  retiredAt: string | null;
  active: boolean;
}

export type SigningKey = Typed<'/api/admin/signing-keys', 'get', SigningKeyUntilSchema[]>[number];

export const signingKeysQuery = queryOptions({
  queryKey: ['signing-keys'],
  queryFn: async (context) => (await api.get('/api/admin/signing-keys', undefined, fromQuery(context))) as SigningKey[],
});

/** Retires the active key and creates a new one; older signatures stay verifiable with the retired key. */
export async function rotateSigningKey(reason: string): Promise<SigningKey> {
  return (await api.post('/api/admin/signing-keys/rotate', { body: { reason } })) as SigningKey;
}
