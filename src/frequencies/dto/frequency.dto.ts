import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { EXPOSURE_KINDS, type ExposureKind } from '../frequency-table';

export class RecordExposureDto {
  @ApiProperty({ enum: EXPOSURE_KINDS, description: 'registry or study: patients enrolled (the denominator of solicited data); treated: patients treated; dose-estimate: estimated from distributed doses (labelled as an estimate)' })
  @IsIn(EXPOSURE_KINDS)
  kind!: ExposureKind;

  @ApiProperty({ example: '2026-10-31', description: 'the day the cumulative count stands at (YYYY-MM-DD)' })
  @IsCalendarDate()
  countedOn!: string;

  @ApiPropertyOptional({ example: 48, description: 'patients (cumulative); for a dose estimate it is derived from the doses' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  patients?: number;

  @ApiPropertyOptional({ example: 120, description: 'dose-estimate only: doses distributed (cumulative)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  dosesDistributed?: number;

  @ApiPropertyOptional({ example: 1, description: 'dose-estimate only: doses per patient course (a one-off gene or cell therapy: 1)' })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(1_000_000)
  dosesPerPatient?: number;

  @ApiPropertyOptional({ example: 14.5 })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(1200)
  followUpMedianMonths?: number;

  @ApiPropertyOptional({ example: 36 })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(1200)
  followUpMaxMonths?: number;

  @ApiPropertyOptional({ example: 61.2 })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100_000_000)
  patientYears?: number;

  @ApiProperty({ example: 'Registry data cut 31 Oct 2026 (registry report v3)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  source!: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'the id of the figure this one corrects (it stops counting); needs a reason' })
  @IsOptionalNotNull()
  @IsUUID('all')
  replaces?: string;

  @ApiPropertyOptional({ description: 'why the earlier figure is corrected (required with replaces)' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class RequestFrequencyRunDto {
  @ApiProperty({ description: 'product id or name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  product!: string;

  @ApiProperty({ example: '2026-10-31', description: 'data lock point: each case as it stood on this day' })
  @IsCalendarDate()
  dataLockPoint!: string;

  @ApiPropertyOptional({ example: '2025-11-01', description: 'first day of the interval; leave out for cumulative figures' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  periodStart?: string;
}

export class FrequencyRunQueryDto {
  @ApiPropertyOptional({ description: 'product id or name' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  product?: string;

  @ApiPropertyOptional({ enum: ['interval', 'cumulative'] })
  @IsOptionalNotNull()
  @IsIn(['interval', 'cumulative'])
  period?: 'interval' | 'cumulative';

  @ApiPropertyOptional({ default: 50 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
