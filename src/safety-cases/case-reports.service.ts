import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProductScope } from '../common/actor';
import { compareDates, IsoDate } from '../common/calendar-date';
import { InvalidInputError } from '../common/errors';
import { ProductsService } from '../products/products.service';
import type { CaseAssessment } from './case-assessment';
import type { CaseContent } from './case-content';
import { reactionSeriousness } from './seriousness';
import { CaseAtDlp, lineListing, LineListingRow, ReportingPeriod, summaryTabulation, SummaryTabulation } from './tabulation';
import { isSuspected } from './triage';

/** The parts of a case version the tabulation and the line listing read (projected in SQL: see CASE_PARTS). */
type TabulatedContent = Pick<CaseContent, 'reportType' | 'day0' | 'synthetic'> & {
  patient: Pick<CaseContent['patient'], 'sex' | 'ageValue' | 'ageUnit' | 'ageGroup'>;
  reactions: Pick<CaseContent['reactions'][number], 'key' | 'ptName' | 'reportedTerm' | 'socName' | 'outcome' | 'seriousness'>[];
  drugs: Pick<CaseContent['drugs'][number], 'name' | 'role'>[];
};
type TabulatedAssessment = Pick<CaseAssessment, 'expectedness' | 'primarySourceCountry'> & { seriousness: Pick<CaseAssessment['seriousness'], 'serious'>; validity: Pick<CaseAssessment['validity'], 'valid'> };

interface VersionAtDlp {
  id: string;
  safety_report_id: string;
  worldwide_id: string;
  initial_receipt_on: string;
  version: number;
  version_type: string;
  content: TabulatedContent;
  assessment: TabulatedAssessment;
}

/**
 * Only what TabulatedContent / TabulatedAssessment name leaves the database: a case's full content (narrative,
 * tests, history…) is many times larger, and a renewal dossier reads tens of thousands of cases.
 */
const CASE_PARTS = `
  jsonb_build_object(
    'reportType', v.content->'reportType', 'day0', v.content->'day0', 'synthetic', v.content->'synthetic',
    'patient', jsonb_build_object('sex', v.content#>'{patient,sex}', 'ageValue', v.content#>'{patient,ageValue}', 'ageUnit', v.content#>'{patient,ageUnit}', 'ageGroup', v.content#>'{patient,ageGroup}'),
    'reactions', COALESCE((SELECT jsonb_agg(jsonb_build_object('key', r->'key', 'ptName', r->'ptName', 'reportedTerm', r->'reportedTerm', 'socName', r->'socName', 'outcome', r->'outcome', 'seriousness', r->'seriousness') ORDER BY n)
                             FROM jsonb_array_elements(v.content->'reactions') WITH ORDINALITY AS x(r, n)), '[]'::jsonb),
    'drugs', COALESCE((SELECT jsonb_agg(jsonb_build_object('name', d->'name', 'role', d->'role') ORDER BY n)
                         FROM jsonb_array_elements(v.content->'drugs') WITH ORDINALITY AS y(d, n)), '[]'::jsonb)
  ) AS content,
  jsonb_build_object(
    'expectedness', v.assessment->'expectedness', 'primarySourceCountry', v.assessment->'primarySourceCountry',
    'seriousness', jsonb_build_object('serious', v.assessment#>'{seriousness,serious}'), 'validity', jsonb_build_object('valid', v.assessment#>'{validity,valid}')
  ) AS assessment`;

export interface PeriodicOutput<T> {
  product: { id: string; name: string };
  period: ReportingPeriod;
  dataLockPoint: IsoDate;
  basis: string;
  /** Cases left out, and why. */
  excluded: { nullified: number; invalid: number; duplicates: number };
  result: T;
}

const BASIS =
  'Each case as it stood at the data lock point (its latest version with day 0 on or before it); cases by initial receipt date; ' +
  'nullified, not yet valid and duplicate (linked to a master) cases left out; reactions counted as events, serious per reaction.';

