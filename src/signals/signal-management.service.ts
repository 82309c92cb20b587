import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, inScope, ProductScope } from '../common/actor';
import { compareDates, type IsoDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import { ProductsService } from '../products/products.service';
import { type AlertStatus, checkStep, esiDeadline, esiOnTime, type RecommendedAction, type SignalPriority, type SignalStatus, type StepInput } from './signal-workflow';

/** An alert is not raised again for the same product and event within this many days of the last one. */
export const ALERT_QUIET_DAYS = 180;

export interface AlertView {
  id: string;
  source: 'disproportionality' | 'frequency';
  runId: string;
  productId: string | null;
  product: string;
  event: string;
  rule: string;
  figures: Record<string, unknown>;
  status: AlertStatus;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  signalId: string | null;
  createdAt: Date;
}

export interface SignalStepView {
  step: string;
  notes: string;
  details: Record<string, unknown>;
  by: string;
  at: Date;
}

export interface SignalView {
  id: string;
  productId: string;
  productName: string;
  title: string;
  event: string;
  status: SignalStatus;
  priority: SignalPriority | null;
  assessment: string | null;
  recommendedAction: RecommendedAction | null;
  /** A QPPV approved the assessment as it now stands (an electronic signature on the signal). */
  assessmentApproved: boolean;
  emergingSafetyIssue: { establishedOn: IsoDate; dueOn: IsoDate; ruleId: string; notifiedOn: IsoDate | null; onTime: boolean | null } | null;
  regulatorOutcome: { outcome: string; receivedOn: IsoDate } | null;
  steps: SignalStepView[];
  alerts: AlertView[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface SignalRow {
  id: string;
  product_id: string;
  product_name: string;
  title: string;
  event: string;
  status: SignalStatus;
  priority: SignalPriority | null;
  assessment: string | null;
  recommended_action: RecommendedAction | null;
  esi_established_on: string | null;
  esi_due_on: string | null;
  esi_rule_id: string | null;
  esi_notified_on: string | null;
  regulator_outcome: string | null;
  regulator_outcome_on: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  approved: boolean;
}

interface AlertRow {
  id: string;
  source: AlertView['source'];
  run_id: string;
  product_id: string | null;
  product_label: string;
  event: string;
  rule: string;
  figures: Record<string, unknown>;
  status: AlertStatus;
  reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  signal_id: string | null;
  created_at: Date;
}

function toAlert(r: AlertRow): AlertView {
  return {
    id: r.id,
    source: r.source,
    runId: r.run_id,
    productId: r.product_id,
    product: r.product_label,
    event: r.event,
    rule: r.rule,
    figures: r.figures,
    status: r.status,
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    signalId: r.signal_id,
    createdAt: r.created_at,
  };
}

/**
 * A QPPV's approval of the assessment counts when it was signed at the "assessed" step and the signed text
 * is the signal's assessment as it stands (the signature stores what was signed).
 */
const SIGNAL_SELECT = `
  SELECT s.*, p.name AS product_name,
         EXISTS (SELECT 1 FROM electronic_signature e
                  WHERE e.entity_type = 'signal' AND e.entity_id = s.id::text AND e.meaning = 'approved' AND e.signer_role = 'qppv'
                    AND e.content->>'status' = 'assessed' AND e.content->>'assessment' IS NOT DISTINCT FROM s.assessment) AS approved
    FROM safety_signal s JOIN product p ON p.id = s.product_id`;

/**
 * Statistical alerts and signals (GVP IX): alerts are raised from screening hits and frequency flags on our
 * products; a person validates one into a signal (or adds it to an open one) or dismisses it with a reason;
 * a signal goes through its steps with who, when and why, the emerging-safety-issue clock and the
 * regulator's outcome. Every change writes an audit row in the same transaction.
 */
@Injectable()
export class SignalManagementService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly referenceData: ReferenceDataService,
    private readonly products: ProductsService,
  ) {}

  /** A product filter by name or id, as its id (404 for a product the caller cannot see). */
  private async productFilter(manager: EntityManager, product: string | undefined, scope: ProductScope): Promise<string | null> {
    return product === undefined ? null : (await this.products.get(manager, product, scope)).id;
  }

  /** Alerts for a disproportionality run's hits on our products (by name, or in FAERS by active substance). */
  async alertsFromDisproportionality(manager: EntityManager, actor: Actor, runId: string): Promise<number> {
    const rows = await manager.query<{ id: string; product_id: string }[]>(
      `INSERT INTO statistical_alert (source, run_id, product_id, product_label, event, rule, figures)
       SELECT 'disproportionality', r.run_id, p.id, r.product, r.event, array_to_string(r.hits, ', '),
              jsonb_build_object('a', r.a, 'b', r.b, 'c', r.c, 'd', r.d, 'expected', r.expected, 'prr', r.prr, 'prrLower', r.prr_lower, 'prrUpper', r.prr_upper,
                                 'ror', r.ror, 'rorLower', r.ror_lower, 'rorUpper', r.ror_upper, 'chiSquared', r.chi2, 'chiSquaredYates', r.chi2_yates, 'ic', r.ic, 'ic025', r.ic025, 'ic975', r.ic975,
                                 'prrInfinite', r.prr_infinite, 'rorInfinite', r.ror_infinite, 'zeroCellCorrection', r.zero_cell_correction, 'review', r.review, 'database', run.database)
         FROM disproportionality_result r
         JOIN disproportionality_run run ON run.id = r.run_id
         JOIN product p ON (run.database = 'own' AND upper(btrim(p.name)) = r.product) OR (run.database = 'faers' AND upper(btrim(p.active_substance)) = r.product)
        WHERE r.run_id = $1 AND cardinality(r.hits) > 0
          AND NOT EXISTS (SELECT 1 FROM statistical_alert x WHERE x.source = 'disproportionality' AND x.product_label = r.product AND x.event = r.event AND x.created_at > now() - make_interval(days => $2))
       ON CONFLICT DO NOTHING
       RETURNING id, product_id`,
      [runId, ALERT_QUIET_DAYS],
    );
    await this.recordRaised(manager, actor, rows, runId);
    return rows.length;
  }

  /** Alerts for a frequency run's "exceeds" and "unlisted" rows. */
  async alertsFromFrequency(manager: EntityManager, actor: Actor, runId: string): Promise<number> {
    const rows = await manager.query<{ id: string; product_id: string }[]>(
      `INSERT INTO statistical_alert (source, run_id, product_id, product_label, event, rule, figures)
       SELECT 'frequency', x.run_id, run.product_id, p.name, x.label, x.flag,
              jsonb_build_object('level', x.level, 'patients', x.patients, 'serious', x.serious, 'fatal', x.fatal, 'solicitedPatients', x.solicited_patients,
                                 'solicitedExposed', x.solicited_exposed, 'proportion', x.proportion, 'ciLower', x.ci_lower, 'ciUpper', x.ci_upper,
                                 'statedRatePercent', x.stated_rate_percent, 'statedBand', x.stated_band, 'explanation', x.explanation, 'period', run.period, 'dataLockPoint', run.data_lock_point)
         FROM frequency_result x
         JOIN frequency_run run ON run.id = x.run_id
         JOIN product p ON p.id = run.product_id
        WHERE x.run_id = $1 AND x.flag IN ('exceeds', 'unlisted') AND x.level IN ('term', 'outcome', 'pt')
          AND NOT EXISTS (SELECT 1 FROM statistical_alert a WHERE a.source = 'frequency' AND a.product_id = run.product_id AND a.event = x.label AND a.created_at > now() - make_interval(days => $2))
       ON CONFLICT DO NOTHING
       RETURNING id, product_id`,
      [runId, ALERT_QUIET_DAYS],
    );
    await this.recordRaised(manager, actor, rows, runId);
    return rows.length;
  }

  private async recordRaised(manager: EntityManager, actor: Actor, rows: { id: string; product_id: string }[], runId: string): Promise<void> {
    for (const row of rows) {
      await this.audit.record(manager, actor, { entityType: 'statistical-alert', entityId: row.id, productId: row.product_id, action: 'raise', after: { runId } });
    }
  }

  async alerts(manager: EntityManager, filter: { status?: AlertStatus; product?: string; limit: number }, scope: ProductScope): Promise<AlertView[]> {
    const rows = await manager.query<AlertRow[]>(
      `SELECT * FROM statistical_alert
        WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR product_id = $2) AND ($3::uuid[] IS NULL OR product_id = ANY($3))
        ORDER BY created_at DESC, id LIMIT $4`,
      [filter.status ?? null, await this.productFilter(manager, filter.product, scope), scope === null ? null : [...scope], filter.limit],
    );
    return rows.map(toAlert);
  }

  /** Validates an alert into a new signal, or into an open signal of the same product. */
  async validateAlert(manager: EntityManager, actor: Actor, alertId: string, input: { reason: string; signal?: string; title?: string }): Promise<SignalView> {
    const alert = await this.openAlert(manager, alertId, actor.scope);
    if (alert.productId === null) {
      throw new ConflictError('ALERT_WITHOUT_PRODUCT', 'This alert is about a product we do not hold: it can be dismissed, not validated into a signal of ours');
    }
    let signalId = input.signal;
    if (signalId !== undefined) {
      const signal = await this.get(manager, signalId, actor.scope);
      if (signal.productId !== alert.productId || signal.status === 'closed') {
        throw InvalidInputError.field('signal', signal.status === 'closed' ? 'that signal is closed' : 'that signal is about another product');
      }
    } else {
      const [created] = await manager.query<{ id: string }[]>(
        `INSERT INTO safety_signal (product_id, title, event, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [alert.productId, input.title?.trim() || `${alert.product} – ${alert.event}`, alert.event, actor.id],
      );
      signalId = created?.id ?? '';
      await this.addStep(manager, actor, signalId, 'validated', input.reason, { alert: alert.id, rule: alert.rule, source: alert.source });
      await this.audit.record(manager, actor, { entityType: 'safety-signal', entityId: signalId, productId: alert.productId, action: 'validate', after: { alert: alert.id, title: input.title ?? null }, reason: input.reason });
    }
    await manager.query(`UPDATE statistical_alert SET status = 'validated', reason = $2, decided_by = $3, decided_at = now(), signal_id = $4 WHERE id = $1`, [alert.id, input.reason, actor.id, signalId]);
    await this.audit.record(manager, actor, { entityType: 'statistical-alert', entityId: alert.id, productId: alert.productId, action: 'validate', before: { status: 'new' }, after: { status: 'validated', signal: signalId }, reason: input.reason });
    return this.get(manager, signalId, actor.scope);
  }

  async dismissAlert(manager: EntityManager, actor: Actor, alertId: string, reason: string): Promise<AlertView> {
    const alert = await this.openAlert(manager, alertId, actor.scope);
    await manager.query(`UPDATE statistical_alert SET status = 'dismissed', reason = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [alert.id, reason, actor.id]);
    await this.audit.record(manager, actor, { entityType: 'statistical-alert', entityId: alert.id, productId: alert.productId, action: 'dismiss', before: { status: 'new' }, after: { status: 'dismissed' }, reason });
    return this.alert(manager, alertId, actor.scope);
  }

  async alert(manager: EntityManager, id: string, scope: ProductScope): Promise<AlertView> {
    const [row] = await manager.query<AlertRow[]>(`SELECT * FROM statistical_alert WHERE id = $1`, [id]);
    if (row === undefined || (row.product_id !== null && !inScope(scope, row.product_id)) || (row.product_id === null && scope !== null)) {
      throw new NotFoundError('statistical alert', id);
    }
    return toAlert(row);
  }

  private async openAlert(manager: EntityManager, id: string, scope: ProductScope): Promise<AlertView> {
    const [locked] = await manager.query<{ id: string }[]>(`SELECT id FROM statistical_alert WHERE id = $1 FOR UPDATE`, [id]);
    const alert = await this.alert(manager, locked?.id ?? id, scope);
    if (alert.status !== 'new') {
      throw new ConflictError('ALERT_ALREADY_DECIDED', `This alert was already ${alert.status} by ${alert.decidedBy ?? '?'} (${alert.reason ?? ''})`, { status: alert.status });
    }
    return alert;
  }

  async signals(manager: EntityManager, filter: { status?: SignalStatus; product?: string; limit: number }, scope: ProductScope): Promise<Omit<SignalView, 'steps' | 'alerts'>[]> {
    const rows = await manager.query<SignalRow[]>(
      `${SIGNAL_SELECT} WHERE ($1::text IS NULL OR s.status = $1) AND ($2::uuid IS NULL OR s.product_id = $2) AND ($3::uuid[] IS NULL OR s.product_id = ANY($3))
        ORDER BY s.updated_at DESC, s.id LIMIT $4`,
      [filter.status ?? null, await this.productFilter(manager, filter.product, scope), scope === null ? null : [...scope], filter.limit],
    );
    // Listed without steps and alerts (GET /signals/:id has them): empty arrays would say there are none.
    return rows.map((r) => {
      const { steps: _steps, alerts: _alerts, ...signal } = this.view(r, [], []);
      return signal;
    });
  }

  async get(manager: EntityManager, id: string, scope: ProductScope): Promise<SignalView> {
    const [row] = await manager.query<SignalRow[]>(`${SIGNAL_SELECT} WHERE s.id = $1`, [id]);
    if (row === undefined || !inScope(scope, row.product_id)) {
      throw new NotFoundError('signal', id);
    }
    const steps = await manager.query<{ step: string; notes: string; details: Record<string, unknown>; by_actor: string; at: Date }[]>(
      `SELECT step, notes, details, by_actor, at FROM safety_signal_step WHERE signal_id = $1 ORDER BY at, id`,
      [id],
    );
    const alerts = await manager.query<AlertRow[]>(`SELECT * FROM statistical_alert WHERE signal_id = $1 ORDER BY created_at`, [id]);
    return this.view(row, steps.map((s) => ({ step: s.step, notes: s.notes, details: s.details, by: s.by_actor, at: s.at })), alerts.map(toAlert));
  }

  /** The next GVP IX step, with what it needs (priority; assessment; a QPPV-approved assessment and an action to close). */
  async step(manager: EntityManager, actor: Actor, id: string, input: StepInput): Promise<SignalView> {
    const signal = await this.locked(manager, id, actor.scope);
    const problems = checkStep({ status: signal.status, assessmentApproved: signal.assessmentApproved }, input);
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
    }
    await manager.query(
      `UPDATE safety_signal SET status = $2, priority = COALESCE($3, priority), assessment = COALESCE($4, assessment), recommended_action = COALESCE($5, recommended_action), updated_at = now() WHERE id = $1`,
      [id, input.to, input.priority ?? null, input.assessment ?? null, input.recommendedAction ?? null],
    );
    const details = { from: signal.status, priority: input.priority ?? null, assessment: input.assessment ?? null, recommendedAction: input.recommendedAction ?? null };
    await this.addStep(manager, actor, id, input.to, input.notes, details);
    await this.audit.record(manager, actor, { entityType: 'safety-signal', entityId: id, productId: signal.productId, action: `step:${input.to}`, before: { status: signal.status }, after: { status: input.to, ...details }, reason: input.notes });
    return this.get(manager, id, actor.scope);
  }

  /** Establishes an emerging safety issue: the notification is due 3 EMA working days later (rule cited). */
  async establishEsi(manager: EntityManager, actor: Actor, id: string, input: { establishedOn: IsoDate; notes: string }): Promise<SignalView> {
    const signal = await this.locked(manager, id, actor.scope);
    if (signal.emergingSafetyIssue !== null) {
      throw new ConflictError('ESI_ALREADY_ESTABLISHED', `This signal was established as an emerging safety issue on ${signal.emergingSafetyIssue.establishedOn}`);
    }
    if (compareDates(input.establishedOn, this.clock.today()) > 0) {
      throw InvalidInputError.field('establishedOn', `${input.establishedOn} is in the future`);
    }
    const closures = new Set((await this.referenceData.closures(manager)).map((c) => c.date));
    const deadline = esiDeadline(input.establishedOn, closures);
    await manager.query(`UPDATE safety_signal SET esi_established_on = $2, esi_due_on = $3, esi_rule_id = $4, updated_at = now() WHERE id = $1`, [id, deadline.establishedOn, deadline.dueOn, deadline.ruleId]);
    await this.addStep(manager, actor, id, 'esi-established', input.notes, { ...deadline });
    await this.audit.record(manager, actor, { entityType: 'safety-signal', entityId: id, productId: signal.productId, action: 'esi:established', after: { ...deadline }, reason: input.notes });
    return this.get(manager, id, actor.scope);
  }

  async notifyEsi(manager: EntityManager, actor: Actor, id: string, input: { notifiedOn: IsoDate; notes: string }): Promise<SignalView> {
    const signal = await this.locked(manager, id, actor.scope);
    const esi = signal.emergingSafetyIssue;
    if (esi === null) {
      throw new ConflictError('ESI_NOT_ESTABLISHED', 'No emerging safety issue was established for this signal');
    }
    if (esi.notifiedOn !== null) {
      throw new ConflictError('ESI_ALREADY_NOTIFIED', `The emerging safety issue was notified on ${esi.notifiedOn}`);
    }
    if (compareDates(input.notifiedOn, esi.establishedOn) < 0 || compareDates(input.notifiedOn, this.clock.today()) > 0) {
      throw InvalidInputError.field('notifiedOn', `must lie between the day it was established (${esi.establishedOn}) and today`);
    }
    await manager.query(`UPDATE safety_signal SET esi_notified_on = $2, updated_at = now() WHERE id = $1`, [id, input.notifiedOn]);
    const onTime = esiOnTime(esi.dueOn, input.notifiedOn);
    await this.addStep(manager, actor, id, 'esi-notified', input.notes, { notifiedOn: input.notifiedOn, dueOn: esi.dueOn, onTime });
    await this.audit.record(manager, actor, { entityType: 'safety-signal', entityId: id, productId: signal.productId, action: 'esi:notified', after: { notifiedOn: input.notifiedOn, onTime }, reason: input.notes });
    return this.get(manager, id, actor.scope);
  }

  async regulatorOutcome(manager: EntityManager, actor: Actor, id: string, input: { outcome: string; receivedOn: IsoDate }): Promise<SignalView> {
    const signal = await this.locked(manager, id, actor.scope);
    if (compareDates(input.receivedOn, this.clock.today()) > 0) {
      throw InvalidInputError.field('receivedOn', `${input.receivedOn} is in the future`);
    }
    await manager.query(`UPDATE safety_signal SET regulator_outcome = $2, regulator_outcome_on = $3, updated_at = now() WHERE id = $1`, [id, input.outcome, input.receivedOn]);
    await this.addStep(manager, actor, id, 'regulator-outcome', input.outcome, { receivedOn: input.receivedOn, previous: signal.regulatorOutcome });
    await this.audit.record(manager, actor, { entityType: 'safety-signal', entityId: id, productId: signal.productId, action: 'regulator-outcome', before: signal.regulatorOutcome, after: input });
    return this.get(manager, id, actor.scope);
  }

  /** What a signature on a signal binds to. */
  async signableContent(manager: EntityManager, id: string, scope: ProductScope): Promise<{ productId: string; content: Record<string, unknown> }> {
    const signal = await this.get(manager, id, scope);
    return { productId: signal.productId, content: { id: signal.id, productId: signal.productId, title: signal.title, event: signal.event, status: signal.status, priority: signal.priority, assessment: signal.assessment } };
  }

  private async locked(manager: EntityManager, id: string, scope: ProductScope): Promise<SignalView> {
    await manager.query(`SELECT id FROM safety_signal WHERE id = $1 FOR UPDATE`, [id]);
    return this.get(manager, id, scope);
  }

  private async addStep(manager: EntityManager, actor: Actor, signalId: string, step: string, notes: string, details: Record<string, unknown>): Promise<void> {
    await manager.query(`INSERT INTO safety_signal_step (signal_id, step, details, notes, by_actor) VALUES ($1, $2, $3, $4, $5)`, [signalId, step, JSON.stringify(details), notes, actor.id]);
  }

  private view(r: SignalRow, steps: SignalStepView[], alerts: AlertView[]): SignalView {
    return {
      id: r.id,
      productId: r.product_id,
      productName: r.product_name,
      title: r.title,
      event: r.event,
      status: r.status,
      priority: r.priority,
      assessment: r.assessment,
      recommendedAction: r.recommended_action,
      assessmentApproved: r.approved && r.assessment !== null,
      emergingSafetyIssue:
        r.esi_established_on === null || r.esi_due_on === null
          ? null
          : { establishedOn: r.esi_established_on, dueOn: r.esi_due_on, ruleId: r.esi_rule_id ?? '', notifiedOn: r.esi_notified_on, onTime: esiOnTime(r.esi_due_on, r.esi_notified_on) },
      regulatorOutcome: r.regulator_outcome === null || r.regulator_outcome_on === null ? null : { outcome: r.regulator_outcome, receivedOn: r.regulator_outcome_on },
      steps,
      alerts,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }
}
