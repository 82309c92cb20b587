import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { CHANGE_SOURCES, ChangeSource } from '../due-date-change.entity';
import { DateBasis, ECTD_SUBMISSION_TYPES, EctdSubmissionType, MILESTONE_STATUSES, MilestoneStatus, OUTCOMES, MilestoneOutcome } from '../milestone.entity';

export class CreateMilestoneDto {
  @ApiProperty({ example: 'Interim report: registry data 2025' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ example: '2026-06-30', description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiProperty({ enum: ['annex-ii', 'regulator'], description: 'where the date comes from: the Annex II text or another act of the regulator' })
  @IsIn(['annex-ii', 'regulator'])
  basis!: Extract<DateBasis, 'annex-ii' | 'regulator'>;

  @ApiPropertyOptional({ description: 'the text or letter that sets the date, e.g. "Annex II, EMEA/H/C/004827/II/0012"' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  source?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  owner?: string;
}

export class PassFinalReportDto {
  @ApiProperty({ example: '2027-03-31', description: 'end of data collection (YYYY-MM-DD); the final report is due 12 months later' })
  @IsCalendarDate()
  endOfDataCollection!: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  owner?: string;
}

export class TransitionMilestoneDto {
  @ApiProperty({ enum: MILESTONE_STATUSES })
  @IsIn(MILESTONE_STATUSES)
  status!: MilestoneStatus;

  @ApiPropertyOptional({ description: 'required for submitted (YYYY-MM-DD)' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  submittedOn?: string;

  @ApiPropertyOptional({ description: 'submission reference, e.g. the eCTD sequence or the EMA procedure number' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  submissionRef?: string;

  @ApiPropertyOptional({ enum: ECTD_SUBMISSION_TYPES })
  @IsOptionalNotNull()
  @IsIn(ECTD_SUBMISSION_TYPES)
  ectdType?: EctdSubmissionType;

  @ApiPropertyOptional({ description: 'required for cancelled' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class RecordOutcomeDto {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: MilestoneOutcome;

  @ApiProperty({ example: '2026-09-18' })
  @IsCalendarDate()
  outcomeOn!: string;

  @ApiPropertyOptional({ example: 'EMEA/H/C/004827/SOB/001' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  procedureRef?: string;
}

export class ChangeDueDateDto {
  @ApiProperty({ example: '2027-06-30' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiProperty({ description: 'why the date changed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ enum: CHANGE_SOURCES.filter((s) => s !== 'initial' && s !== 'recomputed') })
  @IsIn(CHANGE_SOURCES.filter((s) => s !== 'initial' && s !== 'recomputed'))
  changeSource!: ChangeSource;

  @ApiPropertyOptional({ example: 'EMEA/H/C/004827/II/0015', description: 'required unless changeSource is regulator-letter' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  procedureRef?: string;
}
