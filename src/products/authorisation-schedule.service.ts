import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { addYears, IsoDate } from '../common/calendar-date';
import { authorisationSchedule, PsurView, ReassessmentView, RenewalCycleView } from '../deadlines/authorisation-schedule';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import { Milestone, MilestoneKind } from '../milestones/milestone.entity';
import { isOpen } from '../milestones/milestone-workflow';
import { MilestonesService } from '../milestones/milestones.service';
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
}

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
    return authorisationSchedule({
      type: authorisation.type,
      notifiedOn: authorisation.notifiedOn,
      recordedExpiry:
        authorisation.recordedExpiry === null ? null : { date: authorisation.recordedExpiry, source: authorisation.recordedExpirySource ?? 'Commission decision' },
      marketedOn: authorisation.marketedOn,
      eurd: eurd === null ? null : { frequencyMonths: eurd.frequencyMonths, firstDlp: eurd.firstDlp, effectiveFrom: eurd.effectiveFrom, source: eurd.source },
      horizon: addYears(today, HORIZON_YEARS),
      closures: await this.referenceData.closures(manager),
    });
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
    return dates;
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
