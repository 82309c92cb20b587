import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CASE_READERS, SAFETY_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseUuidPipe } from '../common/validation';
import { AlertQueryDto, DismissAlertDto, EstablishEsiDto, NotifyEsiDto, RegulatorOutcomeDto, SignalQueryDto, SignalStepDto, ValidateAlertDto } from './dto/signal-management.dto';
import { AlertResponse, SignalResponse, SignalSummaryResponse } from './dto/signal-management.response';
import { SignalManagementService } from './signal-management.service';

@ApiTags('Signal management')
@Controller()
export class SignalManagementController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signals: SignalManagementService,
  ) {}

  @Get('alerts')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Statistical alerts (screening hits and frequency flags on our products), newest first: to review, not yet signals' })
  @ApiOkResponse({ type: [AlertResponse] })
  async alerts(@CurrentActor() actor: Actor, @Query() query: AlertQueryDto): Promise<AlertResponse[]> {
    return this.signals.alerts(this.dataSource.manager, { ...(query.status === undefined ? {} : { status: query.status }), ...(query.product === undefined ? {} : { product: query.product }), limit: query.limit ?? 100 }, actor.scope);
  }

  @Post('alerts/:id/validation')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Validate an alert into a signal (a new one, or an open one of the same product), with the reason' })
  @ApiCreatedResponse({ type: SignalResponse, description: 'the signal the alert now belongs to' })
  async validate(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: ValidateAlertDto): Promise<SignalResponse> {
    return this.dataSource.transaction((m) => this.signals.validateAlert(m, actor, id, body));
  }

  @Post('alerts/:id/dismissal')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Dismiss an alert with the reason' })
  @ApiCreatedResponse({ type: AlertResponse })
  async dismiss(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: DismissAlertDto): Promise<AlertResponse> {
    return this.dataSource.transaction((m) => this.signals.dismissAlert(m, actor, id, body.reason));
  }

  @Get('signals')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Signals, most recently changed first (without steps and alerts: GET /signals/{id} has them)' })
  @ApiOkResponse({ type: [SignalSummaryResponse] })
  async list(@CurrentActor() actor: Actor, @Query() query: SignalQueryDto): Promise<SignalSummaryResponse[]> {
    return this.signals.signals(this.dataSource.manager, { ...(query.status === undefined ? {} : { status: query.status }), ...(query.product === undefined ? {} : { product: query.product }), limit: query.limit ?? 100 }, actor.scope);
  }

  @Get('signals/:id')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'A signal with its steps (who, when, why), alerts, emerging-safety-issue clock and regulator outcome' })
  @ApiOkResponse({ type: SignalResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<SignalResponse> {
    return this.signals.get(this.dataSource.manager, id, actor.scope);
  }

  @Post('signals/:id/steps')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'The next GVP IX step: analysed (priority), assessed (assessment), closed (recommended action; needs a QPPV signature on the assessment)' })
  @ApiCreatedResponse({ type: SignalResponse })
  async step(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: SignalStepDto): Promise<SignalResponse> {
    return this.dataSource.transaction((m) => this.signals.step(m, actor, id, body));
  }

  @Post('signals/:id/emerging-safety-issue')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Establish an emerging safety issue: the notification to EMA and the NCAs is due 3 working days later (reminded)' })
  @ApiCreatedResponse({ type: SignalResponse })
  async establishEsi(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: EstablishEsiDto): Promise<SignalResponse> {
    return this.dataSource.transaction((m) => this.signals.establishEsi(m, actor, id, body));
  }

  @Post('signals/:id/emerging-safety-issue/notification')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Record that EMA and the NCAs were notified of the emerging safety issue (on time or late)' })
  @ApiCreatedResponse({ type: SignalResponse })
  async notifyEsi(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: NotifyEsiDto): Promise<SignalResponse> {
    return this.dataSource.transaction((m) => this.signals.notifyEsi(m, actor, id, body));
  }

  @Post('signals/:id/regulator-outcome')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Record the regulator’s outcome for the signal and the day it was received' })
  @ApiCreatedResponse({ type: SignalResponse })
  async regulatorOutcome(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: RegulatorOutcomeDto): Promise<SignalResponse> {
    return this.dataSource.transaction((m) => this.signals.regulatorOutcome(m, actor, id, body));
  }
}
