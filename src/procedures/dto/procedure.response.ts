import { ApiProperty } from '@nestjs/swagger';
import { ApiDate } from '../../common/api-properties';
import { MILESTONE_KINDS, MILESTONE_STATUSES, type MilestoneKind, type MilestoneStatus } from '../../milestones/milestone.entity';
import { MilestoneResponse } from '../../milestones/dto/milestone.response';
import { CLOCK_STOP_KINDS, type ClockStopKind } from '../procedure-clock-stop.entity';
import { PROCEDURE_STATES, type ProcedureState } from '../procedure-timetable';
import { OPINION_OUTCOMES, type OpinionOutcome, PROCEDURE_TYPES, type ProcedureType } from '../procedure.entity';

export class ClockStopResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CLOCK_STOP_KINDS })
  kind!: ClockStopKind;

  @ApiDate()
  stoppedOn!: string;

  @ApiDate()
  responsesDueOn!: string;

  @ApiDate({ nullable: true })
  restartedOn!: string | null;

  @ApiProperty({ description: 'still waiting for the restart' })
  open!: boolean;

  @ApiProperty({ type: 'integer', description: 'days the clock has been (or was) stopped' })
  days!: number;

  @ApiProperty({ type: MilestoneResponse, description: 'the responses as a deadline: due date, why, submitted on time or not' })
  responseMilestone!: MilestoneResponse;
}

export class TimetableResponse {
  @ApiDate({ nullable: true })
  submittedOn!: string | null;

  @ApiDate({ nullable: true })
  startedOn!: string | null;

  @ApiDate({ nullable: true })
  opinionOn!: string | null;

  @ApiProperty({ enum: OPINION_OUTCOMES, nullable: true })
  opinionOutcome!: OpinionOutcome | null;

  @ApiDate({ nullable: true })
  commissionDecisionOn!: string | null;
}

/** A milestone whose submission the procedure assesses. */
export class AssessedMilestoneResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: MILESTONE_KINDS })
  kind!: MilestoneKind;

  @ApiDate()
  dueDate!: string;

  @ApiProperty({ enum: MILESTONE_STATUSES })
  status!: MilestoneStatus;

  @ApiDate({ nullable: true })
  submittedOn!: string | null;
}

export class ProcedureResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 'EMEA/H/C/004827/R/0012' })
  number!: string;

  @ApiProperty({ enum: PROCEDURE_TYPES })
  type!: ProcedureType;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: PROCEDURE_STATES })
  state!: ProcedureState;

  @ApiProperty({ type: TimetableResponse })
  timetable!: TimetableResponse;

  @ApiProperty({ type: 'integer', description: 'days stopped in total' })
  clockStopDays!: number;

  @ApiProperty({ type: [ClockStopResponse] })
  clockStops!: ClockStopResponse[];

  @ApiProperty({ type: [AssessedMilestoneResponse] })
  assessedMilestones!: AssessedMilestoneResponse[];
}