function toCaseAtDlp(row: VersionAtDlp): CaseAtDlp {
  const { content, assessment } = row;
  const expectedness = new Map(assessment.expectedness.map((e) => [e.reactionKey, e.expected]));
  const { ageValue, ageUnit } = content.patient;
  return {
    caseId: row.id,
    safetyReportId: row.safety_report_id,
    worldwideId: row.worldwide_id,
    version: row.version,
    reportType: content.reportType,
    country: assessment.primarySourceCountry,
    initialReceiptOn: row.initial_receipt_on,
    day0: content.day0,
    patientSex: content.patient.sex,
    patientAge: ageValue === null ? (content.patient.ageGroup ?? null) : `${ageValue} ${ageUnit ?? 'year'}${ageValue === 1 ? '' : 's'}`,
    serious: assessment.seriousness.serious,
    synthetic: content.synthetic,
    reactions: content.reactions.map((r) => ({
      ptName: r.ptName,
      reportedTerm: r.reportedTerm,
      socName: r.socName,
      serious: reactionSeriousness(r).length > 0,
      outcome: r.outcome,
      expected: expectedness.get(r.key) ?? null,
    })),
    suspectDrugs: content.drugs.filter(isSuspected).map((d) => d.name),
  };
}

/** PSUR/PBRER appendices: line listings and summary tabulations as at a data lock point. */
@Injectable()
export class CaseReportsService {
  constructor(private readonly products: ProductsService) {}

  async summaryTabulation(manager: EntityManager, product: string, period: ReportingPeriod, scope: ProductScope): Promise<PeriodicOutput<SummaryTabulation>> {
    return this.build(manager, product, period, scope, 'cumulative', (cases) => summaryTabulation(cases, period));
  }

  async lineListing(manager: EntityManager, product: string, period: ReportingPeriod, scope: ProductScope): Promise<PeriodicOutput<LineListingRow[]>> {
    return this.build(manager, product, period, scope, 'interval', (cases) => lineListing(cases, period));
  }

  /**
   * The product's cases as they stood at the data lock point (valid, not nullified, not duplicates), and the
   * cases left out — counted over the interval, or over everything up to the DLP.
   */
  async casesAtDlp(manager: EntityManager, productId: string, period: ReportingPeriod, reach: 'interval' | 'cumulative'): Promise<{ cases: CaseAtDlp[]; excluded: PeriodicOutput<unknown>['excluded'] }> {
    const rows = await manager.query<(VersionAtDlp & { duplicate: boolean })[]>(
      `SELECT x.*, ${CASE_PARTS}
         FROM (SELECT DISTINCT ON (s.id) s.id, s.safety_report_id, s.worldwide_id, s.initial_receipt_on, v.version, v.version_type,
                      -- A duplicate linked after the DLP was still a case of its own at the DLP.
                      (s.master_case_id IS NOT NULL AND EXISTS (SELECT 1 FROM case_link l WHERE l.case_id = s.id AND l.kind = 'duplicate-of' AND l.recorded_on <= $2::date)) AS duplicate
                 FROM safety_case s JOIN safety_case_version v ON v.case_id = s.id AND v.day0 <= $2::date AND (v.version_type <> 'amendment' OR v.recorded_on <= $2::date)
                WHERE s.product_id = $1 AND s.initial_receipt_on <= $2::date
                ORDER BY s.id, v.version DESC) x
         JOIN safety_case_version v ON v.case_id = x.id AND v.version = x.version
        ORDER BY x.id`,
      [productId, period.to],
    );
    const excluded = { nullified: 0, invalid: 0, duplicates: 0 };
    const cases: CaseAtDlp[] = [];
    for (const row of rows) {
      // Exclusions are counted over what the output covers: the interval for a listing, everything to the DLP for a tabulation.
      const counted = reach === 'cumulative' || compareDates(row.initial_receipt_on, period.from) >= 0;
      if (row.version_type === 'nullification' || row.duplicate || !row.assessment.validity.valid) {
        if (counted) {
          excluded[row.version_type === 'nullification' ? 'nullified' : row.duplicate ? 'duplicates' : 'invalid'] += 1;
        }
      } else {
        cases.push(toCaseAtDlp(row));
      }
    }
    return { cases, excluded };
  }

  private async build<T>(
    manager: EntityManager,
    productIdOrName: string,
    period: ReportingPeriod,
    scope: ProductScope,
    reach: 'interval' | 'cumulative',
    make: (cases: CaseAtDlp[]) => T,
  ): Promise<PeriodicOutput<T>> {
    if (compareDates(period.from, period.to) > 0) {
      throw InvalidInputError.field('to', `the data lock point ${period.to} is before the start of the period ${period.from}`);
    }
    const product = await this.products.get(manager, productIdOrName, scope);
    const { cases, excluded } = await this.casesAtDlp(manager, product.id, period, reach);
    // The pure functions re-check the period and order the output.
    const result = make(cases);
    return { product: { id: product.id, name: product.name }, period, dataLockPoint: period.to, basis: BASIS, excluded, result };
  }
}
