import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { compareDates, type IsoDate } from '../common/calendar-date';
import { InvalidInputError } from '../common/errors';
import type { RunWithResults } from '../frequencies/frequency-runs.service';
import type { Denominators, ExposureFigure } from '../frequencies/frequency-table';
import { MarketingAuthorisation } from '../products/marketing-authorisation.entity';
import { AuthorisationScheduleService } from '../products/authorisation-schedule.service';
import { ProductsService } from '../products/products.service';
import { CaseReportsService } from '../safety-cases/case-reports.service';
import { type CaseAtDlp, lineListing, summaryTabulation } from '../safety-cases/tabulation';
import {
  type CaseCounts,
  DOSSIER_FORMAT,
  type DossierAlert,
  type DossierContent,
  type DossierExposure,
  type DossierFrequency,
  type DossierSignal,
  type ProcedureOutcome,
  type ProposedChange,
  type RuledDate,
} from './dossier-content';
import { collectRegister } from './dossier-register';
import { asAtStatements, renewalFor, reportingPeriod } from './dossier-rules';

/** What the user chooses for a dossier: the product, the data lock point, and what they write. */
export interface DossierRequest {
  product: string;
  dataLockPoint: IsoDate;
  benefitRisk: string;
  proposedChanges: ProposedChange[];
  lineListing: boolean;
}

/** UTC day of a timestamp column, as text (the database's time zone plays no part). */
const UTC_DAY = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

function ruled(date: { date: IsoDate; ruleId: string; source: string }): RuledDate {
  return { date: date.date, ruleId: date.ruleId, source: date.source };
}

function caseCounts(cases: readonly CaseAtDlp[]): CaseCounts {
  return {
    cases: cases.length,
    serious: cases.filter((c) => c.serious).length,
    fatal: cases.filter((c) => c.reactions.some((r) => r.outcome === 'fatal')).length,
  };
}

/**
 * Collects a renewal dossier's content from the register and the safety data, in the caller's transaction
 * (a repeatable-read snapshot: one consistent picture). Every list in a fixed order.
 */
@Injectable()
export class DossierCollector {
  constructor(
    private readonly products: ProductsService,
    private readonly schedule: AuthorisationScheduleService,
    private readonly caseReports: CaseReportsService,
  ) {}

  async collect(manager: EntityManager, actor: Actor, request: DossierRequest, frequency: RunWithResults | null): Promise<DossierContent> {
    const product = await this.products.get(manager, request.product, actor.scope);
    const authorisation = await manager.findOneBy(MarketingAuthorisation, { productId: product.id });
    if (authorisation === null) {
      throw InvalidInputError.field('product', `${product.name} has no marketing authorisation recorded: a renewal dossier needs one`);
    }
    const dlp = request.dataLockPoint;
    const period = reportingPeriod(dlp, authorisation.type);
    const dates = await this.schedule.compute(manager, product, authorisation, dlp);
    const renewal = renewalFor(dates.renewals, dlp);
    const register = await collectRegister(manager, product.id, dlp);
    const latestChange = register.changes.at(-1)?.changedOn ?? null;
    const { cases, excluded } = await this.caseReports.casesAtDlp(manager, product.id, period, 'cumulative');
    const inInterval = cases.filter((c) => compareDates(c.initialReceiptOn, period.from) >= 0);
    return {
      format: DOSSIER_FORMAT,
      product: {
        id: product.id,
        name: product.name,
        activeSubstance: product.activeSubstance,
        emaProductNumber: product.emaProductNumber,
        euNumber: authorisation.euNumber,
        holder: authorisation.holder,
        advancedTherapy: product.advancedTherapy,
        additionalMonitoring: product.additionalMonitoring,
        orphanDesignation: product.orphanDesignation,
      },
      authorisation: {
        type: authorisation.type,
        notifiedOn: authorisation.notifiedOn,
        currentExpiry: renewal === null ? null : ruled(renewal.expiry),
        renewal:
          renewal === null
            ? null
            : { cycle: renewal.cycle, windowOpens: renewal.windowOpens === null ? null : ruled(renewal.windowOpens), applicationDue: ruled(renewal.applicationDue), expiry: ruled(renewal.expiry) },
        illustrative: authorisation.illustrative,
      },
      dataLockPoint: dlp,
      asAt: asAtStatements(dlp, register.changes.length, latestChange),
      period,
      obligations: register.obligations,
      changesSinceDataLockPoint: register.changes,
      proposedChanges: [...request.proposedChanges],
      procedures: await this.procedures(manager, product.id, period.from, dlp),
      safety: {
        cases: { interval: caseCounts(inInterval), cumulative: caseCounts(cases) },
        excluded,
        tabulation: summaryTabulation(cases, period),
        frequency: frequency === null ? null : toFrequency(frequency),
        alerts: await this.alerts(manager, product.id, period.from, dlp),
        signals: await this.signals(manager, product.id, period.from, dlp),
        exposure: await this.exposure(manager, product.id, dlp),
      },
      benefitRisk: request.benefitRisk,
      lineListing: request.lineListing ? lineListing(cases, period) : null,
    };
  }

