import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse } from '../common/api-properties';
import { DataSource } from 'typeorm';
import { Principal } from '../auth/principal';
import { CurrentActor } from '../common/current-actor.decorator';
import { ANY_ROLE, Role } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { findProductIds } from '../common/product-refs';
import { startedStream, streamedFile } from '../common/started-stream';
import { auditCsv } from './audit-csv';
import { redactCaseContent, seesCaseContent } from './audit-redaction';
import { verifyAuditChain } from './audit-verify';
import { toAuditEntryResponse } from './audit.mapper';
import { AuditEntryResponse, AuditVerifyResponse } from './dto/audit.response';
import { AuditService } from './audit.service';
import { AuditFilterDto, AuditQueryDto } from './dto/audit-query.dto';

/** The whole-chain check reads every row: for the auditor, the administrator and the QPPV, not every user. */
const CHAIN_VERIFIERS: readonly Role[] = ['admin', 'viewer', 'qppv'];

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'The audit trail, oldest first: who, when, what (field by field), why; filter and page by seq. Case content is redacted for roles that may not read cases' })
  @ApiOkResponse({ type: [AuditEntryResponse] })
  async list(@CurrentActor() actor: Principal, @Query() query: AuditQueryDto): Promise<AuditEntryResponse[]> {
    const entries = await this.audit.list(this.dataSource.manager, { ...(await this.byProductId(query)), limit: query.limit ?? 100 }, actor.scope);
    const redact = !seesCaseContent(actor.role);
    return entries.map((entry) => toAuditEntryResponse(redact ? redactCaseContent(entry) : entry));
  }

  @Get('export.csv')
  @Allow(ANY_ROLE)
  @ApiFileResponse(200, ['text/csv'], 'the audit trail as CSV (attachment audit-trail.csv)')
  @ApiOperation({ summary: 'The filtered audit trail as CSV, one line per changed field (streamed, one consistent snapshot)' })
  async export(@CurrentActor() actor: Principal, @Query() query: AuditFilterDto): Promise<StreamableFile> {
    // Headers through StreamableFile (not @Header), so that an error answered instead is not labelled text/csv.
    // The first page is read before anything is sent: a failure there answers as an error, never as a CSV.
    const csv = await startedStream(auditCsv(this.dataSource, this.audit, { filter: await this.byProductId(query), productIds: actor.scope, redact: !seesCaseContent(actor.role) }));
    return streamedFile(csv, { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="audit-trail.csv"' });
  }

  /** The product filter, given by name or id, as the id the trail stores (the nil UUID, which matches no row, for a name of no product). */
  private async byProductId<T extends AuditFilterDto>(query: T): Promise<T> {
    if (query.productId === undefined) {
      return query;
    }
    const [id] = await findProductIds(this.dataSource.manager, [query.productId]);
    return { ...query, productId: id ?? NIL_UUID };
  }

  @Get('verify')
  @Allow(CHAIN_VERIFIERS)
  @ApiOperation({ summary: 'Recompute the audit hash chain and name the first broken link' })
  @ApiOkResponse({ type: AuditVerifyResponse })
  verify(): Promise<AuditVerifyResponse> {
    return verifyAuditChain(this.dataSource);
  }
}
