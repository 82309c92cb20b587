import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { compareDates } from '../common/calendar-date';
import { DomainError, InvalidInputError } from '../common/errors';
import { Product } from '../products/product.entity';
import { contentToDto } from '../safety-cases/case-intake';
import { SafetyCase } from '../safety-cases/safety-case.entities';
import { BulkIntakeCache, type BulkIntakeItem, SafetyCasesService } from '../safety-cases/safety-cases.service';
import { readAcknowledgement } from './e2b-ack';
import { type AckLine, E2bAcknowledgementsService } from './e2b-acknowledgements.service';
import { ACK_ROOT, readIcsrs } from './e2b-reader';
import { icsrToCase, type ImportedIcsr } from './e2b-to-case';
import { E2bFileError } from './e2b-xml';

export interface ImportedCaseLine {
  worldwideId: string;
  safetyReportId: string;
  action: 'created' | 'follow-up' | 'amendment' | 'nullification';
  version: number;
  product: string;
  fromEudraVigilance: boolean;
  warnings: string[];
}

export interface FileReport {
  file: string;
  sha256: string | null;
  kind: 'icsr' | 'acknowledgement' | null;
  status: 'imported' | 'refused' | 'skipped';
  casesCreated: number;
  casesVersioned: number;
  /** One line per case, the first MAX_LISTED of a file (a big batch is counted, not listed in full). */
  cases: ImportedCaseLine[];
  casesNotListed: number;
  acknowledgements: AckLine[];
  /** Why a file was refused or skipped (element and problem for a refused file). */
  reason: string | null;
}

export interface ImportReport {
  files: FileReport[];
  totals: {
    filesRead: number;
    filesRefused: number;
    filesSkipped: number;
    casesCreated: number;
    casesVersioned: number;
    acknowledgementsMatched: number;
    acknowledgementsUnmatched: number;
  };
}

/** An uploaded or local file: where its bytes are and the name to report. */
export interface ImportSource {
  path: string;
  name: string;
}

/** ICSRs per bulk batch: one multi-row INSERT per table and one audit row each. */
const BATCH_SIZE = 250;
const MAX_LISTED = 1000;
/** Acknowledgements are read whole: refuse anything bigger before reading it. */
const MAX_ACK_BYTES = 10 * 1024 * 1024;

function describeError(error: unknown): string {
  if (error instanceof E2bFileError) {
    return `${error.code}${error.element === undefined ? '' : ` at ${error.element}`}${error.line === undefined ? '' : ` (line ${error.line})`}: ${error.message}`;
  }
  if (error instanceof DomainError) {
    return `${error.code}: ${error.message}`;
  }
  throw error;
}