  /** Procedures submitted by the DLP and still open at the start of the period or concluded in it (PSUSA outcomes among them). */
  private async procedures(manager: EntityManager, productId: string, from: IsoDate, dlp: IsoDate): Promise<ProcedureOutcome[]> {
    const rows = await manager.query<{ number: string; type: string; title: string; submitted_on: IsoDate | null; opinion_on: IsoDate | null; opinion_outcome: string | null; commission_decision_on: IsoDate | null }[]>(
      `SELECT number, type, title, submitted_on::text, opinion_on::text, opinion_outcome, commission_decision_on::text FROM procedure
        WHERE product_id = $1 AND submitted_on <= $3::date AND (opinion_on IS NULL OR opinion_on >= $2::date)
        ORDER BY submitted_on, number, id`,
      [productId, from, dlp],
    );
    return rows.map((r) => ({
      number: r.number,
      type: r.type,
      title: r.title,
      submittedOn: r.submitted_on,
      opinionOn: r.opinion_on !== null && compareDates(r.opinion_on, dlp) <= 0 ? r.opinion_on : null,
      outcome: r.opinion_on !== null && compareDates(r.opinion_on, dlp) <= 0 ? r.opinion_outcome : null,
      commissionDecisionOn: r.commission_decision_on !== null && compareDates(r.commission_decision_on, dlp) <= 0 ? r.commission_decision_on : null,
    }));
  }

  /** Alerts raised by the DLP that were open at the start of the period or raised or decided in it. */
  private async alerts(manager: EntityManager, productId: string, from: IsoDate, dlp: IsoDate): Promise<DossierAlert[]> {
    const rows = await manager.query<{ id: string; source: string; event: string; rule: string; status: string; raised_on: IsoDate; decided_on: IsoDate | null; reason: string | null }[]>(
      `SELECT id, source, event, rule, status, ${UTC_DAY('created_at')} AS raised_on, ${UTC_DAY('decided_at')} AS decided_on, reason
         FROM statistical_alert
        WHERE product_id = $1 AND (created_at AT TIME ZONE 'UTC')::date <= $3::date
          AND (decided_at IS NULL OR (decided_at AT TIME ZONE 'UTC')::date >= $2::date)
        ORDER BY created_at, id`,
      [productId, from, dlp],
    );
    return rows.map((r) => {
      // A decision after the DLP is after the data cut-off: the alert was still new then.
      const decided = r.decided_on !== null && compareDates(r.decided_on, dlp) <= 0;
      return { id: r.id, source: r.source, event: r.event, rule: r.rule, status: decided ? r.status : 'new', raisedOn: r.raised_on, decidedOn: decided ? r.decided_on : null, reason: decided ? r.reason : null };
    });
  }

  /** Signals opened by the DLP and not closed before the period: their state as of the DLP (steps up to it). */
  private async signals(manager: EntityManager, productId: string, from: IsoDate, dlp: IsoDate): Promise<DossierSignal[]> {
    const rows = await manager.query<{ id: string; title: string; event: string; opened_on: IsoDate; steps: SignalStep[] }[]>(
      `SELECT s.id, s.title, s.event, ${UTC_DAY('s.created_at')} AS opened_on,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('step', t.step, 'on', ${UTC_DAY('t.at')}, 'details', t.details, 'notes', t.notes) ORDER BY t.at, t.id)
                          FROM safety_signal_step t WHERE t.signal_id = s.id AND (t.at AT TIME ZONE 'UTC')::date <= $2::date), '[]'::jsonb) AS steps
         FROM safety_signal s WHERE s.product_id = $1 AND (s.created_at AT TIME ZONE 'UTC')::date <= $2::date
        ORDER BY s.created_at, s.id`,
      [productId, dlp],
    );
    return rows
      .map((r) => signalAtDlp(r))
      .filter((s) => s.closedOn === null || compareDates(s.closedOn, from) >= 0);
  }

