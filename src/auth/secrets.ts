import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { TokenKind } from './auth-token.entity';

/**
 * Passwords: scrypt (memory-hard, RFC 7914) from node:crypto, N=2^15, r=8, p=1 — 32 MiB per hash, the
 * OWASP password-storage baseline — stored as a self-describing string so parameters can rise later.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 };

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', Math.log2(SCRYPT.N), SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || logN === undefined || r === undefined || p === undefined || salt === undefined || key === undefined) {
    return false;
  }
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), 2 ** Number(logN), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A hash of a password nobody knows, verified against when the username does not exist (equal timing). */
export const UNKNOWN_USER_HASH = 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** NIST SP 800-63B: length over composition rules; no password that contains the username. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return 'must not contain the username';
  }
  if (new Set(password).size < 5) {
    return 'must not be one or a few characters repeated';
  }
  return null;
}

/** A password for a new or reset account, shown once: 20 characters from a 56-symbol alphabet (~116 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(40);
  let password = '';
  for (const byte of bytes) {
    if (byte < 224 && password.length < 20) {
      password += alphabet[byte % 56];
    }
  }
  return password.length === 20 ? password : generatePassword();
}

const TOKEN_PREFIX: Record<TokenKind, string> = { session: 'cmas_', api: 'cmat_', calendar: 'cmac_' };

/** A bearer secret (256 random bits) with a prefix saying what it is, so leaked tokens are recognisable. */
export function generateToken(kind: TokenKind): string {
  return TOKEN_PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
