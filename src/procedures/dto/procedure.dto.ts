import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { CLOCK_STOP_KINDS, ClockStopKind } from '../procedure-clock-stop.entity';
import { OPINION_OUTCOMES, OpinionOutcome, PROCEDURE_TYPES, ProcedureType } from '../procedure.entity';

/**
 * EMA procedure numbers: the product's number and the procedure's own part, e.g. `EMEA/H/C/004827/II/0015`,
 * `EMEA/H/C/004827/R/0007`; PSUSA numbers carry the substance instead: `EMEA/H/C/PSUSA/00010914/202306`.
 */
export const PROCEDURE_NUMBER_PATTERN = /^EMEA\/H\/C\/(?:\d{4,6}|PSUSA\/\d{8})(?:\/[A-Z0-9]+)+$/;

export class CreateProcedureDto {
  @ApiProperty({ example: 'Hemgenix', description: 'product id or name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  product!: string;

  @ApiProperty({ example: 'EMEA/H/C/004827/II/0015' })
  @IsString()
  @Matches(PROCEDURE_NUMBER_PATTERN, {
    message: 'must be an EMA procedure number such as EMEA/H/C/004827/II/0015 (EMEA/H/C/<product number>/<type>/<sequence>, capitals and digits)',
  })
  @MaxLength(100)
  number!: string;

  @ApiProperty({ enum: PROCEDURE_TYPES })
  @IsIn(PROCEDURE_TYPES)
  type!: ProcedureType;

  @ApiProperty({ example: 'Type II variation: update of SmPC 5.1 with 4-year data from study CT-0009' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ example: '2025-01-10', description: 'date of the submission (YYYY-MM-DD)' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  submittedOn?: string;

  @ApiPropertyOptional({ example: '2025-01-25', description: 'start of the procedure per the EMA timetable (YYYY-MM-DD)' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  startedOn?: string;

  @ApiPropertyOptional({ description: 'the milestone whose submission this procedure assesses' })
  @IsOptionalNotNull()
  @IsUUID()
  milestoneId?: string;
}

export class ListProceduresQueryDto {
  @ApiPropertyOptional({ example: 'Hemgenix', description: 'product id or name; all procedures when absent' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  product?: string;
}

/** The dates of a procedure as they happen; null clears a date recorded by mistake. */
export class UpdateTimetableDto {
  @ApiPropertyOptional({ type: String, example: '2025-01-10', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  submittedOn?: string | null;

  @ApiPropertyOptional({ type: String, example: '2025-01-25', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  startedOn?: string | null;

  @ApiPropertyOptional({ type: String, example: '2025-06-19', nullable: true, description: 'date of the committee opinion' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  opinionOn?: string | null;

  @ApiPropertyOptional({ enum: OPINION_OUTCOMES, nullable: true, description: 'required with opinionOn' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(OPINION_OUTCOMES)
  opinionOutcome?: OpinionOutcome | null;

  @ApiPropertyOptional({ type: String, example: '2025-08-21', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  commissionDecisionOn?: string | null;

  @ApiProperty({ description: 'why the timetable changes, e.g. "CHMP opinion received"' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ClockStopDto {
  @ApiProperty({ enum: CLOCK_STOP_KINDS })
  @IsIn(CLOCK_STOP_KINDS)
  kind!: ClockStopKind;

  @ApiProperty({ example: '2025-03-14', description: 'date the questions were received and the clock stopped' })
  @IsCalendarDate()
  stoppedOn!: string;

  @ApiPropertyOptional({
    example: '2025-06-12',
    description:
      'date the regulator set for the responses. Required, except for validation questions in a CMA renewal, where it defaults to stoppedOn + 5 working days (CMA-RENEWAL-VALIDATION-ANSWERS)',
  })
  @ValidateIf((dto: ClockStopDto) => dto.kind !== 'validation-questions' || dto.responsesDueOn !== undefined)
  @IsCalendarDate({ message: 'must be the date the regulator set for the responses, written YYYY-MM-DD (required unless kind is validation-questions)' })
  responsesDueOn?: string;
}

export class RestartDto {
  @ApiProperty({ example: '2025-06-10', description: 'date the responses were submitted and the clock restarted' })
  @IsCalendarDate()
  restartedOn!: string;
}
