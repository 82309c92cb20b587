import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CASE_READERS, SAFETY_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ForbiddenError } from '../common/errors';
import { ParseUuidPipe } from '../common/validation';
import { DisproportionalityRunsService } from './disproportionality-runs.service';
import { DisproportionalityRunResponse, PairResponse } from './dto/signal-detection.response';
import { DisproportionalityRunDto, ResultQueryDto, RunListQueryDto } from './dto/signal-detection.dto';
import { SignalJobs } from './signal-jobs';

/** Disproportionality runs count over every product of a database: an account limited to some products may not see them. */
function needsAllProducts(actor: Actor): void {
  if (actor.scope !== null) {
    throw new ForbiddenError('SIGNAL_DETECTION_NEEDS_ALL_PRODUCTS', 'Disproportionality counts over every product of a database: it needs an account that sees every product');
  }
}

@ApiTags('Signal detection')
@Controller('signal-detection')
export class SignalDetectionController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: DisproportionalityRunsService,
    private readonly jobs: SignalJobs,
  ) {}

  @Post('runs')
  @HttpCode(201)
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Disproportionality over one database (own cases or FAERS, never pooled): one product at once (201, done), or every pair as a background job (202, running — poll the run)' })
  @ApiCreatedResponse({ type: DisproportionalityRunResponse, description: 'one product: computed (done)' })
  @ApiAcceptedResponse({ type: DisproportionalityRunResponse, description: 'every pair: a background job (running); poll GET /signal-detection/runs/{id}' })
  async run(@CurrentActor() actor: Actor, @Body() body: DisproportionalityRunDto, @Res({ passthrough: true }) response: Response): Promise<DisproportionalityRunResponse> {
    needsAllProducts(actor);
    const request = { database: body.database, product: body.product ?? null, ...(body.roles === undefined ? {} : { roles: body.roles }), ...(body.minCount === undefined ? {} : { minCount: body.minCount }), ...(body.prior === undefined ? {} : { prior: body.prior }) };
    if (request.product === null) {
      response.status(202);
      return this.jobs.enqueue(actor, request);
    }
    const started = await this.runs.start(actor, request, 'request');
    return this.runs.compute(actor, started.id);
  }

  @Get('runs')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Disproportionality runs, newest first, with parameters, totals and the presets applied' })
  @ApiOkResponse({ type: [DisproportionalityRunResponse] })
  async list(@CurrentActor() actor: Actor, @Query() query: RunListQueryDto): Promise<DisproportionalityRunResponse[]> {
    needsAllProducts(actor);
    return this.runs.list(this.dataSource.manager, query.limit ?? 50);
  }

  @Get('runs/:id')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'A disproportionality run: its status (running, done, failed), parameters and totals' })
  @ApiOkResponse({ type: DisproportionalityRunResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<DisproportionalityRunResponse> {
    needsAllProducts(actor);
    return this.runs.get(this.dataSource.manager, id);
  }

  @Get('runs/:id/results')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Pairs of a run (a product’s, those a preset flags, or those listed for review), strongest IC025 first: 2×2 table, PRR, ROR (infinite ones flagged; intervals with the zero-cell correction named), χ², IC, EBGM, the presets hit and the review reasons' })
  @ApiOkResponse({ type: [PairResponse] })
  async results(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Query() query: ResultQueryDto): Promise<PairResponse[]> {
    needsAllProducts(actor);
    return this.runs.results(this.dataSource.manager, id, { ...(query.product === undefined ? {} : { product: query.product }), ...(query.preset === undefined ? {} : { preset: query.preset }), ...(query.review === undefined ? {} : { review: query.review }), limit: query.limit ?? 200 });
  }
}
