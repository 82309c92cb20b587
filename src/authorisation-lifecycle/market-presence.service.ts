import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, ProductScope } from '../common/actor';
import { addYears, compareDates, type IsoDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import { cessationNoticeDue, type SunsetView } from '../deadlines/engine/sunset-clause';
import { Milestone } from '../milestones/milestone.entity';
import { MilestonesService } from '../milestones/milestones.service';
import { AuthorisationScheduleService } from '../products/authorisation-schedule.service';
import { MarketPresenceEvent } from '../products/market-presence-event.entity';
import { MarketingAuthorisation } from '../products/marketing-authorisation.entity';
import type { Product } from '../products/product.entity';
import { ProductsService } from '../products/products.service';
import { authorisationEnded, required } from './authorisation-lifecycle.errors';
import type { RecordMarketPresenceDto } from './dto/market-presence.dto';

export interface MarketPresence {
  product: Product;
  sunset: SunsetView;
  events: MarketPresenceEvent[];
}

/** How far ahead a planned cessation may be recorded. */
const PLANNED_CESSATION_YEARS = 3;

/**
 * The product's presence on the market of each member state and the Art 14(6) exemptions (Reg 726/2004 Art 13(4),
 * 14(4)–(6)). Each record is kept for ever with its audit row, in the caller's transaction; a cessation gets its
 * notice to the Agency as a milestone (due 2 months before), and the sunset-clause milestone is re-planned.
 */
@Injectable()
export class MarketPresenceService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly schedule: AuthorisationScheduleService,
    private readonly milestones: MilestonesService,
    private readonly referenceData: ReferenceDataService,
  ) {}

  async view(manager: EntityManager, productIdOrName: string, scope: ProductScope): Promise<MarketPresence> {
    const product = await this.products.get(manager, productIdOrName, scope);
    const authorisation = await this.authorisationOf(manager, product, false);
    const dates = await this.schedule.compute(manager, product, authorisation, this.clock.today());
    const events = await manager.find(MarketPresenceEvent, { where: { productId: product.id }, order: { on: 'ASC', recordedAt: 'ASC' } });
    return { product, sunset: dates.sunset, events };
  }

  async record(manager: EntityManager, actor: Actor, productIdOrName: string, input: RecordMarketPresenceDto): Promise<MarketPresenceEvent> {
    const product = await this.products.get(manager, productIdOrName, actor.scope);
    const authorisation = await this.authorisationOf(manager, product, true);
    if (authorisation.endedOn !== null) {
      throw authorisationEnded(product.name, authorisation.endedOn, authorisation.ending ?? 'ended');
    }
    const earlier = await manager.find(MarketPresenceEvent, { where: { productId: product.id }, order: { on: 'ASC', recordedAt: 'ASC' } });
    this.check(input, authorisation, earlier);
    const event = manager.create(MarketPresenceEvent, {
      productId: product.id,
      kind: input.kind,
      memberState: input.memberState ?? null,
      on: input.on,
      until: input.until ?? null,
      decisionRef: input.decisionRef ?? null,
      noticeMilestoneId: input.kind === 'ceased' ? (await this.cessationNotice(manager, actor, product, authorisation, input)).id : null,
      reason: input.reason,
      recordedBy: actor.id,
      recordedOn: this.clock.today(),
    });
    await manager.insert(MarketPresenceEvent, event);
    await this.audit.record(manager, actor, { entityType: 'market-presence-event', entityId: event.id, productId: product.id, action: 'create', after: event, reason: input.reason });
    if (input.kind === 'placed' && (authorisation.marketedOn === null || compareDates(input.on, authorisation.marketedOn) < 0)) {
      // The first placing on the market anywhere in the Union is the authorisation's marketing date (PSUR default cycle).
      const before = { ...authorisation };
      authorisation.marketedOn = input.on;
      await manager.save(authorisation);
      await this.audit.record(manager, actor, { entityType: 'marketing-authorisation', entityId: authorisation.id, productId: product.id, action: 'update', before, after: authorisation, reason: input.reason });
    }
    await this.schedule.sync(manager, actor, product, authorisation, this.clock.today(), `${input.kind} ${input.memberState ?? ''} ${input.on}: ${input.reason}`.replace(/\s+/g, ' '));
    return event;
  }

  private async authorisationOf(manager: EntityManager, product: Product, lock: boolean): Promise<MarketingAuthorisation> {
    const authorisation = await manager.findOne(MarketingAuthorisation, { where: { productId: product.id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (authorisation === null) {
      throw new NotFoundError('marketing authorisation of product', product.name);
    }
    return authorisation;
  }

  private check(input: RecordMarketPresenceDto, authorisation: MarketingAuthorisation, earlier: readonly MarketPresenceEvent[]): void {
    const today = this.clock.today();
    if (compareDates(input.on, authorisation.notifiedOn) < 0) {
      throw InvalidInputError.field('on', `${input.on} is before the authorisation was notified (${authorisation.notifiedOn})`);
    }
    if (input.kind === 'exemption') {
      this.checkExemption(input, today);
      return;
    }
    if (input.memberState === undefined) {
      throw required('memberState', `a record of the product ${input.kind === 'placed' ? 'placed on' : 'ceasing to be on'} the market`, 'the member state (e.g. DE; Greece EL)');
    }
    for (const field of ['until', 'decisionRef'] as const) {
      if (input[field] !== undefined) {
        throw InvalidInputError.field(field, 'belongs to an exemption only');
      }
    }
    const latest = input.kind === 'placed' ? today : addYears(today, PLANNED_CESSATION_YEARS);
    if (compareDates(input.on, latest) > 0) {
      throw InvalidInputError.field('on', input.kind === 'placed' ? `${input.on} is after today (${today}): record a placing once it has happened` : `${input.on} is more than ${PLANNED_CESSATION_YEARS} years ahead`);
    }
    const marketed = marketedIn(earlier, input.on, input.memberState);
    if (input.kind === 'placed' && marketed) {
      throw new ConflictError('ALREADY_ON_MARKET', `the product is already on the market in ${input.memberState} on ${input.on}`, { memberState: input.memberState, on: input.on });
    }
    if (input.kind === 'ceased' && !marketed) {
      throw new ConflictError('NOT_ON_MARKET', `the product is not on the market in ${input.memberState} on ${input.on}: record where and when it was placed on the market first`, { memberState: input.memberState, on: input.on });
    }
    if (input.notifiedOn !== undefined && (input.kind !== 'ceased' || compareDates(input.notifiedOn, today) > 0)) {
      throw InvalidInputError.field('notifiedOn', input.kind !== 'ceased' ? 'belongs to a cessation only' : `${input.notifiedOn} is after today (${today})`);
    }
  }

  private checkExemption(input: RecordMarketPresenceDto, today: IsoDate): void {
    if (input.memberState !== undefined || input.notifiedOn !== undefined) {
      throw InvalidInputError.field(input.memberState !== undefined ? 'memberState' : 'notifiedOn', 'does not belong to an exemption, which covers the whole Union');
    }
    if (input.decisionRef === undefined) {
      throw required('decisionRef', 'an exemption', 'the Commission decision granting it (Art 14(6))');
    }
    if (compareDates(input.on, today) > 0) {
      throw InvalidInputError.field('on', `${input.on} is after today (${today}): record an exemption once it is granted`);
    }
    if (input.until !== undefined && compareDates(input.until, input.on) < 0) {
      throw InvalidInputError.field('until', `${input.until} is before the exemption was granted (${input.on})`);
    }
  }

  /** The notice to the Agency, due 2 months before the cessation (Art 13(4)); submitted at once when already given. */
  private async cessationNotice(manager: EntityManager, actor: Actor, product: Product, authorisation: MarketingAuthorisation, input: RecordMarketPresenceDto): Promise<Milestone> {
    const memberState = input.memberState ?? '';
    const due = cessationNoticeDue({ ceasesOn: input.on, memberState, closures: await this.referenceData.closures(manager) });
    const cycle = (await manager.count(Milestone, { where: { authorisationId: authorisation.id, kind: 'cessation-notice' } })) + 1;
    const milestone = await this.milestones.create(manager, actor, {
      productId: product.id,
      authorisationId: authorisation.id,
      kind: 'cessation-notice',
      cycle,
      title: `Notify EMA: ${product.name} ceases to be marketed in ${memberState} on ${input.on} (Art 13(4))`,
      dueDate: due.date,
      basis: 'computed',
      ruleId: due.ruleId,
      ruleSource: due.source,
      ruleExplanation: due.explanation,
      illustrative: authorisation.illustrative,
    });
    if (input.notifiedOn === undefined) {
      return milestone;
    }
    return this.milestones.transition(manager, actor, milestone.id, { status: 'submitted', submittedOn: input.notifiedOn, submissionRef: `cessation notice ${memberState} ${input.on}` });
  }
}

/** Whether the product is on the market in a member state on a day, from the records before it. */
function marketedIn(events: readonly MarketPresenceEvent[], on: IsoDate, memberState: string): boolean {
  let present = false;
  for (const event of events.filter((e) => e.memberState === memberState && compareDates(e.on, on) <= 0)) {
    present = event.kind === 'placed';
  }
  return present;
}
