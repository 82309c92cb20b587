import { FrequencyTrigger } from '../frequencies/frequency-trigger';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, ProductScope } from '../common/actor';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { cappedTotal, decodeCursor, encodeCursor, KeyColumn, keysetCondition, TOTAL_CAP } from '../common/keyset';
import { productIdsNamed } from '../products/product-filter';
import { Clock } from '../common/clock';
import { addDays, type IsoDate } from '../common/calendar-date';
import type { ClockState } from './dto/case-query.dto';
import { CaseClocksService } from './case-clocks.service';
import { daysLeft } from './case-clock-plan';
import { SERIOUSNESS_CRITERIA, type SeriousnessCriterion } from './case-content';
import { diffContents, FieldChange } from './case-diff';
import { DuplicateMatch, profileOf, rankDuplicates } from './duplicates';
import { LinkCaseDto } from './dto/case-content.dto';
import { CaseLink, CaseStatus, CaseSubmission, SafetyCase, SafetyCaseVersion } from './safety-case.entities';
import { SafetyCasesService } from './safety-cases.service';
import type { CaseDetailParts } from './safety-case.mapper';
import { linkCycle } from './safety-cases.errors';

export interface CaseFilter {
  product?: string;
  status?: CaseStatus;
  serious?: boolean;
  seriousUnexpected?: boolean;
  reportType?: string;
  synthetic?: boolean;
  /** Only cases with an open clock past its due date. */
  overdue?: boolean;
  receivedFrom?: IsoDate;
  receivedTo?: IsoDate;
  /** due: an open clock due within `dueWithinDays` (overdue included); overdue: an open clock past due; met: a clock submitted. */
  clock?: ClockState;
  dueWithinDays?: number;
  limit?: number;
  offset?: number;
  /** Keyset paging: the `nextCursor` of the previous page (not with `offset`). */
  after?: string;
}

export interface CasePage {
  /** Matching cases, counted up to TOTAL_CAP: when `totalIsExact` is false there are more than `total`. */
  total: number;
  totalIsExact: boolean;
  /** Pass as `after` for the page that follows; null on the last page. */
  nextCursor: string | null;
  cases: SafetyCase[];
}

/** The case list's order, newest receipt first; the safety report id (unique) places cases received the same day. */
const CASE_KEY: KeyColumn[] = [
  { expression: 's.initial_receipt_on', direction: 'DESC', type: 'date' },
  { expression: 's.safety_report_id', direction: 'ASC', type: 'text' },
];
const CASE_ORDERING = 'receipt:desc';

export interface CaseListDetails {
  productName: string | null;
  seriousCriteria: SeriousnessCriterion[];
  preferredTerms: string[];
  nextClock: { dueOn: IsoDate; daysLeft: number; ruleId: string; overdue: boolean } | null;
}

export interface PossibleDuplicate extends DuplicateMatch {
  safetyReportId: string;
  worldwideId: string;
  /** Already linked as a duplicate (of it, or it of this case). */
  linked: boolean;
}

export interface RelatedCase {
  caseId: string;
  safetyReportId: string;
  kind: 'duplicate-of' | 'master-of' | 'related';
  reason: string;
  linkedBy: string;
  linkedAt: Date;
}

/** The read side of the case database: lists, versions, what changed, duplicates and links. */
@Injectable()
export class CaseQueriesService {
  constructor(
    private readonly audit: AuditService,
    private readonly cases: SafetyCasesService,
    private readonly clocks: CaseClocksService,
    private readonly frequencies: FrequencyTrigger,
    private readonly clock: Clock,
  ) {}

  /** A case with its current version, clocks, submissions and links; duplicates on request (they cost a scan). */
  async detail(manager: EntityManager, safetyCase: SafetyCase, withDuplicates = false): Promise<CaseDetailParts> {
    return {
      safetyCase,
      version: await this.cases.currentVersion(manager, safetyCase),
      clocks: await this.clocks.ofCase(manager, safetyCase),
      submissions: await this.submissions(manager, safetyCase),
      related: await this.related(manager, safetyCase),
      ...(withDuplicates ? { possibleDuplicates: await this.duplicates(manager, safetyCase) } : {}),
    };
  }

