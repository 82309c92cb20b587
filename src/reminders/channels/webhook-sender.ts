import { createHmac, timingSafeEqual } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/** One reminder webhook; `deliveryId` is the delivery record's id, sent unchanged on every attempt. */
export interface OutgoingWebhook {
  deliveryId: string;
  url: string;
  secret: string;
  event: string;
  payload: unknown;
}

/** The headers every webhook request carries, for receivers and docs. */
export const WEBHOOK_HEADERS = {
  deliveryId: 'X-Delivery-Id',
  timestamp: 'X-Webhook-Timestamp',
  signature: 'X-Webhook-Signature-256',
} as const;

/** `User-Agent` of webhook requests; the number changes when the body or signature format does. */
export const WEBHOOK_USER_AGENT = 'cma-tracker-webhooks/1';

/** How a webhook attempt failed: refused before sending, a non-2xx answer, no connection, or no answer in time. */
export type WebhookFailure = 'refused' | 'status' | 'unreachable' | 'timeout';

/**
 * A webhook attempt that did not end in a 2xx answer. `status` is the HTTP status when there was an answer
 * (a redirect counts as failure), otherwise null. The message never contains the signing secret or the URL.
 */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly failure: WebhookFailure,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WebhookDeliveryError';
  }
}

/** Whether a URL may receive webhooks: http: or https:, no credentials in it. Pure; says why not. */
export function isAcceptableWebhookUrl(url: string): { ok: true } | { ok: false; problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: 'is not a valid absolute URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, problem: `uses ${parsed.protocol} but only http: and https: are allowed` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, problem: 'must not contain credentials (user:password@); requests are signed instead' };
  }
  return { ok: true };
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the value of `X-Webhook-Signature-256`. Pure. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * For receivers: true when `header` is the signature of `body` at `timestamp` under `secret` (compared in
 * constant time) and `timestamp` is within `toleranceSeconds` of `nowSeconds`, which refuses replays.
 * Since delivery is at-least-once, receivers should also drop repeated `X-Delivery-Id`s. Pure.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  timestamp: number,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (!Number.isSafeInteger(timestamp) || !(Math.abs(nowSeconds - timestamp) <= toleranceSeconds)) {
    return false;
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, body), 'utf8');
  const given = Buffer.from(header, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * POSTs one signed webhook and resolves on a 2xx answer; anything else rejects with a WebhookDeliveryError.
 * Delivery is at-least-once: a retry sends the same `X-Delivery-Id` and body `id`, so the receiver can
 * drop duplicates. Redirects are not followed, and the request is aborted after `timeoutMs`.
 * `nowSeconds` is Unix time in whole seconds (a fraction is dropped) and is signed with the body.
 */
export async function sendWebhook(hook: OutgoingWebhook, options: { timeoutMs: number; nowSeconds: number }): Promise<{ status: number }> {
  const acceptable = isAcceptableWebhookUrl(hook.url);
  if (!acceptable.ok) {
    throw new WebhookDeliveryError(`webhook URL refused: it ${acceptable.problem}`, 'refused', null);
  }
  if (hook.secret === '') {
    throw new WebhookDeliveryError('webhook refused: no signing secret', 'refused', null);
  }
  const timestamp = Math.floor(options.nowSeconds);
  const body = JSON.stringify({ id: hook.deliveryId, event: hook.event, timestamp, data: hook.payload });
  let response: Response;
  try {
    response = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': WEBHOOK_USER_AGENT,
        [WEBHOOK_HEADERS.deliveryId]: hook.deliveryId,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(hook.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // The answer's body is not used; cancelling it frees the connection.
    await response.body?.cancel();
  } catch (error) {
    throw fetchFailure(error, options.timeoutMs);
  }
  if (response.status < 200 || response.status > 299) {
    const reason = response.statusText || STATUS_CODES[response.status] || 'without a reason phrase';
    const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
    throw new WebhookDeliveryError(`webhook answered ${response.status} ${reason}${redirect}`, 'status', response.status);
  }
  return { status: response.status };
}

/** Turns what fetch threw into a WebhookDeliveryError that says what happened, keeping the original as cause. */
function fetchFailure(error: unknown, timeoutMs: number): WebhookDeliveryError {
  const name = errorField(error, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new WebhookDeliveryError(`webhook timed out after ${timeoutMs}ms`, 'timeout', null, { cause: error });
  }
  return new WebhookDeliveryError(`webhook unreachable: ${describeCause(error)}`, 'unreachable', null, { cause: error });
}

/** Node's fetch throws `TypeError: fetch failed` with the socket error (ECONNREFUSED, ENOTFOUND, …) as cause. */
function describeCause(error: unknown): string {
  const cause: unknown = typeof error === 'object' && error !== null && 'cause' in error && error.cause !== undefined ? error.cause : error;
  return errorField(cause, 'message') || errorField(cause, 'code') || errorField(cause, 'name') || String(cause);
}

/**
 * A string property of a thrown value. Duck-typed rather than `instanceof Error`: fetch's errors come from
 * Node's own realm, which differs from the caller's under jest or in a vm context.
 */
function errorField(value: unknown, field: 'name' | 'message' | 'code'): string {
  if (typeof value !== 'object' || value === null || !(field in value)) {
    return '';
  }
  const found: unknown = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : '';
}
