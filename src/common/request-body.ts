import type { IncomingMessage } from 'node:http';
import { DomainError } from './errors';

/**
 * How deep a JSON body may nest. The deepest body the API takes (a safety case: content → reactions →
 * a reaction → its seriousness list) is 4 levels; 64 leaves room for every future shape while keeping
 * class-transformer and class-validator, which recurse, far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/** The largest JSON body accepted (after any Content-Encoding is undone). */
export const JSON_BODY_LIMIT = '1mb';

/** A refused request body, in body-parser's shape (a status and a type) so one mapping handles both. */
export class RequestBodyError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * True when the JSON text in `bytes` opens more than `limit` objects or arrays inside each other. A single
 * pass over the bytes without parsing (brackets inside strings do not count): it runs before
 * `JSON.parse`, so a body nested thousands of levels deep costs one scan, never a recursion. Only
 * UTF-8 is read this way (in UTF-8 no byte of a multi-byte character is an ASCII bracket or quote).
 */
export function jsonNestedDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) {
        i += 1; // the escaped character, whatever it is
      } else if (byte === 0x22) {
        inString = false;
      }
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > limit) {
        return true;
      }
    } else if (byte === 0x7d || byte === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * body-parser's `verify` hook for JSON bodies: called with the raw (decoded) bytes before they are parsed.
 * Refuses anything but UTF-8 (RFC 8259 §8.1) and bodies nested deeper than MAX_JSON_DEPTH.
 */
export function verifyJsonBody(_request: IncomingMessage, _response: unknown, bytes: Buffer, encoding: string | null): void {
  if (encoding !== null && encoding.toLowerCase() !== 'utf-8' && encoding.toLowerCase() !== 'utf8') {
    throw new RequestBodyError(415, 'charset.unsupported', `a JSON body must be UTF-8, not ${encoding}`);
  }
  if (jsonNestedDeeperThan(bytes, MAX_JSON_DEPTH)) {
    throw new RequestBodyError(400, 'entity.too.deep', `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/** A request body refused before any handler: a stable code and `body` named as the field at fault. */
export class BodyRefusedError extends DomainError {
  constructor(
    readonly code: string,
    readonly status: number,
    problem: string,
  ) {
    super(`request body: ${problem}`, { errors: [{ field: 'body', problem }] });
  }
}

/** Codes of body-parser's refusals (and ours above) by their `type`. */
const BODY_ERROR_CODES: Record<string, string> = {
  'entity.too.deep': 'BODY_TOO_DEEP',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'entity.parse.failed': 'BODY_NOT_JSON',
  'entity.verify.failed': 'BAD_REQUEST',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'request.aborted': 'REQUEST_ABORTED',
  'request.size.invalid': 'BAD_REQUEST',
};

/**
 * The refusal a body-parser error stands for, or null when `error` is not one: http-errors with a 4xx status and
 * a `type`, or zlib's own error (a `Content-Encoding: gzip` body that does not decode: a 400 with a `Z_…` code).
 */
export function bodyRefusal(error: unknown): BodyRefusedError | null {
  if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number' || error.status < 400 || error.status >= 500) {
    return null;
  }
  const code = 'code' in error ? String(error.code) : '';
  if (code.startsWith('Z_')) {
    return new BodyRefusedError('BODY_NOT_DECODABLE', 400, `does not decode as its Content-Encoding says (${error.message})`);
  }
  if (!('type' in error) || typeof error.type !== 'string') {
    return null;
  }
  return new BodyRefusedError(BODY_ERROR_CODES[error.type] ?? 'BAD_REQUEST', error.status, error.message);
}

/**
 * Express error middleware right after the body parser: its refusals become BodyRefusedError, so the one error
 * filter answers them with a code and `body` as the field (Nest would otherwise turn a JSON syntax error into a
 * bare 400 and leave a gzip decoding error to answer 500).
 */
export function refuseUnreadableBodies() {
  return (error: unknown, _request: IncomingMessage, _response: unknown, next: (error?: unknown) => void): void => {
    next(bodyRefusal(error) ?? error);
  };
}
