/**
 * Patient counts of one product and period, made in PostgreSQL with set-based SQL (no case is loaded into
 * Node). Rules, each one place:
 * - a case counts when it was first received in the period (C.1.4, on or before the data lock point), as it
 *   stood at the data lock point: its latest version with day 0 on or before the DLP, an amendment (a
 *   correction, which keeps the day 0 of the version it corrects) only when recorded on or before the DLP —
 *   a correction made after the DLP leaves the figures of that DLP as they were. A case whose version
 *   at the DLP is a nullification, is not valid (minimum criteria), or is a duplicate linked to a master case
 *   does not count;
 * - the unit is the patient, not the report: cases that give the same patient identifier (registry or study
 *   subject number, D.1.1.x) are one patient; a case without one is its own patient;
 * - solicited data = report types "solicited" and "clinical-trial" (incidence over patients enrolled);
 *   everything else (spontaneous, literature, EudraVigilance) is spontaneous (a reporting rate);
 * - a reaction of a solicited case is left out when every causality assessment of it against a suspect or
 *   interacting drug is "unlikely" or "unrelated" (no reasonable possibility, GVP VI); spontaneous reports
 *   always count (implied causality). No assessment, or "unassessable", keeps it;
 * - a reaction is named by its PT, else by the reporter's words; it is listed when that name is one of a
 *   listed term's PTs (case-insensitive) or the PT sits under one of its HLTs in the MedDRA release given;
 * - serious = the reaction has a seriousness criterion; fatal = outcome fatal or the "death" criterion;
 * - SOC = the reaction's primary SOC as coded, else the release's primary SOC of the PT name.
 */
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../common/calendar-date';
import type { CountRow, ResultLevel } from './frequency-table';

export interface CountInput {
  productId: string;
  dataLockPoint: IsoDate;
  /** Null for cumulative (everything received up to the DLP). */
  periodStart: IsoDate | null;
  rsiId: string | null;
  meddraReleaseId: string | null;
}

export interface CountSummary {
  /** Cases first received in the period with a version on or before the DLP, before exclusions. */
  casesInPeriod: number;
  casesCounted: number;
  nullified: number;
  invalid: number;
  /** Duplicates linked to a master case (the master counts). */
  duplicates: number;
  patients: number;
  solicitedPatients: number;
  spontaneousPatients: number;
  /** Reactions of solicited cases left out because every causality assessment excludes a reasonable possibility. */
  reactionsNotRelated: number;
  syntheticCases: number;
}

/**
 * Step 1, one statement: the cases of the period as they stood at the DLP, classified, with the parts of the
 * content that step 2 reads, into a temporary table. The version is picked on narrow rows (ids only).
 */
const CASES_SQL = `
  CREATE TEMPORARY TABLE frequency_case ON COMMIT DROP AS
  WITH as_of AS (
    SELECT DISTINCT ON (v.case_id) v.id
      FROM safety_case c
      JOIN safety_case_version v ON v.case_id = c.id AND v.day0 <= $2::date AND (v.version_type <> 'amendment' OR v.recorded_on <= $2::date)
     WHERE c.product_id = $1
     ORDER BY v.case_id, v.version DESC
  )
  SELECT v.case_id, v.version_type,
         -- A duplicate linked after the DLP was still a case of its own at the DLP.
         CASE WHEN EXISTS (SELECT 1 FROM case_link l WHERE l.case_id = c.id AND l.kind = 'duplicate-of' AND l.recorded_on <= $2::date) THEN c.master_case_id END AS master_case_id, c.synthetic, j.reactions, j.causality, j.drugs,
         COALESCE((v.assessment->'validity'->>'valid')::boolean, false) AS valid,
         CASE WHEN j."reportType" IN ('solicited', 'clinical-trial') THEN 'solicited' ELSE 'spontaneous' END AS channel,
         COALESCE('patient:' || NULLIF(lower(btrim(j.patient->>'identifier')), ''), 'case:' || v.case_id::text) AS patient
    FROM as_of
    JOIN safety_case_version v ON v.id = as_of.id
    JOIN safety_case c ON c.id = v.case_id
    -- One detoast and parse of the content for all the keys used (each -> on the column would do its own).
    CROSS JOIN LATERAL jsonb_to_record(v.content) AS j("reportType" text, "initialReceiptOn" date, patient jsonb, reactions jsonb, causality jsonb, drugs jsonb)
   WHERE j."initialReceiptOn" <= $2::date
     AND ($3::date IS NULL OR j."initialReceiptOn" >= $3::date)`;

