import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOrCsvResponse } from '../common/api-properties';
import { DataSource } from 'typeorm';
import { CASE_READERS, SAFETY_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParsePositiveIntPipe } from '../common/validation';
import { CaseClocksService } from './case-clocks.service';
import { CaseDraftService } from './case-draft.service';
import { CaseAssessmentResponse } from './dto/case-content.response';
import { CaseQueriesService } from './case-queries.service';
import { CaseReportsService } from './case-reports.service';
import { CaseVersionDto, CreateCaseDto, ExpectednessOverrideDto, LinkCaseDto, NullifyCaseDto, SubmissionDto } from './dto/case-content.dto';
import { CaseQueryDto, ClockCountsQueryDto, ClockQueryDto, ComplianceQueryDto, DiffQueryDto, PeriodicReportQueryDto } from './dto/case-query.dto';
import { LineListingResponse, SummaryTabulationResponse } from './dto/periodic-report.response';
import {
  CaseClockCountsResponse,
  CaseClockResponse,
  CaseDetailResponse,
  CaseDiffResponse,
  CaseListResponse,
  CaseVersionResponse,
  CaseVersionSummaryResponse,
  ComplianceResponse,
  PossibleDuplicateResponse,
  RelatedCaseResponse,
} from './dto/safety-case.response';
import { toCaseDetail, toCaseListItem, toVersionResponse, toVersionSummary } from './safety-case.mapper';
import { SafetyCasesService } from './safety-cases.service';
import { LINE_LISTING_COLUMNS, SUMMARY_TABULATION_COLUMNS, toCsv } from './tabulation';

function csvFile(csv: string, name: string): StreamableFile {
  return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${name}"` });
}

