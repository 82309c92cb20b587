import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { ICSR_REPORT_TYPES, IcsrReportType } from '../../deadlines/engine/icsr';
import {
  ACTIONS_TAKEN,
  ActionTaken,
  AGE_GROUPS,
  AGE_UNITS,
  AgeGroup,
  AgeUnit,
  CAUSALITY_ASSESSMENTS,
  CausalityAssessment,
  CHALLENGE_RESULTS,
  ChallengeResult,
  DRUG_ROLES,
  DrugRole,
  OUTCOMES,
  QUALIFICATIONS,
  Qualification,
  ReactionOutcome,
  SERIOUSNESS_CRITERIA,
  SeriousnessCriterion,
  SEVERITIES,
  Severity,
  SEXES,
  Sex,
  SOLICITED_SOURCES,
  SolicitedSource,
  SPECIAL_SITUATIONS,
  SpecialSituation,
} from '../case-content';

const KEY = /^[a-z][a-z0-9-]{0,19}$/;
const KEY_RULE = 'must be a short key such as "r1" (lower-case letters, digits, "-")';
const COUNTRY = /^[A-Z]{2}$/;
const COUNTRY_RULE = 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. "DE"';

export class ReporterDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: QUALIFICATIONS, description: 'unknown counts as consumer for validity' })
  @IsOptionalNotNull()
  @IsIn(QUALIFICATIONS)
  qualification?: Qualification;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptionalNotNull()
  @Matches(COUNTRY, { message: COUNTRY_RULE })
  country?: string;

  @ApiPropertyOptional({ description: 'the primary source (E2B C.2.r.5): its country decides EEA or not' })
  @IsOptionalNotNull()
  @IsBoolean()
  primarySource?: boolean;
}

