import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import type { components, paths } from '../api/schema';

/** The filters and paging of GET /api/safety-cases, from the generated client. */
export type CaseQuery = NonNullable<paths['/api/safety-cases']['get']['parameters']['query']>;
export type CaseListPage = ResponseBody<'/api/safety-cases', 'get'>;
export type CaseListItem = CaseListPage['cases'][number];
export type CaseDetail = ResponseBody<'/api/safety-cases/{id}', 'get'>;
export type CaseContent = CaseDetail['version']['content'];
export type CaseAssessment = CaseDetail['version']['assessment'];
export type CaseClock = CaseDetail['clocks'][number];
export type CaseVersionSummary = ResponseBody<'/api/safety-cases/{id}/versions', 'get'>[number];
export type CaseDiff = ResponseBody<'/api/safety-cases/{id}/versions/{version}/diff', 'get'>;
export type CaseVersionBody = components['schemas']['CaseVersionDto'];
export type CaseContentBody = Omit<CaseVersionBody, 'type' | 'reason'>;
export type SubmissionBody = components['schemas']['SubmissionDto'];
export type LinkBody = components['schemas']['LinkCaseDto'];
export type ExpectednessOverrideBody = components['schemas']['ExpectednessOverrideDto'];

export function fetchCases(query: CaseQuery, context: Parameters<typeof api.get>[2] = {}): Promise<CaseListPage> {
  return api.get('/api/safety-cases', { params: { query } }, context);
}

export function casesQuery(query: CaseQuery) {
  return queryOptions({
    queryKey: ['safety-cases', 'list', query],
    queryFn: (context) => fetchCases(query, fromQuery(context)),
    placeholderData: (previous) => previous,
  });
}

export function caseQuery(id: string) {
  return queryOptions({
    queryKey: ['safety-cases', id],
    queryFn: async (context) => await api.get('/api/safety-cases/{id}', { params: { path: { id } } }, fromQuery(context)),
  });
}

export function versionsQuery(id: string) {
  return queryOptions({
    queryKey: ['safety-cases', id, 'versions'],
    queryFn: async (context) => await api.get('/api/safety-cases/{id}/versions', { params: { path: { id } } }, fromQuery(context)),
  });
}

export function diffQuery(id: string, version: number, against: number | undefined) {
  return queryOptions({
    queryKey: ['safety-cases', id, 'diff', version, against ?? null],
    queryFn: async (context) =>
      await api.get('/api/safety-cases/{id}/versions/{version}/diff', { params: { path: { id, version }, query: against === undefined ? {} : { against } } }, fromQuery(context)),
  });
}

export function addVersion(id: string, body: CaseVersionBody): Promise<CaseDetail> {
  return api.post('/api/safety-cases/{id}/versions', { params: { path: { id } }, body });
}

export function nullifyCase(id: string, reason: string): Promise<CaseDetail> {
  return api.post('/api/safety-cases/{id}/nullification', { params: { path: { id } }, body: { reason } });
}

export function overrideExpectedness(id: string, body: ExpectednessOverrideBody): Promise<CaseDetail> {
  return api.post('/api/safety-cases/{id}/expectedness-overrides', { params: { path: { id } }, body });
}

export function linkCase(id: string, body: LinkBody): Promise<unknown> {
  return api.post('/api/safety-cases/{id}/links', { params: { path: { id } }, body });
}

export function recordSubmission(id: string, body: SubmissionBody): Promise<unknown> {
  return api.post('/api/safety-cases/{id}/submissions', { params: { path: { id } }, body });
}

/** The case's current version as one E2B(R3) batch (POST /api/e2b/exports), read as text through the one wrapper. */
export async function exportE2b(safetyReportId: string, synthetic: boolean): Promise<string> {
  // openapi-fetch's parseAs: the wrapper passes the init through; the body is XML, not JSON.
  const init = { body: { cases: [safetyReportId], receiver: synthetic ? ('EVTEST' as const) : ('EVHUMAN' as const) }, parseAs: 'text' as const };
  return (await api.post('/api/e2b/exports', init)) as string;
}

