import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate, QueryLimit } from '../../common/validation';

/** Filters of the audit trail (list and CSV export). */
export class AuditFilterDto {
  @ApiPropertyOptional({ example: 'milestone' })
  @IsOptional()
  @IsString()
  entityType?: string;

  @ApiPropertyOptional({ description: 'the id of one record: its whole trail' })
  @IsOptional()
  @IsString()
  entityId?: string;

  @ApiPropertyOptional({ description: 'who made the change, e.g. "user:…" or "cli:root"' })
  @IsOptional()
  @IsString()
  actor?: string;

  @ApiPropertyOptional({ example: 'due-date-change' })
  @IsOptional()
  @IsString()
  action?: string;

  @ApiPropertyOptional({ example: 'Hemgenix', description: 'product name or id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  productId?: string;

  @ApiPropertyOptional({ description: 'first day, inclusive (YYYY-MM-DD, a UTC day: occurredAt is shown in UTC too)', example: '2025-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'last day, inclusive (YYYY-MM-DD, a UTC day)', example: '2025-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'only rows after this sequence number (paging: pass the last seq you received)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be a sequence number' })
  afterSeq?: string;
}

export class AuditQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'asc: oldest first (page with afterSeq); desc: newest first (page with beforeSeq)' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'only rows before this sequence number (paging newest first: pass the last seq you received)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be a sequence number' })
  beforeSeq?: string;

  @QueryLimit(100, 1000)
  limit?: number;
}