/** Step 2: one row per reaction of a counted case, with what the groups need. */
const REACTIONS_SQL = `
  CREATE TEMPORARY TABLE frequency_reaction ON COMMIT DROP AS
  SELECT c.channel, c.patient, x.name, lower(x.name) AS lname, x.coded, x.soc, x.serious, x.fatal, x.criteria, COALESCE(nr.not_related, false) AS not_related
    FROM frequency_case c
    CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c.reactions, '[]'::jsonb)) r
    CROSS JOIN LATERAL (
      SELECT COALESCE(NULLIF(btrim(r->>'ptName'), ''), btrim(r->>'reportedTerm')) AS name,
             NULLIF(btrim(r->>'ptName'), '') IS NOT NULL AS coded,
             NULLIF(btrim(r->>'socName'), '') AS soc,
             jsonb_array_length(COALESCE(r->'seriousness', '[]'::jsonb)) > 0 AS serious,
             (r->>'outcome' = 'fatal' OR COALESCE(r->'seriousness', '[]'::jsonb) ? 'death') AS fatal,
             COALESCE(r->'seriousness', '[]'::jsonb) AS criteria
    ) x
    LEFT JOIN LATERAL (
      SELECT bool_and(a.value IN ('unlikely', 'unrelated')) AS not_related
        FROM jsonb_array_elements(COALESCE(c.causality, '[]'::jsonb)) ca
        CROSS JOIN LATERAL (VALUES (ca->>'reporter'), (ca->>'company')) AS a(value)
       WHERE c.channel = 'solicited'
         AND ca->>'reactionKey' = r->>'key'
         AND a.value IS NOT NULL
         AND ca->>'drugKey' IN (SELECT d->>'key' FROM jsonb_array_elements(COALESCE(c.drugs, '[]'::jsonb)) d WHERE d->>'role' IN ('suspect', 'interacting'))
    ) nr ON true
   WHERE c.version_type <> 'nullification' AND c.master_case_id IS NULL AND c.valid
     AND x.name IS NOT NULL AND x.name <> ''`;

/** Per group, first one row per patient (a hash aggregate), then the counts: no count(DISTINCT) sorts. */
const PATIENT_FLAGS = `bool_or(x.serious) AS serious, bool_or(x.fatal) AS fatal, bool_or(x.channel = 'solicited') AS solicited, bool_or(x.channel = 'spontaneous') AS spontaneous`;
const COUNTS_OF = `count(*)::int AS patients, count(*) FILTER (WHERE serious)::int AS serious, count(*) FILTER (WHERE fatal)::int AS fatal,
  count(*) FILTER (WHERE solicited)::int AS solicited, count(*) FILTER (WHERE spontaneous)::int AS spontaneous`;

const COUNTS_SQL = `
  WITH reactions AS (SELECT * FROM frequency_reaction WHERE NOT not_related),
  terms AS (
    SELECT t.position, t.term,
           ARRAY(SELECT lower(btrim(n)) FROM unnest(t.pt_names) n) AS pts,
           ARRAY(SELECT lower(btrim(n)) FROM unnest(t.hlt_names) n) AS hlts
      FROM reference_safety_term t
     WHERE t.rsi_id = $1 AND t.kind = 'reaction'
  ),
  names AS (
    SELECT lname, min(name) AS name, bool_or(coded) AS coded FROM reactions GROUP BY lname
  ),
  name_terms AS (
    SELECT n.lname, t.position, t.term
      FROM names n
      JOIN terms t ON n.lname = ANY (t.pts)
         OR (cardinality(t.hlts) > 0 AND EXISTS (
              SELECT 1 FROM meddra_pt p
                JOIN meddra_hlt_pt hp ON hp.release_id = p.release_id AND hp.pt_code = p.code
                JOIN meddra_hlt h ON h.release_id = hp.release_id AND h.code = hp.hlt_code
               WHERE p.release_id = $2 AND lower(p.name) = n.lname AND lower(h.name) = ANY (t.hlts)))
  ),
  name_soc AS (
    SELECT n.lname, s.name AS soc
      FROM names n
      JOIN meddra_pt p ON p.release_id = $2 AND lower(p.name) = n.lname
      JOIN meddra_soc s ON s.release_id = p.release_id AND s.code = p.primary_soc_code
  ),
  by_term AS (
    SELECT nt.position, x.patient, ${PATIENT_FLAGS} FROM reactions x JOIN name_terms nt ON nt.lname = x.lname GROUP BY nt.position, x.patient
  ),
  by_outcome AS (
    SELECT o.outcome, x.patient, ${PATIENT_FLAGS}
      FROM reactions x
      JOIN (VALUES ('fatal'), ('serious'), ('life-threatening'), ('hospitalisation'), ('disability')) AS o(outcome)
        ON CASE o.outcome WHEN 'fatal' THEN x.fatal WHEN 'serious' THEN x.serious ELSE x.criteria ? o.outcome END
     GROUP BY o.outcome, x.patient
  ),
  by_name AS (
    SELECT x.lname, x.patient, ${PATIENT_FLAGS} FROM reactions x GROUP BY x.lname, x.patient
  ),
  by_soc AS (
    SELECT COALESCE(x.soc, ns.soc, '') AS soc, x.patient, ${PATIENT_FLAGS}
      FROM reactions x LEFT JOIN name_soc ns ON ns.lname = x.lname
     GROUP BY COALESCE(x.soc, ns.soc, ''), x.patient
  )
  SELECT 'term' AS level, t.position::text AS key, t.term AS label, '{}'::text[] AS listed_terms, true AS coded, c.patients, c.serious, c.fatal, c.solicited, c.spontaneous
    FROM terms t
    JOIN (SELECT position, ${COUNTS_OF} FROM by_term GROUP BY position) c ON c.position = t.position
  UNION ALL
  SELECT 'outcome', outcome, outcome, '{}', true, ${COUNTS_OF} FROM by_outcome GROUP BY outcome
  UNION ALL
  SELECT 'pt', n.lname, n.name, COALESCE((SELECT array_agg(nt.term ORDER BY nt.position) FROM name_terms nt WHERE nt.lname = n.lname), '{}'), n.coded,
         b.patients, b.serious, b.fatal, b.solicited, b.spontaneous
    FROM (SELECT lname, ${COUNTS_OF} FROM by_name GROUP BY lname) b
    JOIN names n ON n.lname = b.lname
  UNION ALL
  SELECT 'soc', soc, CASE WHEN soc = '' THEN 'SOC not known (reaction not coded against a loaded MedDRA release)' ELSE soc END, '{}', true, ${COUNTS_OF}
    FROM by_soc GROUP BY soc`;

