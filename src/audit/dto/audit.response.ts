import { ApiProperty } from '@nestjs/swagger';
import { ApiAnyValue, ApiFreeObject, ApiInstant } from '../../common/api-properties';
import type { FieldChange } from '../audit-diff';
import { AUDIT_CHAIN_PROBLEMS, type AuditChainBreak, type AuditChainProblem, type AuditVerifyReport } from '../audit-verify';

/** One changed top-level field of an audited record. */
export class AuditFieldChangeResponse implements FieldChange {
  @ApiProperty()
  field!: string;

  @ApiAnyValue({ description: 'the value before (absent or null when the field is new)' })
  before!: unknown;

  @ApiAnyValue({ description: 'the value after (null when the field went away)' })
  after!: unknown;
}

export class AuditEntryResponse {
  @ApiProperty({ example: '1042', description: 'position in the trail (a 64-bit integer as text); page with `afterSeq`' })
  seq!: string;

  @ApiInstant()
  occurredAt!: string;

  @ApiProperty({ description: 'the database transaction that wrote it (rows of one transaction are chained together)' })
  txId!: string;

  @ApiProperty({ example: 'user:j.devries' })
  actor!: string;

  @ApiProperty({ example: 'milestone' })
  entityType!: string;

  @ApiProperty()
  entityId!: string;

  @ApiProperty({ example: 'update' })
  action!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiFreeObject({ nullable: true, description: 'the record before the change (null for a creation)' })
  before!: Record<string, unknown> | null;

  @ApiFreeObject({ nullable: true, description: 'the record after the change (null for a deletion)' })
  after!: Record<string, unknown> | null;

  @ApiProperty({ type: [AuditFieldChangeResponse], description: 'before → after, field by field (top-level fields)' })
  changes!: AuditFieldChangeResponse[];

  @ApiProperty({ description: 'case content (before, after, reason) removed: the reader’s role may not read cases' })
  redacted!: boolean;
}

export class AuditChainHeadResponse {
  @ApiProperty()
  seq!: string;

  @ApiProperty({ description: 'the recomputed hash: record it elsewhere to detect a truncated chain later' })
  hash!: string;
}

export class AuditChainBreakResponse implements AuditChainBreak {
  @ApiProperty({ type: String, nullable: true, description: 'the broken link; null for unsealed entries' })
  linkSeq!: string | null;

  @ApiProperty()
  txId!: string;

  @ApiProperty({ enum: AUDIT_CHAIN_PROBLEMS })
  problem!: AuditChainProblem;

  @ApiProperty()
  detail!: string;
}

export class AuditVerifyResponse implements AuditVerifyReport {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ type: 'integer', description: 'links recomputed and found intact (the walk stops at the first broken link)' })
  checkedLinks!: number;

  @ApiProperty({ type: 'integer', description: 'audit rows covered by those links' })
  checkedEntries!: number;

  @ApiProperty({ type: AuditChainHeadResponse, nullable: true, description: 'the last intact link' })
  head!: AuditChainHeadResponse | null;

  @ApiProperty({ type: AuditChainBreakResponse, nullable: true })
  firstBreak!: AuditChainBreakResponse | null;
}
