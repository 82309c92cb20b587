import type { IncomingMessage } from 'node:http';

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
