import { Injectable, Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { FieldProblem, InvalidInputError, NotFoundError } from '../common/errors';
import { countFaersAllPairs, countPairs, type CountParameters, DEFAULT_ROLES, DRUG_ROLES, seriousUnlistedPairs, type SignalDatabase } from './disproportionality-counts';
import { type DisproportionalityRunView, type PairRow, type RawResult, type RawRun, type RunParameters, toPairRow, toRunView } from './disproportionality-views';
import { checkHyperparameters, EbgmInputError } from './ebgm';
import { type EbgmSummary, type GivenPrior, PairColumns, RESULT_COLUMNS, REVIEW_REASONS, type ReviewReason, type ReviewSources, RunRows } from './run-results';
import { SCREENING_PRESETS } from './screening-presets';
import { ProductsService } from '../products/products.service';
import { SignalManagementService } from './signal-management.service';

export type { DisproportionalityRunView, PairRow } from './disproportionality-views';

export interface RunRequest {
  database: SignalDatabase;
  /** One product (case-insensitive), or every pair. */
  product?: string | null;
  roles?: readonly string[];
  /** Smallest a kept (default 3: fewer reports cannot meet any screening rule). */
  minCount?: number;
  /** EBGM's hyperparameters and their source, to reproduce a published or a regulator's prior instead of fitting one. */
  prior?: GivenPrior;
}

/** Partitions (connections) of a whole-FAERS count: one per core of a 2-core database server. */
const FAERS_PARTITIONS = 2;

interface Connection {
  client: PoolClient;
  release: () => Promise<void>;
}

const MEDDRA_STATEMENT: Readonly<Record<SignalDatabase, string>> = {
  own: 'PT names as coded in each case (the MedDRA version recorded per reaction); uncoded reactions by the reporter’s words',
  faers: 'PT names as FDA coded them in each loaded quarter (FAERS states no MedDRA version per row: the quarter’s current version)',
};

/**
 * Disproportionality runs: counts in PostgreSQL, the statistics per pair in Node, results written back with
 * COPY; a run over every pair is started as a BullMQ job (see SignalJobs) and its row shows its status.
 */
@Injectable()
export class DisproportionalityRunsService {
  private readonly logger = new Logger(DisproportionalityRunsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly signals: SignalManagementService,
    private readonly products: ProductsService,
  ) {}

  /**
   * A product as a database counts it: a name as given; one of our products named by its id becomes its name
   * (own cases) or its active substance (FAERS counts active ingredients).
   */
  private async asCounted(manager: EntityManager, database: SignalDatabase, product: string): Promise<string> {
    if (!isUUID(product.trim(), 'all')) {
      return product;
    }
    const ours = await this.products.get(manager, product.trim(), null);
    return database === 'own' ? ours.name : ours.activeSubstance;
  }

  /** Checks the request and records the run as running; the computation follows (now, or in a job). */
  async start(actor: Actor, request: RunRequest, trigger: 'request' | 'job'): Promise<DisproportionalityRunView> {
    const product = request.product === undefined || request.product === null ? request.product : await this.asCounted(this.dataSource.manager, request.database, request.product);
    const parameters = this.parameters({ ...request, product });
    const stored: RunParameters = { roles: [...parameters.roles], minCount: parameters.minCount, unit: 'reports', meddra: MEDDRA_STATEMENT[parameters.database], ...(parameters.prior === undefined ? {} : { prior: parameters.prior }) };
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO disproportionality_run (database, product, parameters, trigger, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [parameters.database, parameters.product, JSON.stringify(stored), trigger, actor.id],
    );
    if (row === undefined) {
      throw new Error('the run was not recorded');
    }
    return this.get(this.dataSource.manager, row.id);
  }

  /** Computes a started run; marks it done (with totals) or failed (with the error). */
  async compute(actor: Actor, runId: string): Promise<DisproportionalityRunView> {
    const run = await this.get(this.dataSource.manager, runId);
    const started = performance.now();
    if (run.database === 'faers' && run.product !== null) {
      const derived = await this.fromWholeDatabaseRun(actor, run, started);
      if (derived !== null) {
        return derived;
      }
    }
    // Our own cases are few enough to count every pair each time: EBGM's prior is fitted over all of them. One
    // FAERS product is counted alone (no prior): its table with EBGM comes from a run over every pair.
    const onePairSet = run.database === 'faers' && run.product !== null;
    const parameters: CountParameters = { database: run.database, roles: run.parameters.roles, minCount: run.parameters.minCount, product: onePairSet ? run.product : null };
    try {
      const pairs = new PairColumns();
      const counting = performance.now();
      // Every FAERS pair: counted on both cores (partitions by product); otherwise one connection, one snapshot.
      let seriousUnlisted = new Set<string>();
      const totals =
        run.database === 'faers' && run.product === null
          ? await countFaersAllPairs(() => this.connect(), parameters, FAERS_PARTITIONS, pairs.add)
          : await this.withSnapshot(async (client) => {
              const counted = await countPairs(client, parameters, pairs.add);
              if (run.database === 'own') {
                seriousUnlisted = await seriousUnlistedPairs(client);
              }
              return counted;
            });
      const streamed = performance.now();
      const review: ReviewSources = { seriousUnlisted, eventLists: await this.eventLists() };
      const rows = new RunRows(pairs, {
        runId,
        minCount: run.parameters.minCount,
        product: run.product,
        monitored: await this.additionalMonitoring(),
        ...(run.parameters.prior === undefined ? {} : { prior: run.parameters.prior }),
        noPrior: onePairSet ? 'EBGM needs the prior fitted over every pair: run every FAERS pair (a background job), or give the prior with the run; one product’s table then comes from that run, with EBGM' : undefined,
        review,
      });
      const fitted = performance.now();
      await this.writeResults(rows.chunks());
      const phases = {
        countMs: Math.round((pairs.firstPairAt ?? streamed) - counting),
        pairsMs: Math.round(streamed - (pairs.firstPairAt ?? streamed)),
        ebgmMs: Math.round(fitted - streamed),
        writeMs: Math.round(performance.now() - fitted),
      };
      const durationMs = Math.round(performance.now() - started);
      const summary = { reports: totals.reports, pairs: rows.rows, hits: rows.hits, review: rows.review, ebgm: rows.ebgm, durationMs, phases };
      // Marked done in a read-committed transaction of its own (the audit trail's hash chain is written under READ COMMITTED only).
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE disproportionality_run SET status = 'done', totals = $2, finished_at = now() WHERE id = $1`, [runId, JSON.stringify(summary)]);
        await this.audit.record(manager, actor, { entityType: 'disproportionality-run', entityId: runId, action: 'complete', after: { database: run.database, product: run.product, reports: totals.reports, pairs: rows.rows, hits: rows.hits, review: rows.review, ebgm: rows.ebgm.applied ? (rows.ebgm.obtained ?? 'fitted') : false } });
        await this.signals.alertsFromDisproportionality(manager, actor, runId);
      });
      this.logger.log(`disproportionality ${run.database}${run.product === null ? '' : ` ${run.product}`}: ${rows.rows} pairs over ${totals.reports} reports in ${durationMs} ms`);
    } catch (error) {
      await this.dataSource.query(`UPDATE disproportionality_run SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [runId, error instanceof Error ? error.message : String(error)]);
      throw error;
    }
    return this.get(this.dataSource.manager, runId);
  }

  /** A pooled connection of its own (COPY and snapshots need one), released by the caller. */
  private async connect(): Promise<Connection> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    return { client, release: () => runner.release() };
  }

  /** Counting in one repeatable-read, read-only snapshot (working tables are temporary and go with it). */
  private async withSnapshot<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const { client, release } = await this.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await client.query("SET LOCAL work_mem = '256MB'");
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await release();
    }
  }

  /** The results through COPY, in one transaction: all of a run's rows or none (each chunk computed while the previous one is written). */
  private async writeResults(chunks: Iterable<string>): Promise<void> {
    const { client, release } = await this.connect();
    try {
      await client.query('BEGIN');
      const copy = client.query(copyFrom(`COPY disproportionality_result (${RESULT_COLUMNS.join(', ')}) FROM STDIN`));
      const written = new Promise<void>((resolve, reject) => {
        copy.on('finish', resolve);
        copy.on('error', reject);
      });
      for (const chunk of chunks) {
        if (chunk !== '' && !copy.write(chunk)) {
          await new Promise((resolve) => copy.once('drain', resolve));
        }
      }
      copy.end();
      await written;
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await release();
    }
  }

  /**
   * One FAERS product's table taken from the latest whole-database run when that run is current (done after
   * the newest quarter was loaded, same roles, a minimum count no higher): its rows for the product are the
   * same figures, so they are copied rather than counted again. Null when there is no such run.
   */
  private async fromWholeDatabaseRun(actor: Actor, run: DisproportionalityRunView, started: number): Promise<DisproportionalityRunView | null> {
    return this.dataSource.transaction(async (manager) => {
      const [source] = await manager.query<{ id: string; totals: { reports: number; ebgm?: EbgmSummary } }[]>(
        `SELECT r.id, r.totals FROM disproportionality_run r
          WHERE r.database = 'faers' AND r.product IS NULL AND r.status = 'done'
            AND r.parameters->'roles' = $1::jsonb AND (r.parameters->>'minCount')::int <= $2
            AND r.parameters->'prior' IS NOT DISTINCT FROM $3::jsonb
            AND r.started_at >= COALESCE((SELECT max(loaded_at) FROM faers_quarter), '-infinity')
          ORDER BY r.started_at DESC, r.id LIMIT 1`,
        [JSON.stringify(run.parameters.roles), run.parameters.minCount, run.parameters.prior === undefined ? null : JSON.stringify(run.parameters.prior)],
      );
      if (source === undefined) {
        return null;
      }
      const copied = await manager.query<{ hits: string[]; review: ReviewReason[] }[]>(
        `INSERT INTO disproportionality_result (${RESULT_COLUMNS.join(', ')})
         SELECT $1, ${RESULT_COLUMNS.slice(1).join(', ')} FROM disproportionality_result WHERE run_id = $2 AND product = $3 AND a >= $4
         RETURNING hits, review`,
        [run.id, source.id, run.product, run.parameters.minCount],
      );
      const hits: Record<string, number> = Object.fromEntries(SCREENING_PRESETS.map((p) => [p.id, 0]));
      const review: Record<string, number> = Object.fromEntries(REVIEW_REASONS.map((r) => [r, 0]));
      for (const row of copied) {
        for (const id of row.hits) {
          hits[id] = (hits[id] ?? 0) + 1;
        }
        for (const reason of row.review) {
          review[reason] = (review[reason] ?? 0) + 1;
        }
      }
      const durationMs = Math.round(performance.now() - started);
      const ebgm: EbgmSummary = source.totals.ebgm?.applied === true ? { ...source.totals.ebgm, fromRun: source.id } : { applied: false, reason: source.totals.ebgm?.applied === false ? source.totals.ebgm.reason : 'the run it comes from has no EBGM' };
      const totals = { reports: source.totals.reports, pairs: copied.length, hits, review, ebgm, durationMs, phases: { countMs: 0, pairsMs: 0, ebgmMs: 0, writeMs: durationMs }, fromRun: source.id };
      await manager.query(`UPDATE disproportionality_run SET status = 'done', totals = $2, finished_at = now() WHERE id = $1`, [run.id, JSON.stringify(totals)]);
      await this.audit.record(manager, actor, { entityType: 'disproportionality-run', entityId: run.id, action: 'complete', after: { database: run.database, product: run.product, reports: totals.reports, pairs: totals.pairs, hits, fromRun: source.id } });
      await this.signals.alertsFromDisproportionality(manager, actor, run.id);
      return this.get(manager, run.id);
    });
  }

  async get(manager: EntityManager, id: string): Promise<DisproportionalityRunView> {
    const [row] = await manager.query<RawRun[]>(`SELECT * FROM disproportionality_run WHERE id = $1`, [id]);
    if (row === undefined) {
      throw new NotFoundError('disproportionality run', id);
    }
    return toRunView(row);
  }

  async list(manager: EntityManager, limit: number): Promise<DisproportionalityRunView[]> {
    const rows = await manager.query<RawRun[]>(`SELECT * FROM disproportionality_run ORDER BY started_at DESC, id LIMIT $1`, [limit]);
    return rows.map(toRunView);
  }

  /** A run's pairs: one product's, or those hitting a preset, or all; strongest first. */
  async results(manager: EntityManager, runId: string, filter: { product?: string; preset?: string; review?: ReviewReason | 'any'; limit: number }): Promise<PairRow[]> {
    const run = await this.get(manager, runId);
    const conditions = ['run_id = $1'];
    const values: unknown[] = [runId];
    if (filter.product !== undefined) {
      values.push((await this.asCounted(manager, run.database, filter.product)).trim().toUpperCase());
      conditions.push(`product = $${values.length}`);
    }
    if (filter.preset !== undefined) {
      values.push(filter.preset);
      conditions.push(`$${values.length} = ANY (hits)`);
    }
    if (filter.review === 'any') {
      conditions.push('cardinality(review) > 0');
    } else if (filter.review !== undefined) {
      values.push(filter.review);
      conditions.push(`$${values.length} = ANY (review)`);
    }
    values.push(filter.limit);
    const rows = await manager.query<RawResult[]>(`SELECT * FROM disproportionality_result WHERE ${conditions.join(' AND ')} ORDER BY ic025 DESC, product, event LIMIT $${values.length}`, values);
    return rows.map(toPairRow);
  }

  private parameters(request: RunRequest): Required<Pick<CountParameters, 'database' | 'roles' | 'minCount'>> & { product: string | null; prior?: GivenPrior } {
    const problems: FieldProblem[] = [];
    const roles = request.roles === undefined || request.roles.length === 0 ? DEFAULT_ROLES[request.database] : request.roles;
    const unknown = roles.filter((role) => !DRUG_ROLES[request.database].includes(role));
    if (unknown.length > 0) {
      problems.push({ field: 'roles', problem: `${unknown.join(', ')}: not a drug role of the ${request.database} database (${DRUG_ROLES[request.database].join(', ')})` });
    }
    const product = request.product === undefined || request.product === null || request.product.trim() === '' ? null : request.product.trim().toUpperCase();
    // Below 3 reports no screening rule can flag a pair (Evans, EMA and MHRA ask a ≥ 3; IC025 > 0 needs a ≥ 3).
    const minCount = request.minCount ?? 3;
    if (!Number.isInteger(minCount) || minCount < 1) {
      problems.push({ field: 'minCount', problem: `must be a whole number of reports, 1 or more (got ${minCount})` });
    }
    const prior = request.prior === undefined ? undefined : { alpha1: request.prior.alpha1, beta1: request.prior.beta1, alpha2: request.prior.alpha2, beta2: request.prior.beta2, p: request.prior.p, source: request.prior.source.trim() };
    if (prior !== undefined) {
      try {
        checkHyperparameters(prior);
      } catch (error) {
        if (!(error instanceof EbgmInputError)) {
          throw error;
        }
        problems.push({ field: `prior.${error.field}`, problem: error.problem });
      }
      if (prior.source === '') {
        problems.push({ field: 'prior.source', problem: 'say where the hyperparameters come from (publication, regulator, earlier run)' });
      }
    }
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
    }
    // Sorted: a run's roles compare equal to another's whatever order they were given in.
    return { database: request.database, roles: [...roles].sort(), minCount, product, ...(prior === undefined ? {} : { prior }) };
  }

  /** The loaded IME and DME lists: event (PT name, lower case) → the lists it is on. */
  private async eventLists(): Promise<Map<string, ('ime' | 'dme')[]>> {
    const rows = await this.dataSource.query<{ pt_name: string; lists: ('ime' | 'dme')[] }[]>(`SELECT pt_name, array_agg(list ORDER BY list DESC) AS lists FROM medical_event_list GROUP BY pt_name`);
    return new Map(rows.map((r) => [r.pt_name, r.lists]));
  }

  /** Products under additional monitoring, as each database names them: our product names and their active substances. */
  private async additionalMonitoring(): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ name: string }[]>(`SELECT upper(btrim(name)) AS name FROM product WHERE additional_monitoring UNION SELECT upper(btrim(active_substance)) FROM product WHERE additional_monitoring`);
    return new Set(rows.map((r) => r.name));
  }
}
