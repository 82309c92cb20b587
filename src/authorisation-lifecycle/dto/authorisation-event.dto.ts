import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { AUTHORISATION_EVENTS, type AuthorisationEventKind, RENEWAL_OUTCOMES, type RenewalOutcome } from '../../products/authorisation-event.entity';

export const OPEN_OBLIGATION_DECISIONS = ['fulfilled', 'recategorised'] as const;
/** What a specific obligation becomes when it is re-categorised at conversion (it is no longer a specific obligation). */
export const RECATEGORISED_TO = ['ANX', 'MEA', 'LEG', 'REC'] as const;

/** The decision on one specific obligation still open when the authorisation is converted. */
export class OpenObligationDecisionDto {
  @ApiProperty({ description: 'the obligation: its id or its reference (e.g. "SOB 2")' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  obligation!: string;

  @ApiProperty({ enum: OPEN_OBLIGATION_DECISIONS })
  @IsIn(OPEN_OBLIGATION_DECISIONS)
  decision!: (typeof OPEN_OBLIGATION_DECISIONS)[number];

  @ApiPropertyOptional({ enum: RECATEGORISED_TO, description: 'required when re-categorised: what it becomes (an Annex II condition, an RMP measure, a legally binding measure, a recommendation)' })
  @IsOptionalNotNull()
  @IsIn(RECATEGORISED_TO)
  category?: (typeof RECATEGORISED_TO)[number];

  @ApiProperty({ description: 'why' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/**
 * Something that happened to the authorisation after its grant, with the Commission decision: its conversion
 * into a standard authorisation, the outcome of a five-year renewal, or its end (not renewed, withdrawn, lapsed).
 */
export class RecordAuthorisationEventDto {
  @ApiProperty({ enum: AUTHORISATION_EVENTS })
  @IsIn(AUTHORISATION_EVENTS)
  event!: AuthorisationEventKind;

  @ApiProperty({ example: '2026-10-15', description: 'day of the decision, or the day the authorisation ended' })
  @IsCalendarDate()
  decidedOn!: string;

  @ApiPropertyOptional({ example: '2026-10-20', description: 'day the decision was notified to the holder (required for a conversion: the standard validity runs from it)' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  notifiedOn?: string;

  @ApiPropertyOptional({ example: 'C(2026) 7123', description: 'the Commission decision (required for a conversion, a renewal decision and a non-renewal)' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  decisionRef?: string;

  @ApiPropertyOptional({ example: 'EMEA/H/C/005772/R/0004', description: 'the procedure (required for a conversion and a renewal decision)' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  procedureRef?: string;

  @ApiPropertyOptional({ enum: RENEWAL_OUTCOMES, description: 'renewal decision: valid without limit, or one additional five-year renewal on pharmacovigilance grounds (Art 14(3))' })
  @IsOptionalNotNull()
  @IsIn(RENEWAL_OUTCOMES)
  renewalOutcome?: RenewalOutcome;

  @ApiPropertyOptional({ description: 'renewal decision: the five-year period renewed (1 or 2); default the period in force' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(2)
  renewalCycle?: number;

  @ApiPropertyOptional({ description: 'the expiry the decision or the Union Register gives (wins over a computed one)' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  expiry?: string;

  @ApiPropertyOptional({ description: 'required with expiry: the decision or Union Register entry it comes from' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  expirySource?: string;

  @ApiPropertyOptional({ type: [OpenObligationDecisionDto], description: 'conversion: a decision on every specific obligation still open (those fulfilled before stay as they were)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OpenObligationDecisionDto)
  openObligations?: OpenObligationDecisionDto[];

  @ApiProperty({ description: 'why it is recorded' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
