/**
 * The hostile-safe streaming XML layer under the E2B(R3) readers: a strict SAX parser (saxes) that never
 * resolves an entity beyond the five predefined ones, refuses any DOCTYPE, bounds size, depth and node
 * length, and builds a small element tree only for the subtrees a reader asks for. Pure; no framework.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export type E2bErrorCode =
  | 'E2B_DOCTYPE'
  | 'E2B_ENTITY'
  | 'E2B_ENCODING'
  | 'E2B_MALFORMED'
  | 'E2B_TOO_DEEP'
  | 'E2B_TOO_LARGE'
  | 'E2B_NOT_ICSR'
  | 'E2B_NOT_ACK'
  | 'E2B_NO_CASE_ID';

/** A file (or one ICSR in it) that cannot be read at all. Single bad fields are warnings, never this. */
export class E2bFileError extends Error {
  constructor(
    readonly code: E2bErrorCode,
    message: string,
    readonly element?: string,
    readonly line?: number,
  ) {
    const where = [element === undefined ? undefined : `at ${element}`, line === undefined ? undefined : `line ${line}`].filter((w) => w !== undefined);
    super(where.length === 0 ? message : `${message} (${where.join(', ')})`);
    this.name = 'E2bFileError';
  }
}

/** One element: local name (prefix stripped), attributes as written (e.g. `xsi:type`), children, trimmed text. */
export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

export interface E2bLimits {
  /** Whole file, in bytes (characters when the source gives strings). */
  maxBytes: number;
  /** Element nesting; E2B(R3) instances stay under about 25. */
  maxDepth: number;
  /** One text node, attribute value, comment or tag, in characters (included documents are Base64 text). */
  maxTextLength: number;
  /** Elements in one captured subtree (one ICSR): bounds the tree's memory whatever the byte size. */
  maxElements: number;
}

/**
 * The parser streams, so memory is bounded per message (maxElements, maxTextLength), not by the file: the
 * byte cap only bounds the time one file can hold a transaction (2 GiB ≈ 45,000 FDA-sized cases, about a
 * minute on the bulk path).
 */
export const DEFAULT_LIMITS: Readonly<E2bLimits> = {
  maxBytes: 2 * 1024 * 1024 * 1024,
  maxDepth: 64,
  maxTextLength: 16 * 1024 * 1024,
  maxElements: 200_000,
};

export type XmlSource = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string> | Buffer | Uint8Array | string;

export interface Captured {
  el: El;
  /** 1 = the root. */
  depth: number;
  /** Line of the start tag. */
  line: number;
}

export interface StreamOptions {
  limits?: Partial<E2bLimits>;
  /** Called when the root opens; throw an E2bFileError to refuse the file. */
  onRoot(localName: string): void;
  /** Should the element opening here be captured whole (with its subtree)? Only asked outside captured subtrees. */
  capture(localName: string, depth: number): boolean;
}

/** Characters handed to the parser per write: what is completed in between is yielded before the next write. */
const PIECE = 64 * 1024;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function classify(message: string): E2bErrorCode {
  if (message.includes('entity')) {
    return 'E2B_ENTITY';
  }
  return 'E2B_MALFORMED';
}

/** Pick the decoder from a byte-order mark or the XML declaration; UTF-8 when neither says otherwise. */
function decoderFor(head: Uint8Array): TextDecoder {
  let label = 'utf-8';
  if (head[0] === 0xfe && head[1] === 0xff) {
    label = 'utf-16be';
  } else if (head[0] === 0xff && head[1] === 0xfe) {
    label = 'utf-16le';
  } else if (!(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)) {
    const prolog = Buffer.from(head.subarray(0, 200)).toString('latin1');
    const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(prolog)?.[1];
    if (declared !== undefined) {
      label = declared.toLowerCase();
    }
  }
  if (label === 'utf-16') {
    label = 'utf-16le';
  }
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    throw new E2bFileError('E2B_ENCODING', `unsupported character encoding "${label}"`);
  }
}

async function* chunksOf(source: XmlSource): AsyncGenerator<Buffer | Uint8Array | string> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const chunk of source as AsyncIterable<Buffer | Uint8Array | string>) {
    yield chunk;
  }
}

