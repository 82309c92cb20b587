import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiAnyValue, ApiDate, ApiInstant } from '../../common/api-properties';
import { ICSR_REPORT_TYPES, type IcsrReportType } from '../../deadlines/engine/icsr';
import type { ClockCounts, ClockView, ComplianceRow } from '../case-clocks.service';
import { SERIOUSNESS_CRITERIA, type SeriousnessCriterion, VERSION_TYPES, type VersionType } from '../case-content';
import type { FieldChange } from '../case-diff';
import type { PossibleDuplicate, RelatedCase } from '../case-queries.service';
import { DUPLICATE_FIELDS, type DuplicateField } from '../duplicates';
import { CASE_STATUSES, type CaseStatus, CLOCK_STATUSES, type ClockStatus } from '../safety-case.entities';
import { CaseAssessmentResponse, CaseContentResponse, NoClockResponse, PlannedClockResponse } from './case-content.response';

export class CaseSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the suspect product as reported, while it is not a registered product' })
  reportedProduct!: string | null;

  @ApiProperty({ description: 'C.1.1, unique in this database' })
  safetyReportId!: string;

  @ApiProperty({ description: 'C.1.8.1, the same in every database' })
  worldwideId!: string;

  @ApiProperty({ type: 'integer' })
  currentVersion!: number;

  @ApiProperty({ enum: VERSION_TYPES })
  currentType!: VersionType;

  @ApiProperty({ enum: ICSR_REPORT_TYPES })
  reportType!: IcsrReportType;

  @ApiProperty({ enum: CASE_STATUSES, description: 'incomplete: not (yet) valid, no clock' })
  status!: CaseStatus;

  @ApiProperty()
  serious!: boolean;

  @ApiProperty()
  seriousUnexpected!: boolean;

  @ApiProperty({ type: String, nullable: true })
  primaryCountry!: string | null;

  @ApiDate()
  initialReceiptOn!: string;

  @ApiDate()
  latestDay0!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'linked as a duplicate of this master case' })
  masterCaseId!: string | null;

  @ApiProperty()
  synthetic!: boolean;

  @ApiProperty({ description: 'downloaded from EudraVigilance: no reporting clock, never submitted back' })
  fromEudraVigilance!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'said in words wherever a synthetic case appears' })
  syntheticNotice!: string | null;
}

export class CaseListClockResponse {
  @ApiDate()
  dueOn!: string;

  @ApiProperty({ type: 'integer', description: 'calendar days from today to the due date (negative: overdue)' })
  daysLeft!: number;

  @ApiProperty()
  ruleId!: string;

  @ApiProperty()
  overdue!: boolean;
}

/** A row of the case list: the case with what a safety officer scans in it. */
export class CaseListItemResponse extends CaseSummaryResponse {
  @ApiProperty({ type: String, nullable: true, description: 'the registered product’s name (else see reportedProduct)' })
  productName!: string | null;

  @ApiProperty({ type: [String], enum: SERIOUSNESS_CRITERIA, description: 'seriousness criteria of the current version, over all its reactions' })
  seriousCriteria!: SeriousnessCriterion[];

  @ApiProperty({ type: [String], description: 'each reaction’s PT, or its reported term while uncoded' })
  preferredTerms!: string[];

  @ApiProperty({ type: CaseListClockResponse, nullable: true, description: 'the earliest open reporting clock, if any' })
  nextClock!: CaseListClockResponse | null;
}

export class CaseListResponse {
  @ApiProperty({ type: 'integer', description: 'cases matching the filters, counted up to a cap: when totalIsExact is false there are more than this' })
  total!: number;

  @ApiProperty({ description: 'false when the count stopped at its cap' })
  totalIsExact!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor!: string | null;

  @ApiProperty({ type: [CaseListItemResponse] })
  cases!: CaseListItemResponse[];
}

export class CaseVersionSummaryResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ enum: VERSION_TYPES })
  type!: VersionType;

  @ApiDate()
  day0!: string;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty()
  createdBy!: string;

  @ApiInstant()
  createdAt!: Date;

  @ApiProperty()
  valid!: boolean;

  @ApiProperty()
  serious!: boolean;

  @ApiProperty({ type: PlannedClockResponse, nullable: true, description: 'the reporting clock this version started' })
  clock!: PlannedClockResponse | null;

  @ApiProperty({ type: NoClockResponse, nullable: true, description: 'why it started none' })
  noClock!: NoClockResponse | null;
}

/** One version as recorded, with its assessment. */
export class CaseVersionResponse extends CaseVersionSummaryResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the reference safety information it was assessed against' })
  rsiId!: string | null;

  @ApiProperty({ type: CaseContentResponse })
  content!: CaseContentResponse;

  @ApiProperty({ type: CaseAssessmentResponse })
  assessment!: CaseAssessmentResponse;
}

