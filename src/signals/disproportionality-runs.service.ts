import { Injectable, Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { FieldProblem, InvalidInputError, NotFoundError } from '../common/errors';
import type { Disproportionality } from './disproportionality';
import { countFaersAllPairs, countPairs, type CountParameters, DEFAULT_ROLES, DRUG_ROLES, type SignalDatabase } from './disproportionality-counts';
import { type EbgmSummary, PairColumns, RESULT_COLUMNS, RunRows } from './run-results';
import { SCREENING_PRESETS } from './screening-presets';
import { SignalManagementService } from './signal-management.service';

export interface RunRequest {
  database: SignalDatabase;
  /** One product (case-insensitive), or every pair. */
  product?: string | null;
  roles?: readonly string[];
  /** Smallest a kept (default 3: fewer reports cannot meet any screening rule). */
  minCount?: number;
}

export interface DisproportionalityRunView {
  id: string;
  database: SignalDatabase;
  product: string | null;
  parameters: { roles: string[]; minCount: number; unit: 'reports'; meddra: string; presets: { id: string; name: string; rule: string; source: string; applied: boolean }[] };
  totals: {
    reports: number;
    pairs: number;
    hits: Record<string, number>;
    /** The prior fitted for EBGM (or why there is none); older runs lack it. */
    ebgm?: EbgmSummary;
    durationMs: number;
    /** Counting in PostgreSQL, the pairs streaming out, fitting EBGM's prior, then the figures (EBGM scores included: see ebgm.scoreMs) computed while the rows are written back. */
    phases: { countMs: number; pairsMs: number; ebgmMs?: number; writeMs: number };
    fromRun?: string;
  } | null;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  trigger: 'request' | 'job';
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface PairRow extends Disproportionality {
  product: string;
  event: string;
  /** EBGM and its 5% / 95% posterior quantiles; null when the run has no fitted prior. */
  ebgm: number | null;
  eb05: number | null;
  eb95: number | null;
  hits: string[];
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
  ) {}

  /** Checks the request and records the run as running; the computation follows (now, or in a job). */
  async start(actor: Actor, request: RunRequest, trigger: 'request' | 'job'): Promise<DisproportionalityRunView> {
    const parameters = this.parameters(request);
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO disproportionality_run (database, product, parameters, trigger, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [parameters.database, parameters.product, JSON.stringify({ roles: parameters.roles, minCount: parameters.minCount, unit: 'reports', meddra: MEDDRA_STATEMENT[parameters.database] }), trigger, actor.id],
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
      const totals =
        run.database === 'faers' && run.product === null
          ? await countFaersAllPairs(() => this.connect(), parameters, FAERS_PARTITIONS, pairs.add)
          : await this.withSnapshot((client) => countPairs(client, parameters, pairs.add));
      const streamed = performance.now();
      const rows = new RunRows(pairs, {
        runId,
        minCount: run.parameters.minCount,
        product: run.product,
        monitored: await this.additionalMonitoring(),
        noPrior: onePairSet ? 'EBGM needs the prior fitted over every pair: run every FAERS pair (a background job); one product’s table then comes from that run, with EBGM' : undefined,
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
      const summary = { reports: totals.reports, pairs: rows.rows, hits: rows.hits, ebgm: rows.ebgm, durationMs, phases };
      // Marked done in a read-committed transaction of its own (the audit trail's hash chain is written under READ COMMITTED only).
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE disproportionality_run SET status = 'done', totals = $2, finished_at = now() WHERE id = $1`, [runId, JSON.stringify(summary)]);
        await this.audit.record(manager, actor, { entityType: 'disproportionality-run', entityId: runId, action: 'complete', after: { database: run.database, product: run.product, reports: totals.reports, pairs: rows.rows, hits: rows.hits, ebgm: rows.ebgm.applied } });
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
            AND r.started_at >= COALESCE((SELECT max(loaded_at) FROM faers_quarter), '-infinity')
          ORDER BY r.started_at DESC, r.id LIMIT 1`,
        [JSON.stringify(run.parameters.roles), run.parameters.minCount],
      );
      if (source === undefined) {
        return null;
      }
      const copied = await manager.query<{ hits: string[] }[]>(
        `INSERT INTO disproportionality_result (${RESULT_COLUMNS.join(', ')})
         SELECT $1, ${RESULT_COLUMNS.slice(1).join(', ')} FROM disproportionality_result WHERE run_id = $2 AND product = $3 AND a >= $4
         RETURNING hits`,
        [run.id, source.id, run.product, run.parameters.minCount],
      );
      const hits: Record<string, number> = Object.fromEntries(SCREENING_PRESETS.map((p) => [p.id, 0]));
      for (const row of copied) {
        for (const id of row.hits) {
          hits[id] = (hits[id] ?? 0) + 1;
        }
      }
      const durationMs = Math.round(performance.now() - started);
      const ebgm: EbgmSummary = source.totals.ebgm?.applied === true ? { ...source.totals.ebgm, fromRun: source.id } : { applied: false, reason: source.totals.ebgm?.applied === false ? source.totals.ebgm.reason : 'the run it comes from has no EBGM' };
      const totals = { reports: source.totals.reports, pairs: copied.length, hits, ebgm, durationMs, phases: { countMs: 0, pairsMs: 0, ebgmMs: 0, writeMs: durationMs }, fromRun: source.id };
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
    return toView(row);
  }

  async list(manager: EntityManager, limit: number): Promise<DisproportionalityRunView[]> {
    const rows = await manager.query<RawRun[]>(`SELECT * FROM disproportionality_run ORDER BY started_at DESC, id LIMIT $1`, [limit]);
    return rows.map(toView);
  }

  /** A run's pairs: one product's, or those hitting a preset, or all; strongest first. */
  async results(manager: EntityManager, runId: string, filter: { product?: string; preset?: string; limit: number }): Promise<PairRow[]> {
    await this.get(manager, runId);
    const conditions = ['run_id = $1'];
    const values: unknown[] = [runId];
    if (filter.product !== undefined) {
      values.push(filter.product.trim().toUpperCase());
      conditions.push(`product = $${values.length}`);
    }
    if (filter.preset !== undefined) {
      values.push(filter.preset);
      conditions.push(`$${values.length} = ANY (hits)`);
    }
    values.push(filter.limit);
    const rows = await manager.query<RawResult[]>(`SELECT * FROM disproportionality_result WHERE ${conditions.join(' AND ')} ORDER BY ic025 DESC, product, event LIMIT $${values.length}`, values);
    return rows.map(toPair);
  }

  private parameters(request: RunRequest): Required<Pick<CountParameters, 'database' | 'roles' | 'minCount'>> & { product: string | null } {
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
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
    }
    // Sorted: a run's roles compare equal to another's whatever order they were given in.
    return { database: request.database, roles: [...roles].sort(), minCount, product };
  }

  /** Products under additional monitoring, as each database names them: our product names and their active substances. */
  private async additionalMonitoring(): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ name: string }[]>(`SELECT upper(btrim(name)) AS name FROM product WHERE additional_monitoring UNION SELECT upper(btrim(active_substance)) FROM product WHERE additional_monitoring`);
    return new Set(rows.map((r) => r.name));
  }
}

