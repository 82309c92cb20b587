import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor } from '../common/actor';
import { addYears, IsoDate } from '../common/calendar-date';
import { authorisationSchedule, PsurView, ReassessmentView, RenewalCycleView, renewalSchedule, ScheduleInput } from '../deadlines/authorisation-schedule';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import type { ClosureDay } from '../deadlines/engine/derived-date';
import type { RenewalDecision } from '../deadlines/engine/five-year-renewal';
import { sunsetClause, type SunsetView } from '../deadlines/engine/sunset-clause';
import type { EurdEntry } from '../deadlines/eurd-entry.entity';
import { Milestone, MilestoneKind } from '../milestones/milestone.entity';
import { isOpen } from '../milestones/milestone-workflow';
import { MilestonesService } from '../milestones/milestones.service';
import { AuthorisationEvent } from './authorisation-event.entity';
import { MarketPresenceEvent } from './market-presence-event.entity';
import { MarketingAuthorisation } from './marketing-authorisation.entity';
import { Product } from './product.entity';

/** A derived date's explanation, with the assumption it rests on when it has one (the user must see it). */
function explained(due: RenewalCycleView['applicationDue']): string {
  return due.assumption === undefined ? due.explanation : `${due.explanation}. Assumption: ${due.assumption}`;
}

/** How far ahead renewal and PSUR milestones are materialised. */
const HORIZON_YEARS = 2;

export interface AuthorisationDates {
  renewals: RenewalCycleView[];
  psurs: PsurView[];
  reassessments: ReassessmentView[];
  /** The Commission's decisions on five-year renewals (a renewed period is no longer the one in force). */
  renewalDecisions: RenewalDecision[];
  /** Where the product stands under the sunset clause (Art 14(4)–(6)). */
  sunset: SunsetView;
}

function toRenewalDecision(e: AuthorisationEvent): RenewalDecision {
  return {
    cycle: e.renewalCycle ?? 1,
    outcome: e.renewalOutcome ?? 'unlimited',
    expiry: e.expiry === null ? null : { date: e.expiry, source: e.expirySource ?? e.decisionRef ?? 'Commission decision' },
  };
}

function scheduleInput(authorisation: MarketingAuthorisation, eurd: EurdEntry | null, renewalDecisions: RenewalDecision[], closures: ClosureDay[], today: IsoDate): ScheduleInput {
  return {
    type: authorisation.type,
    notifiedOn: authorisation.notifiedOn,
    recordedExpiry:
      authorisation.recordedExpiry === null ? null : { date: authorisation.recordedExpiry, source: authorisation.recordedExpirySource ?? 'Commission decision' },
    marketedOn: authorisation.marketedOn,
    eurd: eurd === null ? null : { frequencyMonths: eurd.frequencyMonths, firstDlp: eurd.firstDlp, effectiveFrom: eurd.effectiveFrom, source: eurd.source },
    convertedOn: authorisation.convertedOn,
    renewalDecisions,
    endedOn: authorisation.endedOn,
    horizon: addYears(today, HORIZON_YEARS),
    closures,
  };
}

function scheduleOf(authorisation: MarketingAuthorisation, eurd: EurdEntry | null, renewalDecisions: RenewalDecision[], closures: ClosureDay[], today: IsoDate): Omit<AuthorisationDates, 'sunset'> {
  return { ...authorisationSchedule(scheduleInput(authorisation, eurd, renewalDecisions, closures, today)), renewalDecisions };
}

/** What validity needs: the renewal cycles and the Commission's renewal decisions. */
export type RenewalDates = Pick<AuthorisationDates, 'renewals' | 'renewalDecisions'>;

/**
 * Derives an authorisation's renewal and PSUR dates and keeps them as milestones, so that they are listed,
 * reminded and tracked like every other deadline. A recomputed date moves an open milestone with a
 * history row; submitted ones are never touched.
 */
@Injectable()
export class AuthorisationScheduleService {
  constructor(
    private readonly referenceData: ReferenceDataService,
    private readonly milestones: MilestonesService,
  ) {}