  /**
   * Exposure figures counted by the DLP as recorded by then: a correction recorded after the DLP is left out and
   * the figure it replaces stays (as the frequency run's denominators do).
   */
  private async exposure(manager: EntityManager, productId: string, dlp: IsoDate): Promise<DossierExposure[]> {
    const rows = await manager.query<{ kind: string; counted_on: IsoDate; patients: number; source: string }[]>(
      `SELECT e.kind, e.counted_on::text, e.patients, e.source FROM product_exposure e
        WHERE e.product_id = $1 AND e.counted_on <= $2::date AND (e.replaces_id IS NULL OR e.recorded_on <= $2::date)
          AND NOT EXISTS (SELECT 1 FROM product_exposure r WHERE r.replaces_id = e.id AND r.recorded_on <= $2::date)
        ORDER BY e.counted_on, e.kind, e.id`,
      [productId, dlp],
    );
    return rows.map((r) => ({ kind: r.kind, from: null, to: r.counted_on, patients: r.patients, source: r.source }));
  }
}

interface SignalStep {
  step: string;
  on: IsoDate;
  details: Record<string, unknown>;
  notes: string;
}

/** A signal's state from its steps up to the DLP (the table holds today's state). */
function signalAtDlp(row: { id: string; title: string; event: string; opened_on: IsoDate; steps: SignalStep[] }): DossierSignal {
  const signal: DossierSignal = {
    id: row.id,
    title: row.title,
    event: row.event,
    status: 'validated',
    priority: null,
    openedOn: row.opened_on,
    closedOn: null,
    recommendedAction: null,
    emergingSafetyIssue: null,
    regulatorOutcome: null,
  };
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  for (const step of row.steps) {
    switch (step.step) {
      case 'validated':
      case 'analysed':
      case 'assessed':
        signal.status = step.step;
        signal.priority = text(step.details.priority) ?? signal.priority;
        break;
      case 'closed':
        signal.status = 'closed';
        signal.closedOn = step.on;
        signal.recommendedAction = text(step.details.recommendedAction) ?? signal.recommendedAction;
        break;
      case 'esi-established':
        signal.emergingSafetyIssue = { establishedOn: text(step.details.establishedOn) ?? step.on, dueOn: text(step.details.dueOn), notifiedOn: null };
        break;
      case 'esi-notified':
        if (signal.emergingSafetyIssue !== null) {
          signal.emergingSafetyIssue.notifiedOn = text(step.details.notifiedOn) ?? step.on;
        }
        break;
      case 'regulator-outcome':
        // The outcome is the step's text (its details keep the date received and the previous outcome).
        signal.regulatorOutcome = step.notes;
        break;
      default:
        break;
    }
  }
  return signal;
}

function toFrequency(run: RunWithResults): DossierFrequency {
  return {
    runId: run.id,
    digest: run.digest,
    period: run.period,
    periodStart: run.periodStart,
    dataLockPoint: run.dataLockPoint,
    referenceSafety: run.referenceSafety === null ? null : `${run.referenceSafety.document} version ${run.referenceSafety.version} (in force from ${run.referenceSafety.effectiveFrom})`,
    meddraVersion: run.meddraRelease?.version ?? null,
    exposure: exposureFacts(run.exposure, run.dataLockPoint),
    rows: run.rows,
  };
}

/**
 * The run's denominators as short facts a reader takes in at once (the figures behind them, by kind, date and
 * source). A missing figure is said in words, never as null.
 */
export function exposureFacts(denominators: Denominators, dataLockPoint: IsoDate): Record<string, string | number> {
  const figure = (f: ExposureFigure): string => `${f.patients} patients (${f.kind}, counted on ${f.countedOn}; ${f.source})`;
  const none = (kinds: string): string => `no ${kinds} exposure figure recorded on or before the data lock point (${dataLockPoint})`;
  return {
    'solicited patients (registry and studies)': denominators.solicited?.patients ?? none('registry or study'),
    'solicited figures': denominators.solicited === null ? none('registry or study') : denominators.solicited.figures.map(figure).join('; '),
    'spontaneous patients (treated)': denominators.spontaneous?.patients ?? none('patients-treated or dose-estimate'),
    'spontaneous figure': denominators.spontaneous === null ? none('patients-treated or dose-estimate') : figure(denominators.spontaneous.figure),
  };
}
