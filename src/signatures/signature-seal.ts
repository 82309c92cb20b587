import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

/** Canonical JSON: keys sorted at every level, so the same content always hashes the same. */
const canonical = configure({ deterministic: true, circularValue: Error, bigint: true });

/** The content as stored and compared: a JSON copy (dates as ISO strings), without fields that change on every save. */
export function signableContent(record: object, volatile: readonly string[] = ['updatedAt']): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  for (const field of volatile) {
    delete copy[field];
  }
  return copy;
}

export function contentHash(content: Record<string, unknown>): string {
  return createHash('sha256').update(canonical(content) ?? '').digest('hex');
}

/** What a seal binds together (21 CFR 11.50 manifest + 11.70 link to the record). */
export interface SealedManifest {
  id: string;
  entityType: string;
  entityId: string;
  meaning: string;
  signerUserId: string;
  signerUsername: string;
  signerName: string;
  signerRole: string;
  signedAt: string;
  comment: string | null;
  contentHash: string;
}

export function seal(secret: string, manifest: SealedManifest): string {
  return createHmac('sha256', Buffer.from(secret, 'base64'))
    .update(canonical(manifest) ?? '')
    .digest('hex');
}

export function sealMatches(secret: string, manifest: SealedManifest, stored: string): boolean {
  const expected = Buffer.from(seal(secret, manifest), 'hex');
  const actual = Buffer.from(stored, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
