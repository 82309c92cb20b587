import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { compareDates } from '../common/calendar-date';
import { DomainError, InvalidInputError } from '../common/errors';
import { Product } from '../products/product.entity';
import { SafetyCase } from '../safety-cases/safety-case.entities';
import { SafetyCasesService } from '../safety-cases/safety-cases.service';
import { readIcsrs } from './e2b-reader';
import { icsrToCase, ImportedIcsr } from './e2b-to-case';
import { E2bFileError } from './e2b-xml';
import { contentToDto } from '../safety-cases/case-intake';

export interface ImportedCaseLine {
  worldwideId: string;
  safetyReportId: string;
  action: 'created' | 'follow-up' | 'amendment' | 'nullification';
  version: number;
  product: string;
  warnings: string[];
}

export interface FileReport {
  file: string;
  sha256: string | null;
  status: 'imported' | 'refused' | 'skipped';
  cases: ImportedCaseLine[];
  /** Why a file was refused or skipped (element and problem for a refused file). */
  reason: string | null;
}

export interface ImportReport {
  files: FileReport[];
  totals: { filesRead: number; filesRefused: number; filesSkipped: number; casesCreated: number; casesVersioned: number };
}

function describeError(error: unknown): string {
  if (error instanceof E2bFileError) {
    return `${error.code}${error.element === undefined ? '' : ` at ${error.element}`}${error.line === undefined ? '' : ` (line ${error.line})`}: ${error.message}`;
  }
  if (error instanceof DomainError) {
    return `${error.code}: ${error.message}`;
  }
  throw error;
}

/**
 * E2B(R3) import: each file in its own transaction (a refused file leaves nothing behind, the good files
 * of the run are kept). A repeated worldwide case id (C.1.8.1) is a new version of the same case.
 */
@Injectable()
export class E2bImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: SafetyCasesService,
  ) {}

  /** A file, or every `*.xml` file of a folder (sorted by name; anything else is skipped and reported). */
  async importPath(path: string, actor: Actor): Promise<ImportReport> {
    const found = await stat(path).catch(() => null);
    if (found === null) {
      throw InvalidInputError.field('path', `${path}: no such file or folder`);
    }
    const files = found.isDirectory() ? (await readdir(path)).sort().map((name) => join(path, name)) : [path];
    const reports: FileReport[] = [];
    for (const file of files) {
      if (extname(file).toLowerCase() !== '.xml') {
        reports.push({ file: basename(file), sha256: null, status: 'skipped', cases: [], reason: extname(file).toLowerCase() === '.ack' ? 'acknowledgement: not read by this version of the importer' : 'not an .xml file' });
        continue;
      }
      reports.push(await this.importFile(file, actor));
    }
    return {
      files: reports,
      totals: {
        filesRead: reports.filter((r) => r.status !== 'skipped').length,
        filesRefused: reports.filter((r) => r.status === 'refused').length,
        filesSkipped: reports.filter((r) => r.status === 'skipped').length,
        casesCreated: reports.flatMap((r) => r.cases).filter((c) => c.action === 'created').length,
        casesVersioned: reports.flatMap((r) => r.cases).filter((c) => c.action !== 'created').length,
      },
    };
  }

  async importFile(file: string, actor: Actor): Promise<FileReport> {
    // The checksum is taken as the parser reads (a 'data' listener would start the flow before the parser listens).
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const stream = createReadStream(file);
    stream.on('error', (error) => hashing.destroy(error));
    stream.pipe(hashing);
    const importActor: Actor = { ...actor, id: `${actor.id}/e2b:${basename(file)}` };
    try {
      const cases = await this.dataSource.transaction(async (manager) => {
        const lines: ImportedCaseLine[] = [];
        for await (const element of readIcsrs(hashing)) {
          lines.push(await this.importIcsr(manager, importActor, icsrToCase(element)));
        }
        return lines;
      });
      return { file: basename(file), sha256: hash.digest('hex'), status: 'imported', cases, reason: null };
    } catch (error) {
      stream.destroy();
      hashing.destroy();
      return { file: basename(file), sha256: null, status: 'refused', cases: [], reason: describeError(error) };
    }
  }

  private async importIcsr(manager: EntityManager, actor: Actor, imported: ImportedIcsr): Promise<ImportedCaseLine> {
    const existing = await manager.findOneBy(SafetyCase, { worldwideId: imported.worldwideId });
    const dto = contentToDto(imported.content);
    const sent = `imported E2B(R3), C.1.1 ${imported.safetyReportId}`;
    if (existing === null) {
      const product = await this.productOf(manager, imported);
      const taken = await manager.existsBy(SafetyCase, { safetyReportId: imported.safetyReportId });
      const { safetyCase, version } = await this.cases.createFor(
        manager,
        actor,
        { product, reportedProduct: imported.suspectProductNames.join('; ') || 'not stated' },
        { ...dto, worldwideId: imported.worldwideId },
        taken ? {} : { safetyReportId: imported.safetyReportId },
      );
      return { worldwideId: imported.worldwideId, safetyReportId: safetyCase.safetyReportId, action: 'created', version: version.version, product: product?.name ?? `${safetyCase.reportedProduct ?? ''} (not registered)`, warnings: imported.warnings };
    }
    const { action, reason } = versionKind(existing, imported, sent);
    const { safetyCase, version } =
      action === 'nullification'
        ? await this.cases.nullify(manager, actor, existing.id, { reason })
        : await this.cases.addVersion(manager, actor, existing.id, { ...dto, type: action, reason });
    return { worldwideId: imported.worldwideId, safetyReportId: safetyCase.safetyReportId, action, version: version.version, product: safetyCase.reportedProduct ?? safetyCase.productId ?? '', warnings: imported.warnings };
  }

  /** The registered product named as a suspect (by name or active substance), or null. */
  private async productOf(manager: EntityManager, imported: ImportedIcsr): Promise<Product | null> {
    const names = [...imported.suspectProductNames, ...imported.suspectProducts.flatMap((p) => p.substances)].map((n) => n.trim().toLowerCase()).filter((n) => n !== '');
    if (names.length === 0) {
      return null;
    }
    return manager.getRepository(Product).createQueryBuilder('p').where('lower(p.name) = ANY(:names) OR lower(p.active_substance) = ANY(:names)', { names }).orderBy('p.name').getOne();
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