const SUMMARY_SQL = `
  SELECT
    (SELECT count(*) FROM frequency_case)::int AS "casesInPeriod",
    (SELECT count(*) FROM frequency_case WHERE version_type <> 'nullification' AND master_case_id IS NULL AND valid)::int AS "casesCounted",
    (SELECT count(*) FROM frequency_case WHERE version_type = 'nullification')::int AS nullified,
    (SELECT count(*) FROM frequency_case WHERE version_type <> 'nullification' AND master_case_id IS NULL AND NOT valid)::int AS invalid,
    (SELECT count(*) FROM frequency_case WHERE version_type <> 'nullification' AND master_case_id IS NOT NULL)::int AS duplicates,
    (SELECT count(DISTINCT patient) FROM frequency_reaction WHERE NOT not_related)::int AS patients,
    (SELECT count(DISTINCT patient) FROM frequency_reaction WHERE NOT not_related AND channel = 'solicited')::int AS "solicitedPatients",
    (SELECT count(DISTINCT patient) FROM frequency_reaction WHERE NOT not_related AND channel = 'spontaneous')::int AS "spontaneousPatients",
    (SELECT count(*) FROM frequency_reaction WHERE not_related)::int AS "reactionsNotRelated",
    (SELECT count(*) FROM frequency_case WHERE synthetic AND version_type <> 'nullification' AND master_case_id IS NULL AND valid)::int AS "syntheticCases"`;

interface RawCount {
  level: ResultLevel;
  key: string;
  label: string;
  listed_terms: string[];
  coded: boolean;
  patients: number;
  serious: number;
  fatal: number;
  solicited: number;
  spontaneous: number;
}

/**
 * Distinct patients per listed term, outcome, reported name and SOC (groups with no patient are absent), and
 * the summary of what was counted. Must run inside a transaction (the working tables drop at its commit);
 * the caller's isolation level decides the snapshot.
 */
export async function countPatients(manager: EntityManager, input: CountInput): Promise<{ counts: CountRow[]; summary: CountSummary }> {
  await manager.query('DROP TABLE IF EXISTS frequency_reaction, frequency_case');
  await manager.query(CASES_SQL, [input.productId, input.dataLockPoint, input.periodStart]);
  await manager.query(REACTIONS_SQL);
  // Real row counts for the planner (the aggregates hash on them); the case table is only counted.
  await manager.query('ANALYZE frequency_reaction');
  const rows = await manager.query<RawCount[]>(COUNTS_SQL, [input.rsiId, input.meddraReleaseId]);
  const [summary] = await manager.query<CountSummary[]>(SUMMARY_SQL);
  await manager.query('DROP TABLE frequency_reaction, frequency_case');
  if (summary === undefined) {
    throw new Error('the summary query returned no row');
  }
  const counts = rows.map((r) => ({
    level: r.level,
    key: r.key,
    label: r.label,
    listedTerms: r.listed_terms,
    coded: r.coded,
    patients: r.patients,
    serious: r.serious,
    fatal: r.fatal,
    solicited: r.solicited,
    spontaneous: r.spontaneous,
  }));
  return { counts, summary };
}
