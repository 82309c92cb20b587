import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseUuidPipe } from '../common/validation';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, PickType } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { CurrentActor } from '../common/current-actor.decorator';
import { ANY_ROLE, REGISTER_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { CreateMilestoneDto, PassFinalReportDto } from '../milestones/dto/milestone.dto';
import { MilestoneResponse } from '../milestones/dto/milestone.response';
import { toMilestoneResponse } from '../milestones/milestone.mapper';
import { ObligationChangeResponse } from './dto/obligation-change.response';
import { ObligationResponse } from './dto/obligation.response';
import { CreateObligationDto, UpdateObligationDto } from './dto/obligation.dto';
import { toObligationChangeResponse } from './obligation.mapper';
import { DeadlineQueryDto } from '../deadlines/dto/deadline-query.dto';
import { toObligationResponse } from './obligation.mapper';
import { ObligationsService } from './obligations.service';

/** The register's filters that apply to obligations. */
class ObligationQueryDto extends PickType(DeadlineQueryDto, ['product', 'category', 'studyType'] as const) {}

@ApiTags('obligations')
@Controller('obligations')
export class ObligationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly obligations: ObligationsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Obligations with their milestones; filter by product, category, study type' })
  @ApiOkResponse({ type: [ObligationResponse] })
  async list(@CurrentActor() actor: Actor, @Query() query: ObligationQueryDto): Promise<ObligationResponse[]> {
    const manager = this.dataSource.manager;
    const obligations = await this.obligations.list(manager, query, actor.scope);
    const milestones = await this.obligations.milestonesOf(manager, obligations.map((o) => o.id));
    return obligations.map((o) => toObligationResponse(o, milestones, this.clock.today()));
  }

  @Get(':id')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'One obligation with its milestones' })
  @ApiOkResponse({ type: ObligationResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<ObligationResponse> {
    const manager = this.dataSource.manager;
    const obligation = await this.obligations.get(manager, id, actor.scope);
    return toObligationResponse(obligation, await this.obligations.milestonesOf(manager, [id]), this.clock.today());
  }

  @Post()
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Record an obligation (verbatim text, category, study type, study ids, owner)' })
  @ApiCreatedResponse({ type: ObligationResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateObligationDto): Promise<ObligationResponse> {
    return toObligationResponse(await this.dataSource.transaction((m) => this.obligations.create(m, actor, body)), [], this.clock.today());
  }

  @Patch(':id')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Change the text, status, category or study ids, with the reason and the procedure (kept in the history)' })
  @ApiOkResponse({ type: ObligationResponse })
  async update(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateObligationDto): Promise<ObligationResponse> {
    const updated = await this.dataSource.transaction((m) => this.obligations.update(m, actor, id, body));
    return toObligationResponse(updated, await this.obligations.milestonesOf(this.dataSource.manager, [id]), this.clock.today());
  }

  @Get(':id/history')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'History of the text, status, category and study ids, and of the milestones’ steps and outcomes (due dates: /milestones/{id}/history)' })
  @ApiOkResponse({ type: [ObligationChangeResponse] })
  async history(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<ObligationChangeResponse[]> {
    return (await this.obligations.history(this.dataSource.manager, id, actor.scope)).map(toObligationChangeResponse);
  }

  @Post(':id/milestones')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Add a milestone whose due date Annex II or the regulator gives' })
  @ApiCreatedResponse({ type: MilestoneResponse })
  async addMilestone(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: CreateMilestoneDto): Promise<MilestoneResponse> {
    return toMilestoneResponse(await this.dataSource.transaction((m) => this.obligations.addMilestone(m, actor, id, body)), this.clock.today());
  }

  @Post(':id/milestones/pass-final-report')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Add the PASS final report (end of data collection + 12 months) and its waiver-request date' })
  @ApiCreatedResponse({ type: [MilestoneResponse] })
  async addPassFinalReport(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: PassFinalReportDto): Promise<MilestoneResponse[]> {
    const created = await this.dataSource.transaction((m) => this.obligations.addPassFinalReport(m, actor, id, body));
    return created.map((milestone) => toMilestoneResponse(milestone, this.clock.today()));
  }
}