/** A reporting clock of a case version: due date with its rule, days left, and how it was met. */
export class CaseClockResponse implements ClockView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty()
  safetyReportId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productId!: string | null;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiDate()
  day0!: string;

  @ApiDate()
  dueOn!: string;

  @ApiProperty({ type: 'integer' })
  days!: number;

  @ApiProperty()
  ruleId!: string;

  @ApiProperty()
  ruleSource!: string;

  @ApiProperty()
  explanation!: string;

  @ApiProperty({ enum: CLOCK_STATUSES })
  status!: ClockStatus;

  @ApiProperty({ type: 'integer', nullable: true, description: 'open clocks: calendar days until due (negative = overdue)' })
  daysLeft!: number | null;

  @ApiProperty()
  overdue!: boolean;

  @ApiDate({ nullable: true })
  submittedOn!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'the version whose acknowledgement met it' })
  submittedVersion!: number | null;

  @ApiProperty({ type: Boolean, nullable: true })
  onTime!: boolean | null;

  @ApiProperty({ type: String, nullable: true })
  closedReason!: string | null;

  @ApiProperty()
  synthetic!: boolean;
}

export class CaseSubmissionResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ example: 'EudraVigilance' })
  recipient!: string;

  @ApiDate()
  acknowledgedOn!: string;

  @ApiProperty({ type: String, nullable: true })
  ackRef!: string | null;

  @ApiProperty()
  recordedBy!: string;
}

export class RelatedCaseResponse implements RelatedCase {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty()
  safetyReportId!: string;

  @ApiProperty({ enum: ['duplicate-of', 'master-of', 'related'] })
  kind!: RelatedCase['kind'];

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  linkedBy!: string;

  @ApiInstant()
  linkedAt!: Date;
}

export class PossibleDuplicateResponse implements PossibleDuplicate {
  @ApiProperty({ format: 'uuid', description: 'the other case' })
  caseId!: string;

  @ApiProperty()
  safetyReportId!: string;

  @ApiProperty()
  worldwideId!: string;

  @ApiProperty({ description: 'equal other-case identifiers: a duplicate for certain' })
  certain!: boolean;

  @ApiProperty({ minimum: 0, maximum: 1 })
  score!: number;

  @ApiProperty({ enum: DUPLICATE_FIELDS, isArray: true })
  matched!: DuplicateField[];

  @ApiProperty({ enum: DUPLICATE_FIELDS, isArray: true })
  conflicting!: DuplicateField[];

  @ApiProperty({ description: 'already linked as a duplicate' })
  linked!: boolean;
}

/** A case with its current version, assessment, clocks, submissions and links. */
export class CaseDetailResponse extends CaseSummaryResponse {
  @ApiProperty({ type: CaseVersionResponse })
  version!: CaseVersionResponse;

  @ApiProperty({ type: [CaseClockResponse] })
  clocks!: CaseClockResponse[];

  @ApiProperty({ type: [CaseSubmissionResponse] })
  submissions!: CaseSubmissionResponse[];

  @ApiProperty({ type: [RelatedCaseResponse] })
  related!: RelatedCaseResponse[];

  @ApiPropertyOptional({ type: [PossibleDuplicateResponse], description: 'on intake and follow-up: possible duplicates among the product’s cases' })
  possibleDuplicates?: PossibleDuplicateResponse[];
}

export class CaseFieldChangeResponse implements FieldChange {
  @ApiProperty({ example: 'reactions[r2].outcome' })
  path!: string;

  @ApiAnyValue({ description: 'absent (null) when added' })
  before!: unknown;

  @ApiAnyValue({ description: 'absent (null) when removed' })
  after!: unknown;
}

export class CaseDiffResponse {
  @ApiProperty({ type: 'integer', nullable: true, description: 'the version compared against; null for the initial version' })
  from!: number | null;

  @ApiProperty({ type: 'integer' })
  to!: number;

  @ApiProperty({ type: [CaseFieldChangeResponse] })
  changes!: CaseFieldChangeResponse[];
}

export class ComplianceResponse implements ComplianceRow {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty()
  productName!: string;

  @ApiProperty({ type: 'integer', description: 'clocks due in the period that were met or should have been by today' })
  due!: number;

  @ApiProperty({ type: 'integer' })
  submittedOnTime!: number;

  @ApiProperty({ type: 'integer' })
  submittedLate!: number;

  @ApiProperty({ type: 'integer', description: 'still open and past their due date' })
  overdue!: number;

  @ApiProperty({ type: 'integer', description: 'still open, not yet due' })
  pending!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'on time / (submitted + overdue); null when nothing was due' })
  compliancePercent!: number | null;
}

export class CaseClockCountsResponse implements ClockCounts {
  @ApiDate({ description: 'the server\'s today the counts are computed for' })
  today!: string;

  @ApiProperty({ type: 'integer', description: 'open reporting clocks' })
  open!: number;

  @ApiProperty({ type: 'integer', description: 'open and past their due date' })
  overdue!: number;

  @ApiProperty({ type: 'integer', description: 'open and due from today up to dueSoonDays days ahead' })
  dueSoon!: number;

  @ApiProperty({ type: 'integer' })
  dueSoonDays!: number;

  @ApiDate({ description: 'first day of the on-time period (the last twelve months up to today)' })
  onTimeFrom!: string;

  @ApiDate({ description: 'last day of the on-time period (today)' })
  onTimeTo!: string;

  @ApiProperty({ type: 'integer', description: 'clocks due in the period, submitted on time' })
  submittedOnTime!: number;

  @ApiProperty({ type: 'integer', description: 'clocks due in the period, submitted late' })
  submittedLate!: number;

  @ApiProperty({ type: 'integer', description: 'clocks due in the period, still open and past their due date' })
  overdueInPeriod!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'on time / (submitted + overdue) in the period, one decimal; null when nothing was due' })
  onTimePercent!: number | null;
}
