import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, type ProductScope } from '../common/actor';
import { type IsoDate, isIsoDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError } from '../common/errors';
import { CaseClocksService } from '../safety-cases/case-clocks.service';
import { SafetyCase } from '../safety-cases/safety-case.entities';
import type { Acknowledgement, MessageAcknowledgement } from './e2b-ack';
import { type AckOutcome, E2bAcknowledgement } from './e2b.entities';

/** One acknowledged message as reported back to the user. */
export interface AckLine {
  position: number;
  messageNumber: string | null;
  code: 'CA' | 'CR' | null;
  outcome: AckOutcome;
  safetyReportId: string | null;
  version: number | null;
  detail: string;
}

/** An acknowledgement as listed: the stored row with the case it matched. */
export interface AcknowledgementView {
  id: string;
  fileName: string;
  position: number;
  ackBatchId: string | null;
  icsrBatchId: string | null;
  batchCode: 'AA' | 'AE' | 'AR' | null;
  messageNumber: string | null;
  code: 'CA' | 'CR' | null;
  messages: string[];
  acknowledgedOn: IsoDate | null;
  senderId: string | null;
  safetyReportId: string | null;
  version: number | null;
  outcome: AckOutcome;
  detail: string;
  createdBy: string;
  createdAt: Date;
}

/** The ack file as a whole: its checksum, name and when it was read before (a repeat changes nothing). */
export interface AckFile {
  name: string;
  sha256: string;
}

const EU_RECEIVERS: Record<string, string> = { EVHUMAN: 'EudraVigilance' };
const TEST_RECEIVERS = new Set(['EVTEST']);

/** The calendar date of an HL7 TS as written ("20220811135030-0400" → 2022-08-11), or null. */
function tsDate(ts: string | null): IsoDate | null {
  if (ts === null || !/^\d{8}/.test(ts)) {
    return null;
  }
  const day = `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}`;
  return isIsoDate(day) ? day : null;
}

/**
 * Acknowledgements (MCCI_IN200101UV01) → what they mean for our cases. Each acknowledged message is matched
 * to a case version: by the message id we exported it under, else by a case id it names (C.1.1 or C.1.8.1),
 * then the latest version whose day 0 is on or before the acknowledgement date. A positive acknowledgement
 * (ACK.B.r.6 = CA) records the submission with the acknowledgement's date, which meets the version's open
 * clocks; a rejection (CR) is kept with its messages and the clock stays open. An acknowledgement that
 * matches no case is stored and reported as unmatched, never an error. Every row is kept (append-only).
 */
@Injectable()
export class E2bAcknowledgementsService {
  constructor(
    private readonly clocks: CaseClocksService,
    private readonly clock: Clock,
  ) {}

  /** When this file was read before (same checksum), else null. */
  async readBefore(manager: EntityManager, sha256: string): Promise<Date | null> {
    const [row] = await manager.query<{ created_at: Date }[]>('SELECT min(created_at) AS created_at FROM e2b_acknowledgement WHERE file_sha256 = $1', [sha256]);
    return row?.created_at ?? null;
  }

  async record(manager: EntityManager, actor: Actor, file: AckFile, ack: Acknowledgement): Promise<AckLine[]> {
    const base = {
      fileName: file.name,
      fileSha256: file.sha256,
      ackBatchId: ack.ackBatchId,
      icsrBatchId: ack.icsrBatchId,
      batchCode: ack.code,
      createdBy: actor.id,
    };
    if (ack.acknowledgements.length === 0) {
      const detail = `batch acknowledgement ${ack.code ?? '(no code)'} for batch ${ack.icsrBatchId ?? '(not named)'} without any message acknowledgement${ack.messages.length > 0 ? `: ${ack.messages.join('; ')}` : ''}`;
      await manager.insert(E2bAcknowledgement, manager.create(E2bAcknowledgement, { ...base, position: 0, messages: ack.messages, acknowledgedOn: tsDate(ack.createdAt), senderId: ack.senderId, outcome: 'batch-only', detail }));
      return [{ position: 0, messageNumber: null, code: null, outcome: 'batch-only', safetyReportId: null, version: null, detail }];
    }
    const lines: AckLine[] = [];
    for (const [position, message] of ack.acknowledgements.entries()) {
      const acknowledgedOn = tsDate(message.acknowledgedAt) ?? tsDate(ack.createdAt) ?? this.clock.today();
      const senderId = message.senderId ?? ack.senderId;
      const { safetyCase, version, outcome, detail } = await this.resolve(manager, actor, ack, message, acknowledgedOn, senderId);
      await manager.insert(
        E2bAcknowledgement,
        manager.create(E2bAcknowledgement, {
          ...base,
          position,
          messageNumber: message.messageNumber,
          referencedIds: message.referencedIds,
          code: message.code,
          messages: message.messages,
          acknowledgedOn,
          senderId,
          caseId: safetyCase?.id ?? null,
          version,
          outcome,
          detail,
        }),
      );
      lines.push({ position, messageNumber: message.messageNumber, code: message.code, outcome, safetyReportId: safetyCase?.safetyReportId ?? null, version, detail });
    }
    return lines;
  }

