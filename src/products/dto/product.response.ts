import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDate } from '../../common/api-properties';
import type { NonWorkingDayFlag } from '../../deadlines/engine/derived-date';
import { MilestoneResponse } from '../../milestones/dto/milestone.response';
import { AUTHORISATION_ENDINGS, AUTHORISATION_TYPES, type AuthorisationType } from '../marketing-authorisation.entity';
import type { Validity } from '../products.service';

/** A product named by id and name. */
export class ProductRefResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Hemgenix' })
  name!: string;
}

export class AuthorisationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AUTHORISATION_TYPES })
  type!: AuthorisationType;

  @ApiProperty({ example: 'CSL Behring GmbH' })
  holder!: string;

  @ApiProperty({ type: String, nullable: true, example: 'EU/1/22/1715/001' })
  euNumber!: string | null;

  @ApiDate({ description: 'the day the Commission decision was notified to the holder' })
  notifiedOn!: string;

  @ApiDate({ nullable: true, description: 'expiry recorded from a Commission decision (wins over the computed chain)' })
  recordedExpiry!: string | null;

  @ApiProperty({ type: String, nullable: true })
  recordedExpirySource!: string | null;

  @ApiDate({ nullable: true })
  marketedOn!: string | null;

  @ApiProperty()
  illustrative!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'what to confirm, when the dates are illustrative' })
  illustrativeNote!: string | null;
}

export class ProductSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Hemgenix' })
  name!: string;

  @ApiProperty({ example: 'etranacogene dezaparvovec' })
  activeSubstance!: string;

  @ApiProperty({ type: String, nullable: true, example: 'EMEA/H/C/004827' })
  emaProductNumber!: string | null;

  @ApiProperty()
  advancedTherapy!: boolean;

  @ApiProperty()
  additionalMonitoring!: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'EU/3/18/1999' })
  orphanDesignation!: string | null;

  @ApiProperty({ type: AuthorisationResponse, nullable: true })
  authorisation!: AuthorisationResponse | null;
}

/** A date on a weekend or closure day: flagged, never moved. */
export class NonWorkingDayResponse implements NonWorkingDayFlag {
  @ApiProperty({ enum: ['weekend', 'closure'] })
  reason!: 'weekend' | 'closure';

  @ApiPropertyOptional({ description: 'the closure day’s name' })
  closureName?: string;

  @ApiDate({ description: 'the working day to aim for (the preceding one for periods counted backwards)' })
  suggestedDate!: string;

  @ApiProperty()
  note!: string;
}

/** A computed date with its rule: "why this date?". */
export class RuledDateResponse {
  @ApiDate()
  date!: string;

  @ApiProperty({ example: 'CMA-EXPIRY' })
  ruleId!: string;

  @ApiProperty({ description: 'the legal source of the rule' })
  source!: string;

  @ApiProperty()
  explanation!: string;

  @ApiProperty({ type: NonWorkingDayResponse, nullable: true })
  nonWorkingDay!: NonWorkingDayResponse | null;

  @ApiProperty({ type: String, nullable: true, description: 'set when the date rests on an assumption the user must confirm (what it is and what to do)' })
  assumption!: string | null;
}

export class RenewalResponse {
  @ApiProperty({ type: 'integer' })
  cycle!: number;

  @ApiProperty({ type: RuledDateResponse })
  expiry!: RuledDateResponse;

  @ApiProperty({ type: RuledDateResponse, nullable: true, description: 'when the renewal window opens (CMA: expiry − 7 months)' })
  windowOpens!: RuledDateResponse | null;

  @ApiProperty({ type: RuledDateResponse })
  applicationDue!: RuledDateResponse;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the milestone tracking this renewal' })
  milestoneId!: string | null;
}

/** An annual reassessment of an authorisation under exceptional circumstances (Reg 726/2004 Art 14(8)). */
export class ReassessmentResponse {
  @ApiProperty({ type: 'integer' })
  cycle!: number;

  @ApiProperty({ type: RuledDateResponse, description: 'the anniversary of the authorisation' })
  anniversary!: RuledDateResponse;

  @ApiProperty({ type: RuledDateResponse })
  applicationDue!: RuledDateResponse;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the milestone tracking this reassessment' })
  milestoneId!: string | null;
}

export class PsurResponse {
  @ApiProperty({ type: 'integer' })
  cycle!: number;

  @ApiProperty({ type: RuledDateResponse, description: 'data lock point' })
  dlp!: RuledDateResponse;

  @ApiProperty({ type: 'integer' })
  intervalMonths!: number;

  @ApiProperty({ type: RuledDateResponse })
  submissionDue!: RuledDateResponse;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  milestoneId!: string | null;
}

export class ValidityResponse implements Validity {
  @ApiProperty({ enum: ['valid', 'renewal-pending', 'expired', 'lapsed-late-renewal', 'valid-unlimited', ...AUTHORISATION_ENDINGS], description: 'an ended authorisation shows how it ended' })
  status!: Validity['status'];

  @ApiProperty()
  explanation!: string;

  @ApiDate({ nullable: true })
  currentExpiry!: string | null;
}

/** A product with its authorisation, validity, renewal chain, PSURs and every milestone, each date with its rule. */
export class ProductDetailResponse extends ProductSummaryResponse {
  @ApiProperty()
  description!: string;

  @ApiDate({ nullable: true })
  orphanDesignationDate!: string | null;

  @ApiProperty()
  sourceNote!: string;

  @ApiProperty({ type: ValidityResponse, nullable: true, description: 'null without an authorisation' })
  validity!: ValidityResponse | null;

  @ApiProperty({ type: [RenewalResponse] })
  renewals!: RenewalResponse[];

  @ApiProperty({ type: [ReassessmentResponse], description: 'exceptional circumstances: the annual reassessments (empty otherwise)' })
  reassessments!: ReassessmentResponse[];

  @ApiProperty({ type: [PsurResponse] })
  psurs!: PsurResponse[];

  @ApiProperty({ type: [MilestoneResponse] })
  milestones!: MilestoneResponse[];
}

/** The renewal period in force of a conditional marketing authorisation (GET /api/renewal-windows). */
export class RenewalWindowResponse {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty()
  productName!: string;

  @ApiProperty({ format: 'uuid' })
  authorisationId!: string;

  @ApiProperty({ description: 'the authorisation\'s data are illustrative (confirm against the Union Register)' })
  illustrative!: boolean;

  @ApiProperty({ type: ValidityResponse })
  validity!: ValidityResponse;

  @ApiProperty({ type: 'integer', nullable: true, description: 'the renewal cycle whose expiry is the current one; null when none is (renewed without limit, ended)' })
  cycle!: number | null;

  @ApiProperty({ type: RuledDateResponse, nullable: true, description: 'when the renewal window opens (CMA: expiry − 7 months)' })
  windowOpens!: RuledDateResponse | null;

  @ApiProperty({ type: RuledDateResponse, nullable: true, description: 'the renewal application is due (CMA: expiry − 6 months)' })
  applicationDue!: RuledDateResponse | null;

  @ApiProperty({ type: RuledDateResponse, nullable: true, description: 'the expiry of the period in force' })
  expiry!: RuledDateResponse | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the milestone tracking this renewal' })
  milestoneId!: string | null;
}