  async compute(manager: EntityManager, product: Product, authorisation: MarketingAuthorisation, today: IsoDate): Promise<AuthorisationDates> {
    const eurd = await this.referenceData.eurdFor(manager, product.activeSubstance, today);
    const events = await manager.find(AuthorisationEvent, { where: { authorisationId: authorisation.id, event: 'renewal-decision' }, order: { renewalCycle: 'ASC' } });
    const closures = await this.referenceData.closures(manager);
    const presence = await manager.find(MarketPresenceEvent, { where: { productId: product.id }, order: { on: 'ASC', recordedAt: 'ASC' } });
    const sunset = sunsetClause({
      grantedOn: authorisation.notifiedOn,
      marketedOn: authorisation.marketedOn,
      events: presence.map((e) => ({ kind: e.kind, memberState: e.memberState, on: e.on, until: e.until, decisionRef: e.decisionRef })),
      today,
      closures,
    });
    return { ...scheduleOf(authorisation, eurd, events.map(toRenewalDecision), closures, today), sunset };
  }

  /**
   * The renewal cycles of many authorisations (as `compute` gives them) with two queries in all (closure days,
   * renewal decisions) instead of three per authorisation; PSURs and reassessments are not computed.
   */
  async renewalsOf(manager: EntityManager, authorisations: MarketingAuthorisation[], today: IsoDate): Promise<Map<string, RenewalDates>> {
    const found = new Map<string, RenewalDates>();
    if (authorisations.length === 0) {
      return found;
    }
    const closures = await this.referenceData.closures(manager);
    const events = await manager.find(AuthorisationEvent, {
      where: { authorisationId: In(authorisations.map((a) => a.id)), event: 'renewal-decision' },
      order: { renewalCycle: 'ASC' },
    });
    for (const authorisation of authorisations) {
      const renewalDecisions = events.filter((e) => e.authorisationId === authorisation.id).map(toRenewalDecision);
      found.set(authorisation.id, { renewals: renewalSchedule(scheduleInput(authorisation, null, renewalDecisions, closures, today)), renewalDecisions });
    }
    return found;
  }

  async sync(manager: EntityManager, actor: Actor, product: Product, authorisation: MarketingAuthorisation, today: IsoDate, reason: string): Promise<AuthorisationDates> {
    const dates = await this.compute(manager, product, authorisation, today);
    const renewalKind: MilestoneKind = authorisation.type === 'conditional' ? 'cma-renewal' : 'standard-renewal';
    for (const renewal of dates.renewals) {
      await this.upsert(manager, actor, product, authorisation, renewalKind, renewal.cycle, `Renewal application ${renewal.cycle} (expiry ${renewal.expiry.date})`, renewal.applicationDue, reason);
    }
    for (const reassessment of dates.reassessments) {
      await this.upsert(manager, actor, product, authorisation, 'annual-reassessment', reassessment.cycle, `Annual reassessment ${reassessment.cycle} (anniversary ${reassessment.anniversary.date})`, reassessment.applicationDue, reason);
    }
    for (const psur of dates.psurs) {
      await this.upsert(manager, actor, product, authorisation, 'psur', psur.cycle, `PSUR ${psur.cycle} (DLP ${psur.dlp.date})`, psur.submissionDue, reason);
    }
    await this.syncSunset(manager, actor, product, authorisation, dates.sunset, reason);
    await this.cancelWhatNoLongerApplies(manager, actor, authorisation, dates);
    return dates;
  }

