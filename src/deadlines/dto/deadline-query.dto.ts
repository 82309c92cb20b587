import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalNotNull, QueryBoolean } from '../../common/validation';
import { MILESTONE_KINDS, MILESTONE_STATUSES, MilestoneKind, MilestoneStatus } from '../../milestones/milestone.entity';
import { OBLIGATION_CATEGORIES, ObligationCategory, STUDY_TYPES, StudyType } from '../../obligations/obligation.entity';

export const DEADLINE_SORTS = ['dueDate', 'product', 'kind', 'status'] as const;
export type DeadlineSort = (typeof DEADLINE_SORTS)[number];

export class DeadlineQueryDto {
  @ApiPropertyOptional({ description: 'open deadlines due from today up to today + N days (overdue ones included unless includeOverdue=false)', example: 90 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3660)
  withinDays?: number;

  @ApiPropertyOptional({ description: 'only open deadlines whose due date has passed' })
  @QueryBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ default: true })
  @QueryBoolean()
  includeOverdue?: boolean;

  @ApiPropertyOptional({ description: 'product id or name' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  product?: string;

  @ApiPropertyOptional({ enum: OBLIGATION_CATEGORIES })
  @IsOptionalNotNull()
  @IsIn(OBLIGATION_CATEGORIES)
  category?: ObligationCategory;

  @ApiPropertyOptional({ enum: STUDY_TYPES })
  @IsOptionalNotNull()
  @IsIn(STUDY_TYPES)
  studyType?: StudyType;

  @ApiPropertyOptional({ enum: MILESTONE_KINDS })
  @IsOptionalNotNull()
  @IsIn(MILESTONE_KINDS)
  kind?: MilestoneKind;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  owner?: string;

  @ApiPropertyOptional({ enum: MILESTONE_STATUSES, description: 'default: planned and in-progress' })
  @IsOptionalNotNull()
  @IsIn(MILESTONE_STATUSES)
  status?: MilestoneStatus;

  @ApiPropertyOptional({ enum: DEADLINE_SORTS, default: 'dueDate' })
  @IsOptionalNotNull()
  @IsIn(DEADLINE_SORTS)
  sort?: DeadlineSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptionalNotNull()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ default: 1, maximum: 100_000, description: 'page number (OFFSET paging); not with `after`' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000, { message: 'must be at most 100000; page deeper with `after`' })
  page?: number;

  @ApiPropertyOptional({
    description: 'keyset paging: the `nextCursor` of the previous page (same filters, sort and order); the page starts after its last row, at the same cost however deep',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  after?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
