import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, inScope, ProductScope } from '../common/actor';
import { productScopeForbids } from '../auth/auth.errors';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import type { RenewalCycleView } from '../deadlines/authorisation-schedule';
import { cmaValidity, CmaValidityStatus } from '../deadlines/engine/authorisation-renewal';
import { Milestone } from '../milestones/milestone.entity';
import { AuthorisationDates, AuthorisationScheduleService, RenewalDates } from './authorisation-schedule.service';
import { CreateProductDto, UpdateAuthorisationDto } from './dto/product.dto';
import { type AuthorisationEnding, MarketingAuthorisation } from './marketing-authorisation.entity';
import { Product } from './product.entity';
import { expirySourceMissing, productNameTaken } from './products.errors';

export interface Validity {
  status: CmaValidityStatus | 'valid-unlimited' | AuthorisationEnding;
  explanation: string;
  currentExpiry: string | null;
}

export interface ProductWithAuthorisation {
  product: Product;
  authorisation: MarketingAuthorisation | null;
}

/** The renewal period in force of a conditional marketing authorisation: its validity and the renewal it waits for. */
export interface RenewalWindow {
  product: Product;
  authorisation: MarketingAuthorisation;
  validity: Validity;
  /** The renewal cycle whose expiry is the current one; null when none is (renewed without limit, ended). */
  renewal: RenewalCycleView | null;
  milestoneId: string | null;
}

export interface ProductDetail extends ProductWithAuthorisation {
  dates: AuthorisationDates | null;
  validity: Validity | null;
  milestones: Milestone[];
}

/** Products and their marketing authorisations, with every date that follows from them. */
@Injectable()
export class ProductsService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly schedule: AuthorisationScheduleService,
  ) {}

  async list(manager: EntityManager, scope: ProductScope): Promise<ProductWithAuthorisation[]> {
    const products = (await manager.find(Product, { order: { name: 'ASC' } })).filter((product) => inScope(scope, product.id));
    const authorisations = await manager.find(MarketingAuthorisation);
    return products.map((product) => ({ product, authorisation: authorisations.find((a) => a.productId === product.id) ?? null }));
  }

  /** A product by id or by name (case-insensitive); a product outside the caller's scope does not exist for them. */
  async get(manager: EntityManager, idOrName: string, scope: ProductScope): Promise<Product> {
    const product = isUUID(idOrName, 'all')
      ? await manager.findOneBy(Product, { id: idOrName })
      : await manager.getRepository(Product).createQueryBuilder('p').where('lower(p.name) = lower(:name)', { name: idOrName }).getOne();
    if (product === null || !inScope(scope, product.id)) {
      throw new NotFoundError('product', idOrName);
    }
    return product;
  }

  async detail(manager: EntityManager, idOrName: string, scope: ProductScope): Promise<ProductDetail> {
    const product = await this.get(manager, idOrName, scope);
    const authorisation = await manager.findOneBy(MarketingAuthorisation, { productId: product.id });
    const milestones = await manager.find(Milestone, { where: { productId: product.id }, order: { dueDate: 'ASC', title: 'ASC' } });
    if (authorisation === null) {
      return { product, authorisation, dates: null, validity: null, milestones };
    }
    const today = this.clock.today();
    const dates = await this.schedule.compute(manager, product, authorisation, today);
    return { product, authorisation, dates, validity: validityOf(authorisation, dates, milestones, today), milestones };
  }

  /**
   * The next renewal window of each conditional marketing authorisation in the caller's scope, computed as the
   * product page computes it (same schedule and validity), in four queries whatever the number of products (no PSURs computed).
   */
  async renewalWindows(manager: EntityManager, scope: ProductScope): Promise<RenewalWindow[]> {
    const today = this.clock.today();
    const cmas = (await this.list(manager, scope)).flatMap(({ product, authorisation }) => (authorisation?.type === 'conditional' ? [{ product, authorisation }] : []));
    if (cmas.length === 0) {
      return [];
    }
    // `cycle IS NOT NULL` lets the partial unique index (authorisation, kind, cycle) find them (no scan of all milestones).
    const renewals = await manager.find(Milestone, { where: { authorisationId: In(cmas.map((c) => c.authorisation.id)), kind: 'cma-renewal', cycle: Not(IsNull()) } });
    const schedules = await this.schedule.renewalsOf(manager, cmas.map((c) => c.authorisation), today);
    return cmas.flatMap(({ product, authorisation }) => {
      const dates = schedules.get(authorisation.id);
      if (dates === undefined) {
        return [];
      }
      const milestones = renewals.filter((m) => m.authorisationId === authorisation.id);
      const validity = validityOf(authorisation, dates, milestones, today);
      const renewal = dates.renewals.find((r) => r.expiry.date === validity.currentExpiry) ?? null;
      const milestoneId = renewal === null ? null : (milestones.find((m) => m.cycle === renewal.cycle)?.id ?? null);
      return [{ product, authorisation, validity, renewal, milestoneId }];
    });
  }

  async create(manager: EntityManager, actor: Actor, input: CreateProductDto): Promise<ProductDetail> {
    if (actor.scope !== null) {
      throw productScopeForbids('register a new product');
    }
    const taken = await manager.getRepository(Product).createQueryBuilder('p').where('lower(p.name) = lower(:name)', { name: input.name }).getExists();
    if (taken) {
      throw productNameTaken(input.name);
    }
    const { authorisation: authorisationInput, ...productInput } = input;
    const product = await manager.save(manager.create(Product, productInput));
    const authorisation = await manager.save(manager.create(MarketingAuthorisation, { ...authorisationInput, productId: product.id }));
    await this.audit.record(manager, actor, { entityType: 'product', entityId: product.id, productId: product.id, action: 'create', after: product });
    await this.audit.record(manager, actor, { entityType: 'marketing-authorisation', entityId: authorisation.id, productId: product.id, action: 'create', after: authorisation });
    await this.schedule.sync(manager, actor, product, authorisation, this.clock.today(), 'authorisation recorded');
    return this.detail(manager, product.id, null);
  }

  async updateAuthorisation(manager: EntityManager, actor: Actor, productIdOrName: string, input: UpdateAuthorisationDto): Promise<ProductDetail> {
    const product = await this.get(manager, productIdOrName, actor.scope);
    const authorisation = await manager.findOne(MarketingAuthorisation, { where: { productId: product.id }, lock: { mode: 'pessimistic_write' } });
    if (authorisation === null) {
      throw new NotFoundError('marketing authorisation of product', product.name);
    }
    const before = { ...authorisation };
    if (input.recordedExpiry !== undefined) {
      if (input.recordedExpiry !== null && input.recordedExpirySource === undefined) {
        throw expirySourceMissing();
      }
      authorisation.recordedExpiry = input.recordedExpiry;
      authorisation.recordedExpirySource = input.recordedExpiry === null ? null : (input.recordedExpirySource ?? null);
    }
    if (input.marketedOn !== undefined) {
      authorisation.marketedOn = input.marketedOn;
    }
    await manager.save(authorisation);
    await this.audit.record(manager, actor, { entityType: 'marketing-authorisation', entityId: authorisation.id, productId: product.id, action: 'update', before, after: authorisation, reason: input.reason });
    await this.schedule.sync(manager, actor, product, authorisation, this.clock.today(), input.reason);
    return this.detail(manager, product.id, actor.scope);
  }
}