  async list(manager: EntityManager, query: { outcome?: AckOutcome; limit: number }, scope: ProductScope): Promise<AcknowledgementView[]> {
    const rows = await manager.query<AcknowledgementView[]>(
      `SELECT a.id, a.file_name AS "fileName", a.position, a.ack_batch_id AS "ackBatchId", a.icsr_batch_id AS "icsrBatchId", a.batch_code AS "batchCode",
              a.message_number AS "messageNumber", a.code, a.messages, a.acknowledged_on::text AS "acknowledgedOn", a.sender_id AS "senderId",
              c.safety_report_id AS "safetyReportId", a.version, a.outcome, a.detail, a.created_by AS "createdBy", a.created_at AS "createdAt"
         FROM e2b_acknowledgement a LEFT JOIN safety_case c ON c.id = a.case_id
        WHERE ($1::text IS NULL OR a.outcome = $1)
          AND ($2::uuid[] IS NULL OR (c.product_id = ANY($2::uuid[])))
        ORDER BY a.created_at DESC, a.position
        LIMIT $3`,
      [query.outcome ?? null, scope, query.limit],
    );
    return rows;
  }

  private async resolve(
    manager: EntityManager,
    actor: Actor,
    ack: Acknowledgement,
    message: MessageAcknowledgement,
    acknowledgedOn: IsoDate,
    senderId: string | null,
  ): Promise<{ safetyCase: SafetyCase | null; version: number | null; outcome: AckOutcome; detail: string }> {
    const ids = [...new Set([...message.referencedIds, ...(message.worldwideId === null ? [] : [message.worldwideId])])];
    const named = ids.length === 0 ? 'no message or case id' : ids.join(', ');
    const [exported] = ids.length === 0 ? [] : await manager.query<{ case_id: string; version: number }[]>('SELECT case_id, version FROM e2b_export WHERE message_id = ANY($1::text[]) ORDER BY created_at DESC LIMIT 1', [ids]);
    const safetyCase =
      exported !== undefined
        ? await manager.findOneBy(SafetyCase, { id: exported.case_id })
        : ids.length === 0
          ? null
          : await manager
              .getRepository(SafetyCase)
              .createQueryBuilder('c')
              .where('c.safety_report_id = ANY(:ids) OR c.worldwide_id = ANY(:ids)', { ids })
              .orderBy('CASE WHEN c.safety_report_id = ANY(:ids) THEN 0 ELSE 1 END')
              .addOrderBy('c.created_at')
              .getOne();
    if (safetyCase === null) {
      return { safetyCase: null, version: null, outcome: 'unmatched', detail: `matches no case (${named})` };
    }
    const version = exported?.version ?? (await this.versionOn(manager, safetyCase, acknowledgedOn));
    if (version === null) {
      return { safetyCase, version: null, outcome: 'not-recorded', detail: `case ${safetyCase.safetyReportId} has no version with day 0 on or before the acknowledgement date ${acknowledgedOn}` };
    }
    if (message.code !== 'CA') {
      const why = message.messages.length > 0 ? `: ${message.messages.join('; ')}` : '';
      return message.code === 'CR'
        ? { safetyCase, version, outcome: 'rejected', detail: `rejected by ${senderId ?? 'the receiver'} (CR)${why}; the reporting clock stays open` }
        : { safetyCase, version, outcome: 'not-recorded', detail: `no valid ACK.B.r.6 code (neither CA nor CR)${why}` };
    }
    if (senderId !== null && TEST_RECEIVERS.has(senderId.toUpperCase())) {
      return { safetyCase, version, outcome: 'not-recorded', detail: `acknowledged by the EudraVigilance test system (${senderId}): a test submission does not count` };
    }
    if (safetyCase.fromEudravigilance) {
      return { safetyCase, version, outcome: 'not-recorded', detail: `case ${safetyCase.safetyReportId} was downloaded from EudraVigilance: it is never submitted` };
    }
    const recipient = senderId === null ? 'EudraVigilance' : (EU_RECEIVERS[senderId.toUpperCase()] ?? senderId);
    const ackRef = [ack.ackBatchId, message.localReportNumber].filter((p) => p !== null).join('/') || null;
    try {
      await this.clocks.recordSubmission(manager, { ...actor, scope: null }, safetyCase.id, { version, acknowledgedOn, recipient, ...(ackRef === null ? {} : { ackRef }) });
      return { safetyCase, version, outcome: 'submission-recorded', detail: `version ${version} accepted by ${recipient} on ${acknowledgedOn}: submission recorded` };
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'VERSION_ALREADY_SUBMITTED') {
        return { safetyCase, version, outcome: 'already-recorded', detail: `version ${version} was already recorded as accepted by ${recipient}` };
      }
      if (error instanceof InvalidInputError) {
        return { safetyCase, version, outcome: 'not-recorded', detail: error.message };
      }
      throw error;
    }
  }

  /** The latest version whose day 0 is on or before the day (the one the receiver can have had). */
  private async versionOn(manager: EntityManager, safetyCase: SafetyCase, day: IsoDate): Promise<number | null> {
    const [row] = await manager.query<{ version: number }[]>('SELECT version FROM safety_case_version WHERE case_id = $1 AND day0 <= $2 ORDER BY version DESC LIMIT 1', [safetyCase.id, day]);
    return row?.version ?? null;
  }
}
