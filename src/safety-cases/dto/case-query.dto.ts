import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull, QueryBoolean, QueryLimit } from '../../common/validation';
import { ICSR_REPORT_TYPES, IcsrReportType } from '../../deadlines/engine/icsr';
import { CASE_STATUSES, CaseStatus, CLOCK_STATUSES, ClockStatus } from '../safety-case.entities';

export const CLOCK_STATES = ['due', 'overdue', 'met'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** The deepest OFFSET page: deeper, keyset paging (`after`) costs the same and OFFSET would scan every row before. */
const MAX_OFFSET = 1_000_000;

export class CaseQueryDto {
  @ApiPropertyOptional({ description: 'product id or name' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  product?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptionalNotNull()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional()
  @QueryBoolean()
  serious?: boolean;

  @ApiPropertyOptional({ description: 'serious and at least one unexpected reaction' })
  @QueryBoolean()
  seriousUnexpected?: boolean;

  @ApiPropertyOptional({ enum: ICSR_REPORT_TYPES })
  @IsOptionalNotNull()
  @IsIn(ICSR_REPORT_TYPES)
  reportType?: IcsrReportType;

  @ApiPropertyOptional()
  @QueryBoolean()
  synthetic?: boolean;

  @ApiPropertyOptional({ description: 'only cases with a reporting clock past its due date' })
  @QueryBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'received (initial receipt) on or after this day' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  receivedFrom?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'received (initial receipt) on or before this day' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  receivedTo?: string;

  @ApiPropertyOptional({ enum: CLOCK_STATES, description: 'clock state: `due` an open clock due within `dueWithinDays` (default 15; overdue ones included), `overdue` an open clock past its due date, `met` a clock met by a submission (on time or late)' })
  @IsOptionalNotNull()
  @IsIn(CLOCK_STATES)
  clock?: ClockState;

  @ApiPropertyOptional({ description: 'with clock=due: due within this many days from today', minimum: 0, maximum: 366 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  dueWithinDays?: number;

  @QueryLimit(100, 1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET, description: 'rows to skip (OFFSET paging); not with `after`' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET, { message: `must be at most ${MAX_OFFSET}; page deeper with \`after\`` })
  offset?: number;

  @ApiPropertyOptional({ description: 'keyset paging: the `nextCursor` of the previous page (same filters); the page starts after its last case, at the same cost however deep' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  after?: string;
}

export class ClockQueryDto {
  @ApiPropertyOptional({ description: 'product id or name' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  product?: string;

  @ApiPropertyOptional({ enum: CLOCK_STATUSES })
  @IsOptionalNotNull()
  @IsIn(CLOCK_STATUSES)
  status?: ClockStatus;

  @ApiPropertyOptional({ description: 'open clocks past their due date (true) or not (false)' })
  @QueryBoolean()
  overdue?: boolean;

  @QueryLimit(500, 5000)
  limit?: number;
}

export class ClockCountsQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 7, minimum: 0, maximum: 366, description: 'open clocks due from today up to this many days ahead count as due soon' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  dueSoonDays?: number;
}

export class PeriodQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'first day (inclusive)' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-06-30', description: 'last day (inclusive): the data lock point' })
  @IsCalendarDate()
  to!: string;
}

export class ComplianceQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ description: 'product id or name (default: every product you may see)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  product?: string;
}

export const OUTPUT_FORMATS = ['json', 'csv'] as const;

export class PeriodicReportQueryDto extends PeriodQueryDto {
  @ApiProperty({ description: 'product id or name' })
  @IsString()
  @MaxLength(300)
  @IsNotEmpty()
  product!: string;

  @ApiPropertyOptional({ enum: OUTPUT_FORMATS, default: 'json' })
  @IsOptionalNotNull()
  @IsIn(OUTPUT_FORMATS)
  format?: (typeof OUTPUT_FORMATS)[number];
}

export class DiffQueryDto {
  @ApiPropertyOptional({ description: 'the earlier version to compare with (default: the version before)' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  against?: number;
}
