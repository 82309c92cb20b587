import { Injectable } from '@nestjs/common';
import { EntityManager, LessThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, ProductScope } from '../common/actor';
import { Clock } from '../common/clock';
import { addDays, addMonths, compareDates, IsoDate } from '../common/calendar-date';
import { InvalidInputError } from '../common/errors';
import { daysLeft } from './case-clock-plan';
import { SubmissionDto } from './dto/case-content.dto';
import { CaseClock, CaseSubmission, ClockStatus, SafetyCase } from './safety-case.entities';
import { SafetyCasesService } from './safety-cases.service';
import { alreadySubmitted, caseFromEudraVigilance } from './safety-cases.errors';
import { productIdsNamed } from '../products/product-filter';

export interface ClockView {
  id: string;
  caseId: string;
  safetyReportId: string;
  productId: string | null;
  version: number;
  day0: IsoDate;
  dueOn: IsoDate;
  days: number;
  ruleId: string;
  ruleSource: string;
  explanation: string;
  status: ClockStatus;
  /** Open clocks: calendar days until due (negative = overdue). */
  daysLeft: number | null;
  overdue: boolean;
  submittedOn: IsoDate | null;
  submittedVersion: number | null;
  onTime: boolean | null;
  closedReason: string | null;
  synthetic: boolean;
}

export interface ComplianceRow {
  productId: string;
  productName: string;
  /** Clocks due in the period that were met or should have been by today. */
  due: number;
  submittedOnTime: number;
  submittedLate: number;
  /** Still open and past their due date. */
  overdue: number;
  /** Still open, not yet due. */
  pending: number;
  /** On time / (submitted + overdue), null when nothing was due. */
  compliancePercent: number | null;
}

/** The caller's reporting clocks at a glance: what is open, overdue, due soon, and the share met on time. */
export interface ClockCounts {
  today: IsoDate;
  open: number;
  overdue: number;
  /** Open and due from today up to `dueSoonDays` days ahead. */
  dueSoon: number;
  dueSoonDays: number;
  /** The period of the on-time share: clocks due from `onTimeFrom` to `onTimeTo` (the last twelve months). */
  onTimeFrom: IsoDate;
  onTimeTo: IsoDate;
  submittedOnTime: number;
  submittedLate: number;
  /** Due in the period, still open and past their due date. */
  overdueInPeriod: number;
  /** On time / (submitted + overdue) in the period, as GET /api/safety-cases/compliance counts it; null when nothing was due. */
  onTimePercent: number | null;
}

/** On time / (on time + late + overdue), rounded to one decimal; null when nothing was due. */
export function onTimePercent(onTime: number, late: number, overdue: number): number | null {
  const measured = onTime + late + overdue;
  return measured === 0 ? null : Math.round((onTime / measured) * 1000) / 10;
}

export interface ClockFilter {
  product?: string;
  status?: ClockStatus;
  overdue?: boolean;
  limit?: number;
}

function view(clock: CaseClock, safetyCase: Pick<SafetyCase, 'safetyReportId' | 'synthetic'>, today: IsoDate): ClockView {
  const open = clock.status === 'open';
  return {
    id: clock.id,
    caseId: clock.caseId,
    safetyReportId: safetyCase.safetyReportId,
    productId: clock.productId,
    version: clock.version,
    day0: clock.day0,
    dueOn: clock.dueOn,
    days: clock.days,
    ruleId: clock.ruleId,
    ruleSource: clock.ruleSource,
    explanation: clock.explanation,
    status: clock.status,
    daysLeft: open ? daysLeft(clock.dueOn, today) : null,
    overdue: open && compareDates(clock.dueOn, today) < 0,
    submittedOn: clock.submittedOn,
    submittedVersion: clock.submittedVersion,
    onTime: clock.onTime,
    closedReason: clock.closedReason,
    synthetic: safetyCase.synthetic,
  };
}

