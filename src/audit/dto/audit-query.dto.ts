import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull, QueryLimit } from '../../common/validation';

/** Filters of the audit trail (list and CSV export). */
export class AuditFilterDto {
  @ApiPropertyOptional({ example: 'milestone' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional({ description: 'the id of one record: its whole trail' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ description: 'who made the change, e.g. "user:…" or "cli:root"' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  actor?: string;

  @ApiPropertyOptional({ example: 'due-date-change' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ example: 'Hemgenix', description: 'product name or id' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  productId?: string;

  @ApiPropertyOptional({ description: 'first day, inclusive (YYYY-MM-DD, a UTC day: occurredAt is shown in UTC too)', example: '2025-01-01' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'last day, inclusive (YYYY-MM-DD, a UTC day)', example: '2025-12-31' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'only rows after this sequence number (paging: pass the last seq you received)' })
  @IsOptionalNotNull()
  @Matches(/^\d{1,18}$/, { message: 'must be a sequence number' })
  afterSeq?: string;
}

export class AuditQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'asc: oldest first (page with afterSeq); desc: newest first (page with beforeSeq)' })
  @IsOptionalNotNull()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'only rows before this sequence number (paging newest first: pass the last seq you received)' })
  @IsOptionalNotNull()
  @Matches(/^\d{1,18}$/, { message: 'must be a sequence number' })
  beforeSeq?: string;

  @QueryLimit(100, 1000)
  limit?: number;
}