  /** Cases, newest receipt first; by offset or by cursor (`after`); the total counted up to TOTAL_CAP. */
  async list(manager: EntityManager, filter: CaseFilter, scope: ProductScope, today: string): Promise<CasePage> {
    if (filter.after !== undefined && filter.offset !== undefined) {
      throw InvalidInputError.field('offset', 'cannot be combined with after (the cursor already says where the page starts)');
    }
    const limit = filter.limit ?? 100;
    const offset = filter.offset ?? 0;
    const productIds = filter.product === undefined ? null : await productIdsNamed(manager, filter.product);
    if (productIds !== null && productIds.length === 0) {
      return { total: 0, totalIsExact: true, nextCursor: null, cases: [] };
    }
    const query = this.filtered(manager, filter, scope, today, productIds);
    if (filter.after !== undefined) {
      const { sql, params } = keysetCondition(CASE_KEY, decodeCursor(filter.after, CASE_ORDERING, CASE_KEY));
      query.andWhere(sql, params);
    }
    // One row more than the page tells whether another page follows.
    const rows = await query
      .orderBy('s.initial_receipt_on', 'DESC')
      .addOrderBy('s.safety_report_id', 'ASC')
      .offset(filter.after === undefined ? offset : 0)
      .limit(limit + 1)
      .getMany();
    const cases = rows.slice(0, limit);
    const last = cases.at(-1);
    const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(CASE_ORDERING, [last.initialReceiptOn, last.safetyReportId]) : null;
    let counted = offset + cases.length;
    if (filter.after !== undefined || nextCursor !== null || (offset > 0 && cases.length === 0)) {
      const [sql, params] = this.filtered(manager, filter, scope, today, productIds).select('1', 'one').limit(TOTAL_CAP + 1).getQueryAndParameters();
      counted = Number((await manager.query<{ n: string }[]>(`SELECT count(*) AS n FROM (${sql}) matching`, params))[0]?.n ?? 0);
    }
    return { ...cappedTotal(counted), nextCursor, cases };
  }

  private filtered(manager: EntityManager, filter: CaseFilter, scope: ProductScope, today: string, productIds: string[] | null): SelectQueryBuilder<SafetyCase> {
    const query = manager.getRepository(SafetyCase).createQueryBuilder('s');
    if (scope !== null) {
      query.andWhere('s.product_id = ANY(:scope)', { scope });
    }
    if (productIds !== null) {
      query.andWhere(productIds.length === 1 ? 's.product_id = :productId' : 's.product_id = ANY(CAST(:productIds AS uuid[]))', { productId: productIds[0], productIds });
    }
    if (filter.status !== undefined) {
      query.andWhere('s.status = :status', { status: filter.status });
    }
    if (filter.serious !== undefined) {
      query.andWhere('s.serious = :serious', { serious: filter.serious });
    }
    if (filter.seriousUnexpected !== undefined) {
      query.andWhere('s.serious_unexpected = :su', { su: filter.seriousUnexpected });
    }
    if (filter.reportType !== undefined) {
      query.andWhere('s.report_type = :reportType', { reportType: filter.reportType });
    }
    if (filter.synthetic !== undefined) {
      query.andWhere('s.synthetic = :synthetic', { synthetic: filter.synthetic });
    }
    if (filter.receivedFrom !== undefined) {
      query.andWhere('s.initial_receipt_on >= :receivedFrom', { receivedFrom: filter.receivedFrom });
    }
    if (filter.receivedTo !== undefined) {
      query.andWhere('s.initial_receipt_on <= :receivedTo', { receivedTo: filter.receivedTo });
    }
    if (filter.clock === 'due') {
      // Open clocks due by a day: read from the open-clock index (case id included), like "overdue".
      query.andWhere(`s.id = ANY(ARRAY(SELECT c.case_id FROM case_clock c WHERE c.status = 'open' AND c.due_on <= :dueBy))`, { dueBy: addDays(today, filter.dueWithinDays ?? 15) });
    }
    if (filter.clock === 'met') {
      // Most cases end with a met clock: probe each case in list order through the (case_id, version) key.
      query.andWhere(`EXISTS (SELECT 1 FROM case_clock c WHERE c.case_id = s.id AND c.status = 'submitted')`);
    }
    if (filter.overdue === true || filter.clock === 'overdue') {
      // Overdue clocks are few: read their cases from the open-clock index (case id included) rather than probing
      // every case in list order; the cost is bounded by the number of overdue clocks.
      query.andWhere(`s.id = ANY(ARRAY(SELECT c.case_id FROM case_clock c WHERE c.status = 'open' AND c.due_on < :today))`, { today });
    }
    return query;
  }

