import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, inScope, ProductScope } from '../common/actor';
import { compareDates } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { FieldProblem, InvalidInputError, NotFoundError } from '../common/errors';
import { cmaValidationAnswersDue } from '../deadlines/engine/authorisation-renewal';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import { Milestone } from '../milestones/milestone.entity';
import { isOpen } from '../milestones/milestone-workflow';
import { MilestonesService, NewMilestone } from '../milestones/milestones.service';
import { MarketingAuthorisation } from '../products/marketing-authorisation.entity';
import { Product } from '../products/product.entity';
import { ProductsService } from '../products/products.service';
import { ClockStopDto, CreateProcedureDto, RestartDto, UpdateTimetableDto } from './dto/procedure.dto';
import { ProcedureClockStop } from './procedure-clock-stop.entity';
import { clockStopDays, clockStopLabel, clockStopStartProblems, ProcedureState, procedureState, Timetable, TimetableField, timetableProblems } from './procedure-timetable';
import { Procedure } from './procedure.entity';
import {
  clockAlreadyRestarted,
  clockAlreadyStopped,
  milestoneInOtherProcedure,
  opinionWhileClockStopped,
  procedureConcluded,
  procedureNumberOfOtherProduct,
  procedureNumberTaken,
  validationAnswersNeedDate,
} from './procedures.errors';

const TIMETABLE_FIELDS: readonly TimetableField[] = ['submittedOn', 'startedOn', 'opinionOn', 'opinionOutcome', 'commissionDecisionOn'];

export interface ClockStopView {
  stop: ProcedureClockStop;
  /** The responses as a deadline: due date, why, submitted on time or not. */
  responseMilestone: Milestone;
  /** Still waiting for the restart; a stop ended by a withdrawal is no longer open. */
  open: boolean;
  days: number;
}

export interface ProcedureView {
  procedure: Procedure;
  state: ProcedureState;
  clockStops: ClockStopView[];
  clockStopDays: number;
  /** Milestones whose submission this procedure assesses. */
  assessedMilestones: Milestone[];
}

type ResponsesDue = Pick<NewMilestone, 'dueDate' | 'basis' | 'ruleId' | 'ruleSource' | 'ruleExplanation'>;

/**
 * Regulatory procedures and their timetables (rule book §3): each clock stop makes the holder's responses a
 * deadline (a `procedure-response` milestone); the restart records them as submitted, on time or late.
 */
