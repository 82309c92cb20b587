import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CASE_READERS, SAFETY_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseUuidPipe } from '../common/validation';
import { FrequencyRunQueryDto, RecordExposureDto, RequestFrequencyRunDto } from './dto/frequency.dto';
import { ExposureResponse, FrequencyRunResponse, FrequencyRunWithRowsResponse, RequestedFrequencyRunResponse } from './dto/frequency.response';
import { ExposureService } from './exposure.service';
import { FrequencyRunsService } from './frequency-runs.service';

/** Who records exposure figures: the safety team and regulatory affairs (registry and sales figures reach both). */
const EXPOSURE_EDITORS = [...SAFETY_EDITORS, 'regulatory'] as const;

@ApiTags('Frequencies')
@Controller()
export class FrequenciesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exposure: ExposureService,
    private readonly runs: FrequencyRunsService,
  ) {}

  @Get('products/:product/exposure')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Exposure figures of a product (patients enrolled, treated, or estimated from doses), oldest first; corrected ones name their correction' })
  @ApiOkResponse({ type: [ExposureResponse] })
  async listExposure(@CurrentActor() actor: Actor, @Param('product') product: string): Promise<ExposureResponse[]> {
    return this.exposure.list(this.dataSource.manager, product, actor.scope);
  }

  @Post('products/:product/exposure')
  @Allow(EXPOSURE_EDITORS)
  @ApiOperation({ summary: 'Record an exposure figure (cumulative patients on a day, with source and follow-up), or correct one (replaces + reason); never changed in place' })
  @ApiCreatedResponse({ type: ExposureResponse })
  async recordExposure(@CurrentActor() actor: Actor, @Param('product') product: string, @Body() body: RecordExposureDto): Promise<ExposureResponse> {
    return this.dataSource.transaction((m) => this.exposure.record(m, actor, product, body));
  }

  @Post('frequency-runs')
  @Allow(EXPOSURE_EDITORS)
  @ApiOperation({ summary: 'Compute side-effect frequencies for a product, period and data lock point; stored with inputs and results (an identical latest run is returned instead of a copy)' })
  @ApiCreatedResponse({ type: RequestedFrequencyRunResponse })
  async request(@CurrentActor() actor: Actor, @Body() body: RequestFrequencyRunDto): Promise<RequestedFrequencyRunResponse> {
    const { run, stored } = await this.runs.run(actor, { product: body.product, dataLockPoint: body.dataLockPoint, periodStart: body.periodStart ?? null, trigger: 'request' });
    return { ...run, stored };
  }

  @Get('frequency-runs')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Frequency runs, newest first (inputs and summary, without rows)' })
  @ApiOkResponse({ type: [FrequencyRunResponse] })
  async list(@CurrentActor() actor: Actor, @Query() query: FrequencyRunQueryDto): Promise<FrequencyRunResponse[]> {
    return this.runs.list(this.dataSource.manager, { product: query.product, period: query.period, limit: query.limit ?? 50 }, actor.scope);
  }

  @Get('frequency-runs/:id')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'One frequency run with its rows: listed terms, outcome rates, reported PTs and SOCs, each with the observed proportion, exact interval, stated rate and flag' })
  @ApiOkResponse({ type: FrequencyRunWithRowsResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<FrequencyRunWithRowsResponse> {
    return this.runs.get(this.dataSource.manager, id, actor.scope);
  }
}
