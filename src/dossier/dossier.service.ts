import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'safe-stable-stringify';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, ProductScope } from '../common/actor';
import { compareDates, type IsoDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { FrequencyRunsService } from '../frequencies/frequency-runs.service';
import { MarketingAuthorisation } from '../products/marketing-authorisation.entity';
import { AuthorisationScheduleService } from '../products/authorisation-schedule.service';
import { ProductsService } from '../products/products.service';
import { bundleDossier, sha256 } from './dossier-bundle';
import { DossierCollector, type DossierRequest } from './dossier-collector';
import { compareDossiers, type DossierComparison } from './dossier-compare';
import { contentHash, type DossierContent } from './dossier-content';
import { renderDossierPdf } from './dossier-pdf';
import { suggestedDataLockPoint } from './dossier-rules';
import { dossierTables } from './dossier-tables';
import { renderDossierXlsx } from './dossier-xlsx';

export type BuildStatus = 'queued' | 'collecting' | 'rendering' | 'done' | 'failed';
export const FILE_KINDS = ['pdf', 'xlsx', 'zip'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface DossierVersionView {
  id: string;
  product: { id: string; name: string };
  version: number;
  dataLockPoint: IsoDate;
  contentHash: string;
  frequencyRunId: string | null;
  parameters: { lineListing: boolean; proposedChanges: number; benefitRiskWritten: boolean };
  files: Record<FileKind, { sha256: string; bytes: number; name: string }>;
  createdBy: string;
  createdAt: Date;
}

export interface DossierBuildView {
  id: string;
  productId: string;
  request: DossierRequest;
  status: BuildStatus;
  error: string | null;
  /** The version made (or reused: the same content was already a version). */
  version: DossierVersionView | null;
  reused: boolean | null;
  requestedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Called as a build moves on (the job reports it as progress). */
export type BuildProgress = (status: BuildStatus) => Promise<void> | void;

interface VersionRow {
  id: string;
  product_id: string;
  product_name: string;
  version: number;
  data_lock_point: IsoDate;
  content_hash: string;
  frequency_run_id: string | null;
  parameters: DossierVersionView['parameters'];
  pdf_sha256: string;
  pdf_bytes: number;
  xlsx_sha256: string;
  xlsx_bytes: number;
  zip_sha256: string;
  zip_bytes: number;
  created_by: string;
  created_at: Date;
}

const VERSION_COLUMNS = `v.id, v.product_id, p.name AS product_name, v.version, v.data_lock_point::text, v.content_hash, v.frequency_run_id, v.parameters,
  v.pdf_sha256, octet_length(v.pdf) AS pdf_bytes, v.xlsx_sha256, octet_length(v.xlsx) AS xlsx_bytes, v.zip_sha256, octet_length(v.zip) AS zip_bytes, v.created_by, v.created_at`;

/** "Hemgenix_renewal-dossier_DLP-2026-06-30_v3.pdf": what the file is, from its name alone. */
function fileName(product: string, dataLockPoint: IsoDate, version: number, kind: FileKind): string {
  return `${product.replace(/[^A-Za-z0-9._-]+/g, '-')}_renewal-dossier_DLP-${dataLockPoint}_v${version}.${kind}`;
}

function toVersion(row: VersionRow): DossierVersionView {
  const file = (kind: FileKind, sha: string, bytes: number): { sha256: string; bytes: number; name: string } => ({ sha256: sha, bytes: Number(bytes), name: fileName(row.product_name, row.data_lock_point, row.version, kind) });
  return {
    id: row.id,
    product: { id: row.product_id, name: row.product_name },
    version: row.version,
    dataLockPoint: row.data_lock_point,
    contentHash: row.content_hash,
    frequencyRunId: row.frequency_run_id,
    parameters: row.parameters,
    files: { pdf: file('pdf', row.pdf_sha256, row.pdf_bytes), xlsx: file('xlsx', row.xlsx_sha256, row.xlsx_bytes), zip: file('zip', row.zip_sha256, row.zip_bytes) },
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * Renewal dossiers: a build collects the content for a product and data lock point in one snapshot, renders
 * the PDF, workbook and bundle, and stores them as the next version — unless the same content already is a
 * version, which is then reused. Nothing is stored until everything is rendered: a failed build leaves no
 * version behind.
 */
@Injectable()
export class DossierService {
  private readonly logger = new Logger(DossierService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly products: ProductsService,
    private readonly schedule: AuthorisationScheduleService,
    private readonly collector: DossierCollector,
    private readonly frequencies: FrequencyRunsService,
  ) {}

  /**
   * The data lock point to suggest for the product's next renewal (the user chooses), and what the dossier needs
   * that lies after it (exposure figures counted later are not in a dossier with this DLP).
   */
  async suggestion(
    productIdOrName: string,
    scope: ProductScope,
  ): Promise<{ product: { id: string; name: string }; dataLockPoint: IsoDate | null; renewal: { cycle: number; applicationDue: IsoDate; expiry: IsoDate } | null; basis: string; dataAfter: string[] }> {
    const manager = this.dataSource.manager;
    const product = await this.products.get(manager, productIdOrName, scope);
    const authorisation = await manager.findOneBy(MarketingAuthorisation, { productId: product.id });
    const today = this.clock.today();
    const dates = authorisation === null ? null : await this.schedule.compute(manager, product, authorisation, today);
    const suggested = dates === null ? null : suggestedDataLockPoint(dates.renewals, today);
    if (suggested === null) {
      return { product: { id: product.id, name: product.name }, dataLockPoint: null, renewal: null, basis: 'no renewal ahead in the register (no authorisation or no expiry known)', dataAfter: [] };
    }
    const dataAfter = await this.exposureAfter(manager, product.id, suggested.dataLockPoint);
    return {
      product: { id: product.id, name: product.name },
      dataLockPoint: suggested.dataLockPoint,
      renewal: { cycle: suggested.renewal.cycle, applicationDue: suggested.renewal.applicationDue.date, expiry: suggested.renewal.expiry.date },
      basis: dataAfter.length === 0 ? suggested.basis : `${suggested.basis}; note: ${dataAfter.join('; ')}`,
      dataAfter,
    };
  }

  /** Per exposure kind with a current figure counted after the DLP: that it lies after, and what a dossier with this DLP uses instead. */
  private async exposureAfter(manager: EntityManager, productId: string, dataLockPoint: IsoDate): Promise<string[]> {
    const rows = await manager.query<{ kind: string; before: IsoDate | null; after: IsoDate }[]>(
      `SELECT e.kind, max(e.counted_on) FILTER (WHERE e.counted_on <= $2::date)::text AS before, min(e.counted_on) FILTER (WHERE e.counted_on > $2::date)::text AS after
         FROM product_exposure e
        WHERE e.product_id = $1 AND NOT EXISTS (SELECT 1 FROM product_exposure r WHERE r.replaces_id = e.id)
        GROUP BY e.kind HAVING min(e.counted_on) FILTER (WHERE e.counted_on > $2::date) IS NOT NULL
        ORDER BY e.kind`,
      [productId, dataLockPoint],
    );
    return rows.map(
      (r) =>
        `the ${r.kind} exposure figure counted on ${r.after} lies after this data lock point: a dossier with it uses ${r.before === null ? `no ${r.kind} figure (none is recorded on or before ${dataLockPoint})` : `the ${r.kind} figure counted on ${r.before}`} — choose a later data lock point, or record a figure counted by then`,
    );
  }

  /** Checks the request and records the build as queued; the caller runs it (a job, or at once). */
  async request(actor: Actor, request: DossierRequest): Promise<DossierBuildView> {
    const product = await this.products.get(this.dataSource.manager, request.product, actor.scope);
    const today = this.clock.today();
    if (compareDates(request.dataLockPoint, today) > 0) {
      throw InvalidInputError.field('dataLockPoint', `${request.dataLockPoint} is after today (${today}): data cannot be locked in the future`);
    }
    const authorisation = await this.dataSource.manager.findOneBy(MarketingAuthorisation, { productId: product.id });
    if (authorisation === null) {
      throw InvalidInputError.field('product', `${product.name} has no marketing authorisation recorded: a renewal dossier needs one`);
    }
    if (compareDates(request.dataLockPoint, authorisation.notifiedOn) < 0) {
      throw InvalidInputError.field('dataLockPoint', `${request.dataLockPoint} is before the authorisation was granted (${authorisation.notifiedOn})`);
    }
    const references = (await this.dataSource.query<{ reference: string }[]>(`SELECT reference FROM obligation WHERE product_id = $1 ORDER BY reference`, [product.id])).map((r) => r.reference);
    const unknown = request.proposedChanges.filter((c) => !references.includes(c.obligationReference));
    if (unknown.length > 0) {
      throw InvalidInputError.field('proposedChanges', `${unknown.map((c) => c.obligationReference).join(', ')}: no such obligation of ${product.name} (its obligations: ${references.join(', ') || 'none recorded'})`);
    }
    const stored: DossierRequest = { ...request, product: product.id };
    // The request and its audit row in one transaction: who asked for which data lock point, before any job runs.
    const id = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ id: string }[]>(`INSERT INTO dossier_build (product_id, request, requested_by) VALUES ($1, $2, $3) RETURNING id`, [product.id, JSON.stringify(stored), actor.id]);
      if (row === undefined) {
        throw new Error('the build was not recorded');
      }
      await this.audit.record(manager, actor, { entityType: 'dossier-build', entityId: row.id, productId: product.id, action: 'request', after: stored });
      return row.id;
    });
    return this.build(id, actor.scope);
  }

  /**
   * Builds a recorded request: collecting (frequency run for the DLP, then the content in one snapshot),
   * rendering, then the version stored (or reused) with its audit row in one transaction. Marks the build
   * failed, with the reason, on any error (and rethrows it).
   */
  async run(actor: Actor, buildId: string, progress: BuildProgress = () => undefined): Promise<DossierBuildView> {
    const build = await this.build(buildId, actor.scope);
    const request = build.request;
    try {
      await this.status(buildId, 'collecting', progress);
      // The aggregation run the dossier cites: computed for the DLP now, or the existing one when nothing changed.
      const frequency = (await this.frequencies.run(actor, { product: build.productId, dataLockPoint: request.dataLockPoint, periodStart: null, trigger: 'request' })).run;
      const content = await this.dataSource.transaction('REPEATABLE READ', (manager) => this.collector.collect(manager, actor, request, frequency));
      const hash = contentHash(content);
      const existing = await this.versionByHash(build.productId, hash);
      if (existing !== null) {
        await this.finish(actor, buildId, existing, true);
        return this.build(buildId, actor.scope);
      }
      await this.status(buildId, 'rendering', progress);
      const files = await this.render(content, hash);
      const version = await this.store(actor, buildId, content, hash, frequency.id, request, files);
      this.logger.log(`renewal dossier ${content.product.name} DLP ${content.dataLockPoint}: version ${version.version} (${hash.slice(0, 12)})`);
      return this.build(buildId, actor.scope);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(`UPDATE dossier_build SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [buildId, reason]);
      await progress('failed');
      throw error;
    }
  }

  async render(content: DossierContent, hash: string): Promise<{ pdf: Buffer; xlsx: Buffer; zip: Buffer }> {
    const pdf = await renderDossierPdf(content, hash);
    const tables = dossierTables(content);
    const xlsx = await renderDossierXlsx(content, tables);
    const { zip } = bundleDossier({ content, contentHash: hash, pdf, xlsx, tables });
    return { pdf, xlsx, zip };
  }

  private async status(buildId: string, status: BuildStatus, progress: BuildProgress): Promise<void> {
    await this.dataSource.query(`UPDATE dossier_build SET status = $2, updated_at = now() WHERE id = $1`, [buildId, status]);
    await progress(status);
  }

  /** The next version, its files and its audit row, in one transaction (one version number at a time per product). */
  private async store(actor: Actor, buildId: string, content: DossierContent, hash: string, frequencyRunId: string, request: DossierRequest, files: { pdf: Buffer; xlsx: Buffer; zip: Buffer }): Promise<DossierVersionView> {
    const productId = content.product.id;
    const id = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dossier-version:${productId}`]);
      const [same] = await manager.query<{ id: string }[]>(`SELECT id FROM dossier_version WHERE product_id = $1 AND content_hash = $2`, [productId, hash]);
      if (same !== undefined) {
        // Another build stored the same content meanwhile.
        return { id: same.id, reused: true };
      }
      const parameters = { lineListing: request.lineListing, proposedChanges: request.proposedChanges.length, benefitRiskWritten: request.benefitRisk.trim() !== '' };
      const [row] = await manager.query<{ id: string; version: number }[]>(
        `INSERT INTO dossier_version (product_id, version, data_lock_point, content_hash, content, frequency_run_id, parameters, pdf, pdf_sha256, xlsx, xlsx_sha256, zip, zip_sha256, created_by)
         VALUES ($1, COALESCE((SELECT max(version) FROM dossier_version WHERE product_id = $1), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING id, version`,
        [productId, content.dataLockPoint, hash, JSON.stringify(content), frequencyRunId, JSON.stringify(parameters), files.pdf, sha256(files.pdf), files.xlsx, sha256(files.xlsx), files.zip, sha256(files.zip), actor.id],
      );
      if (row === undefined) {
        throw new Error('the version was not stored');
      }
      await this.audit.record(manager, actor, {
        entityType: 'dossier-version',
        entityId: row.id,
        productId,
        action: 'create',
        after: { version: row.version, dataLockPoint: content.dataLockPoint, contentHash: hash, frequencyRunId, pdfSha256: sha256(files.pdf), xlsxSha256: sha256(files.xlsx), zipSha256: sha256(files.zip), ...parameters },
      });
      await manager.query(`UPDATE dossier_build SET status = 'done', version_id = $2, reused = false, updated_at = now() WHERE id = $1`, [buildId, row.id]);
      return { id: row.id, reused: false };
    });
    const version = await this.version(id.id, null);
    if (id.reused) {
      await this.finish(actor, buildId, version, true);
    }
    return version;
  }

  /** A build whose content already was a version: done, naming it (the export is audited against it). */
  private async finish(actor: Actor, buildId: string, version: DossierVersionView, reused: boolean): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE dossier_build SET status = 'done', version_id = $2, reused = $3, updated_at = now() WHERE id = $1`, [buildId, version.id, reused]);
      await this.audit.record(manager, actor, { entityType: 'dossier-version', entityId: version.id, productId: version.product.id, action: 'export-unchanged', after: { version: version.version, contentHash: version.contentHash, build: buildId } });
    });
  }

  private async versionByHash(productId: string, hash: string): Promise<DossierVersionView | null> {
    const [row] = await this.dataSource.query<VersionRow[]>(`SELECT ${VERSION_COLUMNS} FROM dossier_version v JOIN product p ON p.id = v.product_id WHERE v.product_id = $1 AND v.content_hash = $2`, [productId, hash]);
    return row === undefined ? null : toVersion(row);
  }

  async build(id: string, scope: ProductScope): Promise<DossierBuildView> {
    const [row] = await this.dataSource.query<{ id: string; product_id: string; request: DossierRequest; status: BuildStatus; error: string | null; version_id: string | null; reused: boolean | null; requested_by: string; created_at: Date; updated_at: Date }[]>(
      `SELECT * FROM dossier_build WHERE id = $1`,
      [id],
    );
    if (row === undefined || (scope !== null && !scope.includes(row.product_id))) {
      throw new NotFoundError('dossier build', id);
    }
    return {
      id: row.id,
      productId: row.product_id,
      request: row.request,
      status: row.status,
      error: row.error,
      version: row.version_id === null ? null : await this.version(row.version_id, scope),
      reused: row.reused,
      requestedBy: row.requested_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async version(id: string, scope: ProductScope): Promise<DossierVersionView> {
    const [row] = await this.dataSource.query<VersionRow[]>(`SELECT ${VERSION_COLUMNS} FROM dossier_version v JOIN product p ON p.id = v.product_id WHERE v.id = $1`, [id]);
    if (row === undefined || (scope !== null && !scope.includes(row.product_id))) {
      throw new NotFoundError('dossier version', id);
    }
    return toVersion(row);
  }

  async versions(manager: EntityManager, productIdOrName: string, scope: ProductScope): Promise<DossierVersionView[]> {
    const product = await this.products.get(manager, productIdOrName, scope);
    const rows = await manager.query<VersionRow[]>(`SELECT ${VERSION_COLUMNS} FROM dossier_version v JOIN product p ON p.id = v.product_id WHERE v.product_id = $1 ORDER BY v.version DESC`, [product.id]);
    return rows.map(toVersion);
  }

  async file(id: string, kind: FileKind, scope: ProductScope): Promise<{ name: string; bytes: Buffer; sha256: string }> {
    const version = await this.version(id, scope);
    const [row] = await this.dataSource.query<{ bytes: Buffer }[]>(`SELECT ${kind} AS bytes FROM dossier_version WHERE id = $1`, [id]);
    if (row === undefined) {
      throw new NotFoundError('dossier version', id);
    }
    return { name: version.files[kind].name, bytes: row.bytes, sha256: version.files[kind].sha256 };
  }

  async content(id: string, scope: ProductScope): Promise<DossierContent> {
    await this.version(id, scope);
    const [row] = await this.dataSource.query<{ content: DossierContent }[]>(`SELECT content FROM dossier_version WHERE id = $1`, [id]);
    if (row === undefined) {
      throw new NotFoundError('dossier version', id);
    }
    return row.content;
  }

  /**
   * What a signature binds: the version's content hash and its files' checksums (the whole dossier), or the
   * hash of its safety part alone (what a QPPV approves).
   */
  async signableContent(id: string, part: 'whole' | 'safety', scope: ProductScope): Promise<{ productId: string; content: Record<string, unknown> }> {
    const version = await this.version(id, scope);
    const identity = { product: version.product.name, version: version.version, dataLockPoint: version.dataLockPoint, contentHash: version.contentHash };
    if (part === 'whole') {
      return { productId: version.product.id, content: { ...identity, pdfSha256: version.files.pdf.sha256, xlsxSha256: version.files.xlsx.sha256, zipSha256: version.files.zip.sha256 } };
    }
    const content = await this.content(id, scope);
    return { productId: version.product.id, content: { ...identity, safetySha256: sha256(Buffer.from(stringify(content.safety) ?? '')) } };
  }

  /** What changed from one version to another (of the same product): obligations and safety figures. */
  async compare(fromId: string, toId: string, scope: ProductScope): Promise<DossierComparison> {
    const [from, to] = [await this.version(fromId, scope), await this.version(toId, scope)];
    if (from.product.id !== to.product.id) {
      throw InvalidInputError.field('with', `version ${toId} is of ${to.product.name}, not of ${from.product.name}: compare versions of one product`);
    }
    return compareDossiers({ version: from.version, content: await this.content(fromId, scope) }, { version: to.version, content: await this.content(toId, scope) });
  }
}
