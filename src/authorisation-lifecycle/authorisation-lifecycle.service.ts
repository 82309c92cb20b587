import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, ProductScope } from '../common/actor';
import { compareDates, type IsoDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { Obligation } from '../obligations/obligation.entity';
import { ObligationsService } from '../obligations/obligations.service';
import { AuthorisationEvent } from '../products/authorisation-event.entity';
import { AuthorisationScheduleService } from '../products/authorisation-schedule.service';
import { MarketingAuthorisation } from '../products/marketing-authorisation.entity';
import type { Product } from '../products/product.entity';
import { ProductsService } from '../products/products.service';
import { authorisationEnded, notConditional, notFiveYear, required } from './authorisation-lifecycle.errors';
import { type ConversionPath, conversionPath } from './conversion-path';
import type { OpenObligationDecisionDto, RecordAuthorisationEventDto } from './dto/authorisation-event.dto';

/**
 * What happens to a marketing authorisation after its grant (Reg (EC) No 726/2004 Art 14, 14-a): its conversion
 * from conditional to standard, the outcome of a five-year renewal, and its end. Each is an event kept for ever
 * (the type history) with its audit row, in the caller's transaction; the derived dates are re-planned at once
 * (annual renewals of a converted authorisation, and everything owed after an end, are cancelled with the reason).
 */
@Injectable()
export class AuthorisationLifecycleService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly schedule: AuthorisationScheduleService,
    private readonly obligations: ObligationsService,
  ) {}

  /** The type history: every event of the product's authorisation, oldest first. */
  async events(manager: EntityManager, productIdOrName: string, scope: ProductScope): Promise<{ product: Product; authorisation: MarketingAuthorisation; events: AuthorisationEvent[] }> {
    const product = await this.products.get(manager, productIdOrName, scope);
    const authorisation = await manager.findOneBy(MarketingAuthorisation, { productId: product.id });
    if (authorisation === null) {
      throw new NotFoundError('marketing authorisation of product', product.name);
    }
    const events = await manager.find(AuthorisationEvent, { where: { authorisationId: authorisation.id }, order: { decidedOn: 'ASC', recordedAt: 'ASC' } });
    return { product, authorisation, events };
  }

  async record(manager: EntityManager, actor: Actor, productIdOrName: string, input: RecordAuthorisationEventDto): Promise<AuthorisationEvent> {
    const product = await this.products.get(manager, productIdOrName, actor.scope);
    const authorisation = await manager.findOne(MarketingAuthorisation, { where: { productId: product.id }, lock: { mode: 'pessimistic_write' } });
    if (authorisation === null) {
      throw new NotFoundError('marketing authorisation of product', product.name);
    }
    if (authorisation.endedOn !== null) {
      throw authorisationEnded(product.name, authorisation.endedOn, authorisation.ending ?? 'ended');
    }
    this.checkDates(input, authorisation);
    const before = { ...authorisation };
    const event = manager.create(AuthorisationEvent, {
      authorisationId: authorisation.id,
      productId: product.id,
      event: input.event,
      fromType: authorisation.type,
      toType: authorisation.type,
      decisionRef: input.decisionRef ?? null,
      decidedOn: input.decidedOn,
      notifiedOn: input.notifiedOn ?? null,
      procedureRef: input.procedureRef ?? null,
      renewalCycle: null,
      renewalOutcome: null,
      expiry: input.expiry ?? null,
      expirySource: input.expiry === undefined ? null : (input.expirySource ?? null),
      reason: input.reason,
      recordedBy: actor.id,
      recordedOn: this.clock.today(),
    });
    switch (input.event) {
      case 'conversion':
        await this.convert(manager, actor, product, authorisation, input);
        event.toType = 'standard';
        break;
      case 'renewal-decision':
        Object.assign(event, await this.renewalDecision(manager, product, authorisation, input));
        break;
      case 'not-renewed':
      case 'withdrawn':
      case 'lapsed':
        if (input.event === 'not-renewed' && input.decisionRef === undefined) {
          throw required('decisionRef', 'a non-renewal', 'the Commission decision not to renew');
        }
        authorisation.endedOn = input.decidedOn;
        authorisation.ending = input.event;
        break;
    }
    await manager.save(authorisation);
    await manager.insert(AuthorisationEvent, event);
    await this.audit.record(manager, actor, { entityType: 'authorisation-event', entityId: event.id, productId: product.id, action: 'create', after: event, reason: input.reason });
    await this.audit.record(manager, actor, { entityType: 'marketing-authorisation', entityId: authorisation.id, productId: product.id, action: input.event, before, after: authorisation, reason: input.reason });
    await this.schedule.sync(manager, actor, product, authorisation, this.clock.today(), `${input.event}: ${input.reason}`);
    return event;
  }

  private checkDates(input: RecordAuthorisationEventDto, authorisation: MarketingAuthorisation): void {
    const today = this.clock.today();
    if (compareDates(input.decidedOn, today) > 0) {
      throw InvalidInputError.field('decidedOn', `${input.decidedOn} is after today (${today}): record a decision once it is taken`);
    }
    if (compareDates(input.decidedOn, authorisation.notifiedOn) < 0) {
      throw InvalidInputError.field('decidedOn', `${input.decidedOn} is before the authorisation was notified (${authorisation.notifiedOn})`);
    }
    if (input.notifiedOn !== undefined && (compareDates(input.notifiedOn, input.decidedOn) < 0 || compareDates(input.notifiedOn, today) > 0)) {
      throw InvalidInputError.field('notifiedOn', `${input.notifiedOn} must lie between the decision (${input.decidedOn}) and today (${today})`);
    }
    if ((input.expiry === undefined) !== (input.expirySource === undefined)) {
      throw InvalidInputError.field(input.expiry === undefined ? 'expiry' : 'expirySource', 'expiry and expirySource go together: the date and the decision or Union Register entry it comes from');
    }
  }

  /**
   * Conditional → standard: every specific obligation still open gets its decision (fulfilled, or re-categorised
   * with a reason), those fulfilled before stay as they were; the standard expiry is the decision's (or the Union
   * Register's) when given, else computed from the notification of the conversion, and said to be so.
   */
  private async convert(manager: EntityManager, actor: Actor, product: Product, authorisation: MarketingAuthorisation, input: RecordAuthorisationEventDto): Promise<void> {
    if (authorisation.type !== 'conditional') {
      throw notConditional(product.name, authorisation.type);
    }
    for (const [field, what] of [
      ['decisionRef', 'the Commission decision converting the authorisation'],
      ['notifiedOn', 'the day it was notified (the standard validity runs from it)'],
      ['procedureRef', 'the procedure that led to it'],
    ] as const) {
      if (input[field] === undefined) {
        throw required(field, 'a conversion', what);
      }
    }
    const decisions = await this.openObligationDecisions(manager, product, input.openObligations ?? []);
    for (const { obligation, decision } of decisions) {
      await this.obligations.update(manager, actor, obligation.id, {
        ...(decision.decision === 'fulfilled' ? { status: 'fulfilled' as const } : { category: decision.category }),
        reason: decision.reason,
        changeSource: 'conversion',
        procedureRef: input.procedureRef,
      });
    }
    authorisation.type = 'standard';
    authorisation.convertedOn = input.notifiedOn ?? null;
    // The conditional period's recorded expiry no longer applies; the conversion decision's does (it stays in the event and audit rows).
    authorisation.recordedExpiry = input.expiry ?? null;
    authorisation.recordedExpirySource = input.expiry === undefined ? null : (input.expirySource ?? null);
  }

  /** Each open specific obligation matched to its decision: none left out, none unknown, none already fulfilled, a category for each re-categorised one. */
  private async openObligationDecisions(manager: EntityManager, product: Product, given: readonly OpenObligationDecisionDto[]): Promise<{ obligation: Obligation; decision: OpenObligationDecisionDto }[]> {
    const all = await manager.find(Obligation, { where: { productId: product.id }, order: { reference: 'ASC' } });
    const find = (key: string): Obligation | undefined => all.find((o) => (isUUID(key, 'all') ? o.id === key : o.reference.toLowerCase() === key.trim().toLowerCase()));
    const matched = given.map((decision, index) => {
      const obligation = find(decision.obligation);
      if (obligation === undefined) {
        throw InvalidInputError.field(`openObligations[${index}].obligation`, `${decision.obligation}: no such obligation of ${product.name}`);
      }
      if (obligation.category !== 'SOB' || obligation.status !== 'open') {
        throw InvalidInputError.field(`openObligations[${index}].obligation`, `${obligation.reference} is not an open specific obligation (${obligation.category}, ${obligation.status}): it stays as it was`);
      }
      if (decision.decision === 'recategorised' && decision.category === undefined) {
        throw InvalidInputError.field(`openObligations[${index}].category`, `is required to re-categorise ${obligation.reference} (ANX, MEA, LEG or REC)`);
      }
      return { obligation, decision };
    });
    const open = all.filter((o) => o.category === 'SOB' && o.status === 'open');
    const missing = open.filter((o) => !matched.some((m) => m.obligation.id === o.id));
    if (missing.length > 0) {
      throw InvalidInputError.field('openObligations', `every open specific obligation needs a decision (fulfilled, or re-categorised with a reason); missing: ${missing.map((o) => o.reference).join(', ')}`);
    }
    const twice = matched.find((m, i) => matched.findIndex((n) => n.obligation.id === m.obligation.id) !== i);
    if (twice !== undefined) {
      throw InvalidInputError.field('openObligations', `${twice.obligation.reference} is given twice`);
    }
    return matched;
  }

  /** A five-year renewal decision (Art 14(3)): unlimited validity, or one — only one — additional five-year renewal. */
  private async renewalDecision(manager: EntityManager, product: Product, authorisation: MarketingAuthorisation, input: RecordAuthorisationEventDto): Promise<Partial<AuthorisationEvent>> {
    if (authorisation.type === 'conditional') {
      throw notFiveYear(product.name);
    }
    for (const [field, what] of [
      ['decisionRef', 'the Commission decision on the renewal'],
      ['procedureRef', 'the renewal procedure'],
      ['renewalOutcome', 'unlimited, or additional-five-year (Art 14(3))'],
    ] as const) {
      if (input[field] === undefined) {
        throw required(field, 'a renewal decision', what);
      }
    }
    const earlier = await manager.find(AuthorisationEvent, { where: { authorisationId: authorisation.id, event: 'renewal-decision' }, order: { renewalCycle: 'ASC' } });
    const cycle = input.renewalCycle ?? earlier.length + 1;
    if (earlier.some((e) => e.renewalCycle === cycle)) {
      throw InvalidInputError.field('renewalCycle', `the renewal of period ${cycle} is already decided`);
    }
    if (cycle === 2 && earlier.find((e) => e.renewalCycle === 1)?.renewalOutcome !== 'additional-five-year') {
      throw InvalidInputError.field('renewalCycle', 'a second five-year period exists only after a decision of one additional five-year renewal of the first');
    }
    if (cycle === 2 && input.renewalOutcome === 'additional-five-year') {
      throw InvalidInputError.field('renewalOutcome', 'Art 14(3) allows one additional five-year renewal only: the renewal of the second period gives unlimited validity');
    }
    return { renewalCycle: cycle, renewalOutcome: input.renewalOutcome ?? 'unlimited' };
  }

  /** The path to conversion: the product's specific obligations fulfilled or outstanding, with their dates. */
  async conversionPath(manager: EntityManager, productIdOrName: string, scope: ProductScope): Promise<{ product: Product; authorisation: MarketingAuthorisation | null; path: ConversionPath }> {
    const product = await this.products.get(manager, productIdOrName, scope);
    const authorisation = await manager.findOneBy(MarketingAuthorisation, { productId: product.id });
    const obligations = await manager.find(Obligation, { where: { productId: product.id, category: 'SOB' }, order: { reference: 'ASC' } });
    const milestones = await manager.query<{ obligation_id: string; title: string; due_date: IsoDate; status: string; submitted_on: IsoDate | null; outcome: string | null; outcome_on: IsoDate | null }[]>(
      `SELECT obligation_id, title, due_date::text, status, submitted_on::text, outcome, outcome_on::text FROM milestone WHERE product_id = $1 AND obligation_id = ANY($2::uuid[])`,
      [product.id, obligations.map((o) => o.id)],
    );
    const fulfilled = await manager.query<{ obligation_id: string; on: IsoDate }[]>(
      `SELECT obligation_id, max(effective_on)::text AS on FROM obligation_change WHERE product_id = $1 AND field = 'status' AND to_value = 'fulfilled' GROUP BY obligation_id`,
      [product.id],
    );
    const path = conversionPath({
      obligations: obligations.map((o) => ({ id: o.id, reference: o.reference, description: o.description, status: o.status })),
      milestones: milestones.map((m) => ({ obligationId: m.obligation_id, title: m.title, dueDate: m.due_date, status: m.status, submittedOn: m.submitted_on, outcome: m.outcome, outcomeOn: m.outcome_on })),
      fulfilledOn: new Map(fulfilled.map((f) => [f.obligation_id, f.on])),
      today: this.clock.today(),
    });
    return { product, authorisation, path };
  }
}
