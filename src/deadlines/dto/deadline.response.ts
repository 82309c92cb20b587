import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiInstant } from '../../common/api-properties';
import { MilestoneResponse } from '../../milestones/dto/milestone.response';
import { OBLIGATION_CATEGORIES, STUDY_TYPES } from '../../obligations/obligation.entity';
import type { ClosureDay } from '../engine/derived-date';

/** A milestone as a deadline in the register: with its product and obligation. */
export class DeadlineResponse extends MilestoneResponse {
  @ApiProperty({ example: 'Hemgenix' })
  productName!: string;

  @ApiProperty({ type: String, nullable: true, description: 'the obligation’s reference; null for renewals, PSURs and procedure responses' })
  obligationReference!: string | null;

  @ApiProperty({ enum: OBLIGATION_CATEGORIES, nullable: true })
  category!: string | null;

  @ApiProperty({ enum: STUDY_TYPES, nullable: true })
  studyType!: string | null;
}

export class DeadlinePageResponse {
  @ApiDate({ description: 'the business date the page was computed for (days left and overdue count from it)' })
  today!: string;

  @ApiProperty({ type: 'integer', description: 'deadlines matching the filters, counted up to a cap: when totalIsExact is false there are more than this' })
  total!: number;

  @ApiProperty({ description: 'false when the count stopped at its cap (show "more than total")' })
  totalIsExact!: boolean;

  @ApiProperty({ type: 'integer', nullable: true, description: 'the page number asked for; null when the page was asked for by cursor (after)' })
  page!: number | null;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;

  @ApiProperty({ type: String, nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor!: string | null;

  @ApiProperty({ type: [DeadlineResponse] })
  items!: DeadlineResponse[];
}

/** A day the regulator is closed: due dates on it are flagged, never moved. */
export class ClosureDayResponse implements ClosureDay {
  @ApiDate()
  date!: string;

  @ApiProperty({ example: 'EMA Christmas closure' })
  name!: string;
}

/** An entry of the EU reference dates list: PSUR frequency and data lock point for a substance. */
export class EurdEntryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'etranacogene dezaparvovec' })
  substance!: string;

  @ApiProperty({ type: 'integer', example: 12 })
  frequencyMonths!: number;

  @ApiDate()
  firstDlp!: string;

  @ApiDate({ description: 'EURD changes take effect 6 months after publication' })
  effectiveFrom!: string;

  @ApiProperty()
  source!: string;

  @ApiInstant()
  createdAt!: Date;
}