/** Strings from the source, decoded, size-checked and cut into pieces of at most PIECE characters. */
async function* piecesOf(source: XmlSource, maxBytes: number): AsyncGenerator<string> {
  let total = 0;
  let decoder: TextDecoder | null = null;
  /** The first bytes, kept until there are enough to read a byte-order mark or the XML declaration. */
  let head: Uint8Array[] = [];
  let headLength = 0;
  let carry = '';

  function* cut(text: string, last: boolean): Generator<string> {
    let s = carry + text;
    carry = '';
    if (!last && s.length > 0) {
      const code = s.charCodeAt(s.length - 1);
      if (code >= 0xd800 && code <= 0xdbff) {
        carry = s.slice(-1);
        s = s.slice(0, -1);
      }
    }
    let start = 0;
    while (start < s.length) {
      let end = Math.min(start + PIECE, s.length);
      const code = s.charCodeAt(end - 1);
      if (end < s.length && code >= 0xd800 && code <= 0xdbff) {
        end -= 1;
      }
      yield start === 0 && end === s.length ? s : s.slice(start, end);
      start = end;
    }
  }

  function decode(bytes: Uint8Array, last: boolean): string {
    const active = decoder as TextDecoder;
    try {
      return active.decode(bytes, { stream: !last });
    } catch {
      throw new E2bFileError('E2B_ENCODING', `the file is not valid ${active.encoding}`);
    }
  }

  /** Decide the decoder from the kept first bytes and decode them. */
  function flushHead(last: boolean): string {
    const joined = Buffer.concat(head);
    head = [];
    headLength = 0;
    decoder ??= decoderFor(joined);
    return decode(joined, last);
  }

  for await (const chunk of chunksOf(source)) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new E2bFileError('E2B_TOO_LARGE', `file larger than ${maxBytes} bytes`);
    }
    if (typeof chunk === 'string') {
      const before = headLength > 0 ? flushHead(false) : '';
      yield* cut(before + chunk, false);
    } else if (decoder !== null) {
      yield* cut(decode(chunk, false), false);
    } else {
      head.push(chunk);
      headLength += chunk.length;
      if (headLength >= 200) {
        yield* cut(flushHead(false), false);
      }
    }
  }
  yield* cut(headLength > 0 ? flushHead(true) : decoder === null ? '' : decode(new Uint8Array(0), true), true);
}

/**
 * Parse `source`, yielding each captured subtree as soon as it closes (and dropping it: nothing is kept
 * once yielded). Throws E2bFileError for anything hostile or not well-formed.
 */
export async function* streamElements(source: XmlSource, options: StreamOptions): AsyncGenerator<Captured> {
  const limits: E2bLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const names: string[] = [];
  const queue: Captured[] = [];
  /** The open elements of the subtree being captured (empty when none). */
  const open: El[] = [];
  let captureDepth = 0;
  let captureLine = 0;
  let captured = 0;
  let lastEvent = 0;
  let sawRoot = false;

  const path = (): string => names.join('/');
  const fail = (code: E2bErrorCode, message: string): never => {
    throw new E2bFileError(code, message, names.length > 0 ? path() : undefined, parser.line);
  };
  const mark = (): void => {
    lastEvent = parser.position;
  };
  const appendText = (text: string): void => {
    mark();
    const current = open[open.length - 1];
    // Outside a captured subtree, or between child elements (E2B has no mixed content): not kept.
    if (current === undefined || current.children.length > 0) {
      return;
    }
    if (current.text.length + text.length > limits.maxTextLength) {
      fail('E2B_TOO_LARGE', `text longer than ${limits.maxTextLength} characters`);
    }
    current.text += text;
  };

  parser.on('error', (error: Error) => {
    fail(classify(error.message), error.message.replace(/^\d+:\d+: /, ''));
  });
  parser.on('doctype', () => {
    fail('E2B_DOCTYPE', 'a DOCTYPE is not allowed in an E2B(R3) message (DTDs and entity declarations are refused)');
  });
  // Six handlers and no more: saxes stores each as a new property, and a few more (xmldecl, comment,
  // processinginstruction) push the parser object into V8's slow dictionary mode, parsing 4–5× slower.
  // Comments and processing instructions need no handler: the next text or tag event marks progress.
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('opentag', (tag: SaxesTagPlain) => {
    mark();
    const name = localName(tag.name);
    names.push(name);
    const depth = names.length;
    if (depth > limits.maxDepth) {
      fail('E2B_TOO_DEEP', `elements nested deeper than ${limits.maxDepth}`);
    }
    if (!sawRoot) {
      sawRoot = true;
      options.onRoot(name);
    }
    const parent = open[open.length - 1];
    if (parent === undefined && !options.capture(name, depth)) {
      return;
    }
    captured += 1;
    if (captured > limits.maxElements) {
      fail('E2B_TOO_LARGE', `more than ${limits.maxElements} elements in one message`);
    }
    const el: El = { name, attrs: tag.attributes, children: [], text: '' };
    if (parent === undefined) {
      captureDepth = depth;
      captureLine = parser.line;
    } else {
      if (parent.children.length === 0) {
        parent.text = '';
      }
      parent.children.push(el);
    }
    open.push(el);
  });
  parser.on('closetag', () => {
    mark();
    const depth = names.length;
    names.pop();
    const el = open.pop();
    if (el === undefined) {
      return;
    }
    if (el.children.length > 0) {
      el.text = '';
    } else if (el.text !== '') {
      el.text = el.text.trim();
    }
    if (depth === captureDepth) {
      queue.push({ el, depth, line: captureLine });
      captured = 0;
    }
  });

  for await (const piece of piecesOf(source, limits.maxBytes)) {
    parser.write(piece);
    if (parser.position - lastEvent > limits.maxTextLength + 1024) {
      fail('E2B_TOO_LARGE', `a single node is longer than ${limits.maxTextLength} characters`);
    }
    while (queue.length > 0) {
      yield queue.shift() as Captured;
    }
  }
  parser.close();
  while (queue.length > 0) {
    yield queue.shift() as Captured;
  }
}