function emptyReport(name: string, kind: FileReport['kind']): FileReport {
  return { file: name, sha256: null, kind, status: 'imported', casesCreated: 0, casesVersioned: 0, cases: [], casesNotListed: 0, acknowledgements: [], reason: null };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * E2B(R3) import. Each file in its own transaction: a refused file leaves nothing behind, the good files of
 * the run are kept. ICSR files stream through the bulk path (batches of new cases in multi-row INSERTs, one
 * audit row per batch naming the file's SHA-256); a repeated worldwide case id (C.1.8.1) becomes a new
 * version of its case, one at a time. Acknowledgements are matched to the cases they acknowledge.
 */
@Injectable()
export class E2bImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: SafetyCasesService,
    private readonly acks: E2bAcknowledgementsService,
    private readonly audit: AuditService,
  ) {}

  /** A file, or every `*.xml` and `*.ack` file of a folder (ICSR files first, then acknowledgements; each sorted by name). */
  async importPath(path: string, actor: Actor): Promise<ImportReport> {
    const found = await stat(path).catch(() => null);
    if (found === null) {
      throw InvalidInputError.field('path', `${path}: no such file or folder`);
    }
    const files = found.isDirectory() ? (await readdir(path)).sort().map((name) => join(path, name)) : [path];
    return this.importSources(
      files.map((file) => ({ path: file, name: basename(file) })),
      actor,
    );
  }

  async importSources(sources: readonly ImportSource[], actor: Actor): Promise<ImportReport> {
    const kindOf = (s: ImportSource): string => extname(s.name).toLowerCase();
    const ordered = [...sources.filter((s) => kindOf(s) === '.xml'), ...sources.filter((s) => kindOf(s) === '.ack')];
    const reports: FileReport[] = sources
      .filter((s) => kindOf(s) !== '.xml' && kindOf(s) !== '.ack')
      .map((s) => ({ ...emptyReport(s.name, null), status: 'skipped' as const, reason: 'neither an .xml nor an .ack file' }));
    const cache = new BulkIntakeCache();
    for (const source of ordered) {
      reports.push(kindOf(source) === '.ack' ? await this.importAcknowledgement(source, actor) : await this.importFile(source, actor, cache));
    }
    const sum = (pick: (r: FileReport) => number): number => reports.reduce((n, r) => n + pick(r), 0);
    const acks = reports.flatMap((r) => r.acknowledgements);
    return {
      files: reports,
      totals: {
        filesRead: reports.filter((r) => r.status !== 'skipped').length,
        filesRefused: reports.filter((r) => r.status === 'refused').length,
        filesSkipped: reports.filter((r) => r.status === 'skipped').length,
        casesCreated: sum((r) => r.casesCreated),
        casesVersioned: sum((r) => r.casesVersioned),
        acknowledgementsMatched: acks.filter((a) => a.safetyReportId !== null).length,
        acknowledgementsUnmatched: acks.filter((a) => a.outcome === 'unmatched').length,
      },
    };
  }

  /** One ICSR file (an `.xml` whose root turns out to be an acknowledgement is read as one). */
  async importFile(source: ImportSource, actor: Actor, cache = new BulkIntakeCache()): Promise<FileReport> {
    // The checksum is taken as the parser reads (a 'data' listener would start the flow before the parser listens).
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const stream = createReadStream(source.path);
    stream.on('error', (error) => hashing.destroy(error));
    stream.pipe(hashing);
    const importActor: Actor = { ...actor, id: `${actor.id}/e2b:${source.name}` };
    const report = emptyReport(source.name, 'icsr');
    try {
      await this.dataSource.transaction(async (manager) => {
        const run = new FileRun(manager, importActor, this.cases, cache, report, await manager.find(Product, { order: { name: 'ASC' } }));
        let batch: ImportedIcsr[] = [];
        // The database writes one batch while the parser reads the next.
        let writing: Promise<void> = Promise.resolve();
        const flush = async (next: ImportedIcsr[]): Promise<void> => {
          await writing;
          writing = run.write(next);
          writing.catch(() => undefined);
        };
        for await (const element of readIcsrs(hashing)) {
          batch.push(icsrToCase(element));
          if (batch.length >= BATCH_SIZE) {
            await flush(batch);
            batch = [];
          }
        }
        await flush(batch);
        await writing;
        report.sha256 = hash.digest('hex');
        for (const written of run.batches) {
          await this.audit.recordBatch(manager, importActor, { entityType: 'safety-case', action: 'import:e2b', fileName: source.name, fileSha256: report.sha256, count: written.length, firstId: written[0] ?? null, lastId: written.at(-1) ?? null, reason: `cases created: ${written.join(', ')}` });
        }
      });
      return report;
    } catch (error) {
      stream.destroy();
      hashing.destroy();
      if (error instanceof E2bFileError && error.code === 'E2B_NOT_ICSR' && error.element === ACK_ROOT) {
        return this.importAcknowledgement(source, actor);
      }
      return { ...emptyReport(source.name, 'icsr'), status: 'refused', reason: describeError(error) };
    }
  }

  async importAcknowledgement(source: ImportSource, actor: Actor): Promise<FileReport> {
    const report = emptyReport(source.name, 'acknowledgement');
    try {
      const size = (await stat(source.path)).size;
      if (size > MAX_ACK_BYTES) {
        throw new E2bFileError('E2B_TOO_LARGE', `an acknowledgement of ${size} bytes is over the limit of ${MAX_ACK_BYTES}`);
      }
      const bytes = await readFile(source.path);
      report.sha256 = sha256(bytes);
      const ack = await readAcknowledgement(bytes);
      const file = { name: source.name, sha256: report.sha256 };
      const importActor: Actor = { ...actor, id: `${actor.id}/e2b:${source.name}` };
      await this.dataSource.transaction(async (manager) => {
        const before = await this.acks.readBefore(manager, file.sha256);
        if (before !== null) {
          report.status = 'skipped';
          report.reason = `already read on ${before.toISOString()} (same SHA-256)`;
          return;
        }
        report.acknowledgements = await this.acks.record(manager, importActor, file, ack);
        await this.audit.recordBatch(manager, importActor, { entityType: 'e2b-acknowledgement', action: 'import:e2b-ack', fileName: source.name, fileSha256: file.sha256, count: report.acknowledgements.length, reason: ack.warnings.join('; ') || null });
      });
      return report;
    } catch (error) {
      return { ...report, status: 'refused', acknowledgements: [], reason: describeError(error) };
    }
  }
}