  /** What the list shows beside each case of a page: product name, seriousness criteria, PTs, earliest open clock. Three indexed reads. */
  async listDetails(manager: EntityManager, cases: readonly SafetyCase[], today: IsoDate): Promise<Map<string, CaseListDetails>> {
    const ids = cases.map((c) => c.id);
    const contents = await manager.query<{ case_id: string; reactions: SafetyCaseVersion['content']['reactions'] }[]>(
      `SELECT v.case_id, v.content->'reactions' AS reactions
         FROM safety_case_version v JOIN unnest($1::uuid[], $2::int[]) AS k(id, version) ON v.case_id = k.id AND v.version = k.version`,
      [ids, cases.map((c) => c.currentVersion)],
    );
    const clocks = await manager.query<{ case_id: string; due_on: string; rule_id: string }[]>(
      `SELECT DISTINCT ON (case_id) case_id, to_char(due_on, 'YYYY-MM-DD') AS due_on, rule_id FROM case_clock WHERE case_id = ANY($1::uuid[]) AND status = 'open' ORDER BY case_id, due_on`,
      [ids],
    );
    const productIds = [...new Set(cases.flatMap((c) => (c.productId === null ? [] : [c.productId])))];
    const products = await manager.query<{ id: string; name: string }[]>(`SELECT id, name FROM product WHERE id = ANY($1::uuid[])`, [productIds]);
    const names = new Map(products.map((p) => [p.id, p.name]));
    const reactions = new Map(contents.map((row) => [row.case_id, row.reactions]));
    const nextClocks = new Map(clocks.map((row) => [row.case_id, row]));
    return new Map(
      cases.map((c) => {
        const own = reactions.get(c.id) ?? [];
        const clock = nextClocks.get(c.id);
        const left = clock === undefined ? null : daysLeft(clock.due_on, today);
        return [
          c.id,
          {
            productName: c.productId === null ? null : (names.get(c.productId) ?? null),
            seriousCriteria: SERIOUSNESS_CRITERIA.filter((criterion) => own.some((r) => r.seriousness.includes(criterion))),
            preferredTerms: [...new Set(own.map((r) => r.ptName ?? r.reportedTerm))],
            nextClock: clock === undefined || left === null ? null : { dueOn: clock.due_on, daysLeft: left, ruleId: clock.rule_id, overdue: left < 0 },
          },
        ];
      }),
    );
  }

  async versions(manager: EntityManager, safetyCase: SafetyCase): Promise<SafetyCaseVersion[]> {
    return manager.find(SafetyCaseVersion, { where: { caseId: safetyCase.id }, order: { version: 'ASC' } });
  }

  async version(manager: EntityManager, safetyCase: SafetyCase, number: number): Promise<SafetyCaseVersion> {
    const found = await manager.findOneBy(SafetyCaseVersion, { caseId: safetyCase.id, version: number });
    if (found === null) {
      throw new NotFoundError('safety case version', `${safetyCase.safetyReportId} v${number}`);
    }
    return found;
  }

  /** What changed from one version to another (default: from the version before). */
  async diff(manager: EntityManager, safetyCase: SafetyCase, number: number, against?: number): Promise<{ from: number | null; to: number; changes: FieldChange[] }> {
    const base = against ?? number - 1;
    if (base >= number && against !== undefined) {
      throw InvalidInputError.field('against', `must be an earlier version than ${number}`);
    }
    const to = await this.version(manager, safetyCase, number);
    const from = base >= 1 ? await this.version(manager, safetyCase, base) : null;
    return { from: from?.version ?? null, to: number, changes: diffContents(from?.content ?? null, to.content) };
  }

  async submissions(manager: EntityManager, safetyCase: SafetyCase): Promise<CaseSubmission[]> {
    return manager.find(CaseSubmission, { where: { caseId: safetyCase.id }, order: { version: 'ASC', createdAt: 'ASC' } });
  }

