import { IsOptionalNotNull } from '../../common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsPositive, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SIGNAL_DATABASES, type SignalDatabase } from '../disproportionality-counts';
import { REVIEW_REASONS, type ReviewReason } from '../run-results';
import { SCREENING_PRESETS } from '../screening-presets';

/** Largest shape or rate accepted for a given prior: far beyond any published one (DuMouchel's are below 10). */
const MAX_HYPERPARAMETER = 1e6;

/** EBGM's hyperparameters given with a run (shape α, rate β of each gamma; P the weight of the first). */
export class GivenPriorDto {
  @ApiProperty({ example: 3.256, description: 'shape of the first gamma component (> 0)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_HYPERPARAMETER)
  alpha1!: number;

  @ApiProperty({ example: 0.4, description: 'rate of the first gamma component (> 0)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_HYPERPARAMETER)
  beta1!: number;

  @ApiProperty({ example: 2.024, description: 'shape of the second gamma component (> 0)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_HYPERPARAMETER)
  alpha2!: number;

  @ApiProperty({ example: 1.906, description: 'rate of the second gamma component (> 0)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_HYPERPARAMETER)
  beta2!: number;

  @ApiProperty({ example: 0.0653, description: 'weight of the first component, 0 to 1' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  p!: number;

  @ApiProperty({ example: 'openEBGM vignette: autoHyper estimate on its caers example data', description: 'where the hyperparameters come from (stored with the run)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  source!: string;
}

export class DisproportionalityRunDto {
  @ApiProperty({ enum: SIGNAL_DATABASES, description: 'own: the holder’s cases; faers: the loaded FAERS quarters — never pooled' })
  @IsIn(SIGNAL_DATABASES)
  database!: SignalDatabase;

  @ApiPropertyOptional({ description: 'one product as the database names it (our product name; in FAERS the active ingredient), or one of our products by id; leave out for every pair (run as a background job)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  product?: string;

  @ApiPropertyOptional({ type: [String], description: 'drug roles counted; default suspect and interacting (own: suspect, interacting; FAERS: PS, SS, I)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  roles?: string[];

  @ApiPropertyOptional({ description: 'smallest number of reports of a pair kept (default 3: fewer cannot meet any screening rule)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1000)
  minCount?: number;

  @ApiPropertyOptional({ type: GivenPriorDto, description: 'EBGM hyperparameters to use as they are instead of fitting the prior (to reproduce a published or a regulator’s prior); stored with the run and its source' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => GivenPriorDto)
  prior?: GivenPriorDto;
}

export class RunListQueryDto {
  @ApiPropertyOptional({ default: 50 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ResultQueryDto {
  @ApiPropertyOptional({ description: 'one product, as the database names it or one of ours by id' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  product?: string;

  @ApiPropertyOptional({ enum: SCREENING_PRESETS.map((p) => p.id), description: 'only pairs this screening preset flags' })
  @IsOptionalNotNull()
  @IsIn(SCREENING_PRESETS.map((p) => p.id))
  preset?: string;

  @ApiPropertyOptional({ enum: ['any', ...REVIEW_REASONS], description: 'only pairs listed for case-by-case review (for any reason, or this one)' })
  @IsOptionalNotNull()
  @IsIn(['any', ...REVIEW_REASONS])
  review?: ReviewReason | 'any';

  @ApiPropertyOptional({ default: 200 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;
}