/**
 * The validity period in force: the first renewal cycle not yet renewed. A renewal milestone's outcome
 * "fulfilled" records the Commission's renewal decision; "not-fulfilled" a refusal.
 */
function validityOf(authorisation: MarketingAuthorisation, dates: RenewalDates, milestones: Milestone[], today: string): Validity {
  if (authorisation.endedOn !== null && authorisation.ending !== null) {
    const words = { 'not-renewed': 'not renewed', withdrawn: 'withdrawn', lapsed: 'lapsed (Reg 726/2004 Art 14(4)–(5))' }[authorisation.ending];
    return { status: authorisation.ending, explanation: `The authorisation ended on ${authorisation.endedOn}: ${words}.`, currentExpiry: null };
  }
  const kind = authorisation.type === 'conditional' ? 'cma-renewal' : 'standard-renewal';
  for (const renewal of dates.renewals) {
    const milestone = milestones.find((m) => m.kind === kind && m.cycle === renewal.cycle && m.authorisationId === authorisation.id);
    // Renewed: the Commission's five-year renewal decision is recorded, or the renewal milestone's outcome says so.
    if (milestone?.outcome === 'fulfilled' || (kind === 'standard-renewal' && dates.renewalDecisions.some((d) => d.cycle === renewal.cycle))) {
      continue;
    }
    const refusedOn = milestone?.outcome === 'not-fulfilled' ? milestone.outcomeOn : null;
    const result = cmaValidity({
      expiry: renewal.expiry.date,
      renewalSubmittedOn: milestone?.submittedOn ?? null,
      renewalDue: renewal.applicationDue.date,
      commissionDecisionOn: refusedOn,
      today,
    });
    return { ...result, currentExpiry: renewal.expiry.date };
  }
  return {
    status: 'valid-unlimited',
    explanation:
      authorisation.type === 'exceptional-circumstances'
        ? 'Renewed: valid without limit (Reg 726/2004 Art 14(3)); its continuation stays linked to the annual reassessment of its conditions (Art 14(8))'
        : authorisation.type === 'standard' && dates.renewalDecisions.length > 0
          ? 'Renewed: valid without limit (Reg 726/2004 Art 14(3))'
          : 'Renewed; no further renewal computed within the horizon',
    currentExpiry: null,
  };
}
