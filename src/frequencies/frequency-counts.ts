/**
 * Patient counts of one product and period, made in PostgreSQL with set-based SQL (no case is loaded into
 * Node). Rules, each one place:
 * - a case counts when it was first received in the period (C.1.4, on or before the data lock point), as it
 *   stood at the data lock point: its latest version with day 0 on or before the DLP. A case whose version
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

const CTES = `
  WITH as_of AS (
    SELECT DISTINCT ON (v.case_id) v.case_id, v.version_type, v.content, v.assessment, c.synthetic, c.master_case_id
      FROM safety_case c
      JOIN safety_case_version v ON v.case_id = c.id AND v.day0 <= $2::date
     WHERE c.product_id = $1
     ORDER BY v.case_id, v.version DESC
  ),
  in_period AS (
    SELECT * FROM as_of
     WHERE (content->>'initialReceiptOn')::date <= $2::date
       AND ($3::date IS NULL OR (content->>'initialReceiptOn')::date >= $3::date)
  ),
  counted AS (
    SELECT case_id, content, synthetic,
           CASE WHEN content->>'reportType' IN ('solicited', 'clinical-trial') THEN 'solicited' ELSE 'spontaneous' END AS channel,
           COALESCE('patient:' || NULLIF(lower(btrim(content->'patient'->>'identifier')), ''), 'case:' || case_id::text) AS patient
      FROM in_period
     WHERE version_type <> 'nullification'
       AND master_case_id IS NULL
       AND COALESCE((assessment->'validity'->>'valid')::boolean, false)
  ),
  all_reactions AS (
    SELECT c.case_id, c.channel, c.patient,
           COALESCE(NULLIF(btrim(r->>'ptName'), ''), btrim(r->>'reportedTerm')) AS name,
           NULLIF(btrim(r->>'ptName'), '') IS NOT NULL AS coded,
           NULLIF(btrim(r->>'socName'), '') AS soc,
           jsonb_array_length(COALESCE(r->'seriousness', '[]'::jsonb)) > 0 AS serious,
           (r->>'outcome' = 'fatal' OR COALESCE(r->'seriousness', '[]'::jsonb) ? 'death') AS fatal,
           COALESCE(r->'seriousness', '[]'::jsonb) AS criteria,
           c.channel = 'solicited' AND (
             SELECT bool_and(a.value IN ('unlikely', 'unrelated'))
               FROM jsonb_array_elements(COALESCE(c.content->'causality', '[]'::jsonb)) ca
               CROSS JOIN LATERAL (VALUES (ca->>'reporter'), (ca->>'company')) AS a(value)
              WHERE ca->>'reactionKey' = r->>'key'
                AND a.value IS NOT NULL
                AND ca->>'drugKey' IN (SELECT d->>'key' FROM jsonb_array_elements(COALESCE(c.content->'drugs', '[]'::jsonb)) d WHERE d->>'role' IN ('suspect', 'interacting'))
           ) IS TRUE AS not_related
      FROM counted c
      CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c.content->'reactions', '[]'::jsonb)) r
  ),
  reactions AS (
    SELECT * FROM all_reactions WHERE NOT not_related AND name IS NOT NULL AND name <> ''
  ),
  terms AS (
    SELECT t.position, t.term,
           ARRAY(SELECT lower(btrim(n)) FROM unnest(t.pt_names) n) AS pts,
           ARRAY(SELECT lower(btrim(n)) FROM unnest(t.hlt_names) n) AS hlts
      FROM reference_safety_term t
     WHERE t.rsi_id = $4 AND t.kind = 'reaction'
  ),
  names AS (
    SELECT DISTINCT lower(name) AS lname FROM reactions
  ),
  name_terms AS (
    SELECT n.lname, t.position, t.term
      FROM names n
      JOIN terms t ON n.lname = ANY (t.pts)
         OR (cardinality(t.hlts) > 0 AND EXISTS (
              SELECT 1 FROM meddra_pt p
                JOIN meddra_hlt_pt hp ON hp.release_id = p.release_id AND hp.pt_code = p.code
                JOIN meddra_hlt h ON h.release_id = hp.release_id AND h.code = hp.hlt_code
               WHERE p.release_id = $5 AND lower(p.name) = n.lname AND lower(h.name) = ANY (t.hlts)))
  ),
  name_listed AS (
    SELECT lname, array_agg(term ORDER BY position) AS listed FROM name_terms GROUP BY lname
  ),
  name_soc AS (
    SELECT n.lname, s.name AS soc
      FROM names n
      JOIN meddra_pt p ON p.release_id = $5 AND lower(p.name) = n.lname
      JOIN meddra_soc s ON s.release_id = p.release_id AND s.code = p.primary_soc_code
  )`;

const PATIENTS = `
  count(DISTINCT x.patient)::int AS patients,
  count(DISTINCT x.patient) FILTER (WHERE x.serious)::int AS serious,
  count(DISTINCT x.patient) FILTER (WHERE x.fatal)::int AS fatal,
  count(DISTINCT x.patient) FILTER (WHERE x.channel = 'solicited')::int AS solicited,
  count(DISTINCT x.patient) FILTER (WHERE x.channel = 'spontaneous')::int AS spontaneous`;

const COUNTS_SQL = `${CTES}
  SELECT 'term' AS level, t.position::text AS key, t.term AS label, '{}'::text[] AS listed_terms, true AS coded, ${PATIENTS}
    FROM terms t
    JOIN name_terms nt ON nt.position = t.position
    JOIN reactions x ON lower(x.name) = nt.lname
   GROUP BY t.position, t.term
  UNION ALL
  SELECT 'outcome', o.outcome, o.outcome, '{}', true, ${PATIENTS}
    FROM (VALUES ('fatal'), ('serious'), ('life-threatening'), ('hospitalisation'), ('disability')) AS o(outcome)
    JOIN reactions x ON CASE o.outcome WHEN 'fatal' THEN x.fatal WHEN 'serious' THEN x.serious ELSE x.criteria ? o.outcome END
   GROUP BY o.outcome
  UNION ALL
  SELECT 'pt', lower(x.name), min(x.name), COALESCE(nl.listed, '{}'), bool_or(x.coded), ${PATIENTS}
    FROM reactions x
    LEFT JOIN name_listed nl ON nl.lname = lower(x.name)
   GROUP BY lower(x.name), nl.listed
  UNION ALL
  SELECT 'soc', COALESCE(x.soc, ns.soc, ''), COALESCE(x.soc, ns.soc, 'SOC not known (reaction not coded against a loaded MedDRA release)'), '{}', true, ${PATIENTS}
    FROM reactions x
    LEFT JOIN name_soc ns ON ns.lname = lower(x.name)
   GROUP BY COALESCE(x.soc, ns.soc, ''), COALESCE(x.soc, ns.soc, 'SOC not known (reaction not coded against a loaded MedDRA release)')`;

const SUMMARY_SQL = `${CTES}
  SELECT
    (SELECT count(*) FROM in_period)::int AS "casesInPeriod",
    (SELECT count(*) FROM counted)::int AS "casesCounted",
    (SELECT count(*) FROM in_period WHERE version_type = 'nullification')::int AS nullified,
    (SELECT count(*) FROM in_period WHERE version_type <> 'nullification' AND master_case_id IS NULL AND NOT COALESCE((assessment->'validity'->>'valid')::boolean, false))::int AS invalid,
    (SELECT count(*) FROM in_period WHERE version_type <> 'nullification' AND master_case_id IS NOT NULL)::int AS duplicates,
    (SELECT count(DISTINCT patient) FROM reactions)::int AS patients,
    (SELECT count(DISTINCT patient) FROM reactions WHERE channel = 'solicited')::int AS "solicitedPatients",
    (SELECT count(DISTINCT patient) FROM reactions WHERE channel = 'spontaneous')::int AS "spontaneousPatients",
    (SELECT count(*) FROM all_reactions WHERE not_related)::int AS "reactionsNotRelated",
    (SELECT count(*) FROM counted WHERE synthetic)::int AS "syntheticCases"`;

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

function parameters(input: CountInput): unknown[] {
  return [input.productId, input.dataLockPoint, input.periodStart, input.rsiId, input.meddraReleaseId];
}

/** Distinct patients per listed term, outcome, reported name and SOC (groups with no patient are absent). */
export async function countPatients(manager: EntityManager, input: CountInput): Promise<CountRow[]> {
  const rows = await manager.query<RawCount[]>(COUNTS_SQL, parameters(input));
  return rows.map((r) => ({
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
}

/** What was counted and what was left out, and why. */
export async function countSummary(manager: EntityManager, input: CountInput): Promise<CountSummary> {
  const [row] = await manager.query<CountSummary[]>(SUMMARY_SQL, parameters(input));
  if (row === undefined) {
    throw new Error('the summary query returned no row');
  }
  return row;
}