/** Reporting clocks: days left, submissions (positive acknowledgements) and compliance. */
@Injectable()
export class CaseClocksService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cases: SafetyCasesService,
  ) {}

  async ofCase(manager: EntityManager, safetyCase: SafetyCase): Promise<ClockView[]> {
    const clocks = await manager.find(CaseClock, { where: { caseId: safetyCase.id }, order: { version: 'ASC' } });
    return clocks.map((c) => view(c, safetyCase, this.clock.today()));
  }

  /** Clocks by due date (then id); each filter is written only when given, so the indexes on the due date serve it. */
  async list(manager: EntityManager, filter: ClockFilter, scope: ProductScope): Promise<ClockView[]> {
    const today = this.clock.today();
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (scope !== null) {
      conditions.push(`c.product_id = ANY(${param(scope)}::uuid[])`);
    }
    if (filter.product !== undefined) {
      const productIds = await productIdsNamed(manager, filter.product);
      conditions.push(productIds.length === 1 ? `c.product_id = ${param(productIds[0])}::uuid` : `c.product_id = ANY(${param(productIds)}::uuid[])`);
    }
    if (filter.status !== undefined) {
      conditions.push(`c.status = ${param(filter.status)}`);
    }
    if (filter.overdue !== undefined) {
      const overdue = `c.status = 'open' AND c.due_on < ${param(today)}::date`;
      conditions.push(filter.overdue ? overdue : `NOT (${overdue})`);
    }
    const rows = await manager.query<(Record<string, unknown> & { safety_report_id: string; synthetic: boolean })[]>(
      `SELECT c.*, s.safety_report_id, s.synthetic
         FROM case_clock c JOIN safety_case s ON s.id = c.case_id
        ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
        ORDER BY c.due_on, c.id
        LIMIT ${param(filter.limit ?? 500)}`,
      params,
    );
    return rows.map((row) => view(manager.create(CaseClock, fromRow(row)), { safetyReportId: row.safety_report_id, synthetic: row.synthetic }, today));
  }

  /**
   * Counts for the dashboard in two aggregate queries over the clocks counted per product, due date and outcome
   * (`case_clock_day_count`, kept by triggers on `case_clock`), instead of reading every clock.
   */
  async counts(manager: EntityManager, dueSoonDays: number, scope: ProductScope): Promise<ClockCounts> {
    const today = this.clock.today();
    const period = { from: addDays(addMonths(today, -12), 1), to: today };
    // The scope is the last parameter, written only when there is one (no `IS NULL OR` that hides the index).
    const scoped = (n: number): string => (scope === null ? '' : `AND c.product_id = ANY($${n}::uuid[])`);
    const withScope = (params: unknown[]): unknown[] => (scope === null ? params : [...params, scope]);
    const [open] = await manager.query<{ open: string | null; overdue: string | null; due_soon: string | null }[]>(
      `SELECT sum(c.clocks) AS open,
              sum(c.clocks) FILTER (WHERE c.due_on < $1::date) AS overdue,
              sum(c.clocks) FILTER (WHERE c.due_on BETWEEN $1::date AND $1::date + $2::int) AS due_soon
         FROM case_clock_day_count c
        WHERE c.outcome = 'open' ${scoped(3)}`,
      withScope([today, dueSoonDays]),
    );
    const [met] = await manager.query<{ on_time: string | null; late: string | null; overdue: string | null }[]>(
      `SELECT sum(c.clocks) FILTER (WHERE c.outcome = 'on-time') AS on_time,
              sum(c.clocks) FILTER (WHERE c.outcome = 'late') AS late,
              sum(c.clocks) FILTER (WHERE c.outcome = 'open' AND c.due_on < $3::date) AS overdue
         FROM case_clock_day_count c
        WHERE c.due_on BETWEEN $1::date AND $2::date ${scoped(4)}`,
      withScope([period.from, period.to, today]),
    );
    const submittedOnTime = Number(met?.on_time ?? 0);
    const submittedLate = Number(met?.late ?? 0);
    const overdueInPeriod = Number(met?.overdue ?? 0);
    return {
      today,
      open: Number(open?.open ?? 0),
      overdue: Number(open?.overdue ?? 0),
      dueSoon: Number(open?.due_soon ?? 0),
      dueSoonDays,
      onTimeFrom: period.from,
      onTimeTo: period.to,
      submittedOnTime,
      submittedLate,
      overdueInPeriod,
      onTimePercent: onTimePercent(submittedOnTime, submittedLate, overdueInPeriod),
    };
  }

  /**
   * A positive acknowledgement of a version meets every open clock of that version and the ones before it
   * ("submitted" means acknowledged, not a file written).
   */
  async recordSubmission(manager: EntityManager, actor: Actor, caseId: string, input: SubmissionDto): Promise<ClockView[]> {
    const safetyCase = await this.cases.getCase(manager, caseId, actor, true);
    const recipient = input.recipient ?? 'EudraVigilance';
    if (safetyCase.fromEudravigilance) {
      throw caseFromEudraVigilance(safetyCase.safetyReportId);
    }
    if (input.version > safetyCase.currentVersion) {
      throw InvalidInputError.field('version', `case ${safetyCase.safetyReportId} has ${safetyCase.currentVersion} version(s); there is no version ${input.version}`);
    }
    const today = this.clock.today();
    if (compareDates(input.acknowledgedOn, today) > 0) {
      throw InvalidInputError.field('acknowledgedOn', `${input.acknowledgedOn} is in the future (today is ${today})`);
    }
    const submitted = await manager.findOneBy(CaseSubmission, { caseId: safetyCase.id, version: input.version, recipient });
    if (submitted !== null) {
      throw alreadySubmitted(input.version, recipient);
    }
    const [versionRow] = await manager.query<{ day0: string }[]>('SELECT day0 FROM safety_case_version WHERE case_id = $1 AND version = $2', [safetyCase.id, input.version]);
    if (versionRow !== undefined && compareDates(input.acknowledgedOn, versionRow.day0) < 0) {
      throw InvalidInputError.field('acknowledgedOn', `${input.acknowledgedOn} is before day 0 of version ${input.version} (${versionRow.day0})`);
    }
    const submission = manager.create(CaseSubmission, { caseId: safetyCase.id, version: input.version, recipient, acknowledgedOn: input.acknowledgedOn, ackRef: input.ackRef ?? null, createdBy: actor.id });
    await manager.insert(CaseSubmission, submission);
    await this.audit.record(manager, actor, { entityType: 'safety-case', entityId: safetyCase.id, productId: safetyCase.productId, action: 'submission', after: submission });
    const met = await manager.find(CaseClock, { where: { caseId: safetyCase.id, status: 'open', version: LessThanOrEqual(input.version) }, order: { version: 'ASC' } });
    for (const clock of met) {
      const before = { ...clock };
      clock.status = 'submitted';
      clock.submittedOn = input.acknowledgedOn;
      clock.submittedVersion = input.version;
      clock.onTime = compareDates(input.acknowledgedOn, clock.dueOn) <= 0;
      clock.updatedAt = new Date();
      await manager.save(CaseClock, clock);
      await this.audit.record(manager, actor, { entityType: 'case-clock', entityId: clock.id, productId: clock.productId, action: 'status:submitted', before, after: clock });
    }
    return this.ofCase(manager, safetyCase);
  }

  /** % on time per product for the clocks due in a period (by due date): submitted on time / (submitted + overdue). */
  async compliance(manager: EntityManager, period: { from: IsoDate; to: IsoDate; product?: string }, scope: ProductScope): Promise<ComplianceRow[]> {
    if (compareDates(period.from, period.to) > 0) {
      throw InvalidInputError.field('to', `${period.to} is before from ${period.from}`);
    }
    // From the clocks counted per product, due date and outcome (case_clock_day_count, kept by triggers).
    const rows = await manager.query<{ product_id: string; product_name: string; on_time: string | null; late: string | null; overdue: string | null; pending: string | null }[]>(
      `SELECT p.id AS product_id, p.name AS product_name,
              sum(c.clocks) FILTER (WHERE c.outcome = 'on-time') AS on_time,
              sum(c.clocks) FILTER (WHERE c.outcome = 'late') AS late,
              sum(c.clocks) FILTER (WHERE c.outcome = 'open' AND c.due_on < $3::date) AS overdue,
              sum(c.clocks) FILTER (WHERE c.outcome = 'open' AND c.due_on >= $3::date) AS pending
         FROM product p LEFT JOIN case_clock_day_count c ON c.product_id = p.id AND c.due_on BETWEEN $1::date AND $2::date
        WHERE ($4::uuid[] IS NULL OR p.id = ANY($4::uuid[]))
          AND ($5::text IS NULL OR p.id::text = $5 OR lower(p.name) = lower($5))
        GROUP BY p.id, p.name ORDER BY p.name`,
      [period.from, period.to, this.clock.today(), scope, period.product ?? null],
    );
    return rows.map((r) => {
      const onTime = Number(r.on_time ?? 0);
      const late = Number(r.late ?? 0);
      const overdue = Number(r.overdue ?? 0);
      return {
        productId: r.product_id,
        productName: r.product_name,
        due: onTime + late + overdue,
        submittedOnTime: onTime,
        submittedLate: late,
        overdue,
        pending: Number(r.pending ?? 0),
        compliancePercent: onTimePercent(onTime, late, overdue),
      };
    });
  }
}

function fromRow(row: Record<string, unknown>): Partial<CaseClock> {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    productId: row.product_id as string | null,
    version: row.version as number,
    day0: row.day0 as string,
    dueOn: row.due_on as string,
    days: row.days as number,
    ruleId: row.rule_id as string,
    ruleSource: row.rule_source as string,
    explanation: row.explanation as string,
    status: row.status as ClockStatus,
    submittedOn: row.submitted_on as string | null,
    submittedVersion: row.submitted_version as number | null,
    onTime: row.on_time as boolean | null,
    closedReason: row.closed_reason as string | null,
  };
}
