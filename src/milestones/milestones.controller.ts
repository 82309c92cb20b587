import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ParseUuidPipe } from '../common/validation';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { CurrentActor } from '../common/current-actor.decorator';
import { ANY_ROLE, REGISTER_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { ChangeDueDateDto, RecordOutcomeDto, TransitionMilestoneDto } from './dto/milestone.dto';
import { DueDateChangeResponse, MilestoneResponse } from './dto/milestone.response';
import { toDueDateChangeResponse, toMilestoneResponse } from './milestone.mapper';
import { MilestonesService } from './milestones.service';

@ApiTags('milestones')
@Controller('milestones')
export class MilestonesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly milestones: MilestonesService,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'A milestone with why its due date is what it is' })
  @ApiOkResponse({ type: MilestoneResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<MilestoneResponse> {
    return toMilestoneResponse(await this.milestones.get(this.dataSource.manager, id, actor.scope), this.clock.today());
  }

  @Patch(':id/status')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Record progress: planned → in-progress → submitted (with date, reference, eCTD type), or cancelled with a reason' })
  @ApiOkResponse({ type: MilestoneResponse })
  async transition(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: TransitionMilestoneDto): Promise<MilestoneResponse> {
    return toMilestoneResponse(await this.dataSource.transaction((m) => this.milestones.transition(m, actor, id, body)), this.clock.today());
  }

  @Post(':id/outcome')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: "Record the committee's assessment outcome of a submitted milestone" })
  @ApiCreatedResponse({ type: MilestoneResponse })
  async outcome(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: RecordOutcomeDto): Promise<MilestoneResponse> {
    return toMilestoneResponse(await this.dataSource.transaction((m) => this.milestones.recordOutcome(m, actor, id, body)), this.clock.today());
  }

  @Post(':id/due-date')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Change a due date, with the reason and the procedure it comes from; kept in the history' })
  @ApiCreatedResponse({ type: MilestoneResponse })
  async changeDueDate(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: ChangeDueDateDto): Promise<MilestoneResponse> {
    return toMilestoneResponse(await this.dataSource.transaction((m) => this.milestones.changeDueDate(m, actor, id, body)), this.clock.today());
  }

  @Get(':id/history')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Every due date this milestone has had: from, to, why, procedure, who, when' })
  @ApiOkResponse({ type: [DueDateChangeResponse] })
  async history(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<DueDateChangeResponse[]> {
    return (await this.milestones.history(this.dataSource.manager, id, actor.scope)).map(toDueDateChangeResponse);
  }
}