// ---------------------------------------------------------------------------------------------------
// Tree helpers: small, explicit, no generic mapper.

/** Direct children named `name`. */
export function kids(el: El | undefined, name: string): El[] {
  if (el === undefined) {
    return [];
  }
  return el.children.filter((c) => c.name === name);
}

/** First direct child named `name`. */
export function kid(el: El | undefined, name: string): El | undefined {
  return el?.children.find((c) => c.name === name);
}

/** All elements reached by a slash path of direct-child names ("a/b/c"), in document order. */
export function findAll(el: El | undefined, path: string): El[] {
  let current: El[] = el === undefined ? [] : [el];
  for (const step of path.split('/')) {
    const next: El[] = [];
    for (const node of current) {
      for (const child of node.children) {
        if (child.name === step) {
          next.push(child);
        }
      }
    }
    current = next;
  }
  return current;
}

/** First element reached by a slash path of direct-child names. */
export function find(el: El | undefined, path: string): El | undefined {
  if (el === undefined) {
    return undefined;
  }
  const steps = path.split('/');
  const walk = (node: El, index: number): El | undefined => {
    if (index === steps.length) {
      return node;
    }
    for (const child of node.children) {
      if (child.name === steps[index]) {
        const found = walk(child, index + 1);
        if (found !== undefined) {
          return found;
        }
      }
    }
    return undefined;
  };
  return walk(el, 0);
}

/** First descendant (depth-first, document order) named `name`. */
export function descendant(el: El | undefined, name: string): El | undefined {
  if (el === undefined) {
    return undefined;
  }
  for (const child of el.children) {
    if (child.name === name) {
      return child;
    }
    const deeper = descendant(child, name);
    if (deeper !== undefined) {
      return deeper;
    }
  }
  return undefined;
}

/** An attribute, trimmed; undefined when absent or empty. */
export function attr(el: El | undefined, name: string): string | undefined {
  const value = el?.attrs[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** The element's text; undefined when absent or empty. */
export function textOf(el: El | undefined): string | undefined {
  return el === undefined || el.text === '' ? undefined : el.text;
}

/**
 * Does `el`'s own `code` child carry this code (and, when it names one, this code system)? A code
 * without codeSystem matches; a different codeSystem does not (FDA reuses small numbers in its own lists).
 */
export function hasCode(el: El, code: string, codeSystem: string): boolean {
  const c = kid(el, 'code');
  if (attr(c, 'code') !== code) {
    return false;
  }
  const system = attr(c, 'codeSystem');
  return system === undefined || system === codeSystem;
}
