/**
 * Reader of E2B(R3) acknowledgements (`MCCI_IN200101UV01`): the batch-level part (ACK.M, ACK.A) and one
 * entry per acknowledged ICSR message (ACK.B.r). Same hostile-file limits as the ICSR reader; an
 * acknowledgement is small, so it is read whole (within those limits).
 */
import { OID } from './e2b-codes';
import { ACK_ROOT, BATCH_ROOT, ICSR_ROOT } from './e2b-reader';
import { attr, type E2bLimits, E2bFileError, type El, find, kid, kids, streamElements, textOf, type XmlSource } from './e2b-xml';

/** ACK.A.4: AA all accepted, AE accepted with errors (some messages need action), AR rejected. */
export type BatchAckCode = 'AA' | 'AE' | 'AR';
/** ACK.B.r.6: CA accepted, CR rejected. */
export type MessageAckCode = 'CA' | 'CR';

export interface MessageAcknowledgement {
  /** ACK.B.r.1 ICSR message number, as written (FDA writes "<message id> <safety report id>"). */
  messageNumber: string | null;
  /** ACK.B.r.1 split on white space: every identifier the acknowledgement names, to match against sent messages. */
  referencedIds: string[];
  /** The referenced id that reads as a case id ("CC-ORG-number", C.1.1 style), when one does. */
  safetyReportId: string | null;
  /** A C.1.8.1 worldwide id, when the acknowledgement carries one (root 2.16.840.1.113883.3.989.2.1.3.2). */
  worldwideId: string | null;
  /** ACK.B.r.2 local report number given by the receiver. */
  localReportNumber: string | null;
  /** ACK.B.r.3 / ACK.B.r.4. */
  receiverId: string | null;
  senderId: string | null;
  /** ACK.B.r.5 date of ICSR message creation (HL7 TS as written). */
  icsrCreationTime: string | null;
  /** ACK.B.r.6; null when missing or unknown (see warnings). */
  code: MessageAckCode | null;
  accepted: boolean;
  /** ACK.B.r.7 error / warning messages or comments. */
  messages: string[];
  /** Date of this acknowledgement (its creationTime, HL7 TS as written). */
  acknowledgedAt: string | null;
}

export interface Acknowledgement {
  /** ACK.M.1 acknowledgement batch number. */
  ackBatchId: string | null;
  /** ACK.M.2 / ACK.M.3. */
  senderId: string | null;
  receiverId: string | null;
  /** ACK.M.4 date of acknowledgement batch transmission (HL7 TS as written). */
  createdAt: string | null;
  /** ACK.A.1 the acknowledged ICSR batch number (our N.1.2). */
  icsrBatchId: string | null;
  /** ACK.A.2 local message number. */
  localMessageNumber: string | null;
  /** ACK.A.3 date of the ICSR batch transmission. */
  icsrBatchTransmittedAt: string | null;
  /** ACK.A.4; null when missing or unknown (see warnings). */
  code: BatchAckCode | null;
  /** ACK.A.5 batch validation messages. */
  messages: string[];
  /** ACK.B.r, in document order. */
  acknowledgements: MessageAcknowledgement[];
  warnings: string[];
}

export interface AckReadOptions {
  limits?: Partial<E2bLimits>;
}

const ACK_MESSAGE = 'MCCI_IN000002UV01';
const CASE_ID = /^[A-Z]{2}-[^\s-]+-\S+$/;

/** Default limits for an acknowledgement: a few kilobytes per message, so 10 MB is generous. */
const ACK_LIMITS: Partial<E2bLimits> = { maxBytes: 10 * 1024 * 1024, maxElements: 200_000 };

function keywordValue(el: El, keyword: string): El | undefined {
  const line = kids(el, 'attentionLine').find((a) => {
    const k = kid(a, 'keyWordText');
    return attr(k, 'code') === keyword && (attr(k, 'codeSystem') === undefined || attr(k, 'codeSystem') === OID.ackKeyword);
  });
  return kid(line, 'value');
}

