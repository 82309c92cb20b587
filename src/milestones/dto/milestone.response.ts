import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiInstant } from '../../common/api-properties';
import { CHANGE_SOURCES, type ChangeSource } from '../due-date-change.entity';
import {
  DATE_BASES,
  type DateBasis,
  ECTD_SUBMISSION_TYPES,
  type EctdSubmissionType,
  MILESTONE_KINDS,
  MILESTONE_STATUSES,
  type MilestoneKind,
  type MilestoneOutcome,
  type MilestoneStatus,
  OUTCOMES,
} from '../milestone.entity';

/** Why a due date is what it is: where it comes from, the rule, its legal source and the arithmetic. */
export class DueDateWhyResponse {
  @ApiProperty({ enum: DATE_BASES, description: 'computed by a rule, given by Annex II or the regulator, or recorded from a decision' })
  basis!: DateBasis;

  @ApiProperty({ example: 'CMA-RENEWAL-DUE' })
  ruleId!: string;

  @ApiProperty({ description: 'the legal source of the rule' })
  source!: string;

  @ApiProperty({ description: 'how the date follows, in words' })
  explanation!: string;
}

export class MilestoneSubmissionResponse {
  @ApiDate()
  submittedOn!: string;

  @ApiProperty({ type: Boolean, nullable: true, description: 'submitted by the due date' })
  onTime!: boolean | null;

  @ApiProperty({ type: String, nullable: true, description: 'submission reference (e.g. the eCTD sequence)' })
  reference!: string | null;

  @ApiProperty({ enum: ECTD_SUBMISSION_TYPES, nullable: true })
  ectdType!: EctdSubmissionType | null;
}

export class MilestoneOutcomeResponse {
  @ApiProperty({ enum: OUTCOMES })
  outcome!: MilestoneOutcome;

  @ApiDate({ nullable: true })
  decidedOn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  procedureRef!: string | null;
}

/** Something the holder must submit by a date, with why the date is what it is. */
export class MilestoneResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set for renewals and PSURs of the authorisation' })
  authorisationId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  obligationId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the procedure whose clock stop made this response deadline' })
  procedureId!: string | null;

  @ApiProperty({ enum: MILESTONE_KINDS })
  kind!: MilestoneKind;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'renewal or PSUR cycle' })
  cycle!: number | null;

  @ApiDate()
  dueDate!: string;

  @ApiProperty({ type: DueDateWhyResponse })
  why!: DueDateWhyResponse;

  @ApiProperty({ enum: MILESTONE_STATUSES })
  status!: MilestoneStatus;

  @ApiProperty({ enum: MILESTONE_STATUSES, isArray: true, description: 'the statuses it may move to from here' })
  allowedTransitions!: readonly MilestoneStatus[];

  @ApiProperty({ description: 'still open and past its due date (computed from the dates, never stored)' })
  overdue!: boolean;

  @ApiProperty({ type: 'integer', nullable: true, description: 'open milestones: days until due (negative = overdue); null once submitted or cancelled' })
  daysLeft!: number | null;

  @ApiProperty({ type: MilestoneSubmissionResponse, nullable: true })
  submission!: MilestoneSubmissionResponse | null;

  @ApiProperty({ type: MilestoneOutcomeResponse, nullable: true, description: 'the assessment outcome, kept apart from timeliness' })
  outcome!: MilestoneOutcomeResponse | null;

  @ApiProperty({ type: String, nullable: true })
  cancelReason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  owner!: string | null;

  @ApiProperty({ description: 'the date is illustrative: confirm against the Union Register / Annex II' })
  illustrative!: boolean;
}

/** One due date a milestone has had: from, to, why, through which procedure, who, when. */
export class DueDateChangeResponse {
  @ApiDate({ nullable: true, description: 'null for the first date' })
  from!: string | null;

  @ApiDate()
  to!: string;

  @ApiProperty({ enum: CHANGE_SOURCES })
  source!: ChangeSource;

  @ApiProperty({ type: String, nullable: true })
  procedureRef!: string | null;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  changedBy!: string;

  @ApiInstant()
  changedAt!: string;

  @ApiDate({ description: 'the business date on which the change was recorded (what a dossier "as at" a date compares with)' })
  recordedOn!: string;
}
