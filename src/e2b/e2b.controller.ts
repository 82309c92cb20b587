import { Body, Controller, Get, Post, Query, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse } from '../common/api-properties';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import { CASE_READERS, SAFETY_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ForbiddenError, InvalidInputError } from '../common/errors';
import { AcknowledgementQueryDto, ExportDto } from './dto/e2b-query.dto';
import { E2bExportService } from './e2b-export.service';
import { E2bAcknowledgementsService } from './e2b-acknowledgements.service';
import { E2bImportService } from './e2b-import.service';
import { AcknowledgementResponse, ImportReportResponse } from './dto/e2b.response';

/** What multer gives for a file stored on disk (the fields used here). */
interface StoredUpload {
  originalname: string;
  path: string;
}

/** Upload limits: an E2B batch can be large (the parser streams it from disk), but not unbounded. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const MAX_UPLOAD_FILES = 50;

@ApiTags('E2B(R3)')
@Controller('e2b')
export class E2bController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: E2bImportService,
    private readonly acks: E2bAcknowledgementsService,
    private readonly exports: E2bExportService,
  ) {}

  @Post('exports')
  @Allow(SAFETY_EDITORS)
  @ApiFileResponse(201, ['application/xml'], 'the E2B(R3) batch (attachment)')
  @ApiOperation({ summary: 'Export the current version of the named cases as one E2B(R3) batch for EudraVigilance (EU implementation guide); each message is recorded so that its acknowledgement finds the version' })
  async export(@CurrentActor() actor: Actor, @Body() body: ExportDto): Promise<StreamableFile> {
    const batch = await this.dataSource.transaction((m) => this.exports.exportCases(m, actor, body));
    return new StreamableFile(Buffer.from(batch.xml, 'utf8'), { type: 'application/xml; charset=utf-8', disposition: `attachment; filename="${batch.fileName}"` });
  }

  @Post('imports')
  @Allow(SAFETY_EDITORS)
  @UseInterceptors(FilesInterceptor('files', MAX_UPLOAD_FILES, { dest: tmpdir(), limits: { fileSize: MAX_UPLOAD_BYTES } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @ApiOperation({ summary: 'Import E2B(R3) files (.xml ICSR batches or messages, .ack acknowledgements): each file in one transaction; the report names every case, acknowledgement and refused file' })
  @ApiCreatedResponse({ type: ImportReportResponse })
  async upload(@CurrentActor() actor: Actor, @UploadedFiles() files: StoredUpload[] | undefined): Promise<ImportReportResponse> {
    if (actor.scope !== null) {
      await Promise.all((files ?? []).map((f) => rm(f.path, { force: true })));
      throw new ForbiddenError('E2B_IMPORT_NEEDS_ALL_PRODUCTS', 'An E2B import files cases under any product (and keeps those of unregistered products): it needs an account that sees every product');
    }
    if (files === undefined || files.length === 0) {
      throw InvalidInputError.field('files', 'no file uploaded: send one or more files in the multipart field "files"');
    }
    try {
      return await this.imports.importSources(
        files.map((f) => ({ path: f.path, name: f.originalname })),
        actor,
      );
    } finally {
      await Promise.all(files.map((f) => rm(f.path, { force: true })));
    }
  }

  @Get('acknowledgements')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Acknowledgements read, newest first, with what each led to (submission recorded, rejected, unmatched…)' })
  @ApiOkResponse({ type: [AcknowledgementResponse] })
  async acknowledgements(@CurrentActor() actor: Actor, @Query() query: AcknowledgementQueryDto): Promise<AcknowledgementResponse[]> {
    return this.acks.list(this.dataSource.manager, { limit: query.limit ?? 100, ...(query.outcome === undefined ? {} : { outcome: query.outcome }) }, actor.scope);
  }
}