/**
 * A copy of a string that shares no memory with the XML it was read from. Strings the parser hands out
 * are slices of its 64 KB input chunks, and V8 keeps a whole chunk alive for the smallest slice: kept
 * across a file (report lines, audit lists), they would hold the file in memory.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** The writing side of one file's import: new cases in bulk, repeats one by one, in file order. */
class FileRun {
  /** Safety report ids created, per batch (for the batch audit rows written once the checksum is known). */
  readonly batches: string[][] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly actor: Actor,
    private readonly cases: SafetyCasesService,
    private readonly cache: BulkIntakeCache,
    private readonly report: FileReport,
    private readonly products: Product[],
  ) {}

  async write(batch: readonly ImportedIcsr[]): Promise<void> {
    if (batch.length === 0) {
      return;
    }
    const known = await this.manager.query<{ worldwide_id: string; safety_report_id: string }[]>('SELECT worldwide_id, safety_report_id FROM safety_case WHERE worldwide_id = ANY($1::text[]) OR safety_report_id = ANY($2::text[])', [
      batch.map((i) => i.worldwideId),
      batch.map((i) => i.safetyReportId),
    ]);
    const existing = new Set(known.map((r) => r.worldwide_id));
    const reportIdsTaken = new Set(known.map((r) => r.safety_report_id));
    // The first sight of a worldwide id is a new case (bulk); any later one is a version, applied after them in file order.
    const fresh: ImportedIcsr[] = [];
    const repeats: ImportedIcsr[] = [];
    const seen = new Set<string>();
    for (const imported of batch) {
      (existing.has(imported.worldwideId) || seen.has(imported.worldwideId) ? repeats : fresh).push(imported);
      seen.add(imported.worldwideId);
    }
    // A C.1.1 already used (by another case, or earlier in the batch) is not reused: the case gets a number of ours.
    const items = fresh.map((imported): BulkIntakeItem => {
      const product = this.productOf(imported);
      const takenId = reportIdsTaken.has(imported.safetyReportId);
      reportIdsTaken.add(imported.safetyReportId);
      return {
        target: { product, reportedProduct: imported.suspectProductNames.join('; ') || 'not stated' },
        input: { ...contentToDto(imported.content), worldwideId: imported.worldwideId },
        options: { ...(takenId ? {} : { safetyReportId: imported.safetyReportId }), fromEudraVigilance: imported.receivedFromEudraVigilance, codingPolicy: 'keep-uncoded' },
      };
    });
    const created = await this.cases.createMany(this.manager, this.actor, items, this.cache);
    if (created.length > 0) {
      this.batches.push(created.map((c) => detached(c.safetyCase.safetyReportId)));
    }
    for (const [i, { safetyCase, version, warnings }] of created.entries()) {
      const imported = fresh[i] as ImportedIcsr;
      const product = items[i]?.target.product ?? null;
      this.line({ worldwideId: imported.worldwideId, safetyReportId: safetyCase.safetyReportId, action: 'created', version: version.version, product: product?.name ?? `${safetyCase.reportedProduct ?? ''} (not registered)`, fromEudraVigilance: safetyCase.fromEudravigilance, warnings: [...imported.warnings, ...warnings] });
    }
    for (const imported of repeats) {
      this.line(await this.addVersion(imported));
    }
  }

  private line(line: ImportedCaseLine): void {
    if (line.action === 'created') {
      this.report.casesCreated += 1;
    } else {
      this.report.casesVersioned += 1;
    }
    if (this.report.cases.length < MAX_LISTED) {
      this.report.cases.push({ ...line, worldwideId: detached(line.worldwideId), safetyReportId: detached(line.safetyReportId), product: detached(line.product), warnings: line.warnings.map(detached) });
    } else {
      this.report.casesNotListed += 1;
    }
  }

  private async addVersion(imported: ImportedIcsr): Promise<ImportedCaseLine> {
    const existing = await this.manager.findOneByOrFail(SafetyCase, { worldwideId: imported.worldwideId });
    const sent = `imported E2B(R3), C.1.1 ${imported.safetyReportId}`;
    const { action, reason } = versionKind(existing, imported, sent);
    const { safetyCase, version } =
      action === 'nullification'
        ? await this.cases.nullify(this.manager, this.actor, existing.id, { reason })
        : await this.cases.addVersion(this.manager, this.actor, existing.id, { ...contentToDto(imported.content), type: action, reason }, { codingPolicy: 'keep-uncoded' });
    const product = this.products.find((p) => p.id === safetyCase.productId);
    return { worldwideId: imported.worldwideId, safetyReportId: safetyCase.safetyReportId, action, version: version.version, product: product?.name ?? `${safetyCase.reportedProduct ?? ''} (not registered)`, fromEudraVigilance: safetyCase.fromEudravigilance, warnings: imported.warnings };
  }

  /** The registered product named as a suspect (by name or active substance), or null. */
  private productOf(imported: ImportedIcsr): Product | null {
    const names = new Set([...imported.suspectProductNames, ...imported.suspectProducts.flatMap((p) => p.substances)].map((n) => n.trim().toLowerCase()).filter((n) => n !== ''));
    return this.products.find((p) => names.has(p.name.toLowerCase()) || names.has(p.activeSubstance.toLowerCase())) ?? null;
  }
}

