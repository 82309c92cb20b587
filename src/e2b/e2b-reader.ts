/**
 * Streaming reader of E2B(R3) ICSR files: a batch (`MCCI_IN200100UV01`) or a single message
 * (`PORR_IN049016UV`). Yields one small element tree per ICSR message and keeps nothing once it is
 * yielded, so memory stays flat however many ICSRs a file holds. Hostile-file limits: see e2b-xml.ts.
 */
import { attr, type E2bLimits, E2bFileError, type El, find, streamElements, type XmlSource } from './e2b-xml';

export { E2bFileError, type E2bErrorCode, type E2bLimits, DEFAULT_LIMITS, type El, type XmlSource } from './e2b-xml';

export const BATCH_ROOT = 'MCCI_IN200100UV01';
export const ICSR_ROOT = 'PORR_IN049016UV';
export const ACK_ROOT = 'MCCI_IN200101UV01';

/** One ICSR message (`PORR_IN049016UV`) as a small tree, with where it was in the file. */
export interface IcsrElement extends El {
  /** 0-based position of the message in the file. */
  index: number;
  /** Line of its start tag. */
  line: number;
}

/** What the batch wrapper says (N.1); complete only once the whole file has been read. */
export interface BatchHeader {
  root: typeof BATCH_ROOT | typeof ICSR_ROOT;
  /** N.1.2 batch number (`id@extension`); null for a single-message file. */
  batchId: string | null;
  /** N.1.1 type of messages in batch (`name@code`, 1 = ichicsr). */
  messageType: string | null;
  /** N.1.5 date of batch transmission, the HL7 TS as written; for a single message its N.2.r.4. */
  creationTime: string | null;
  /** N.1.3 batch sender identifier (for a single message: N.2.r.2). */
  senderId: string | null;
  /** N.1.4 batch receiver identifier (for a single message: N.2.r.3). */
  receiverId: string | null;
  /** ICSR messages read. */
  icsrCount: number;
}

export interface ReadOptions {
  limits?: Partial<E2bLimits>;
  /** Called once, after the last ICSR, with the complete header (batch sender and receiver come last in the file). */
  onHeader?: (header: BatchHeader) => void;
}

function refuseRoot(name: string): never {
  if (name === ACK_ROOT) {
    throw new E2bFileError('E2B_NOT_ICSR', `not an ICSR message: ${name} is an acknowledgement`, name);
  }
  throw new E2bFileError('E2B_NOT_ICSR', `not an ICSR message: the root element is ${name}, expected ${BATCH_ROOT} or ${ICSR_ROOT}`, name);
}

function deviceId(el: El | undefined, role: 'sender' | 'receiver'): string | null {
  return attr(find(el, `${role}/device/id`), 'extension') ?? null;
}

/**
 * Read the ICSRs of an E2B(R3) file as they stream in. The generator's return value is the batch
 * header (also given to `options.onHeader`). Throws E2bFileError for a hostile, malformed or non-ICSR file;
 * ICSRs already yielded stay valid.
 */
export async function* readIcsrs(source: XmlSource, options: ReadOptions = {}): AsyncGenerator<IcsrElement, BatchHeader, undefined> {
  const header: BatchHeader = { root: BATCH_ROOT, batchId: null, messageType: null, creationTime: null, senderId: null, receiverId: null, icsrCount: 0 };
  const stream = streamElements(source, {
    limits: options.limits,
    onRoot(name) {
      if (name === BATCH_ROOT || name === ICSR_ROOT) {
        header.root = name;
        return;
      }
      refuseRoot(name);
    },
    capture(name, depth) {
      // A single message is captured whole; a batch's direct children are captured one by one (small
      // header elements are read and dropped, each message is yielded).
      return depth === 1 ? name === ICSR_ROOT : depth === 2 && header.root === BATCH_ROOT;
    },
  });

  for await (const { el, depth, line } of stream) {
    if (el.name === ICSR_ROOT && (depth === 1 || depth === 2)) {
      if (depth === 1) {
        header.creationTime = attr(find(el, 'creationTime'), 'value') ?? null;
        header.senderId = deviceId(el, 'sender');
        header.receiverId = deviceId(el, 'receiver');
      }
      const icsr: IcsrElement = Object.assign(el, { index: header.icsrCount, line });
      header.icsrCount += 1;
      yield icsr;
      continue;
    }
    switch (el.name) {
      case 'id':
        // N.1.2 (root 2.16.840.1.113883.3.989.2.1.3.22); the first id is the batch number whatever its root says.
        header.batchId ??= attr(el, 'extension') ?? null;
        break;
      case 'creationTime':
        header.creationTime = attr(el, 'value') ?? null;
        break;
      case 'name':
        header.messageType = attr(el, 'code') ?? null;
        break;
      case 'sender':
        header.senderId = attr(find(el, 'device/id'), 'extension') ?? null;
        break;
      case 'receiver':
        header.receiverId = attr(find(el, 'device/id'), 'extension') ?? null;
        break;
      default:
        break;
    }
  }
  options.onHeader?.(header);
  return header;
}
