import { IsOptionalNotNull } from '../../common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ObligationChangeSource } from '../obligation-change.entity';
import { OBLIGATION_CATEGORIES, OBLIGATION_STATUSES, ObligationCategory, ObligationStatus, STUDY_TYPES, StudyType } from '../obligation.entity';

export class CreateObligationDto {
  @ApiProperty({ description: 'product id or name', example: 'Hemgenix' })
  @IsString()
  @MaxLength(300)
  @IsNotEmpty()
  product!: string;

  @ApiProperty({ example: 'SOB 001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference!: string;

  @ApiProperty({ enum: OBLIGATION_CATEGORIES })
  @IsIn(OBLIGATION_CATEGORIES)
  category!: ObligationCategory;

  @ApiProperty({ enum: STUDY_TYPES })
  @IsIn(STUDY_TYPES)
  studyType!: StudyType;

  @ApiProperty({ description: 'verbatim text of the obligation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  description!: string;

  @ApiPropertyOptional({ type: [String], example: ['NCT03569891'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  studyIds?: string[];

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  owner?: string;
}

/** Sources an obligation's own change can come from (a milestone's steps and outcomes are recorded on the milestone). */
export const OBLIGATION_UPDATE_SOURCES = ['variation', 'renewal-opinion', 'rmp-update', 'psusa', 'annex-ii', 'regulator-letter', 'conversion', 'correction'] as const satisfies readonly ObligationChangeSource[];

/**
 * A change to an obligation's text, status, category or study ids: each changed field is kept in its history
 * (from, to, procedure, why, who, when). At least one field must change.
 */
export class UpdateObligationDto {
  @ApiPropertyOptional({ description: 'the new verbatim text' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ enum: OBLIGATION_STATUSES })
  @IsOptionalNotNull()
  @IsIn(OBLIGATION_STATUSES)
  status?: ObligationStatus;

  @ApiPropertyOptional({ enum: OBLIGATION_CATEGORIES, description: 're-categorisation, e.g. a specific obligation (SOB) that becomes an Annex II condition (ANX) or an RMP measure (MEA)' })
  @IsOptionalNotNull()
  @IsIn(OBLIGATION_CATEGORIES)
  category?: ObligationCategory;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  studyIds?: string[];

  @ApiProperty({ description: 'why it changed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ enum: OBLIGATION_UPDATE_SOURCES })
  @IsIn(OBLIGATION_UPDATE_SOURCES)
  changeSource!: (typeof OBLIGATION_UPDATE_SOURCES)[number];

  @ApiPropertyOptional({ example: 'EMEA/H/C/004827/II/0015', description: 'required unless changeSource is regulator-letter or correction' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  procedureRef?: string;
}