export class PatientDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(60)
  initials?: string;

  @ApiPropertyOptional({ description: 'record, registry or study subject number' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  identifier?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsNumber()
  @Min(0)
  @Max(150)
  ageValue?: number;

  @ApiPropertyOptional({ enum: AGE_UNITS })
  @IsOptionalNotNull()
  @IsIn(AGE_UNITS)
  ageUnit?: AgeUnit;

  @ApiPropertyOptional({ enum: AGE_GROUPS })
  @IsOptionalNotNull()
  @IsIn(AGE_GROUPS)
  ageGroup?: AgeGroup;

  @ApiPropertyOptional({ enum: SEXES })
  @IsOptionalNotNull()
  @IsIn(SEXES)
  sex?: Sex;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsNumber()
  @Min(0.1)
  @Max(700)
  weightKg?: number;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(5000)
  medicalHistory?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsCalendarDate()
  diedOn?: string;
}

export class ReactionDto {
  @ApiPropertyOptional({ example: 'r1', description: 'stable within the case; given as r1, r2… when left out' })
  @IsOptionalNotNull()
  @Matches(KEY, { message: KEY_RULE })
  key?: string;

  @ApiProperty({ example: 'severe headache' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reportedTerm!: string;

  @ApiPropertyOptional({ description: 'MedDRA LLT code (needs a loaded dictionary)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(999_999_999, { message: 'must be a MedDRA code: a whole number of at most 9 digits' })
  lltCode?: number;

  @ApiPropertyOptional({ example: 'Headache', description: 'PT name: coded when a dictionary is loaded, else kept and shown as uncoded' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  ptName?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsCalendarDate()
  onset?: string;

  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptionalNotNull()
  @IsIn(OUTCOMES)
  outcome?: ReactionOutcome;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptionalNotNull()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({ enum: SERIOUSNESS_CRITERIA, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @IsIn(SERIOUSNESS_CRITERIA, { each: true, message: `must hold criteria among: ${SERIOUSNESS_CRITERIA.join(', ')}` })
  seriousness?: SeriousnessCriterion[];
}

export class DrugDto {
  @ApiPropertyOptional({ example: 'd1', description: 'stable within the case; given as d1, d2… when left out' })
  @IsOptionalNotNull()
  @Matches(KEY, { message: KEY_RULE })
  key?: string;

  @ApiProperty({ enum: DRUG_ROLES })
  @IsIn(DRUG_ROLES)
  role!: DrugRole;

  @ApiPropertyOptional({ example: 'Hemgenix', description: 'a tracked product, by name or id (stored as its id)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  productId?: string;

  @ApiProperty({ example: 'Hemgenix' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  name!: string;

  @ApiPropertyOptional({ description: 'for biologicals the batch number must be chased' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  batchNumber?: string;

  @ApiPropertyOptional({ example: '2×10^13 gc/kg once' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  dose?: string;

  @ApiPropertyOptional({ example: 'intravenous' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  route?: string;

  @ApiPropertyOptional({ enum: ACTIONS_TAKEN })
  @IsOptionalNotNull()
  @IsIn(ACTIONS_TAKEN)
  actionTaken?: ActionTaken;

  @ApiPropertyOptional({ enum: CHALLENGE_RESULTS })
  @IsOptionalNotNull()
  @IsIn(CHALLENGE_RESULTS)
  dechallenge?: ChallengeResult;

  @ApiPropertyOptional({ enum: CHALLENGE_RESULTS })
  @IsOptionalNotNull()
  @IsIn(CHALLENGE_RESULTS)
  rechallenge?: ChallengeResult;
}

export class CausalityDto {
  @ApiProperty({ example: 'd1' })
  @Matches(KEY, { message: KEY_RULE })
  drugKey!: string;

  @ApiProperty({ example: 'r1' })
  @Matches(KEY, { message: KEY_RULE })
  reactionKey!: string;

  @ApiPropertyOptional({ enum: CAUSALITY_ASSESSMENTS })
  @IsOptionalNotNull()
  @IsIn(CAUSALITY_ASSESSMENTS)
  reporter?: CausalityAssessment;

  @ApiPropertyOptional({ enum: CAUSALITY_ASSESSMENTS })
  @IsOptionalNotNull()
  @IsIn(CAUSALITY_ASSESSMENTS)
  company?: CausalityAssessment;
}

export class OtherIdentifierDto {
  @ApiProperty({ example: 'FR-AFSSAPS' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  source!: string;

  @ApiProperty({ example: 'FR-AFSSAPS-2026-1234' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  id!: string;
}

/** What a case version says; everything but the report type and dates may be missing (an incomplete case is kept). */
export class CaseContentDto {
  @ApiProperty({ enum: ICSR_REPORT_TYPES })
  @IsIn(ICSR_REPORT_TYPES)
  reportType!: IcsrReportType;

  @ApiPropertyOptional({ enum: SOLICITED_SOURCES, description: 'for solicited reports' })
  @IsOptionalNotNull()
  @IsIn(SOLICITED_SOURCES)
  solicitedSource?: SolicitedSource;

  @ApiPropertyOptional({ description: 'for literature reports' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1000)
  literatureReference?: string;

  @ApiProperty({ example: '2026-11-02', description: 'C.1.4 first receipt by the holder (calendar date as recorded)' })
  @IsCalendarDate()
  initialReceiptOn!: string;

  @ApiPropertyOptional({ example: '2026-11-02', description: 'C.1.5 day 0 of this information (default: the initial receipt date)' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  day0?: string;

  @ApiPropertyOptional({ description: 'follow-up only: significant new information starts a new clock (default true)' })
  @IsOptionalNotNull()
  @IsBoolean()
  significant?: boolean;

  @ApiPropertyOptional({ type: [OtherIdentifierDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OtherIdentifierDto)
  otherIdentifiers?: OtherIdentifierDto[];

  @ApiPropertyOptional({ type: [String], description: 'ids of linked reports (mother–child): related, not duplicates' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  linkedReports?: string[];

  @ApiPropertyOptional({ type: [ReporterDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ReporterDto)
  reporters?: ReporterDto[];

  @ApiPropertyOptional({ type: PatientDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => PatientDto)
  patient?: PatientDto;

  @ApiPropertyOptional({ type: [ReactionDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ReactionDto)
  reactions?: ReactionDto[];

  @ApiPropertyOptional({ type: [DrugDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DrugDto)
  drugs?: DrugDto[];

  @ApiPropertyOptional({ type: [CausalityDto], description: 'reporter and company assessment per drug–reaction pair' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => CausalityDto)
  causality?: CausalityDto[];

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100000)
  narrative?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  lackOfEfficacy?: boolean;

  @ApiPropertyOptional({ enum: SPECIAL_SITUATIONS, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @IsIn(SPECIAL_SITUATIONS, { each: true, message: `must hold situations among: ${SPECIAL_SITUATIONS.join(', ')}` })
  specialSituations?: SpecialSituation[];
}

export class CreateCaseDto extends CaseContentDto {
  @ApiProperty({ description: 'product id or name' })
  @IsString()
  @MaxLength(300)
  @IsNotEmpty()
  product!: string;

  @ApiPropertyOptional({ description: 'worldwide unique case id (C.1.8.1) when the case comes from elsewhere; default: the new safety report id' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  worldwideId?: string;
}

export const FOLLOW_UP_TYPES = ['follow-up', 'amendment'] as const;

export class CaseVersionDto extends CaseContentDto {
  @ApiProperty({ enum: FOLLOW_UP_TYPES, description: 'follow-up: new information (new day 0); amendment: a correction, no new clock' })
  @IsIn(FOLLOW_UP_TYPES)
  type!: (typeof FOLLOW_UP_TYPES)[number];

  @ApiPropertyOptional({ description: 'required for an amendment: what is corrected and why' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class NullifyCaseDto {
  @ApiProperty({ example: 'sent in error: duplicate of EU-…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ExpectednessOverrideDto {
  @ApiProperty({ example: 'r1' })
  @Matches(KEY, { message: KEY_RULE })
  reactionKey!: string;

  @ApiProperty()
  @IsBoolean()
  expected!: boolean;

  @ApiProperty({ example: 'SmPC 4.8 lists hepatotoxicity in the text under the table' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class SubmissionDto {
  @ApiProperty({ description: 'the case version the recipient accepted' })
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  version!: number;

  @ApiProperty({ example: '2026-11-10', description: 'date of the positive acknowledgement (ACK.B.r.6 = CA)' })
  @IsCalendarDate()
  acknowledgedOn!: string;

  @ApiPropertyOptional({ example: 'EudraVigilance', description: 'default EudraVigilance' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recipient?: string;

  @ApiPropertyOptional({ description: 'acknowledgement message id' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  ackRef?: string;
}

export const LINK_KINDS = ['duplicate-of', 'related'] as const;

export class LinkCaseDto {
  @ApiProperty({ description: 'the other case (for duplicate-of: the master case)' })
  @IsString()
  @MaxLength(300)
  @IsNotEmpty()
  otherCase!: string;

  @ApiProperty({ enum: LINK_KINDS })
  @IsIn(LINK_KINDS)
  kind!: (typeof LINK_KINDS)[number];

  @ApiProperty({ example: 'same patient, same reaction, same dates; FR-AFSSAPS id in other identifiers' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
