import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, inScope, ProductScope } from '../common/actor';
import { ConflictError, NotFoundError } from '../common/errors';
import { passFinalReport } from '../deadlines/engine/pass';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import { RULES } from '../deadlines/rules';
import { CreateMilestoneDto, PassFinalReportDto } from '../milestones/dto/milestone.dto';
import { Milestone } from '../milestones/milestone.entity';
import { MilestonesService } from '../milestones/milestones.service';
import { ProductsService } from '../products/products.service';
import { CreateObligationDto } from './dto/obligation.dto';
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
