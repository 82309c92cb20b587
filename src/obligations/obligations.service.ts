import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, inScope, ProductScope } from '../common/actor';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { passFinalReport } from '../deadlines/engine/pass';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import { RULES } from '../deadlines/rules';
import { CreateMilestoneDto, PassFinalReportDto } from '../milestones/dto/milestone.dto';
import { Milestone } from '../milestones/milestone.entity';
import { MilestonesService } from '../milestones/milestones.service';
import { ProductsService } from '../products/products.service';
import { CreateObligationDto, UpdateObligationDto } from './dto/obligation.dto';
import { ObligationChange, SOURCES_WITHOUT_PROCEDURE } from './obligation-change.entity';
import { type NewObligationChange, recordObligationChanges, studyIdsText } from './obligation-history';
import { Obligation, ObligationCategory, StudyType } from './obligation.entity';

export interface ObligationFilter {
  product?: string;
  category?: ObligationCategory;
  studyType?: StudyType;
}

/** Obligations (SOB / ANX / MEA / LEG / REC) with their verbatim text, studies and milestones. */
@Injectable()
export class ObligationsService {
  constructor(
    private readonly audit: AuditService,
    private readonly products: ProductsService,
    private readonly milestones: MilestonesService,
    private readonly referenceData: ReferenceDataService,
    private readonly clock: Clock,
  ) {}

  async get(manager: EntityManager, id: string, scope: ProductScope): Promise<Obligation> {
    const obligation = await manager.findOneBy(Obligation, { id });
    if (obligation === null || !inScope(scope, obligation.productId)) {
      throw new NotFoundError('obligation', id);
    }
    return obligation;
  }

  async list(manager: EntityManager, filter: ObligationFilter, scope: ProductScope): Promise<Obligation[]> {
    const productId = filter.product === undefined ? (scope === null ? undefined : In(scope)) : (await this.products.get(manager, filter.product, scope)).id;
    // TypeORM 1.x refuses undefined values in `where`: only the filters given are included.
    const where = Object.fromEntries(Object.entries({ productId, category: filter.category, studyType: filter.studyType }).filter(([, value]) => value !== undefined));
    return manager.find(Obligation, { where, order: { reference: 'ASC' } });
  }

  async milestonesOf(manager: EntityManager, obligationIds: string[]): Promise<Milestone[]> {
    if (obligationIds.length === 0) {
      return [];
    }
    return manager
      .getRepository(Milestone)
      .createQueryBuilder('m')
      .where('m.obligation_id IN (:...ids)', { ids: obligationIds })
      .orderBy('m.due_date', 'ASC')
      .addOrderBy('m.title', 'ASC')
      .getMany();
  }

  async create(manager: EntityManager, actor: Actor, input: CreateObligationDto): Promise<Obligation> {
    const product = await this.products.get(manager, input.product, actor.scope);
    const clash = await manager.findOneBy(Obligation, { productId: product.id, reference: input.reference });
    if (clash !== null) {
      throw new ConflictError('OBLIGATION_EXISTS', `${product.name} already has an obligation "${input.reference}"`, { reference: input.reference });
    }
    const { product: _product, ...fields } = input;
    const obligation = await manager.save(manager.create(Obligation, { ...fields, productId: product.id, studyIds: input.studyIds ?? [] }));
    await this.audit.record(manager, actor, { entityType: 'obligation', entityId: obligation.id, productId: obligation.productId, action: 'create', after: obligation });
    return obligation;
  }

