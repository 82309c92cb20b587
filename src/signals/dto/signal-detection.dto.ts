import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SIGNAL_DATABASES, type SignalDatabase } from '../disproportionality-counts';
import { SCREENING_PRESETS } from '../screening-presets';

export class DisproportionalityRunDto {
  @ApiProperty({ enum: SIGNAL_DATABASES, description: 'own: the holder’s cases; faers: the loaded FAERS quarters — never pooled' })
  @IsIn(SIGNAL_DATABASES)
  database!: SignalDatabase;

  @ApiPropertyOptional({ description: 'one product as the database names it (our product name; in FAERS the active ingredient); leave out for every pair (run as a background job)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  product?: string;

  @ApiPropertyOptional({ type: [String], description: 'drug roles counted; default suspect and interacting (own: suspect, interacting; FAERS: PS, SS, I)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  roles?: string[];

  @ApiPropertyOptional({ description: 'smallest number of reports of a pair kept (default 3: fewer cannot meet any screening rule)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  minCount?: number;
}

export class RunListQueryDto {
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ResultQueryDto {
  @ApiPropertyOptional({ description: 'one product' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  product?: string;

  @ApiPropertyOptional({ enum: SCREENING_PRESETS.map((p) => p.id), description: 'only pairs this screening preset flags' })
  @IsOptional()
  @IsIn(SCREENING_PRESETS.map((p) => p.id))
  preset?: string;

  @ApiPropertyOptional({ default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;
}
