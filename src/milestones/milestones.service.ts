import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, inScope, ProductScope } from '../common/actor';
import { Clock } from '../common/clock';
import { compareDates } from '../common/calendar-date';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { RULES } from '../deadlines/rules';
import { recordObligationChanges } from '../obligations/obligation-history';
import { ChangeSource, DueDateChange } from './due-date-change.entity';
import { ChangeDueDateDto, RecordOutcomeDto, TransitionMilestoneDto } from './dto/milestone.dto';
import { DateBasis, Milestone, MilestoneKind } from './milestone.entity';
import { assertTransition, basisAfterChange, isOpen, timeliness } from './milestone-workflow';
import { dueDateLocked, outcomeBeforeSubmission, submissionInFuture } from './milestones.errors';

export interface NewMilestone {
  productId: string;
  authorisationId?: string | null;
  obligationId?: string | null;
  procedureId?: string | null;
  kind: MilestoneKind;
  title: string;
  cycle?: number | null;
  dueDate: string;
  basis: DateBasis;
  ruleId: string;
  ruleSource: string;
  ruleExplanation: string;
  owner?: string | null;
  illustrative?: boolean;
}

/** Milestones: creation, progress, outcome and due-date changes, each with its history and audit rows. */
@Injectable()
export class MilestonesService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(manager: EntityManager, id: string, scope: ProductScope): Promise<Milestone> {
    const milestone = await manager.findOneBy(Milestone, { id });
    if (milestone === null || !inScope(scope, milestone.productId)) {
      throw new NotFoundError('milestone', id);
    }
    return milestone;
  }

  private async getForUpdate(manager: EntityManager, id: string, scope: ProductScope): Promise<Milestone> {
    const milestone = await manager.findOne(Milestone, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (milestone === null || !inScope(scope, milestone.productId)) {
      throw new NotFoundError('milestone', id);
    }
    return milestone;
  }

  async create(manager: EntityManager, actor: Actor, input: NewMilestone, changeSource: ChangeSource = 'initial'): Promise<Milestone> {
    const milestone = manager.create(Milestone, { ...input, status: 'planned' });
    await manager.insert(Milestone, milestone);
    const saved = await this.get(manager, milestone.id, null);
    await manager.insert(DueDateChange, {
      milestoneId: saved.id,
      fromDate: null,
      toDate: saved.dueDate,
      changeSource,
      procedureRef: null,
      reason: `${input.ruleId}: ${input.ruleExplanation}`,
      changedBy: actor.id,
      recordedOn: this.clock.today(),
    });
    await this.audit.record(manager, actor, { entityType: 'milestone', entityId: saved.id, productId: saved.productId, action: 'create', after: saved });
    return saved;
  }

  async transition(manager: EntityManager, actor: Actor, id: string, input: TransitionMilestoneDto): Promise<Milestone> {
    const milestone = await this.getForUpdate(manager, id, actor.scope);
    assertTransition(milestone.status, input.status);
    const before = { ...milestone };
    milestone.status = input.status;
    if (input.status === 'submitted') {
      this.applySubmission(milestone, input);
    }
    if (input.status === 'cancelled') {
      if (input.reason === undefined) {
        throw InvalidInputError.field('reason', 'is required to cancel a milestone');
      }
      milestone.cancelReason = input.reason;
    }
    await manager.save(milestone);
    if (milestone.obligationId !== null) {
      // An obligation's history also holds its milestones' steps (what the renewal dossier lists as changed since its DLP).
      const submitted = input.status === 'submitted' ? `submitted on ${milestone.submittedOn ?? ''}` : null;
      await recordObligationChanges(manager, actor, this.clock.today(), [
        {
          productId: milestone.productId,
          obligationId: milestone.obligationId,
          milestoneId: milestone.id,
          field: 'milestone-status',
          from: before.status,
          to: input.status,
          changeSource: 'holder',
          procedureRef: input.status === 'submitted' ? milestone.submissionRef : null,
          reason: [submitted, input.reason].filter((part) => part !== null && part !== undefined).join('; ') || `${before.status} → ${input.status}`,
          ...(input.status === 'submitted' && milestone.submittedOn !== null ? { effectiveOn: milestone.submittedOn } : {}),
        },
      ]);
    }
    await this.audit.record(manager, actor, { entityType: 'milestone', entityId: id, productId: milestone.productId, action: `status:${input.status}`, before, after: milestone, reason: input.reason ?? null });
    return milestone;
  }

  private applySubmission(milestone: Milestone, input: TransitionMilestoneDto): void {
    if (input.submittedOn === undefined) {
      throw InvalidInputError.field('submittedOn', 'is required when a milestone is submitted');
    }
    const today = this.clock.today();
    if (compareDates(input.submittedOn, today) > 0) {
      throw submissionInFuture(input.submittedOn, today);
    }
    milestone.submittedOn = input.submittedOn;
    milestone.submittedOnTime = timeliness(input.submittedOn, milestone.dueDate).onTime;
    milestone.submissionRef = input.submissionRef ?? null;
    milestone.ectdType = input.ectdType ?? null;
  }

  async recordOutcome(manager: EntityManager, actor: Actor, id: string, input: RecordOutcomeDto): Promise<Milestone> {
    const milestone = await this.getForUpdate(manager, id, actor.scope);
    if (milestone.status !== 'submitted' || milestone.submittedOn === null) {
      throw outcomeBeforeSubmission(milestone.status);
    }
    if (compareDates(input.outcomeOn, milestone.submittedOn) < 0) {
      throw InvalidInputError.field('outcomeOn', `${input.outcomeOn} is before the submission on ${milestone.submittedOn}`);
    }
    const before = { ...milestone };
    milestone.outcome = input.outcome;
    milestone.outcomeOn = input.outcomeOn;
    milestone.outcomeProcedureRef = input.procedureRef ?? null;
    await manager.save(milestone);
    if (milestone.obligationId !== null) {
      await recordObligationChanges(manager, actor, this.clock.today(), [
        {
          productId: milestone.productId,
          obligationId: milestone.obligationId,
          milestoneId: milestone.id,
          field: 'milestone-outcome',
          from: before.outcome,
          to: input.outcome,
          changeSource: 'assessment',
          procedureRef: milestone.outcomeProcedureRef,
          reason: `assessment outcome of ${input.outcomeOn}`,
          effectiveOn: input.outcomeOn,
        },
      ]);
    }
    await this.audit.record(manager, actor, { entityType: 'milestone', entityId: id, productId: milestone.productId, action: 'outcome', before, after: milestone });
    return milestone;
  }

  /** A due date changes only with a reason and the procedure it comes from; the change is kept forever. */
  async changeDueDate(manager: EntityManager, actor: Actor, id: string, input: ChangeDueDateDto): Promise<Milestone> {
    if (input.procedureRef === undefined && !['regulator-letter', 'recorded-expiry'].includes(input.changeSource)) {
      throw InvalidInputError.field('procedureRef', `is required for a change through a ${input.changeSource} (e.g. EMEA/H/C/004827/II/0015)`);
    }
    const milestone = await this.getForUpdate(manager, id, actor.scope);
    if (!isOpen(milestone.status)) {
      throw dueDateLocked(milestone.status);
    }
    const source = [input.changeSource, input.procedureRef].filter((part) => part !== undefined).join(' ');
    return this.redate(manager, actor, milestone, {
      dueDate: input.dueDate,
      basis: basisAfterChange(input.changeSource),
      ruleId: 'ANNEX-II',
      ruleSource: `${RULES['ANNEX-II'].source}; ${source}`,
      explanation: input.reason,
      changeSource: input.changeSource,
      procedureRef: input.procedureRef ?? null,
    });
  }

  /** Moves a due date and writes its history row and audit row; no-op when the date is unchanged. */
  async redate(
    manager: EntityManager,
    actor: Actor,
    milestone: Milestone,
    change: { dueDate: string; basis: DateBasis; ruleId: string; ruleSource: string; explanation: string; changeSource: ChangeSource; procedureRef: string | null },
  ): Promise<Milestone> {
    const before = { ...milestone };
    if (milestone.dueDate === change.dueDate && milestone.ruleId === change.ruleId && milestone.basis === change.basis) {
      return milestone;
    }
    milestone.dueDate = change.dueDate;
    milestone.basis = change.basis;
    milestone.ruleId = change.ruleId;
    milestone.ruleSource = change.ruleSource;
    milestone.ruleExplanation = change.explanation;
    await manager.save(milestone);
    await manager.insert(DueDateChange, {
      milestoneId: milestone.id,
      fromDate: before.dueDate,
      toDate: change.dueDate,
      changeSource: change.changeSource,
      procedureRef: change.procedureRef,
      reason: change.explanation,
      changedBy: actor.id,
      recordedOn: this.clock.today(),
    });
    await this.audit.record(manager, actor, { entityType: 'milestone', entityId: milestone.id, productId: milestone.productId, action: 'due-date-change', before, after: milestone, reason: change.explanation });
    return milestone;
  }

  async history(manager: EntityManager, id: string, scope: ProductScope): Promise<DueDateChange[]> {
    await this.get(manager, id, scope);
    return manager.find(DueDateChange, { where: { milestoneId: id }, order: { id: 'ASC' } });
  }
}
