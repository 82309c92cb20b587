/**
 * Counting for disproportionality, in PostgreSQL (pharmacovigilance §6). One database at a time — the
 * holder's own cases or the FAERS background data — never pooled. The unit is the report: a report counts
 * once for a product (whatever the number of its drug rows) and once for an event. Drugs count in the roles
 * given (suspect and interacting by default); events are PT names, lower case (the reporter's words for an
 * uncoded case of our own). N = reports with at least one event; a product's reports are those of them with
 * the product.
 *   own:   current version of every case not nullified and not a linked duplicate; product = the tracked
 *          product's name, else the drug's verbatim name (upper case).
 *   faers: the latest loaded version of each case; product = active ingredient, else verbatim name.
 */
import { StringDecoder } from 'node:string_decoder';
import type { PoolClient } from 'pg';
import { fromCopyText } from '../common/copy-text';
import { to as copyTo } from 'pg-copy-streams';
import { roleMask } from '../faers/counted-rows';

export const SIGNAL_DATABASES = ['own', 'faers'] as const;
export type SignalDatabase = (typeof SIGNAL_DATABASES)[number];

/** Drug roles per database, and the default (suspect and interacting). */
export const DRUG_ROLES: Readonly<Record<SignalDatabase, readonly string[]>> = {
  own: ['suspect', 'interacting', 'concomitant'],
  faers: ['PS', 'SS', 'I', 'C'],
};
export const DEFAULT_ROLES: Readonly<Record<SignalDatabase, readonly string[]>> = {
  own: ['suspect', 'interacting'],
  faers: ['PS', 'SS', 'I'],
};

export interface CountParameters {
  database: SignalDatabase;
  roles: readonly string[];
  /** Pairs with fewer reports are not returned. */
  minCount: number;
  /** One product (as counted: upper case), or null for every pair. */
  product: string | null;
}

export interface PairCount {
  product: string;
  event: string;
  a: number;
  productReports: number;
  eventReports: number;
}

export interface CountTotals {
  /** N: reports with at least one event. */
  reports: number;
  pairs: number;
}

function literalList(values: readonly string[]): string {
  // Roles come from a fixed code list (checked by the caller): quoting is belt and braces.
  return `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
}

const OWN_SOURCES = (roles: string): string => `
  CREATE TEMPORARY TABLE dp_event ON COMMIT DROP AS
    SELECT DISTINCT c.id::text AS report, lower(btrim(COALESCE(NULLIF(btrim(r->>'ptName'), ''), r->>'reportedTerm'))) AS event
      FROM safety_case c
      JOIN safety_case_version v ON v.case_id = c.id AND v.version = c.current_version
      CROSS JOIN LATERAL jsonb_array_elements(COALESCE(v.content->'reactions', '[]'::jsonb)) r
     WHERE c.status <> 'nullified' AND c.master_case_id IS NULL
       AND COALESCE(NULLIF(btrim(r->>'ptName'), ''), btrim(r->>'reportedTerm')) <> '';
  CREATE TEMPORARY TABLE dp_product ON COMMIT DROP AS
    SELECT DISTINCT c.id::text AS report, upper(btrim(COALESCE(p.name, d->>'name'))) AS product
      FROM safety_case c
      JOIN safety_case_version v ON v.case_id = c.id AND v.version = c.current_version
      CROSS JOIN LATERAL jsonb_array_elements(COALESCE(v.content->'drugs', '[]'::jsonb)) d
      LEFT JOIN product p ON p.id::text = d->>'productId'
     WHERE c.status <> 'nullified' AND c.master_case_id IS NULL
       AND d->>'role' = ANY (${roles})
       AND btrim(COALESCE(p.name, d->>'name', '')) <> ''
       AND EXISTS (SELECT 1 FROM dp_event e WHERE e.report = c.id::text);`;

/** Pairs of our own cases with their totals, from dp_product and dp_event. */
function ownPairSql(minCount: number, productFilter: string): string {
  return `
    CREATE TEMPORARY TABLE dp_pair ON COMMIT DROP AS
    WITH product_totals AS (SELECT product, count(*)::int AS reports FROM dp_product ${productFilter} GROUP BY product),
         event_totals AS (SELECT event, count(*)::int AS reports FROM dp_event GROUP BY event),
         pairs AS (
           SELECT p.product, e.event, count(*)::int AS a
             FROM (SELECT * FROM dp_product ${productFilter}) p JOIN dp_event e ON e.report = p.report
            GROUP BY p.product, e.event
           HAVING count(*) >= ${Math.max(1, Math.trunc(minCount))}
         )
    SELECT pairs.product, pairs.event, pairs.a, pt.reports AS product_reports, et.reports AS event_reports
      FROM pairs JOIN product_totals pt USING (product) JOIN event_totals et USING (event)`;
}

/** The key of a pair in look-ups (product and event as counted). */
export function pairKey(product: string, event: string): string {
  return `${product}\u0000${event}`;
}

/**
 * Pairs of our own cases in which a reaction was serious and assessed unexpected — not listed in the reference
 * safety information in force at the case's day 0, as stored with its current version — for the case's own
 * product: these are read case by case whatever the statistics say. Needs dp_product of countPairs, in the
 * same transaction (the same snapshot and roles).
 */
export async function seriousUnlistedPairs(client: PoolClient): Promise<Set<string>> {
  const result = await client.query<{ product: string; event: string }>(`
    SELECT DISTINCT dp.product, lower(btrim(COALESCE(NULLIF(btrim(r->>'ptName'), ''), r->>'reportedTerm'))) AS event
      FROM safety_case c
      JOIN product pr ON pr.id = c.product_id
      JOIN safety_case_version v ON v.case_id = c.id AND v.version = c.current_version
      JOIN dp_product dp ON dp.report = c.id::text AND dp.product = upper(btrim(pr.name))
      CROSS JOIN LATERAL jsonb_array_elements(COALESCE(v.content->'reactions', '[]'::jsonb)) r
     WHERE c.status <> 'nullified' AND c.master_case_id IS NULL
       AND COALESCE(v.assessment->'seriousness'->'seriousReactionKeys', '[]'::jsonb) ? (r->>'key')
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(v.assessment->'expectedness', '[]'::jsonb)) x
                    WHERE x->>'reactionKey' = r->>'key' AND x->'expected' = 'false'::jsonb)`);
  return new Set(result.rows.map((row) => pairKey(row.product, row.event)));
}

/**
 * Every pair of our own cases with at least `minCount` reports (or one product's), or one FAERS product's
 * pairs, streamed to `onPair` through COPY (no row objects). Runs in the caller's transaction. Every FAERS
 * pair is counted on several connections: countFaersAllPairs.
 */
export async function countPairs(client: PoolClient, parameters: CountParameters, onPair: (pair: PairCount, reports: number) => void): Promise<CountTotals> {
  if (parameters.database === 'faers') {
    if (parameters.product === null) {
      throw new Error('every FAERS pair is counted by countFaersAllPairs, on several connections');
    }
    return countFaersProduct(client, parameters, onPair);
  }
  await client.query(OWN_SOURCES(literalList(parameters.roles)));
  await client.query('ANALYZE dp_event; ANALYZE dp_product');
  const productFilter = parameters.product === null ? '' : `WHERE product = '${parameters.product.replace(/'/g, "''")}'`;
  await client.query(ownPairSql(parameters.minCount, productFilter));
  const total = await client.query<{ n: number }>('SELECT count(DISTINCT report)::int AS n FROM dp_event');
  const reports = total.rows[0]?.n ?? 0;
  const pairs = await streamPairs(client, 'SELECT product, event, a, product_reports, event_reports FROM dp_pair ORDER BY product, event', (pair) => onPair(pair, reports));
  return { reports, pairs };
}

