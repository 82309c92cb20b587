import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, ProductScope } from '../common/actor';
import { addDays, addMonths, compareDates, type IsoDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { FieldProblem, InvalidInputError, NotFoundError } from '../common/errors';
import { ProductsService } from '../products/products.service';
import { ReferenceSafetyService } from '../reference-safety/reference-safety.service';
import type { FrequencyBand } from '../reference-safety/reference-terms';
import { type CountSummary, countPatients } from './frequency-counts';
import { FrequencyRun, FrequencyRunAlerts } from './frequency.entities';
import { CONFIDENCE_LEVEL, type FrequencyFlag, INTERVAL_METHOD } from './frequency-statistics';
import { buildFrequencyTable, type Denominators, type FollowUp, type FrequencyRow, type ResultLevel } from './frequency-table';
import { ExposureService } from './exposure.service';
import { SignalManagementService } from '../signals/signal-management.service';

export type RunTrigger = FrequencyRun['trigger'];

export interface RunRequest {
  /** Product id or name. */
  product: string;
  dataLockPoint: IsoDate;
  /** Null: cumulative. */
  periodStart: IsoDate | null;
  trigger: RunTrigger;
}

export interface RunView {
  id: string;
  product: { id: string; name: string };
  period: 'interval' | 'cumulative';
  periodStart: IsoDate | null;
  dataLockPoint: IsoDate;
  referenceSafety: { id: string; version: number; document: string; effectiveFrom: IsoDate; complete: boolean } | null;
  meddraRelease: { id: string; version: string } | null;
  exposure: Denominators;
  summary: CountSummary;
  /** Generated demo cases were counted: the figures describe no real patient. */
  synthetic: boolean;
  /** SHA-256 of the inputs and results: what a dossier cites with the run's id. */
  digest: string;
  trigger: RunTrigger;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date;
}

export interface RunWithResults extends RunView {
  rows: FrequencyRow[];
}

/** Months of the interval of a scheduled or case-change run: the year up to the data lock point (CMA renewals are yearly). */
export const CURRENT_INTERVAL_MONTHS = 12;

/** The interval of the current figures: the 12 months that end on the data lock point. */
export function currentIntervalStart(dataLockPoint: IsoDate): IsoDate {
  return addDays(addMonths(dataLockPoint, -CURRENT_INTERVAL_MONTHS), 1);
}

interface ResultRecord {
  position: number;
  level: ResultLevel;
  label: string;
  listed_terms: string[];
  patients: number;
  serious: number;
  fatal: number;
  solicited_patients: number;
  solicited_exposed: number | null;
  proportion: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  spontaneous_patients: number;
  spontaneous_exposed: number | null;
  reporting_rate: number | null;
  stated_rate_percent: string | null;
  stated_band: FrequencyBand | null;
  flag: FrequencyFlag | null;
  explanation: string;
  follow_up: FollowUp | null;
}

const RESULT_COLUMNS = [
  'run_id', 'position', 'level', 'label', 'listed_terms', 'patients', 'serious', 'fatal', 'solicited_patients', 'solicited_exposed', 'proportion', 'ci_lower', 'ci_upper',
  'spontaneous_patients', 'spontaneous_exposed', 'reporting_rate', 'stated_rate_percent', 'stated_band', 'flag', 'explanation', 'follow_up',
] as const;

function resultValues(runId: string, row: FrequencyRow, position: number): unknown[] {
  return [
    runId, position, row.level, row.label, row.listedTerms, row.patients, row.serious, row.fatal, row.solicitedPatients, row.solicitedExposed, row.proportion,
    row.interval?.lower ?? null, row.interval?.upper ?? null, row.spontaneousPatients, row.spontaneousExposed, row.reportingRate, row.statedRatePercent,
    row.statedBand, row.flag, row.explanation, row.followUp === null ? null : JSON.stringify(row.followUp),
  ];
}

function fromRecord(r: ResultRecord): FrequencyRow {
  return {
    level: r.level,
    label: r.label,
    listedTerms: r.listed_terms,
    patients: r.patients,
    serious: r.serious,
    fatal: r.fatal,
    solicitedPatients: r.solicited_patients,
    solicitedExposed: r.solicited_exposed,
    proportion: r.proportion,
    interval: r.ci_lower === null || r.ci_upper === null ? null : { lower: r.ci_lower, upper: r.ci_upper, level: CONFIDENCE_LEVEL, method: INTERVAL_METHOD },
    spontaneousPatients: r.spontaneous_patients,
    spontaneousExposed: r.spontaneous_exposed,
    reportingRate: r.reporting_rate,
    statedRatePercent: r.stated_rate_percent === null ? null : Number(r.stated_rate_percent),
    statedBand: r.stated_band,
    flag: r.flag,
    explanation: r.explanation,
    followUp: r.follow_up,
  };
}

/**
 * Frequency runs: counts patients in PostgreSQL, builds the table, and stores the run with its inputs and
 * results — unless the latest run of the same product, period and data lock point came out identical, which
 * is returned instead (a re-run with nothing new adds nothing). One run at a time per product.
 */
@Injectable()
export class FrequencyRunsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly rsi: ReferenceSafetyService,
    private readonly exposure: ExposureService,
    private readonly signals: SignalManagementService,
  ) {}

  /** Computes (and stores when new) one run, in one repeatable-read transaction: one consistent picture of the data. */
  async run(actor: Actor, request: RunRequest): Promise<{ run: RunWithResults; stored: boolean }> {
    this.checkPeriod(request);
    const startedAt = this.clock.now();
    const outcome = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // Sorts and hashes of the counting stay in memory up to this size (this transaction only).
      await manager.query("SET LOCAL work_mem = '64MB'");
      const product = await this.products.get(manager, request.product, actor.scope);
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`frequency-run:${product.id}`]);
      const rsi = await this.rsi.inForceOn(manager, product.id, request.dataLockPoint);
      const [release] = await manager.query<{ id: string }[]>('SELECT id FROM meddra_release ORDER BY loaded_at DESC LIMIT 1');
      const countInput = { productId: product.id, dataLockPoint: request.dataLockPoint, periodStart: request.periodStart, rsiId: rsi?.id ?? null, meddraReleaseId: release?.id ?? null };
      const denominators = await this.exposure.denominatorsAt(manager, product.id, request.dataLockPoint);
      const { counts, summary } = await countPatients(manager, countInput);
      const rows = buildFrequencyTable({ terms: rsi?.terms ?? [], referenceInForce: rsi !== null, referenceComplete: rsi?.complete ?? false, counts, denominators });
      const period = request.periodStart === null ? 'cumulative' : 'interval';
      const digest = createHash('sha256')
        .update(stringify({ productId: product.id, period, periodStart: request.periodStart, dataLockPoint: request.dataLockPoint, rsiId: countInput.rsiId, meddraReleaseId: countInput.meddraReleaseId, denominators, summary, rows }) ?? '')
        .digest('hex');
      const [latest] = await manager.query<{ id: string; digest: string }[]>(
        `SELECT id, digest FROM frequency_run WHERE product_id = $1 AND period = $2 AND period_start IS NOT DISTINCT FROM $3::date AND data_lock_point = $4 ORDER BY finished_at DESC, id LIMIT 1`,
        [product.id, period, request.periodStart, request.dataLockPoint],
      );
      if (latest?.digest === digest) {
        return { id: latest.id, stored: false };
      }
      const run = manager.create(FrequencyRun, {
        productId: product.id,
        period,
        periodStart: request.periodStart,
        dataLockPoint: request.dataLockPoint,
        rsiId: countInput.rsiId,
        meddraReleaseId: countInput.meddraReleaseId,
        exposure: denominators,
        summary,
        digest,
        trigger: request.trigger,
        requestedBy: actor.id,
        startedAt,
      });
      await manager.insert(FrequencyRun, run);
      await this.insertResults(manager, run.id, rows);
      return { id: run.id, stored: true };
    });
    await this.raiseAlertsOnce(actor, outcome.id);
    return { run: await this.get(this.dataSource.manager, outcome.id, actor.scope), stored: outcome.stored };
  }

  /**
   * "Exceeds" and "unlisted" rows become statistical alerts to review, once per run: the alerts and the run's
   * marker are written in one (read-committed, audited) transaction. A run found again after a failed attempt
   * (same digest, not stored anew) still gets its alerts; one already handled gets nothing more.
   */
  private async raiseAlertsOnce(actor: Actor, runId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`frequency-alerts:${runId}`]);
      if (await manager.existsBy(FrequencyRunAlerts, { runId })) {
        return;
      }
      const raised = await this.signals.alertsFromFrequency(manager, actor, runId);
      await manager.insert(FrequencyRunAlerts, { runId, raised });
    });
  }

  /** The current figures of a product (data lock point today): cumulative, and the 12 months up to today. */
  async runCurrent(actor: Actor, productId: string, trigger: RunTrigger): Promise<RunWithResults[]> {
    const today = this.clock.today();
    const cumulative = await this.run(actor, { product: productId, dataLockPoint: today, periodStart: null, trigger });
    const interval = await this.run(actor, { product: productId, dataLockPoint: today, periodStart: currentIntervalStart(today), trigger });
    return [cumulative.run, interval.run];
  }

  /** Products whose frequencies are kept current: every product with a case or an exposure figure. */
  async trackedProducts(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT p.id FROM product p WHERE EXISTS (SELECT 1 FROM safety_case c WHERE c.product_id = p.id) OR EXISTS (SELECT 1 FROM product_exposure e WHERE e.product_id = p.id) ORDER BY p.name`,
    );
    return rows.map((r) => r.id);
  }

  async get(manager: EntityManager, id: string, scope: ProductScope): Promise<RunWithResults> {
    const [run] = await this.views(manager, { id }, scope, 1);
    if (run === undefined) {
      throw new NotFoundError('frequency run', id);
    }
    const records = await manager.query<ResultRecord[]>(`SELECT ${RESULT_COLUMNS.slice(1).join(', ')} FROM frequency_result WHERE run_id = $1 ORDER BY position`, [id]);
    return { ...run, rows: records.map(fromRecord) };
  }

  /** Runs, newest first (without their rows). */
  async list(manager: EntityManager, filter: { product?: string; period?: 'interval' | 'cumulative'; limit: number }, scope: ProductScope): Promise<RunView[]> {
    const productId = filter.product === undefined ? undefined : (await this.products.get(manager, filter.product, scope)).id;
    return this.views(manager, { productId, period: filter.period }, scope, filter.limit);
  }

  private async views(manager: EntityManager, where: { id?: string; productId?: string | undefined; period?: string | undefined }, scope: ProductScope, limit: number): Promise<RunView[]> {
    const query = manager
      .createQueryBuilder()
      .select(['r.*', 'p.name AS product_name', 'i.version AS rsi_version', 'i.document AS rsi_document', 'i.effective_from::text AS rsi_effective_from', 'i.complete AS rsi_complete', 'm.version AS meddra_version'])
      .from('frequency_run', 'r')
      .innerJoin('product', 'p', 'p.id = r.product_id')
      .leftJoin('reference_safety_info', 'i', 'i.id = r.rsi_id')
      .leftJoin('meddra_release', 'm', 'm.id = r.meddra_release_id')
      .orderBy('r.finished_at', 'DESC')
      .addOrderBy('r.id')
      .limit(limit);
    if (where.id !== undefined) {
      query.andWhere('r.id = :id', { id: where.id });
    }
    if (where.productId !== undefined) {
      query.andWhere('r.product_id = :productId', { productId: where.productId });
    }
    if (where.period !== undefined) {
      query.andWhere('r.period = :period', { period: where.period });
    }
    if (scope !== null) {
      query.andWhere('r.product_id = ANY(:scope)', { scope: [...scope] });
    }
    const rows = await query.getRawMany<RawRun>();
    return rows.map(toView);
  }

  private async insertResults(manager: EntityManager, runId: string, rows: readonly FrequencyRow[]): Promise<void> {
    const width = RESULT_COLUMNS.length;
    for (let start = 0; start < rows.length; start += 1_000) {
      const chunk = rows.slice(start, start + 1_000);
      const placeholders = chunk.map((_, i) => `(${RESULT_COLUMNS.map((__, c) => `$${i * width + c + 1}`).join(', ')})`).join(', ');
      await manager.query(`INSERT INTO frequency_result (${RESULT_COLUMNS.join(', ')}) VALUES ${placeholders}`, chunk.flatMap((row, i) => resultValues(runId, row, start + i)));
    }
  }

  private checkPeriod(request: RunRequest): void {
    const problems: FieldProblem[] = [];
    if (compareDates(request.dataLockPoint, this.clock.today()) > 0) {
      problems.push({ field: 'dataLockPoint', problem: `${request.dataLockPoint} is in the future: cases can only be counted as they stood on a day that has passed` });
    }
    if (request.periodStart !== null && compareDates(request.periodStart, request.dataLockPoint) > 0) {
      problems.push({ field: 'periodStart', problem: `the interval starts on ${request.periodStart}, after its data lock point ${request.dataLockPoint}` });
    }
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
    }
  }
}

interface RawRun {
  id: string;
  product_id: string;
  product_name: string;
  period: 'interval' | 'cumulative';
  period_start: string | null;
  data_lock_point: string;
  rsi_id: string | null;
  rsi_version: number | null;
  rsi_document: string | null;
  rsi_effective_from: string | null;
  rsi_complete: boolean | null;
  meddra_release_id: string | null;
  meddra_version: string | null;
  exposure: Denominators;
  summary: CountSummary;
  digest: string;
  trigger: RunTrigger;
  requested_by: string;
  started_at: Date;
  finished_at: Date;
}

function toView(r: RawRun): RunView {
  return {
    id: r.id,
    product: { id: r.product_id, name: r.product_name },
    period: r.period,
    periodStart: r.period_start,
    dataLockPoint: r.data_lock_point,
    referenceSafety:
      r.rsi_id === null ? null : { id: r.rsi_id, version: r.rsi_version ?? 0, document: r.rsi_document ?? '', effectiveFrom: r.rsi_effective_from ?? '', complete: r.rsi_complete ?? false },
    meddraRelease: r.meddra_release_id === null ? null : { id: r.meddra_release_id, version: r.meddra_version ?? '' },
    exposure: r.exposure,
    summary: r.summary,
    synthetic: r.summary.syntheticCases > 0,
    digest: r.digest,
    trigger: r.trigger,
    requestedBy: r.requested_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}
