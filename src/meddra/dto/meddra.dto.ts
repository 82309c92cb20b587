import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull, QueryBoolean, QueryLimit } from '../../common/validation';
import { MEDDRA_SEARCH_LEVELS, MEDDRA_SEARCH_MAX_LIMIT, MEDDRA_SEARCH_MAX_TEXT, MeddraSearchLevel } from '../meddra.service';

/** A release chosen by version; the current (most recently loaded) one when left out. */
export class MeddraVersionQueryDto {
  @ApiPropertyOptional({ description: 'a loaded MedDRA version; default: the current (most recently loaded) release', example: '27.1' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  version?: string;
}

export class MeddraSearchQueryDto extends MeddraVersionQueryDto {
  @ApiProperty({ description: 'text the term name contains (case-insensitive)', example: 'headache' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(MEDDRA_SEARCH_MAX_TEXT)
  q!: string;

  @ApiPropertyOptional({ enum: MEDDRA_SEARCH_LEVELS, default: 'any', description: 'search LLTs, PTs or both' })
  @IsOptionalNotNull()
  @IsIn(MEDDRA_SEARCH_LEVELS)
  level?: MeddraSearchLevel;

  @QueryLimit(20, MEDDRA_SEARCH_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ default: false, description: 'include non-current LLTs (never used for new coding)' })
  @QueryBoolean()
  includeNonCurrent?: boolean;
}

export class MeddraLltParamsDto {
  @ApiProperty({ description: 'LLT code', example: '10019211' })
  @Matches(/^[1-9][0-9]{0,9}$/, { message: 'must be a MedDRA code (a positive whole number)' })
  code!: string;
}