  /**
   * Changes an obligation's text, status, category or study ids, through a procedure (its reference required)
   * or a regulator's letter or a correction: one history row per changed field and the audit row, in the
   * caller's transaction. Nothing changes without a reason, and a request that changes nothing is refused.
   */
  async update(manager: EntityManager, actor: Actor, id: string, input: UpdateObligationDto): Promise<Obligation> {
    if (input.procedureRef === undefined && !SOURCES_WITHOUT_PROCEDURE.includes(input.changeSource)) {
      throw InvalidInputError.field('procedureRef', `is required for a change through a ${input.changeSource} (e.g. EMEA/H/C/004827/II/0015)`);
    }
    const found = await manager.findOne(Obligation, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (found === null || !inScope(actor.scope, found.productId)) {
      throw new NotFoundError('obligation', id);
    }
    const before = { ...found, studyIds: [...found.studyIds] };
    const common = { productId: found.productId, obligationId: found.id, changeSource: input.changeSource, procedureRef: input.procedureRef ?? null, reason: input.reason };
    const changes: NewObligationChange[] = [];
    if (input.description !== undefined && input.description !== found.description) {
      changes.push({ ...common, field: 'description', from: found.description, to: input.description });
      found.description = input.description;
    }
    if (input.status !== undefined && input.status !== found.status) {
      changes.push({ ...common, field: 'status', from: found.status, to: input.status });
      found.status = input.status;
    }
    if (input.category !== undefined && input.category !== found.category) {
      changes.push({ ...common, field: 'category', from: found.category, to: input.category });
      found.category = input.category;
    }
    if (input.studyIds !== undefined && studyIdsText(input.studyIds) !== studyIdsText(found.studyIds)) {
      changes.push({ ...common, field: 'study-ids', from: studyIdsText(found.studyIds), to: studyIdsText(input.studyIds) });
      found.studyIds = [...input.studyIds];
    }
    if (changes.length === 0) {
      throw InvalidInputError.field('description', 'nothing to change: give a new description, status, category or study ids');
    }
    const saved = await manager.save(found);
    await recordObligationChanges(manager, actor, this.clock.today(), changes);
    await this.audit.record(manager, actor, { entityType: 'obligation', entityId: saved.id, productId: saved.productId, action: 'update', before, after: saved, reason: input.reason });
    return saved;
  }

  /** The history of an obligation and of its milestones' steps and outcomes, oldest first. */
  async history(manager: EntityManager, id: string, scope: ProductScope): Promise<ObligationChange[]> {
    await this.get(manager, id, scope);
    return manager.find(ObligationChange, { where: { obligationId: id }, order: { id: 'ASC' } });
  }

  /** A milestone whose date Annex II or the regulator gives, or the holder plans. */
  async addMilestone(manager: EntityManager, actor: Actor, obligationId: string, input: CreateMilestoneDto): Promise<Milestone> {
    const obligation = await this.get(manager, obligationId, actor.scope);
    const rule = RULES['ANNEX-II'];
    return this.milestones.create(manager, actor, {
      productId: obligation.productId,
      obligationId: obligation.id,
      kind: 'obligation',
      title: input.title,
      dueDate: input.dueDate,
      basis: input.basis,
      ruleId: rule.id,
      ruleSource: input.source ?? rule.source,
      ruleExplanation: rule.title,
      owner: input.owner ?? obligation.owner,
    });
  }

  /** The final report of an imposed PASS (end of data collection + 12 months) and its waiver-request date. */
  async addPassFinalReport(manager: EntityManager, actor: Actor, obligationId: string, input: PassFinalReportDto): Promise<Milestone[]> {
    const obligation = await this.get(manager, obligationId, actor.scope);
    const dates = passFinalReport({ endOfDataCollection: input.endOfDataCollection, closures: await this.referenceData.closures(manager) });
    const common = { productId: obligation.productId, obligationId: obligation.id, basis: 'computed' as const, owner: input.owner ?? obligation.owner };
    return [
      await this.milestones.create(manager, actor, {
        ...common,
        kind: 'pass-final-report',
        title: `PASS final report (${obligation.reference})`,
        dueDate: dates.finalReportDue.date,
        ruleId: dates.finalReportDue.ruleId,
        ruleSource: dates.finalReportDue.source,
        ruleExplanation: dates.finalReportDue.explanation,
      }),
      await this.milestones.create(manager, actor, {
        ...common,
        kind: 'pass-waiver-request',
        title: `Last day to request a waiver of the PASS final report (${obligation.reference})`,
        dueDate: dates.waiverRequestBy.date,
        ruleId: dates.waiverRequestBy.ruleId,
        ruleSource: dates.waiverRequestBy.source,
        ruleExplanation: dates.waiverRequestBy.explanation,
      }),
    ];
  }
}
