import createClient, { type Middleware } from 'openapi-fetch';
import type { QueryFunctionContext } from '@tanstack/react-query';
import { sessionStore } from '../session/session-store';
import { readApiError, toApiError } from './errors';
import type { paths } from './schema';

/**
 * The one way pages reach the API: openapi-fetch over the generated `paths` (npm run api:client), with
 * the session cookie (same origin), the CSRF token on writes, `X-Background-Request: true` on background
 * refetches and polls (they must not keep an idle session alive), errors thrown as ApiError, and a 401
 * turned into the "session ended" sign-in dialog: the request waits, and is sent again once the person has
 * signed in, so the page and any half-filled form carry on.
 */
type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
type Operation<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;
type PathWith<M extends HttpMethod> = { [P in keyof paths]: paths[P][M] extends undefined ? never : P }[keyof paths];
type Init<P extends keyof paths, M extends HttpMethod> = (Operation<P, M> extends { parameters: infer Params } ? { params?: Params } : object) &
  (Operation<P, M> extends { requestBody?: { content: { 'application/json': infer Body } } } ? { body?: Body } : object);
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Declared<Op> = Op extends { responses: infer R } ? JsonContent<R[200 & keyof R]> | JsonContent<R[201 & keyof R]> | JsonContent<R[202 & keyof R]> : never;

/**
 * The body a successful call returns, as the OpenAPI document declares it; `unknown` while the document
 * declares none. Where a page needs an undeclared body, type it ONCE per area with `Typed<P, M, Local>`
 * and name the local interface `…UntilSchema`: regenerating the client after the server declares the
 * response makes the generated type win, and the local one is then deleted.
 */
export type ResponseBody<P extends keyof paths, M extends HttpMethod> = [Declared<Operation<P, M>>] extends [never] ? unknown : Declared<Operation<P, M>>;
export type Typed<P extends keyof paths, M extends HttpMethod, UntilSchema> = [Declared<Operation<P, M>>] extends [never] ? UntilSchema : Declared<Operation<P, M>>;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requests whose 401 means "wrong password" or "not signed in", never "your session ended". */
const SIGN_IN_PATHS = new Set(['/api/auth/session', '/api/auth/login']);
const pending = new Map<string, Request>();

const sessionMiddleware: Middleware = {
  onRequest({ request, id, schemaPath }) {
    const token = sessionStore.csrfToken();
    if (token !== null && WRITE_METHODS.has(request.method) && !(request.method === 'POST' && SIGN_IN_PATHS.has(schemaPath))) {
      request.headers.set('X-CSRF-Token', token);
    }
    pending.set(id, request.clone());
    return request;
  },
  async onResponse({ request, response, id, schemaPath }) {
    const original = pending.get(id);
    pending.delete(id);
    if (original === undefined || SIGN_IN_PATHS.has(schemaPath)) {
      return response;
    }
    // A 401 INVALID_CREDENTIALS is a wrong password re-entered (a signature, a password change), not an ended session.
    if (response.status === 401 && sessionStore.isSignedIn() && (await readApiError(response)).code !== 'INVALID_CREDENTIALS') {
      await sessionStore.sessionEnded();
      return resend(original);
    }
    if (response.status === 403 && WRITE_METHODS.has(request.method) && (await readApiError(response)).code.startsWith('CSRF_TOKEN')) {
      await sessionStore.refresh();
      return resend(original);
    }
    return response;
  },
  onError({ id }) {
    pending.delete(id);
  },
};

function resend(original: Request): Promise<Response> {
  const token = sessionStore.csrfToken();
  if (token !== null && WRITE_METHODS.has(original.method)) {
    original.headers.set('X-CSRF-Token', token);
  }
  return fetch(original);
}

const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin', headers: { Accept: 'application/json' } });
client.use(sessionMiddleware);

/** A request made by a query: background when the cache already holds data (a refetch) or the query says so (a poll). */
export interface CallContext {
  signal?: AbortSignal;
  background?: boolean;
}

export function fromQuery(context: Pick<QueryFunctionContext, 'signal' | 'meta' | 'client' | 'queryKey'>): CallContext {
  const refetch = (context.client.getQueryState(context.queryKey)?.dataUpdatedAt ?? 0) > 0;
  return { signal: context.signal, background: context.meta?.background === true || refetch };
}

function headers(context: CallContext): Record<string, string> {
  return context.background === true ? { 'X-Background-Request': 'true' } : {};
}

async function call<T>(method: Uppercase<HttpMethod>, path: string, init: object | undefined, context: CallContext): Promise<T> {
  const { data, error, response } = await (client.request as (m: string, p: string, i: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>)(method.toLowerCase(), path, {
    ...init,
    signal: context.signal,
    headers: headers(context),
  });
  if (!response.ok) {
    throw toApiError(response, error);
  }
  return (response.status === 204 ? undefined : data) as T;
}

export const api = {
  get<P extends PathWith<'get'>>(path: P, init?: Init<P, 'get'>, context: CallContext = {}): Promise<ResponseBody<P, 'get'>> {
    return call<ResponseBody<P, 'get'>>('GET', path, init, context);
  },
  post<P extends PathWith<'post'>>(path: P, init?: Init<P, 'post'>, context: CallContext = {}): Promise<ResponseBody<P, 'post'>> {
    return call<ResponseBody<P, 'post'>>('POST', path, init, context);
  },
  put<P extends PathWith<'put'>>(path: P, init?: Init<P, 'put'>, context: CallContext = {}): Promise<ResponseBody<P, 'put'>> {
    return call<ResponseBody<P, 'put'>>('PUT', path, init, context);
  },
  patch<P extends PathWith<'patch'>>(path: P, init?: Init<P, 'patch'>, context: CallContext = {}): Promise<ResponseBody<P, 'patch'>> {
    return call<ResponseBody<P, 'patch'>>('PATCH', path, init, context);
  },
  delete<P extends PathWith<'delete'>>(path: P, init?: Init<P, 'delete'>, context: CallContext = {}): Promise<ResponseBody<P, 'delete'>> {
    return call<ResponseBody<P, 'delete'>>('DELETE', path, init, context);
  },
};
