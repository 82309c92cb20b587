import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

class AuditQueryDto {
  @ApiPropertyOptional({ example: 'milestone' })
  @IsOptional()
  @IsString()
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  entityId?: string;

  @ApiPropertyOptional({ description: 'return rows after this sequence number (paging)' })
  @IsOptional()
  @Matches(/^\d+$/, { message: 'must be a sequence number' })
  afterSeq?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail, oldest first; filter by record' })
  list(@Query() query: AuditQueryDto): Promise<AuditEntry[]> {
    return this.audit.list(this.dataSource.manager, { ...query, limit: query.limit ?? 100 });
  }
}
