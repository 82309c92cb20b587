import type { ClockView } from './case-clocks.service';
import type { CaseListDetails, PossibleDuplicate, RelatedCase } from './case-queries.service';
import type { CaseDetailResponse, CaseListItemResponse, CaseSummaryResponse, CaseVersionResponse, CaseVersionSummaryResponse } from './dto/safety-case.response';
import type { CaseSubmission, SafetyCase, SafetyCaseVersion } from './safety-case.entities';

export const SYNTHETIC_NOTICE = 'SYNTHETIC demo case — generated, not a real patient';

export function toCaseSummary(c: SafetyCase): CaseSummaryResponse {
  return {
    id: c.id,
    productId: c.productId,
    reportedProduct: c.reportedProduct,
    safetyReportId: c.safetyReportId,
    worldwideId: c.worldwideId,
    currentVersion: c.currentVersion,
    currentType: c.currentType,
    reportType: c.reportType,
    status: c.status,
    serious: c.serious,
    seriousUnexpected: c.seriousUnexpected,
    primaryCountry: c.primaryCountry,
    initialReceiptOn: c.initialReceiptOn,
    latestDay0: c.latestDay0,
    masterCaseId: c.masterCaseId,
    synthetic: c.synthetic,
    fromEudraVigilance: c.fromEudravigilance,
    syntheticNotice: c.synthetic ? SYNTHETIC_NOTICE : null,
  };
}

export function toCaseListItem(c: SafetyCase, details: CaseListDetails | undefined): CaseListItemResponse {
  return { ...toCaseSummary(c), productName: details?.productName ?? null, seriousCriteria: details?.seriousCriteria ?? [], preferredTerms: details?.preferredTerms ?? [], nextClock: details?.nextClock ?? null };
}

export function toVersionSummary(v: SafetyCaseVersion): CaseVersionSummaryResponse {
  return {
    version: v.version,
    type: v.versionType,
    day0: v.day0,
    reason: v.reason,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    valid: v.assessment.validity.valid,
    serious: v.assessment.seriousness.serious,
    clock: v.assessment.clock,
    noClock: v.assessment.noClock,
  };
}

export function toVersionResponse(v: SafetyCaseVersion): CaseVersionResponse {
  return { ...toVersionSummary(v), rsiId: v.rsiId, content: v.content, assessment: v.assessment };
}

export interface CaseDetailParts {
  safetyCase: SafetyCase;
  version: SafetyCaseVersion;
  clocks: ClockView[];
  submissions: CaseSubmission[];
  related: RelatedCase[];
  possibleDuplicates?: PossibleDuplicate[];
}

export function toCaseDetail(parts: CaseDetailParts): CaseDetailResponse {
  return {
    ...toCaseSummary(parts.safetyCase),
    version: toVersionResponse(parts.version),
    clocks: parts.clocks,
    submissions: parts.submissions.map((s) => ({ version: s.version, recipient: s.recipient, acknowledgedOn: s.acknowledgedOn, ackRef: s.ackRef, recordedBy: s.createdBy })),
    related: parts.related,
    ...(parts.possibleDuplicates === undefined ? {} : { possibleDuplicates: parts.possibleDuplicates }),
  };
}
