import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../common/validation';
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
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: QUALIFICATIONS, description: 'unknown counts as consumer for validity' })
  @IsOptional()
  @IsIn(QUALIFICATIONS)
  qualification?: Qualification;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Matches(COUNTRY, { message: COUNTRY_RULE })
  country?: string;

  @ApiPropertyOptional({ description: 'the primary source (E2B C.2.r.5): its country decides EEA or not' })
  @IsOptional()
  @IsBoolean()
  primarySource?: boolean;
}

export class PatientDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  initials?: string;

  @ApiPropertyOptional({ description: 'record, registry or study subject number' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  identifier?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(150)
  ageValue?: number;

  @ApiPropertyOptional({ enum: AGE_UNITS })
  @IsOptional()
  @IsIn(AGE_UNITS)
  ageUnit?: AgeUnit;

  @ApiPropertyOptional({ enum: AGE_GROUPS })
  @IsOptional()
  @IsIn(AGE_GROUPS)
  ageGroup?: AgeGroup;

  @ApiPropertyOptional({ enum: SEXES })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @Min(0.1)
  @Max(700)
  weightKg?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  medicalHistory?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  diedOn?: string;
}

export class ReactionDto {
  @ApiPropertyOptional({ example: 'r1', description: 'stable within the case; given as r1, r2… when left out' })
  @IsOptional()
  @Matches(KEY, { message: KEY_RULE })
  key?: string;

  @ApiProperty({ example: 'severe headache' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reportedTerm!: string;

  @ApiPropertyOptional({ description: 'MedDRA LLT code (needs a loaded dictionary)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  lltCode?: number;

  @ApiPropertyOptional({ example: 'Headache', description: 'PT name: coded when a dictionary is loaded, else kept and shown as uncoded' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  ptName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  onset?: string;

  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: ReactionOutcome;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({ enum: SERIOUSNESS_CRITERIA, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(SERIOUSNESS_CRITERIA, { each: true, message: `must hold criteria among: ${SERIOUSNESS_CRITERIA.join(', ')}` })
  seriousness?: SeriousnessCriterion[];
}

export class DrugDto {
  @ApiPropertyOptional({ example: 'd1', description: 'stable within the case; given as d1, d2… when left out' })
  @IsOptional()
  @Matches(KEY, { message: KEY_RULE })
  key?: string;

  @ApiProperty({ enum: DRUG_ROLES })
  @IsIn(DRUG_ROLES)
  role!: DrugRole;

  @ApiPropertyOptional({ example: 'Hemgenix', description: 'a tracked product, by name or id (stored as its id)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  productId?: string;

  @ApiProperty({ example: 'Hemgenix' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  name!: string;

  @ApiPropertyOptional({ description: 'for biologicals the batch number must be chased' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  batchNumber?: string;

  @ApiPropertyOptional({ example: '2×10^13 gc/kg once' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  dose?: string;

  @ApiPropertyOptional({ example: 'intravenous' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  route?: string;

  @ApiPropertyOptional({ enum: ACTIONS_TAKEN })
  @IsOptional()
  @IsIn(ACTIONS_TAKEN)
  actionTaken?: ActionTaken;

  @ApiPropertyOptional({ enum: CHALLENGE_RESULTS })
  @IsOptional()
  @IsIn(CHALLENGE_RESULTS)
  dechallenge?: ChallengeResult;

  @ApiPropertyOptional({ enum: CHALLENGE_RESULTS })
  @IsOptional()
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
  @IsOptional()
  @IsIn(CAUSALITY_ASSESSMENTS)
  reporter?: CausalityAssessment;

  @ApiPropertyOptional({ enum: CAUSALITY_ASSESSMENTS })
  @IsOptional()
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
  @IsOptional()
  @IsIn(SOLICITED_SOURCES)
  solicitedSource?: SolicitedSource;

  @ApiPropertyOptional({ description: 'for literature reports' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  literatureReference?: string;

  @ApiProperty({ example: '2026-11-02', description: 'C.1.4 first receipt by the holder (calendar date as recorded)' })
  @IsCalendarDate()
  initialReceiptOn!: string;

  @ApiPropertyOptional({ example: '2026-11-02', description: 'C.1.5 day 0 of this information (default: the initial receipt date)' })
  @IsOptional()
  @IsCalendarDate()
  day0?: string;

  @ApiPropertyOptional({ description: 'follow-up only: significant new information starts a new clock (default true)' })
  @IsOptional()
  @IsBoolean()
  significant?: boolean;

  @ApiPropertyOptional({ type: [OtherIdentifierDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OtherIdentifierDto)
  otherIdentifiers?: OtherIdentifierDto[];

  @ApiPropertyOptional({ type: [String], description: 'ids of linked reports (mother–child): related, not duplicates' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  linkedReports?: string[];

  @ApiPropertyOptional({ type: [ReporterDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ReporterDto)
  reporters?: ReporterDto[];

  @ApiPropertyOptional({ type: PatientDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PatientDto)
  patient?: PatientDto;

  @ApiPropertyOptional({ type: [ReactionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ReactionDto)
  reactions?: ReactionDto[];

  @ApiPropertyOptional({ type: [DrugDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DrugDto)
  drugs?: DrugDto[];

  @ApiPropertyOptional({ type: [CausalityDto], description: 'reporter and company assessment per drug–reaction pair' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => CausalityDto)
  causality?: CausalityDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  narrative?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  lackOfEfficacy?: boolean;

  @ApiPropertyOptional({ enum: SPECIAL_SITUATIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(SPECIAL_SITUATIONS, { each: true, message: `must hold situations among: ${SPECIAL_SITUATIONS.join(', ')}` })
  specialSituations?: SpecialSituation[];
}

export class CreateCaseDto extends CaseContentDto {
  @ApiProperty({ description: 'product id or name' })
  @IsString()
  @IsNotEmpty()
  product!: string;

  @ApiPropertyOptional({ description: 'worldwide unique case id (C.1.8.1) when the case comes from elsewhere; default: the new safety report id' })
  @IsOptional()
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
  @IsOptional()
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
  version!: number;

  @ApiProperty({ example: '2026-11-10', description: 'date of the positive acknowledgement (ACK.B.r.6 = CA)' })
  @IsCalendarDate()
  acknowledgedOn!: string;

  @ApiPropertyOptional({ example: 'EudraVigilance', description: 'default EudraVigilance' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recipient?: string;

  @ApiPropertyOptional({ description: 'acknowledgement message id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ackRef?: string;
}

export const LINK_KINDS = ['duplicate-of', 'related'] as const;

export class LinkCaseDto {
  @ApiProperty({ description: 'the other case (for duplicate-of: the master case)' })
  @IsString()
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
