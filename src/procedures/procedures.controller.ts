import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseUuidPipe } from '../common/validation';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { CurrentActor } from '../common/current-actor.decorator';
import { ANY_ROLE, REGISTER_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { ClockStopDto, CreateProcedureDto, ListProceduresQueryDto, RestartDto, UpdateTimetableDto } from './dto/procedure.dto';
import { ProcedureResponse } from './dto/procedure.response';
import { toProcedureResponse } from './procedure.mapper';
import { ProceduresService } from './procedures.service';

@ApiTags('procedures')
@Controller('procedures')
export class ProceduresController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Record a regulatory procedure (EMEA/H/C/…) of a product, optionally the milestone whose submission it assesses' })
  @ApiCreatedResponse({ type: ProcedureResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateProcedureDto): Promise<ProcedureResponse> {
    return toProcedureResponse(await this.dataSource.transaction((m) => this.procedures.create(m, actor, body)), this.clock.today());
  }

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Procedures of a product (?product= id or name), each with its state and clock stops' })
  @ApiOkResponse({ type: [ProcedureResponse] })
  async list(@CurrentActor() actor: Actor, @Query() query: ListProceduresQueryDto): Promise<ProcedureResponse[]> {
    const today = this.clock.today();
    return (await this.procedures.list(this.dataSource.manager, query.product, actor.scope)).map((view) => toProcedureResponse(view, today));
  }

  @Get(':id')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'A procedure: timetable, clock stops with their response deadlines, clock-stop days and current state' })
  @ApiOkResponse({ type: ProcedureResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<ProcedureResponse> {
    return toProcedureResponse(await this.procedures.get(this.dataSource.manager, id, actor.scope), this.clock.today());
  }

  @Patch(':id/timetable')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Record timetable dates (submission, start, opinion and outcome, Commission decision) with a reason; dates out of order are refused' })
  @ApiOkResponse({ type: ProcedureResponse })
  async updateTimetable(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateTimetableDto): Promise<ProcedureResponse> {
    return toProcedureResponse(await this.dataSource.transaction((m) => this.procedures.updateTimetable(m, actor, id, body)), this.clock.today());
  }

  @Post(':id/clock-stops')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'The regulator stops the clock with questions; the responses become a deadline (validation questions in a CMA renewal: + 5 working days)' })
  @ApiCreatedResponse({ type: ProcedureResponse })
  async stopClock(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: ClockStopDto): Promise<ProcedureResponse> {
    return toProcedureResponse(await this.dataSource.transaction((m) => this.procedures.stopClock(m, actor, id, body)), this.clock.today());
  }

  @Post(':id/clock-stops/:stopId/restart')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Responses submitted, clock restarted: the response deadline is marked submitted, on time or late' })
  @ApiCreatedResponse({ type: ProcedureResponse })
  async restartClock(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Param('stopId', ParseUuidPipe) stopId: string,
    @Body() body: RestartDto,
  ): Promise<ProcedureResponse> {
    return toProcedureResponse(await this.dataSource.transaction((m) => this.procedures.restartClock(m, actor, id, stopId, body)), this.clock.today());
  }
}