/**
 * How a repeated case id is recorded: the sender's nullification or amendment as such; new information
 * (a later C.1.5) as a follow-up; anything that would move the case's dates backwards or change its first
 * receipt as an amendment whose reason says so (never a silent date change).
 */
function versionKind(existing: SafetyCase, imported: ImportedIcsr, sent: string): { action: 'follow-up' | 'amendment' | 'nullification'; reason: string } {
  if (imported.nullification.nullified) {
    return { action: 'nullification', reason: `${sent}: ${imported.nullification.reason ?? 'nullified by the sender'}` };
  }
  if (imported.amendment) {
    return { action: 'amendment', reason: `${sent}: ${imported.nullification.reason ?? 'amendment by the sender'}` };
  }
  const { day0, initialReceiptOn } = imported.content;
  if (initialReceiptOn !== existing.initialReceiptOn) {
    return { action: 'amendment', reason: `${sent}: the sender gives the initial receipt as ${initialReceiptOn}, recorded ${existing.initialReceiptOn}` };
  }
  if (compareDates(day0, existing.latestDay0) < 0) {
    return { action: 'amendment', reason: `${sent}: C.1.5 ${day0} is before the latest day 0 ${existing.latestDay0} (received out of order)` };
  }
  return { action: 'follow-up', reason: sent };
}
