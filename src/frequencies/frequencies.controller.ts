import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CASE_READERS, SAFETY_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseUuidPipe } from '../common/validation';
import { FrequencyRunQueryDto, RecordExposureDto, RequestFrequencyRunDto } from './dto/frequency.dto';
import { ExposureService, type ExposureView } from './exposure.service';
import { FrequencyRunsService, type RunView, type RunWithResults } from './frequency-runs.service';

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
  async listExposure(@CurrentActor() actor: Actor, @Param('product') product: string): Promise<ExposureView[]> {
    return this.exposure.list(this.dataSource.manager, product, actor.scope);
  }

  @Post('products/:product/exposure')
  @Allow(EXPOSURE_EDITORS)
  @ApiOperation({ summary: 'Record an exposure figure (cumulative patients on a day, with source and follow-up), or correct one (replaces + reason); never changed in place' })
  async recordExposure(@CurrentActor() actor: Actor, @Param('product') product: string, @Body() body: RecordExposureDto): Promise<ExposureView> {
    return this.dataSource.transaction((m) => this.exposure.record(m, actor, product, body));
  }

  @Post('frequency-runs')
  @Allow(EXPOSURE_EDITORS)
  @ApiOperation({ summary: 'Compute side-effect frequencies for a product, period and data lock point; stored with inputs and results (an identical latest run is returned instead of a copy)' })
  async request(@CurrentActor() actor: Actor, @Body() body: RequestFrequencyRunDto): Promise<RunWithResults & { stored: boolean }> {
    const { run, stored } = await this.runs.run(actor, { product: body.product, dataLockPoint: body.dataLockPoint, periodStart: body.periodStart ?? null, trigger: 'request' });
    return { ...run, stored };
  }

  @Get('frequency-runs')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Frequency runs, newest first (inputs and summary, without rows)' })
  async list(@CurrentActor() actor: Actor, @Query() query: FrequencyRunQueryDto): Promise<RunView[]> {
    return this.runs.list(this.dataSource.manager, { product: query.product, period: query.period, limit: query.limit ?? 50 }, actor.scope);
  }

  @Get('frequency-runs/:id')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'One frequency run with its rows: listed terms, outcome rates, reported PTs and SOCs, each with the observed proportion, exact interval, stated rate and flag' })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<RunWithResults> {
    return this.runs.get(this.dataSource.manager, id, actor.scope);
  }
}