function details(acknowledgement: El | undefined): string[] {
  return kids(acknowledgement, 'acknowledgementDetail')
    .map((d) => textOf(kid(d, 'text')))
    .filter((t): t is string => t !== undefined);
}

function messageAck(el: El, index: number, warnings: string[]): MessageAcknowledgement {
  const acknowledgement = kid(el, 'acknowledgement');
  const typeCode = attr(acknowledgement, 'typeCode');
  const code = typeCode === 'CA' || typeCode === 'CR' ? typeCode : null;
  if (code === null) {
    warnings.push(`ACK.B.r.6 (message ${index + 1}): acknowledgement code "${typeCode ?? ''}" is neither CA nor CR`);
  }
  const targetIds = kids(kid(acknowledgement, 'targetMessage'), 'id');
  const messageNumber = attr(targetIds.find((i) => attr(i, 'root') !== OID.worldwideId), 'extension') ?? null;
  const referencedIds = (messageNumber ?? '').split(/\s+/).filter((t) => t !== '');
  return {
    messageNumber,
    referencedIds,
    safetyReportId: [...referencedIds].reverse().find((t) => CASE_ID.test(t)) ?? null,
    worldwideId: attr(targetIds.find((i) => attr(i, 'root') === OID.worldwideId), 'extension') ?? null,
    localReportNumber: attr(kid(el, 'id'), 'extension') ?? null,
    receiverId: attr(find(el, 'receiver/device/id'), 'extension') ?? null,
    senderId: attr(find(el, 'sender/device/id'), 'extension') ?? null,
    icsrCreationTime: attr(keywordValue(el, '1'), 'value') ?? null,
    code,
    accepted: code === 'CA',
    messages: details(acknowledgement),
    acknowledgedAt: attr(kid(el, 'creationTime'), 'value') ?? null,
  };
}

/** Read one acknowledgement file. Throws E2bFileError for a hostile, malformed or non-acknowledgement file. */
export async function readAcknowledgement(source: XmlSource, options: AckReadOptions = {}): Promise<Acknowledgement> {
  let root: El | undefined;
  const stream = streamElements(source, {
    limits: { ...ACK_LIMITS, ...options.limits },
    onRoot(name) {
      if (name === ACK_ROOT) {
        return;
      }
      if (name === BATCH_ROOT || name === ICSR_ROOT) {
        throw new E2bFileError('E2B_NOT_ACK', `not an acknowledgement: ${name} is an ICSR message`, name);
      }
      throw new E2bFileError('E2B_NOT_ACK', `not an acknowledgement: the root element is ${name}, expected ${ACK_ROOT}`, name);
    },
    capture: (_name, depth) => depth === 1,
  });
  for await (const captured of stream) {
    root = captured.el;
  }
  if (root === undefined) {
    throw new E2bFileError('E2B_MALFORMED', 'empty acknowledgement');
  }

  const warnings: string[] = [];
  const batchAck = kid(root, 'acknowledgement');
  const typeCode = attr(batchAck, 'typeCode');
  const code = typeCode === 'AA' || typeCode === 'AE' || typeCode === 'AR' ? typeCode : null;
  if (code === null) {
    warnings.push(`ACK.A.4: transmission acknowledgement code "${typeCode ?? ''}" is not AA, AE or AR`);
  }
  const acknowledgements = kids(root, ACK_MESSAGE).map((m, index) => messageAck(m, index, warnings));
  return {
    ackBatchId: attr(kid(root, 'id'), 'extension') ?? null,
    senderId: attr(find(root, 'sender/device/id'), 'extension') ?? null,
    receiverId: attr(find(root, 'receiver/device/id'), 'extension') ?? null,
    createdAt: attr(kid(root, 'creationTime'), 'value') ?? null,
    icsrBatchId: attr(find(batchAck, 'targetBatch/id'), 'extension') ?? null,
    localMessageNumber: attr(keywordValue(root, '2'), 'extension') ?? null,
    icsrBatchTransmittedAt: attr(keywordValue(root, '3'), 'value') ?? null,
    code,
    messages: details(batchAck),
    acknowledgements,
    warnings,
  };
}