/**
 * One FAERS product: its reports (the drug rows the importer marked as counting it, in the roles asked),
 * their counted events, and the event totals of the whole database kept in faers_event_total (recomputed
 * first when a quarter was loaded since).
 */
async function countFaersProduct(client: PoolClient, parameters: CountParameters, onPair: (pair: PairCount, reports: number) => void): Promise<CountTotals> {
  const reports = await refreshFaersBackground(client);
  await client.query(
    `CREATE TEMPORARY TABLE dp_mine ON COMMIT DROP AS
       SELECT d.primaryid FROM faers_drug d JOIN faers_product p ON p.id = d.product_id
        WHERE p.name = $1 AND d.counted_roles & $2 <> 0`,
    [parameters.product, roleMask(parameters.roles)],
  );
  await client.query(
    `CREATE TEMPORARY TABLE dp_pair ON COMMIT DROP AS
     WITH mine AS (SELECT count(*)::int AS reports FROM dp_mine),
          pairs AS (SELECT r.event_id, count(*)::int AS a FROM faers_reaction r JOIN dp_mine m ON m.primaryid = r.primaryid WHERE r.counted GROUP BY r.event_id HAVING count(*) >= $1)
     SELECT pairs.event_id, pairs.a, mine.reports AS product_reports, t.reports AS event_reports
       FROM pairs CROSS JOIN mine JOIN faers_event_total t ON t.event_id = pairs.event_id`,
    [Math.max(1, Math.trunc(parameters.minCount))],
  );
  const product = (parameters.product ?? '').replace(/'/g, "''");
  const pairs = await streamPairs(
    client,
    `SELECT '${product}', e.name, x.a, x.product_reports, x.event_reports FROM dp_pair x JOIN faers_event e ON e.id = x.event_id ORDER BY 2`,
    (pair) => onPair(pair, reports),
  );
  return { reports, pairs };
}

/**
 * Event totals of the FAERS data and N (reports with a counted event), recomputed when a quarter was loaded
 * after they were; returns N. Runs in the caller's transaction.
 */
export async function refreshFaersBackground(client: PoolClient): Promise<number> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('faers-background'))`);
  const state = await client.query<{ current: boolean; reports: number | null }>(
    `SELECT b.loaded_at IS NOT DISTINCT FROM (SELECT max(loaded_at) FROM faers_quarter) AS current, b.reports FROM faers_background b WHERE b.id = 1`,
  );
  const row = state.rows[0];
  if (row?.current === true && row.reports !== null) {
    return row.reports;
  }
  await client.query('DELETE FROM faers_event_total');
  await client.query(`INSERT INTO faers_event_total (event_id, reports) SELECT event_id, count(*) FROM faers_reaction WHERE counted GROUP BY 1`);
  const total = await client.query<{ n: number }>('SELECT count(DISTINCT primaryid)::int AS n FROM faers_reaction WHERE counted');
  const n = total.rows[0]?.n ?? 0;
  await client.query(
    `INSERT INTO faers_background (id, reports, loaded_at, computed_at) VALUES (1, $1, (SELECT max(loaded_at) FROM faers_quarter), now())
     ON CONFLICT (id) DO UPDATE SET reports = EXCLUDED.reports, loaded_at = EXCLUDED.loaded_at, computed_at = now()`,
    [n],
  );
  return n;
}

async function streamPairs(client: PoolClient, select: string, onPair: (pair: PairCount) => void): Promise<number> {
  let rest = '';
  let count = 0;
  const decoder = new StringDecoder('utf8');
  const take = (line: string): void => {
    const [product, event, a, productReports, eventReports] = line.split('\t');
    onPair({ product: fromCopyText(product ?? ''), event: fromCopyText(event ?? ''), a: Number(a), productReports: Number(productReports), eventReports: Number(eventReports) });
    count++;
  };
  for await (const chunk of client.query(copyTo(`COPY (${select}) TO STDOUT`)) as AsyncIterable<Buffer>) {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      take(line);
    }
  }
  rest += decoder.end();
  if (rest !== '') {
    take(rest);
  }
  return count;
}


/** A connection of its own, released by the caller. */
export interface OpenConnection {
  client: PoolClient;
  release: () => Promise<void>;
}

/** Runs work in a transaction of its own on the connection (committed, or rolled back on error). */
async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Every FAERS pair, counted on several connections at once (PostgreSQL runs one statement on one core).
 * The FAERS data only changes by an import, and imports wait while a run holds the import lock in shared
 * mode: every connection sees the same data, statement after statement. The importer marked the rows that
 * count (one per report and event, one per report and product with its roles), so nothing is deduplicated
 * here: each partition takes the products with id ≡ k (mod partitions), joins their reports' counted events
 * and streams its pairs out, with the event totals refreshed meanwhile on the first connection.
 */
export async function countFaersAllPairs(open: () => Promise<OpenConnection>, parameters: CountParameters, partitions: number, onPair: (pair: PairCount, reports: number) => void): Promise<CountTotals> {
  const holder = await open();
  const mask = roleMask(parameters.roles);
  const minCount = Math.max(1, Math.trunc(parameters.minCount));
  let background: Promise<number> | null = null;
  try {
    await holder.client.query(`SELECT pg_advisory_lock_shared(hashtext('faers-import'))`);
    const totals = inTransaction(holder.client, () => refreshFaersBackground(holder.client));
    totals.catch(() => undefined); // awaited by the partitions; a failure surfaces there
    background = totals;
    const counts = await Promise.all(
      Array.from({ length: partitions }, async (_, k) => {
        const worker = await open();
        try {
          return await inTransaction(worker.client, async () => {
            await worker.client.query("SET LOCAL work_mem = '256MB'");
            await worker.client.query(`CREATE TEMPORARY TABLE dp_product ON COMMIT DROP AS SELECT primaryid AS report, product_id AS product FROM faers_drug WHERE counted_roles & ${mask} <> 0 AND product_id % ${partitions} = ${k}`);
            await worker.client.query('ANALYZE dp_product');
            await worker.client.query(
              `CREATE TEMPORARY TABLE dp_pair ON COMMIT DROP AS
               WITH product_totals AS (SELECT product, count(*)::int AS reports FROM dp_product GROUP BY product),
                    pairs AS (SELECT p.product, e.event_id AS event, count(*)::int AS a FROM dp_product p JOIN faers_reaction e ON e.primaryid = p.report WHERE e.counted GROUP BY 1, 2 HAVING count(*) >= ${minCount})
               SELECT pairs.product, pairs.event, pairs.a, pt.reports AS product_reports FROM pairs JOIN product_totals pt USING (product)`,
            );
            const reports = await totals;
            return streamPairs(
              worker.client,
              'SELECT p.name, e.name, x.a, x.product_reports, t.reports FROM dp_pair x JOIN faers_product p ON p.id = x.product JOIN faers_event e ON e.id = x.event JOIN faers_event_total t ON t.event_id = x.event',
              (pair) => onPair(pair, reports),
            );
          });
        } finally {
          await worker.release();
        }
      }),
    );
    return { reports: await totals, pairs: counts.reduce((sum, n) => sum + n, 0) };
  } finally {
    await background?.catch(() => undefined); // the first connection is idle before it is unlocked and released
    await holder.client.query(`SELECT pg_advisory_unlock_shared(hashtext('faers-import'))`).catch(() => undefined);
    await holder.release();
  }
}