interface RawRun {
  id: string;
  database: SignalDatabase;
  product: string | null;
  parameters: { roles: string[]; minCount: number; unit: 'reports'; meddra: string };
  totals: DisproportionalityRunView['totals'];
  status: DisproportionalityRunView['status'];
  error: string | null;
  trigger: 'request' | 'job';
  requested_by: string;
  started_at: Date;
  finished_at: Date | null;
}

function toView(r: RawRun): DisproportionalityRunView {
  return {
    id: r.id,
    database: r.database,
    product: r.product,
    parameters: { ...r.parameters, presets: SCREENING_PRESETS.map((p) => ({ id: p.id, name: p.name, rule: p.rule, source: p.source, applied: !p.needs.includes('ebgm') || r.totals?.ebgm?.applied === true })) },
    totals: r.totals,
    status: r.status,
    error: r.error,
    trigger: r.trigger,
    requestedBy: r.requested_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

interface RawResult {
  product: string;
  event: string;
  a: number;
  b: number;
  c: number;
  d: string;
  expected: number;
  prr: number | null;
  prr_lower: number | null;
  prr_upper: number | null;
  ror: number | null;
  ror_lower: number | null;
  ror_upper: number | null;
  chi2: number | null;
  chi2_yates: number | null;
  ic: number;
  ic025: number;
  ic975: number;
  ebgm: number | null;
  eb05: number | null;
  eb95: number | null;
  hits: string[];
}

function toPair(r: RawResult): PairRow {
  const d = Number(r.d);
  return {
    product: r.product,
    event: r.event,
    a: r.a,
    b: r.b,
    c: r.c,
    d,
    n: r.a + r.b + r.c + d,
    expected: r.expected,
    prr: { value: r.prr, lower: r.prr_lower, upper: r.prr_upper },
    ror: { value: r.ror, lower: r.ror_lower, upper: r.ror_upper },
    chiSquared: r.chi2,
    chiSquaredYates: r.chi2_yates,
    ic: r.ic,
    ic025: r.ic025,
    ic975: r.ic975,
    ebgm: r.ebgm,
    eb05: r.eb05,
    eb95: r.eb95,
    notes: [],
    hits: r.hits,
  };
}
