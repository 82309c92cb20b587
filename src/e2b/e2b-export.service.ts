import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { SafetyCase } from '../safety-cases/safety-case.entities';
import { caseFromEudraVigilance } from '../safety-cases/safety-cases.errors';
import { SafetyCasesService } from '../safety-cases/safety-cases.service';
import { E2bExport } from './e2b.entities';
import { type ExportCase, icsrBatchXml } from './e2b-export';

export const EXPORT_RECEIVERS = ['EVHUMAN', 'EVTEST'] as const;
export type ExportReceiver = (typeof EXPORT_RECEIVERS)[number];

export interface ExportedBatch {
  batchId: string;
  fileName: string;
  xml: string;
  sha256: string;
  messages: { safetyReportId: string; version: number; messageId: string }[];
}

/** Most cases one export batch carries (EudraVigilance accepts large batches; a user picks a selection). */
export const MAX_EXPORT_CASES = 1000;

/** HL7 TS of an instant, UTC: yyyyMMddHHmmss+0000. */
function hl7Now(now: Date): string {
  return `${now.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}

/**
 * Export of case versions as one E2B(R3) batch for EudraVigilance (EU implementation guide): the current
 * version of each case, each message recorded (message id → case version) so that the acknowledgement
 * finds what it accepts. A case downloaded from EudraVigilance is never sent back.
 */
@Injectable()
export class E2bExportService {
  constructor(
    private readonly cases: SafetyCasesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async exportCases(manager: EntityManager, actor: Actor, input: { cases: string[]; receiver?: ExportReceiver }): Promise<ExportedBatch> {
    if (input.cases.length === 0) {
      throw InvalidInputError.field('cases', 'name at least one case (id or safety report id)');
    }
    if (input.cases.length > MAX_EXPORT_CASES) {
      throw InvalidInputError.field('cases', `at most ${MAX_EXPORT_CASES} cases per batch (got ${input.cases.length})`);
    }
    const receiver = input.receiver ?? 'EVHUMAN';
    const now = this.clock.now();
    const createdAt = hl7Now(now);
    const batchId = `${this.config.e2bSenderId}-${createdAt.slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    const picked: { safetyCase: SafetyCase; version: number; exported: ExportCase }[] = [];
    const seen = new Set<string>();
    for (const [index, ref] of input.cases.entries()) {
      const safetyCase = await this.cases.getCase(manager, ref, actor);
      if (seen.has(safetyCase.id)) {
        throw InvalidInputError.field(`cases[${index}]`, `case ${safetyCase.safetyReportId} is named twice`);
      }
      seen.add(safetyCase.id);
      if (safetyCase.fromEudravigilance) {
        throw caseFromEudraVigilance(safetyCase.safetyReportId);
      }
      if (safetyCase.synthetic && receiver !== 'EVTEST') {
        throw new ConflictError('CASE_SYNTHETIC', `Case ${safetyCase.safetyReportId} is a synthetic demo case: it may go to the EudraVigilance test system (EVTEST) only`, { field: `cases[${index}]` });
      }
      const version = await this.cases.currentVersion(manager, safetyCase);
      picked.push({
        safetyCase,
        version: version.version,
        exported: {
          safetyReportId: safetyCase.safetyReportId,
          worldwideId: safetyCase.worldwideId,
          messageId: `${safetyCase.safetyReportId}-v${version.version}-${batchId}`,
          versionType: version.versionType,
          content: version.content,
          amendmentReason: version.versionType === 'amendment' ? version.reason : null,
        },
      });
    }
    const xml = [...icsrBatchXml({ batchId, senderId: this.config.e2bSenderId, receiverId: receiver, createdAt }, picked.map((p) => p.exported))].join('');
    const sha256 = createHash('sha256').update(xml).digest('hex');
    await manager.insert(
      E2bExport,
      picked.map(({ safetyCase, version, exported }) => manager.create(E2bExport, { batchId, messageId: exported.messageId, caseId: safetyCase.id, version, receiver, batchSha256: sha256, createdBy: actor.id })),
    );
    const fileName = `${batchId}.xml`;
    await this.audit.recordBatch(manager, actor, { entityType: 'safety-case', action: `export:e2b:${receiver}`, fileName, fileSha256: sha256, count: picked.length, reason: `cases exported: ${picked.map((p) => p.safetyCase.safetyReportId).join(', ')}` });
    return { batchId, fileName, xml, sha256, messages: picked.map(({ safetyCase, version, exported }) => ({ safetyReportId: safetyCase.safetyReportId, version, messageId: exported.messageId })) };
  }
}
