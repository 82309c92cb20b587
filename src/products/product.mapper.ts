import { DerivedDate } from '../deadlines/engine/derived-date';
import { toMilestoneResponse } from '../milestones/milestone.mapper';
import type { AuthorisationResponse, ProductDetailResponse, ProductSummaryResponse, RenewalWindowResponse, RuledDateResponse } from './dto/product.response';
import { MarketingAuthorisation } from './marketing-authorisation.entity';
import { ProductDetail, ProductWithAuthorisation, RenewalWindow } from './products.service';

export const ILLUSTRATIVE_WARNING = 'illustrative — confirm against the Union Register';

export function toProductSummary({ product, authorisation }: ProductWithAuthorisation): ProductSummaryResponse {
  return {
    id: product.id,
    name: product.name,
    activeSubstance: product.activeSubstance,
    emaProductNumber: product.emaProductNumber,
    advancedTherapy: product.advancedTherapy,
    additionalMonitoring: product.additionalMonitoring,
    orphanDesignation: product.orphanDesignation,
    authorisation: authorisation === null ? null : toAuthorisationResponse(authorisation),
  };
}

export function toAuthorisationResponse(a: MarketingAuthorisation): AuthorisationResponse {
  return {
    id: a.id,
    type: a.type,
    holder: a.holder,
    euNumber: a.euNumber,
    notifiedOn: a.notifiedOn,
    recordedExpiry: a.recordedExpiry,
    recordedExpirySource: a.recordedExpirySource,
    marketedOn: a.marketedOn,
    illustrative: a.illustrative,
    illustrativeNote: a.illustrative ? (a.illustrativeNote ?? ILLUSTRATIVE_WARNING) : null,
  };
}

export function toDate(d: DerivedDate): RuledDateResponse;
export function toDate(d: DerivedDate | null): RuledDateResponse | null;
export function toDate(d: DerivedDate | null): RuledDateResponse | null {
  return d === null ? null : { date: d.date, ruleId: d.ruleId, source: d.source, explanation: d.explanation, nonWorkingDay: d.nonWorkingDay ?? null, assumption: d.assumption ?? null };
}

export function toProductDetail(detail: ProductDetail, today: string): ProductDetailResponse {
  const { product, authorisation, dates, validity, milestones } = detail;
  return {
    ...toProductSummary({ product, authorisation }),
    description: product.description,
    orphanDesignationDate: product.orphanDesignationDate,
    sourceNote: product.sourceNote,
    validity,
    renewals:
      dates?.renewals.map((r) => ({
        cycle: r.cycle,
        expiry: toDate(r.expiry),
        windowOpens: toDate(r.windowOpens),
        applicationDue: toDate(r.applicationDue),
        milestoneId: milestones.find((m) => (m.kind === 'cma-renewal' || m.kind === 'standard-renewal') && m.cycle === r.cycle)?.id ?? null,
      })) ?? [],
    reassessments:
      dates?.reassessments.map((r) => ({
        cycle: r.cycle,
        anniversary: toDate(r.anniversary),
        applicationDue: toDate(r.applicationDue),
        milestoneId: milestones.find((m) => m.kind === 'annual-reassessment' && m.cycle === r.cycle)?.id ?? null,
      })) ?? [],
    psurs:
      dates?.psurs.map((p) => ({
        cycle: p.cycle,
        dlp: toDate(p.dlp),
        intervalMonths: p.intervalMonths,
        submissionDue: toDate(p.submissionDue),
        milestoneId: milestones.find((m) => m.kind === 'psur' && m.cycle === p.cycle)?.id ?? null,
      })) ?? [],
    milestones: milestones.map((m) => toMilestoneResponse(m, today)),
  };
}

export function toRenewalWindow({ product, authorisation, validity, renewal, milestoneId }: RenewalWindow): RenewalWindowResponse {
  return {
    productId: product.id,
    productName: product.name,
    authorisationId: authorisation.id,
    illustrative: authorisation.illustrative,
    validity,
    cycle: renewal?.cycle ?? null,
    windowOpens: renewal === null ? null : toDate(renewal.windowOpens),
    applicationDue: renewal === null ? null : toDate(renewal.applicationDue),
    expiry: renewal === null ? null : toDate(renewal.expiry),
    milestoneId,
  };
}