@ApiTags('safety cases')
@Controller()
export class SafetyCasesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: SafetyCasesService,
    private readonly queries: CaseQueriesService,
    private readonly clocks: CaseClocksService,
    private readonly reports: CaseReportsService,
    private readonly drafts: CaseDraftService,
    private readonly clock: Clock,
  ) {}

  @Post('safety-cases')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Log a case (initial version): validity, seriousness, expectedness and the reporting clock come back with possible duplicates' })
  @ApiCreatedResponse({ type: CaseDetailResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCaseDto): Promise<CaseDetailResponse> {
    return this.dataSource.transaction(async (m) => toCaseDetail(await this.queries.detail(m, (await this.cases.create(m, actor, body)).safetyCase, true)));
  }

  @Post('safety-cases/assessment')
  @Allow(SAFETY_EDITORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Assess a case being typed WITHOUT saving it: validity criteria met or missing, seriousness, expectedness and the reporting clock it would get (the same rules as intake)' })
  @ApiOkResponse({ type: CaseAssessmentResponse })
  async assessDraft(@CurrentActor() actor: Actor, @Body() body: CreateCaseDto): Promise<CaseAssessmentResponse> {
    return this.drafts.assess(this.dataSource.manager, actor, body);
  }

  @Get('safety-cases')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Cases, newest receipt first, by cursor; filter by product, status (validity), seriousness, expectedness, report type, clock state, receipt period, synthetic' })
  @ApiOkResponse({ type: CaseListResponse })
  async list(@CurrentActor() actor: Actor, @Query() query: CaseQueryDto): Promise<CaseListResponse> {
    const m = this.dataSource.manager;
    const today = this.clock.today();
    const { cases, ...page } = await this.queries.list(m, query, actor.scope, today);
    const details = await this.queries.listDetails(m, cases, today);
    return { ...page, cases: cases.map((c) => toCaseListItem(c, details.get(c.id))) };
  }

  @Get('safety-cases/compliance')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Reporting compliance per product: clocks due in the period met on time, late, overdue (% on time)' })
  @ApiOkResponse({ type: [ComplianceResponse] })
  async compliance(@CurrentActor() actor: Actor, @Query() query: ComplianceQueryDto): Promise<ComplianceResponse[]> {
    return this.clocks.compliance(this.dataSource.manager, query, actor.scope);
  }

  @Get('safety-cases/line-listing')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Line listing: one row per case received in the period, as it stood at the data lock point (JSON or CSV)' })
  @ApiJsonOrCsvResponse(LineListingResponse, 'the line listing as JSON, or as CSV with ?format=csv')
  async lineListing(@CurrentActor() actor: Actor, @Query() query: PeriodicReportQueryDto): Promise<LineListingResponse | StreamableFile> {
    const output = await this.reports.lineListing(this.dataSource.manager, query.product, { from: query.from, to: query.to }, actor.scope);
    return query.format === 'csv' ? csvFile(toCsv(output.result, LINE_LISTING_COLUMNS), `line-listing-${output.product.name}-${query.to}.csv`) : output;
  }

  @Get('safety-cases/summary-tabulation')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Summary tabulation by SOC and PT: serious / non-serious, spontaneous / study, interval / cumulative (JSON or CSV)' })
  @ApiJsonOrCsvResponse(SummaryTabulationResponse, 'the summary tabulation as JSON, or its rows as CSV with ?format=csv')
  async summaryTabulation(@CurrentActor() actor: Actor, @Query() query: PeriodicReportQueryDto): Promise<SummaryTabulationResponse | StreamableFile> {
    const output = await this.reports.summaryTabulation(this.dataSource.manager, query.product, { from: query.from, to: query.to }, actor.scope);
    return query.format === 'csv' ? csvFile(toCsv(output.result.rows, SUMMARY_TABULATION_COLUMNS), `summary-tabulation-${output.product.name}-${query.to}.csv`) : output;
  }

  @Get('safety-cases/:id')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'A case (by id or safety report id) with its current version, assessment, clocks, submissions and links' })
  @ApiOkResponse({ type: CaseDetailResponse })
  async get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CaseDetailResponse> {
    const m = this.dataSource.manager;
    return toCaseDetail(await this.queries.detail(m, await this.cases.getCase(m, id, actor)));
  }

  @Get('safety-cases/:id/versions')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Every version of the case, oldest first (nothing is ever deleted)' })
  @ApiOkResponse({ type: [CaseVersionSummaryResponse] })
  async versions(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CaseVersionSummaryResponse[]> {
    const m = this.dataSource.manager;
    return (await this.queries.versions(m, await this.cases.getCase(m, id, actor))).map(toVersionSummary);
  }

  @Get('safety-cases/:id/versions/:version')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'One version as it was recorded, with its assessment' })
  @ApiOkResponse({ type: CaseVersionResponse })
  async version(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('version', ParsePositiveIntPipe) version: number): Promise<CaseVersionResponse> {
    const m = this.dataSource.manager;
    return toVersionResponse(await this.queries.version(m, await this.cases.getCase(m, id, actor), version));
  }

  @Get('safety-cases/:id/versions/:version/diff')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'What changed in a version, field by field, against the one before (or ?against=n)' })
  @ApiOkResponse({ type: CaseDiffResponse })
  async diff(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('version', ParsePositiveIntPipe) version: number, @Query() query: DiffQueryDto): Promise<CaseDiffResponse> {
    const m = this.dataSource.manager;
    return this.queries.diff(m, await this.cases.getCase(m, id, actor), version, query.against);
  }

  @Post('safety-cases/:id/versions')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Add a follow-up (new information, new day 0, a new clock when significant) or an amendment (a correction, no clock)' })
  @ApiCreatedResponse({ type: CaseDetailResponse })
  async addVersion(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CaseVersionDto): Promise<CaseDetailResponse> {
    return this.dataSource.transaction(async (m) => toCaseDetail(await this.queries.detail(m, (await this.cases.addVersion(m, actor, id, body)).safetyCase, true)));
  }

  @Post('safety-cases/:id/nullification')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Nullify a case (sent in error): a final version, open clocks cancelled; the case and its versions stay' })
  @ApiCreatedResponse({ type: CaseDetailResponse })
  async nullify(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: NullifyCaseDto): Promise<CaseDetailResponse> {
    return this.dataSource.transaction(async (m) => toCaseDetail(await this.queries.detail(m, (await this.cases.nullify(m, actor, id, body)).safetyCase)));
  }

  @Post('safety-cases/:id/expectedness-overrides')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Decide a reaction’s expectedness by hand, with a reason (an amendment version; no new clock)' })
  @ApiCreatedResponse({ type: CaseDetailResponse })
  async overrideExpectedness(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ExpectednessOverrideDto): Promise<CaseDetailResponse> {
    return this.dataSource.transaction(async (m) => toCaseDetail(await this.queries.detail(m, (await this.cases.overrideExpectedness(m, actor, id, body)).safetyCase)));
  }

  @Post('safety-cases/:id/submissions')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Record a positive acknowledgement of a version: meets the open clocks up to that version, on time or late' })
  @ApiCreatedResponse({ type: [CaseClockResponse], description: 'the case’s clocks after the submission' })
  async submit(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SubmissionDto): Promise<CaseClockResponse[]> {
    return this.dataSource.transaction((m) => this.clocks.recordSubmission(m, actor, id, body));
  }

  @Get('safety-cases/:id/duplicates')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Possible duplicates among the product’s cases, scored, with the fields that match and conflict' })
  @ApiOkResponse({ type: [PossibleDuplicateResponse] })
  async duplicates(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PossibleDuplicateResponse[]> {
    const m = this.dataSource.manager;
    return this.queries.duplicates(m, await this.cases.getCase(m, id, actor));
  }

  @Post('safety-cases/:id/links')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Link the case as a duplicate of a master case, or as related (mother–child); never a deletion' })
  @ApiCreatedResponse({ type: [RelatedCaseResponse], description: 'the case’s links after the change' })
  async link(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: LinkCaseDto): Promise<RelatedCaseResponse[]> {
    return this.dataSource.transaction((m) => this.queries.link(m, actor, id, body));
  }

  @Get('case-clocks/counts')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'The caller\'s reporting clocks at a glance: open, overdue, due soon, and % on time over the last twelve months' })
  @ApiOkResponse({ type: CaseClockCountsResponse })
  async clockCounts(@CurrentActor() actor: Actor, @Query() query: ClockCountsQueryDto): Promise<CaseClockCountsResponse> {
    return this.clocks.counts(this.dataSource.manager, query.dueSoonDays ?? 7, actor.scope);
  }

  @Get('case-clocks')
  @Allow(CASE_READERS)
  @ApiOperation({ summary: 'Reporting clocks by due date, with days left; filter by product, status, overdue' })
  @ApiOkResponse({ type: [CaseClockResponse] })
  async clocksList(@CurrentActor() actor: Actor, @Query() query: ClockQueryDto): Promise<CaseClockResponse[]> {
    return this.clocks.list(this.dataSource.manager, query, actor.scope);
  }
}