/** After a change: the case, its versions and every case list read again. */
export async function caseChanged(queryClient: QueryClient, id: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: ['safety-cases'] });
  await queryClient.invalidateQueries({ queryKey: ['safety-cases', id] });
}

/** "12 cases", "more than 10000 cases". */
export function caseCountText(page: Pick<CaseListPage, 'total' | 'totalIsExact'>): string {
  return `${page.totalIsExact ? '' : 'more than '}${page.total} case${page.total === 1 && page.totalIsExact ? '' : 's'}`;
}

/**
 * A stored version's content as the body of a new version: the API's own fields only (the MedDRA names and
 * SOC it filled in are derived again from the code), nulls left out.
 */
export function contentToBody(content: CaseContent): CaseContentBody {
  const present = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
  return {
    reportType: content.reportType,
    solicitedSource: present(content.solicitedSource),
    literatureReference: present(content.literatureReference),
    initialReceiptOn: content.initialReceiptOn,
    day0: content.day0,
    significant: content.significant,
    otherIdentifiers: content.otherIdentifiers.map((o) => ({ source: o.source, id: o.id })),
    linkedReports: content.linkedReports,
    reporters: content.reporters.map((r) => ({ name: present(r.name), qualification: present(r.qualification), country: present(r.country), primarySource: r.primarySource })),
    patient: Object.fromEntries(Object.entries(content.patient).filter(([, v]) => v !== null)),
    reactions: content.reactions.map((r) => ({
      key: r.key,
      reportedTerm: r.reportedTerm,
      lltCode: present(r.lltCode),
      ptName: r.lltCode === null ? present(r.ptName) : undefined,
      onset: present(r.onset),
      outcome: r.outcome,
      severity: present(r.severity),
      seriousness: r.seriousness,
    })),
    drugs: content.drugs.map((d) => ({
      key: d.key,
      role: d.role,
      productId: present(d.productId),
      name: d.name,
      batchNumber: present(d.batchNumber),
      dose: present(d.dose),
      route: present(d.route),
      actionTaken: present(d.actionTaken),
      dechallenge: present(d.dechallenge),
      rechallenge: present(d.rechallenge),
    })),
    causality: content.causality.map((c) => ({ drugKey: c.drugKey, reactionKey: c.reactionKey, reporter: present(c.reporter), company: present(c.company) })),
    narrative: content.narrative,
    lackOfEfficacy: content.lackOfEfficacy,
    specialSituations: content.specialSituations,
  };
}

export type DraftAssessment = ResponseBody<'/api/safety-cases/assessment', 'post'>;
export type CreateCaseBody = components['schemas']['CreateCaseDto'];
export type MeddraSearch = ResponseBody<'/api/meddra/search', 'get'>;

/** The assessment a case being typed would get (nothing saved): the server's own rules. */
export function draftAssessmentQuery(body: CreateCaseBody | null) {
  return queryOptions({
    queryKey: ['safety-cases', 'draft-assessment', body],
    queryFn: async ({ signal }) => await api.post('/api/safety-cases/assessment', { body: body ?? undefined }, { signal }),
    enabled: body !== null,
    retry: false,
    // Patient data: kept in memory only while the form shows it.
    gcTime: 0,
    placeholderData: (previous) => previous,
  });
}

export function createCase(body: CreateCaseBody): Promise<CaseDetail> {
  return api.post('/api/safety-cases', { body });
}

export function meddraSearchQuery(q: string) {
  return queryOptions({
    queryKey: ['meddra', 'search', q],
    queryFn: async (context) => await api.get('/api/meddra/search', { params: { query: { q, limit: 15 } } }, fromQuery(context)),
    enabled: q.trim().length >= 2,
    staleTime: 60_000,
  });
}

/** Whether a MedDRA dictionary is loaded (a search for anything says so by its release). */
export const meddraLoadedQuery = queryOptions({
  queryKey: ['meddra', 'loaded'],
  queryFn: async (context) => (await api.get('/api/meddra/search', { params: { query: { q: 'a', limit: 1 } } }, fromQuery(context))).release !== null,
  staleTime: 5 * 60_000,
});
