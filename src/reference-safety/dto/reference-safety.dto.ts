import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { Severity, SEVERITIES } from '../../safety-cases/case-content';
import { FREQUENCY_BANDS, FrequencyBand, STATED_OUTCOMES, StatedOutcome, TERM_KINDS, TermKind } from '../reference-terms';

export class ReferenceTermDto {
  @ApiProperty({ example: 'Infusion-related reaction' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  term!: string;

  @ApiPropertyOptional({ enum: TERM_KINDS, description: 'reaction (default) or an outcome across reactions ("adverse reactions leading to death")' })
  @IsOptionalNotNull()
  @IsIn(TERM_KINDS)
  kind?: TermKind;

  @ApiPropertyOptional({ type: [String], description: 'PT names the term stands for; default: the term itself (for a reaction)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(250, { each: true })
  ptNames?: string[];

  @ApiPropertyOptional({ type: [String], description: 'HLT names whose PTs all count as listed (needs a loaded MedDRA release)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(250, { each: true })
  hltNames?: string[];

  @ApiPropertyOptional({ enum: FREQUENCY_BANDS })
  @IsOptionalNotNull()
  @IsIn(FREQUENCY_BANDS)
  frequencyBand?: FrequencyBand;

  @ApiPropertyOptional({ example: 60, description: 'stated rate in percent' })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(100)
  statedRatePercent?: number;

  @ApiPropertyOptional({ description: 'patients the rate was measured on; leave out when unknown' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  rateDenominator?: number;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1000)
  denominatorNote?: string;

  @ApiPropertyOptional({ description: 'the label mentions fatal outcomes of this reaction (default false)' })
  @IsOptionalNotNull()
  @IsBoolean()
  fatalOutcomeListed?: boolean;

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'the most severe form the label describes' })
  @IsOptionalNotNull()
  @IsIn(SEVERITIES)
  maxSeverity?: Severity;

  @ApiPropertyOptional({ enum: STATED_OUTCOMES, description: 'for an outcome term (required there): the outcome its rate counts — "adverse reactions leading to death" counts fatal' })
  @IsOptionalNotNull()
  @IsIn(STATED_OUTCOMES)
  outcome?: StatedOutcome;

  @ApiPropertyOptional({ description: 'a late event (chronic GvHD, long-term effects of gene therapy): its frequency is shown with the follow-up time (default false)' })
  @IsOptionalNotNull()
  @IsBoolean()
  lateOnset?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreateReferenceSafetyDto {
  @ApiProperty({ example: 'SmPC section 4.8 (EMEA/H/C/004827/II/0015)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  document!: string;

  @ApiProperty({ example: '2026-01-15', description: 'the day this version takes effect (YYYY-MM-DD)' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ description: 'false while the list is known to be partial' })
  @IsBoolean()
  complete!: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ type: [ReferenceTermDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ReferenceTermDto)
  terms!: ReferenceTermDto[];
}
