import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ForbiddenError } from '../common/errors';

/**
 * Browser sessions: the session token travels in an HttpOnly, SameSite=Strict cookie (never readable by the
 * page's JavaScript), and every state-changing request that the cookie authenticates must also carry a CSRF
 * token in a header. API clients keep using `Authorization: Bearer`, which is judged alone (no fallback).
 */
export const SESSION_COOKIE = 'cma_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Sent by the web app on polls and cache refetches: authenticated, but does not keep the session alive. */
export const BACKGROUND_HEADER = 'x-background-request';

/** The shape of a bearer token (sessions, API tokens). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,200}$/;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Credentials = { via: 'bearer'; token: string | null } | { via: 'cookie'; token: string } | { via: 'none' };

/** The token of an "Authorization: Bearer <token>" header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  return match?.[1] !== undefined && TOKEN_PATTERN.test(match[1]) ? match[1] : null;
}

/** The value of a well-formed token cookie of a Cookie header (the first one), or null. */
export function cookieToken(header: string | undefined, name: string = SESSION_COOKIE): string | null {
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals > 0 && pair.slice(0, equals).trim() === name) {
      const value = pair.slice(equals + 1).trim();
      if (TOKEN_PATTERN.test(value)) {
        return value;
      }
    }
  }
  return null;
}

/**
 * What a request is authenticated by. An Authorization header — even a malformed one (token null) — decides
 * alone and never falls back to the cookie; without one, the session cookie.
 */
export function requestCredentials(request: Pick<Request, 'headers'>): Credentials {
  if (request.headers.authorization !== undefined) {
    return { via: 'bearer', token: bearerToken(request.headers.authorization) };
  }
  const token = cookieToken(request.headers.cookie);
  return token === null ? { via: 'none' } : { via: 'cookie', token };
}

/** The CSRF token of a session: derived from its secret, so it needs no storage and dies with the session. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf\0${sessionToken}`).digest('base64url');
}

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * A cookie-authenticated state-changing request must carry the session's CSRF token (403 otherwise); safe
 * methods and bearer-authenticated requests need none.
 */
export function checkCsrf(request: Pick<Request, 'method' | 'headers'>, credentials: Credentials): void {
  if (credentials.via !== 'cookie' || !isStateChanging(request.method)) {
    return;
  }
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent === '') {
    throw new ForbiddenError('CSRF_TOKEN_REQUIRED', `a change made with the session cookie needs the "X-CSRF-Token" header (GET /api/auth/session gives the token)`);
  }
  const expected = Buffer.from(csrfTokenFor(credentials.token));
  const given = Buffer.from(sent);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ForbiddenError('CSRF_TOKEN_INVALID', 'the "X-CSRF-Token" header does not belong to this session; reload the page or sign in again');
  }
}

/** A request the web app makes in the background: it must not keep an idle session alive. */
export function isBackgroundRequest(request: Pick<Request, 'headers'>): boolean {
  return request.headers[BACKGROUND_HEADER] === 'true';
}

/**
 * The Set-Cookie value holding a session token for every path (`Secure` when the request came over https);
 * with a null token, the value that makes the browser forget it. No Max-Age: the server decides expiry.
 */
export function sessionCookie(token: string | null, secure: boolean): string {
  return [`${SESSION_COOKIE}=${token ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(token === null ? ['Max-Age=0'] : []), ...(secure ? ['Secure'] : [])].join('; ');
}