  /**
   * The last day to place (or return) the product on the market is a milestone while the sunset clause runs; it is
   * cancelled with the reason once the product is on the market, exempted or the authorisation has ended, and a
   * later absence opens a new one (the cancelled one stays).
   */
  private async syncSunset(manager: EntityManager, actor: Actor, product: Product, authorisation: MarketingAuthorisation, view: SunsetView, reason: string): Promise<void> {
    const all = await manager.find(Milestone, { where: { authorisationId: authorisation.id, kind: 'sunset' }, order: { cycle: 'ASC' } });
    const open = all.find((m) => isOpen(m.status)) ?? null;
    const applies = view.sunset !== null && view.exemption === null && authorisation.endedOn === null;
    if (applies && view.sunset !== null) {
      const title =
        view.sunset.ruleId === 'SUNSET-NOT-PLACED'
          ? `Sunset clause: place ${product.name} on the market in a member state by ${view.sunset.date}`
          : `Sunset clause: return ${product.name} to the market in a member state by ${view.sunset.date}`;
      const cycle = open?.cycle ?? Math.max(0, ...all.map((m) => m.cycle ?? 0)) + 1;
      await this.upsert(manager, actor, product, authorisation, 'sunset', cycle, title, view.sunset, reason);
      return;
    }
    if (open === null) {
      return;
    }
    const why =
      authorisation.endedOn !== null
        ? `the authorisation ended on ${authorisation.endedOn}`
        : view.exemption !== null
          ? `exempted from the sunset clause under Art 14(6) from ${view.exemption.on}${view.exemption.decisionRef === null ? '' : ` (${view.exemption.decisionRef})`}`
          : `on the market${view.marketedIn.length > 0 ? ` in ${view.marketedIn.join(', ')}` : ''} since ${view.firstPlacedOn ?? 'a recorded date'}: the sunset clause does not run`;
    await this.milestones.transition(manager, actor, open.id, { status: 'cancelled', reason: why });
  }

  /**
   * Open milestones the authorisation no longer owes, cancelled with the reason (never deleted): the annual
   * renewals of a conditional authorisation converted into a standard one, and everything derived from an
   * authorisation that has ended.
   */
  private async cancelWhatNoLongerApplies(manager: EntityManager, actor: Actor, authorisation: MarketingAuthorisation, dates: AuthorisationDates): Promise<void> {
    const open = (await manager.find(Milestone, { where: { authorisationId: authorisation.id }, order: { dueDate: 'ASC' } })).filter((m) => isOpen(m.status));
    const keep = new Set<string>([
      ...dates.renewals.map((r) => `${authorisation.type === 'conditional' ? 'cma-renewal' : 'standard-renewal'}/${r.cycle}`),
      ...dates.reassessments.map((r) => `annual-reassessment/${r.cycle}`),
      ...dates.psurs.map((p) => `psur/${p.cycle}`),
    ]);
    // Sunset and cessation-notice milestones are kept by syncSunset and the market-presence records.
    const ownLife = new Set<string>(['sunset', 'cessation-notice']);
    for (const milestone of open) {
      if (keep.has(`${milestone.kind}/${milestone.cycle ?? ''}`) || (ownLife.has(milestone.kind) && authorisation.endedOn === null)) {
        continue;
      }
      const why =
        authorisation.endedOn !== null
          ? `the authorisation ended on ${authorisation.endedOn} (${authorisation.ending ?? 'ended'}): nothing is due after it`
          : milestone.kind === 'cma-renewal' && authorisation.convertedOn !== null
            ? `converted into a standard marketing authorisation (notified ${authorisation.convertedOn}): no more annual renewals`
            : null;
      if (why !== null) {
        await this.milestones.transition(manager, actor, milestone.id, { status: 'cancelled', reason: why });
      }
    }
  }

  private async upsert(
    manager: EntityManager,
    actor: Actor,
    product: Product,
    authorisation: MarketingAuthorisation,
    kind: MilestoneKind,
    cycle: number,
    title: string,
    due: RenewalCycleView['applicationDue'],
    reason: string,
  ): Promise<void> {
    const existing = await manager.findOne(Milestone, { where: { authorisationId: authorisation.id, kind, cycle }, lock: { mode: 'pessimistic_write' } });
    if (existing === null) {
      await this.milestones.create(manager, actor, {
        productId: product.id,
        authorisationId: authorisation.id,
        kind,
        cycle,
        title,
        dueDate: due.date,
        basis: 'computed',
        ruleId: due.ruleId,
        ruleSource: due.source,
        ruleExplanation: explained(due),
        illustrative: authorisation.illustrative,
      });
      return;
    }
    if (!isOpen(existing.status) || existing.basis !== 'computed') {
      return;
    }
    existing.title = title;
    await this.milestones.redate(manager, actor, existing, {
      dueDate: due.date,
      basis: 'computed',
      ruleId: due.ruleId,
      ruleSource: due.source,
      explanation: `${explained(due)} (${reason})`,
      changeSource: authorisation.recordedExpiry !== null ? 'recorded-expiry' : 'recomputed',
      procedureRef: null,
    });
  }
}
