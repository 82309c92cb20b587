import { ApiProperty } from '@nestjs/swagger';
import { MilestoneResponse } from '../../milestones/dto/milestone.response';
import {
  OBLIGATION_CATEGORIES,
  OBLIGATION_STATUSES,
  type ObligationCategory,
  type ObligationStatus,
  STUDY_TYPES,
  type StudyType,
} from '../obligation.entity';

/** A post-authorisation measure the holder owes, with its milestones. */
export class ObligationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 'SOB-001' })
  reference!: string;

  @ApiProperty({ enum: OBLIGATION_CATEGORIES })
  category!: ObligationCategory;

  @ApiProperty({ enum: STUDY_TYPES })
  studyType!: StudyType;

  @ApiProperty({ description: 'the obligation as worded (verbatim)' })
  description!: string;

  @ApiProperty({ type: [String] })
  studyIds!: string[];

  @ApiProperty({ type: String, nullable: true })
  owner!: string | null;

  @ApiProperty({ enum: OBLIGATION_STATUSES })
  status!: ObligationStatus;

  @ApiProperty()
  illustrative!: boolean;

  @ApiProperty({ type: [MilestoneResponse] })
  milestones!: MilestoneResponse[];
}
