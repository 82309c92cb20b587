import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse } from '../common/api-properties';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CASE_READERS, DOSSIER_BUILDERS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseUuidPipe } from '../common/validation';
import { DossierJobs } from './dossier-jobs';
import { DossierService, type FileKind } from './dossier.service';
import { DossierBuildResponse, DossierComparisonResponse, DossierSuggestionResponse, DossierVersionResponse } from './dto/dossier.response';
import { BuildDossierDto, CompareQueryDto, FileParamDto } from './dto/dossier.dto';

const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

@ApiTags('Renewal dossier')
@Controller()
export class DossierController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dossiers: DossierService,
    private readonly jobs: DossierJobs,
  ) {}

  @Get('products/:product/dossier-suggestion')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'The data lock point suggested for the next renewal dossier, with the renewal it is for' })
  @ApiOkResponse({ type: DossierSuggestionResponse })
  suggestion(@CurrentActor() actor: Actor, @Param('product') product: string): Promise<DossierSuggestionResponse> {
    return this.dossiers.suggestion(product, actor.scope);
  }

  @Post('products/:product/dossiers')
  @HttpCode(202)
  @Allow(DOSSIER_BUILDERS)
  @ApiOperation({ summary: 'Build the renewal dossier for a data lock point: a background job (202); poll GET /dossier-builds/{id} — queued, collecting, rendering, done (with the version, new or reused) or failed (with the reason)' })
  @ApiAcceptedResponse({ type: DossierBuildResponse, description: 'queued' })
  build(@CurrentActor() actor: Actor, @Param('product') product: string, @Body() body: BuildDossierDto): Promise<DossierBuildResponse> {
    return this.jobs.enqueue(actor, { product, dataLockPoint: body.dataLockPoint, benefitRisk: body.benefitRisk ?? '', proposedChanges: body.proposedChanges ?? [], lineListing: body.lineListing ?? false });
  }

  @Get('products/:product/dossiers')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'The product’s dossier versions, newest first: data lock point, content hash, files and their SHA-256, who and when' })
  @ApiOkResponse({ type: [DossierVersionResponse] })
  versions(@CurrentActor() actor: Actor, @Param('product') product: string): Promise<DossierVersionResponse[]> {
    return this.dossiers.versions(this.dataSource.manager, product, actor.scope);
  }

  @Get('dossier-builds/:id')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'A dossier build and its progress' })
  @ApiOkResponse({ type: DossierBuildResponse })
  buildStatus(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<DossierBuildResponse> {
    return this.dossiers.build(id, actor.scope);
  }

  @Get('dossiers/:id')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'A dossier version' })
  @ApiOkResponse({ type: DossierVersionResponse })
  version(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<DossierVersionResponse> {
    return this.dossiers.version(id, actor.scope);
  }

  @Get('dossiers/:id/comparison')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'What changed from this version to another of the same product: obligations and safety figures' })
  @ApiOkResponse({ type: DossierComparisonResponse })
  compare(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Query() query: CompareQueryDto): Promise<DossierComparisonResponse> {
    return this.dossiers.compare(id, query.with, actor.scope);
  }

  @Get('dossiers/:id/files/:kind')
  @Allow(CASE_READERS)
  @ApiFileResponse(200, Object.values(MEDIA_TYPES), 'the file (SHA-256 in the X-Content-SHA256 header)')
  @ApiOperation({ summary: 'A version’s PDF, XLSX workbook or ZIP bundle (the SHA-256 in the X-Content-SHA256 header)' })
  async file(@CurrentActor() actor: Actor, @Param() params: FileParamDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const file = await this.dossiers.file(params.id, params.kind, actor.scope);
    response.setHeader('X-Content-SHA256', file.sha256);
    return new StreamableFile(file.bytes, { type: MEDIA_TYPES[params.kind], disposition: `attachment; filename="${file.name}"`, length: file.bytes.length });
  }
}