  /**
   * Possible duplicates among the product's other cases (not nullified): candidates share a reaction or an
   * identifier (SQL), then are scored field by field. Linked reports (mother–child) are never duplicates.
   */
  async duplicates(manager: EntityManager, safetyCase: SafetyCase): Promise<PossibleDuplicate[]> {
    const current = await this.cases.currentVersion(manager, safetyCase);
    const terms = current.content.reactions.map((r) => (r.ptName ?? r.reportedTerm).trim().toLowerCase());
    const ids = current.content.otherIdentifiers.map((o) => o.id);
    const rows = await manager.query<{ id: string; safety_report_id: string; worldwide_id: string; content: SafetyCaseVersion['content'] }[]>(
      `SELECT s.id, s.safety_report_id, s.worldwide_id, v.content
         FROM safety_case s JOIN safety_case_version v ON v.case_id = s.id AND v.version = s.current_version
        WHERE s.product_id IS NOT DISTINCT FROM $1 AND s.id <> $2 AND s.status <> 'nullified'
          AND (EXISTS (SELECT 1 FROM jsonb_array_elements(v.content->'reactions') r WHERE lower(trim(coalesce(r->>'ptName', r->>'reportedTerm'))) = ANY($3::text[]))
               OR s.safety_report_id = ANY($4::text[]) OR s.worldwide_id = ANY($4::text[])
               OR v.content->'otherIdentifiers' @> ANY(ARRAY[jsonb_build_array(jsonb_build_object('id', $5::text)), jsonb_build_array(jsonb_build_object('id', $6::text))]))
        LIMIT 5000`,
      [safetyCase.productId, safetyCase.id, terms, ids, safetyCase.safetyReportId, safetyCase.worldwideId],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const matches = rankDuplicates(
      profileOf(safetyCase.id, safetyCase.safetyReportId, safetyCase.worldwideId, current.content),
      rows.map((row) => profileOf(row.id, row.safety_report_id, row.worldwide_id, row.content)),
    );
    const links = await manager.find(CaseLink, { where: [{ caseId: safetyCase.id }, { otherCaseId: safetyCase.id }] });
    const duplicateLinked = new Set(links.filter((l) => l.kind === 'duplicate-of').flatMap((l) => [l.caseId, l.otherCaseId]));
    const related = new Set(links.filter((l) => l.kind === 'related').flatMap((l) => [l.caseId, l.otherCaseId]));
    return matches
      .filter((m) => !related.has(m.caseId))
      .map((m) => {
        const row = byId.get(m.caseId);
        return { ...m, safetyReportId: row?.safety_report_id ?? '', worldwideId: row?.worldwide_id ?? '', linked: duplicateLinked.has(m.caseId) };
      });
  }

  async related(manager: EntityManager, safetyCase: SafetyCase): Promise<RelatedCase[]> {
    const links = await manager.find(CaseLink, { where: [{ caseId: safetyCase.id }, { otherCaseId: safetyCase.id }], order: { createdAt: 'ASC' } });
    const others = await manager.find(SafetyCase, { where: { id: In(links.map((l) => (l.caseId === safetyCase.id ? l.otherCaseId : l.caseId))) } });
    const reportIds = new Map(others.map((o) => [o.id, o.safetyReportId]));
    return links.map((l) => {
      const mine = l.caseId === safetyCase.id;
      const other = mine ? l.otherCaseId : l.caseId;
      return {
        caseId: other,
        safetyReportId: reportIds.get(other) ?? '',
        kind: l.kind === 'related' ? 'related' : mine ? 'duplicate-of' : 'master-of',
        reason: l.reason,
        linkedBy: l.createdBy,
        linkedAt: l.createdAt,
      };
    });
  }

  /**
   * Links a duplicate to its master (the duplicate stays, marked, and drops out of tabulations), or two
   * related reports. A master is never itself a duplicate; links are never removed.
   */
  async link(manager: EntityManager, actor: Actor, caseId: string, input: LinkCaseDto): Promise<RelatedCase[]> {
    const safetyCase = await this.cases.getCase(manager, caseId, actor, true);
    const other = await this.cases.getCase(manager, input.otherCase, actor, true);
    if (other.id === safetyCase.id) {
      throw InvalidInputError.field('otherCase', 'is this case itself');
    }
    const existing = await manager.findOne(CaseLink, { where: [{ caseId: safetyCase.id, otherCaseId: other.id }, { caseId: other.id, otherCaseId: safetyCase.id }] });
    if (existing !== null) {
      throw linkCycle(`${safetyCase.safetyReportId} and ${other.safetyReportId} are already linked (${existing.kind})`);
    }
    if (input.kind === 'duplicate-of') {
      if (safetyCase.masterCaseId !== null) {
        throw linkCycle(`${safetyCase.safetyReportId} is already a duplicate of another case`);
      }
      if (other.masterCaseId !== null) {
        throw linkCycle(`${other.safetyReportId} is itself a duplicate: link to its master instead`);
      }
      const followers = await manager.countBy(SafetyCase, { masterCaseId: safetyCase.id });
      if (followers > 0) {
        throw linkCycle(`${safetyCase.safetyReportId} is the master of ${followers} duplicate(s): link the other case to it instead`);
      }
      const before = { ...safetyCase };
      safetyCase.masterCaseId = other.id;
      safetyCase.updatedAt = new Date();
      await manager.save(SafetyCase, safetyCase);
      await this.audit.record(manager, actor, { entityType: 'safety-case', entityId: safetyCase.id, productId: safetyCase.productId, action: 'duplicate-of', before, after: safetyCase, reason: input.reason });
    }
    const link = manager.create(CaseLink, { caseId: safetyCase.id, otherCaseId: other.id, kind: input.kind, reason: input.reason, createdBy: actor.id, recordedOn: this.clock.today() });
    await manager.insert(CaseLink, link);
    await this.audit.record(manager, actor, { entityType: 'case-link', entityId: link.id, productId: safetyCase.productId, action: 'create', after: link, reason: input.reason });
    if (safetyCase.productId !== null) {
      this.frequencies.changed(manager, safetyCase.productId);
    }
    return this.related(manager, safetyCase);
  }
}