@Injectable()
export class ProceduresService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly milestones: MilestonesService,
    private readonly products: ProductsService,
    private readonly referenceData: ReferenceDataService,
  ) {}

  async create(manager: EntityManager, actor: Actor, input: CreateProcedureDto): Promise<ProcedureView> {
    const product = await this.products.get(manager, input.product, actor.scope);
    checkNumberBelongsTo(input.number, product);
    if (await manager.existsBy(Procedure, { number: input.number })) {
      throw procedureNumberTaken(input.number);
    }
    const timetable: Timetable = { submittedOn: input.submittedOn ?? null, startedOn: input.startedOn ?? null, opinionOn: null, opinionOutcome: null, commissionDecisionOn: null };
    const changed = new Set(TIMETABLE_FIELDS.filter((field) => timetable[field] !== null));
    throwIfProblems(timetableProblems(timetable, [], this.clock.today(), changed));
    const procedure = manager.create(Procedure, { productId: product.id, number: input.number, type: input.type, title: input.title, ...timetable });
    await manager.insert(Procedure, procedure);
    const saved = await this.getProcedure(manager, procedure.id, null);
    await this.audit.record(manager, actor, { entityType: 'procedure', entityId: saved.id, productId: saved.productId, action: 'create', after: saved });
    if (input.milestoneId !== undefined) {
      await this.linkAssessedMilestone(manager, actor, saved, product, input.milestoneId);
    }
    return this.get(manager, saved.id, null);
  }

  async get(manager: EntityManager, id: string, scope: ProductScope): Promise<ProcedureView> {
    const [view] = await this.views(manager, [await this.getProcedure(manager, id, scope)]);
    if (view === undefined) {
      throw new NotFoundError('procedure', id);
    }
    return view;
  }

  /** Procedures of a product (id or name), or all; not yet submitted first, then the latest submissions. */
  async list(manager: EntityManager, productIdOrName: string | undefined, scope: ProductScope): Promise<ProcedureView[]> {
    const where: FindOptionsWhere<Procedure> =
      productIdOrName !== undefined ? { productId: (await this.products.get(manager, productIdOrName, scope)).id } : scope === null ? {} : { productId: In(scope) };
    const procedures = await manager.find(Procedure, { where, order: { submittedOn: { direction: 'DESC', nulls: 'FIRST' }, number: 'ASC' } });
    return this.views(manager, procedures);
  }

  /** Records timetable dates as they happen; dates out of order are refused naming the field. */
  async updateTimetable(manager: EntityManager, actor: Actor, id: string, input: UpdateTimetableDto): Promise<ProcedureView> {
    const procedure = await this.getForUpdate(manager, id, actor.scope);
    const changed = new Set(TIMETABLE_FIELDS.filter((field) => input[field] !== undefined));
    if (changed.size === 0) {
      throw new InvalidInputError(`nothing to change: give at least one of ${TIMETABLE_FIELDS.join(', ')}`, [
        { field: TIMETABLE_FIELDS.join('|'), problem: 'at least one timetable date is required' },
      ]);
    }
    const next: Timetable = {
      submittedOn: input.submittedOn === undefined ? procedure.submittedOn : input.submittedOn,
      startedOn: input.startedOn === undefined ? procedure.startedOn : input.startedOn,
      opinionOn: input.opinionOn === undefined ? procedure.opinionOn : input.opinionOn,
      opinionOutcome: input.opinionOutcome === undefined ? procedure.opinionOutcome : input.opinionOutcome,
      commissionDecisionOn: input.commissionDecisionOn === undefined ? procedure.commissionDecisionOn : input.commissionDecisionOn,
    };
    const stops = await this.stopsOf(manager, [procedure.id]);
    throwIfProblems(timetableProblems(next, stops, this.clock.today(), changed));
    const open = stops.find((s) => s.restartedOn === null);
    if (open !== undefined && next.opinionOn !== null) {
      if (next.opinionOutcome !== 'withdrawn') {
        throw opinionWhileClockStopped(open);
      }
      await this.cancelResponses(manager, actor, open, `procedure ${procedure.number} withdrawn on ${next.opinionOn} while the clock was stopped: ${input.reason}`);
    }
    const before = { ...procedure };
    Object.assign(procedure, next);
    await manager.save(procedure);
    await this.audit.record(manager, actor, { entityType: 'procedure', entityId: procedure.id, productId: procedure.productId, action: 'timetable', before, after: procedure, reason: input.reason });
    return this.get(manager, procedure.id, null);
  }

  /** The regulator stops the clock with questions: the responses become a tracked deadline. */
  async stopClock(manager: EntityManager, actor: Actor, id: string, input: ClockStopDto): Promise<ProcedureView> {
    const procedure = await this.getForUpdate(manager, id, actor.scope);
    if (procedure.opinionOn !== null) {
      throw procedureConcluded(procedure.number, procedure.opinionOn);
    }
    const stops = await this.stopsOf(manager, [procedure.id]);
    const open = stops.find((s) => s.restartedOn === null);
    if (open !== undefined) {
      throw clockAlreadyStopped(open);
    }
    throwIfProblems(clockStopStartProblems(procedure, stops, input.kind, input.stoppedOn, this.clock.today()));
    const due = await this.responsesDue(manager, procedure, input);
    if (compareDates(due.dueDate, input.stoppedOn) < 0) {
      throw InvalidInputError.field('responsesDueOn', `${due.dueDate} is before stoppedOn (${input.stoppedOn})`);
    }
    const label = clockStopLabel(input.kind);
    const milestone = await this.milestones.create(manager, actor, {
      productId: procedure.productId,
      procedureId: procedure.id,
      kind: 'procedure-response',
      title: `Responses to the ${label} of ${input.stoppedOn} (${procedure.number})`,
      ...due,
    });
    const stop = manager.create(ProcedureClockStop, {
      procedureId: procedure.id,
      kind: input.kind,
      stoppedOn: input.stoppedOn,
      responsesDueOn: due.dueDate,
      restartedOn: null,
      responseMilestoneId: milestone.id,
    });
    await manager.insert(ProcedureClockStop, stop);
    const saved = await manager.findOneByOrFail(ProcedureClockStop, { id: stop.id });
    await this.audit.record(manager, actor, { entityType: 'procedure-clock-stop', entityId: saved.id, productId: procedure.productId, action: 'create', after: saved });
    return this.get(manager, procedure.id, null);
  }

  /** The responses are submitted and the clock restarts: the response milestone is submitted, on time or late. */
  async restartClock(manager: EntityManager, actor: Actor, id: string, stopId: string, input: RestartDto): Promise<ProcedureView> {
    const procedure = await this.getForUpdate(manager, id, actor.scope);
    const stop = await manager.findOne(ProcedureClockStop, { where: { id: stopId, procedureId: procedure.id }, lock: { mode: 'pessimistic_write' } });
    if (stop === null) {
      throw new NotFoundError(`clock stop of procedure ${procedure.number}`, stopId);
    }
    if (stop.restartedOn !== null) {
      throw clockAlreadyRestarted(stop);
    }
    if (procedure.opinionOn !== null) {
      throw procedureConcluded(procedure.number, procedure.opinionOn);
    }
    const today = this.clock.today();
    if (compareDates(input.restartedOn, today) > 0) {
      throw InvalidInputError.field('restartedOn', `${input.restartedOn} is after today (${today}); record the restart once the responses are submitted`);
    }
    if (compareDates(input.restartedOn, stop.stoppedOn) < 0) {
      throw InvalidInputError.field('restartedOn', `${input.restartedOn} is before the clock stopped (stoppedOn ${stop.stoppedOn})`);
    }
    const before = { ...stop };
    stop.restartedOn = input.restartedOn;
    await manager.save(stop);
    await this.audit.record(manager, actor, { entityType: 'procedure-clock-stop', entityId: stop.id, productId: procedure.productId, action: 'restart', before, after: stop });
    const milestone = await this.milestones.get(manager, stop.responseMilestoneId, null);
    if (isOpen(milestone.status)) {
      await this.milestones.transition(manager, actor, milestone.id, { status: 'submitted', submittedOn: input.restartedOn, submissionRef: procedure.number });
    }
    return this.get(manager, procedure.id, null);
  }

  private async getProcedure(manager: EntityManager, id: string, scope: ProductScope): Promise<Procedure> {
    const procedure = await manager.findOneBy(Procedure, { id });
    if (procedure === null || !inScope(scope, procedure.productId)) {
      throw new NotFoundError('procedure', id);
    }
    return procedure;
  }

  /** Locks the procedure row so that two clock stops or restarts cannot interleave. */
  private async getForUpdate(manager: EntityManager, id: string, scope: ProductScope): Promise<Procedure> {
    const procedure = await manager.findOne(Procedure, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (procedure === null || !inScope(scope, procedure.productId)) {
      throw new NotFoundError('procedure', id);
    }
    return procedure;
  }

  private stopsOf(manager: EntityManager, procedureIds: string[]): Promise<ProcedureClockStop[]> {
    return manager.find(ProcedureClockStop, { where: { procedureId: In(procedureIds) }, order: { stoppedOn: 'ASC', createdAt: 'ASC' } });
  }

  private async views(manager: EntityManager, procedures: Procedure[]): Promise<ProcedureView[]> {
    if (procedures.length === 0) {
      return [];
    }
    const ids = procedures.map((p) => p.id);
    const stops = await this.stopsOf(manager, ids);
    const milestones = await manager.find(Milestone, { where: { procedureId: In(ids) }, order: { dueDate: 'ASC', title: 'ASC' } });
    const today = this.clock.today();
    return procedures.map((procedure) => {
      // A stop left open by a withdrawal stops counting at the opinion.
      const openUntil = procedure.opinionOn ?? today;
      const clockStops = stops
        .filter((s) => s.procedureId === procedure.id)
        .map((stop) => {
          const responseMilestone = milestones.find((m) => m.id === stop.responseMilestoneId);
          if (responseMilestone === undefined) {
            throw new NotFoundError('response milestone', stop.responseMilestoneId);
          }
          return { stop, responseMilestone, open: stop.restartedOn === null && procedure.opinionOn === null, days: clockStopDays(stop, openUntil) };
        });
      return {
        procedure,
        state: procedureState(procedure, clockStops.map((c) => c.stop)),
        clockStops,
        clockStopDays: clockStops.reduce((sum, c) => sum + c.days, 0),
        assessedMilestones: milestones.filter((m) => m.procedureId === procedure.id && m.kind !== 'procedure-response'),
      };
    });
  }

  /** The regulator's date when given; otherwise validation questions in a CMA renewal: + 5 working days. */
  private async responsesDue(manager: EntityManager, procedure: Procedure, input: ClockStopDto): Promise<ResponsesDue> {
    const label = clockStopLabel(input.kind);
    if (input.responsesDueOn !== undefined) {
      return {
        dueDate: input.responsesDueOn,
        basis: 'regulator',
        ruleId: 'ANNEX-II',
        ruleSource: `${procedure.number} ${label} of ${input.stoppedOn}`,
        ruleExplanation: `Responses due ${input.responsesDueOn}, the date the regulator set in the ${label} of ${input.stoppedOn}`,
      };
    }
    if (input.kind !== 'validation-questions') {
      throw InvalidInputError.field('responsesDueOn', `is required for ${label} (the date the regulator set for the responses)`);
    }
    if (!(await this.isCmaRenewal(manager, procedure))) {
      throw validationAnswersNeedDate();
    }
    const derived = cmaValidationAnswersDue({ questionsReceived: input.stoppedOn, closures: await this.referenceData.closures(manager) });
    return {
      dueDate: derived.date,
      basis: 'computed',
      ruleId: derived.ruleId,
      ruleSource: derived.source,
      ruleExplanation: `${derived.explanation} (validation questions in ${procedure.number})`,
    };
  }

  private async isCmaRenewal(manager: EntityManager, procedure: Procedure): Promise<boolean> {
    if (procedure.type !== 'renewal') {
      return false;
    }
    const authorisation = await manager.findOneBy(MarketingAuthorisation, { productId: procedure.productId });
    return authorisation?.type === 'conditional';
  }

  private async cancelResponses(manager: EntityManager, actor: Actor, stop: ProcedureClockStop, reason: string): Promise<void> {
    const milestone = await this.milestones.get(manager, stop.responseMilestoneId, null);
    if (isOpen(milestone.status)) {
      await this.milestones.transition(manager, actor, milestone.id, { status: 'cancelled', reason });
    }
  }

  /** Records that this procedure assesses a milestone's submission (milestone.procedure_id). */
  private async linkAssessedMilestone(manager: EntityManager, actor: Actor, procedure: Procedure, product: Product, milestoneId: string): Promise<void> {
    const milestone = await manager.findOne(Milestone, { where: { id: milestoneId }, lock: { mode: 'pessimistic_write' } });
    if (milestone === null) {
      throw new NotFoundError('milestone', milestoneId);
    }
    if (milestone.productId !== product.id) {
      throw InvalidInputError.field('milestoneId', `milestone "${milestone.title}" belongs to another product, not ${product.name}`);
    }
    if (milestone.kind === 'procedure-response' || milestone.status === 'cancelled') {
      throw InvalidInputError.field('milestoneId', `milestone "${milestone.title}" (${milestone.kind}, ${milestone.status}) is not a submission a procedure assesses`);
    }
    if (milestone.procedureId !== null) {
      throw milestoneInOtherProcedure(milestone.id, milestone.procedureId);
    }
    const before = { ...milestone };
    milestone.procedureId = procedure.id;
    await manager.save(milestone);
    await this.audit.record(manager, actor, {
      entityType: 'milestone',
      entityId: milestone.id,
      productId: milestone.productId,
      action: 'assessed-in-procedure',
      before,
      after: milestone,
      reason: `assessed in procedure ${procedure.number}`,
    });
  }
}

function throwIfProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) {
    throw new InvalidInputError(problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
  }
}

/** A procedure number of a product starts with the product's EMA number (PSUSA numbers name the substance instead). */
function checkNumberBelongsTo(number: string, product: Product): void {
  if (product.emaProductNumber === null || number.startsWith('EMEA/H/C/PSUSA/')) {
    return;
  }
  if (!number.startsWith(`${product.emaProductNumber}/`)) {
    throw procedureNumberOfOtherProduct(number, product.name, product.emaProductNumber);
  }
}
