import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import type { components } from '../api/schema';
import type { Role } from '../session/session-store';

export type DossierSuggestion = ResponseBody<'/api/products/{product}/dossier-suggestion', 'get'>;
export type DossierVersion = ResponseBody<'/api/dossiers/{id}', 'get'>;
export type DossierBuild = ResponseBody<'/api/dossier-builds/{id}', 'get'>;
export type BuildStatus = DossierBuild['status'];
export type DossierComparison = ResponseBody<'/api/dossiers/{id}/comparison', 'get'>;
export type DossierChange = DossierComparison['general'][number];
export type BuildBody = components['schemas']['BuildDossierDto'];
export type DossierSignature = ResponseBody<'/api/signatures', 'get'>[number];
export type Meaning = components['schemas']['SignDto']['meaning'];
export type FileKind = 'pdf' | 'xlsx' | 'zip';

/** The two signable parts of a version (src/signatures/signables.ts): the whole, and its safety part. */
export type DossierPart = 'dossier' | 'dossier-safety';

/** Who may start a build (the API's DOSSIER_BUILDERS, src/auth/roles.ts). */
export const DOSSIER_BUILDERS: readonly Role[] = ['regulatory', 'safety', 'qppv'];

/** Who may sign which part with which meaning (src/signatures/signables.ts, "dossier" and "dossier-safety"). */
export const DOSSIER_SIGNERS: Record<DossierPart, Record<Meaning, readonly Role[]>> = {
  dossier: { reviewed: ['regulatory', 'safety', 'qppv'], approved: ['regulatory'] },
  'dossier-safety': { reviewed: ['safety', 'qppv'], approved: ['qppv'] },
};

/** A build still under way: its page polls it. */
export function inProgress(status: BuildStatus): boolean {
  return status === 'queued' || status === 'collecting' || status === 'rendering';
}

export function suggestionQuery(product: string) {
  return queryOptions({
    queryKey: ['dossiers', 'suggestion', product],
    queryFn: async (context) => await api.get('/api/products/{product}/dossier-suggestion', { params: { path: { product } } }, fromQuery(context)),
  });
}

export function versionsQuery(product: string) {
  return queryOptions({
    queryKey: ['dossiers', 'versions', product],
    queryFn: async (context) => await api.get('/api/products/{product}/dossiers', { params: { path: { product } } }, fromQuery(context)),
  });
}

export function versionQuery(id: string) {
  return queryOptions({
    queryKey: ['dossiers', 'version', id],
    queryFn: async (context) => await api.get('/api/dossiers/{id}', { params: { path: { id } } }, fromQuery(context)),
  });
}

/** A build, polled every second as a background request while it is queued, collecting or rendering; no more once done or failed. */
export function buildQuery(id: string) {
  return queryOptions({
    queryKey: ['dossiers', 'build', id],
    queryFn: async (context) => await api.get('/api/dossier-builds/{id}', { params: { path: { id } } }, fromQuery(context)),
    refetchInterval: (query) => (query.state.data === undefined || inProgress(query.state.data.status) ? 1_000 : false),
    meta: { background: true },
  });
}

export function comparisonQuery(id: string, other: string) {
  return queryOptions({
    queryKey: ['dossiers', 'comparison', id, other],
    queryFn: async (context) => await api.get('/api/dossiers/{id}/comparison', { params: { path: { id }, query: { with: other } } }, fromQuery(context)),
  });
}

export function signaturesQuery(part: DossierPart, id: string) {
  return queryOptions({
    queryKey: ['dossiers', 'signatures', part, id],
    queryFn: async (context) => await api.get('/api/signatures', { params: { query: { entityType: part, entityId: id } } }, fromQuery(context)),
  });
}

export async function startBuild(product: string, body: BuildBody): Promise<DossierBuild> {
  return await api.post('/api/products/{product}/dossiers', { params: { path: { product } }, body });
}

export async function signDossier(part: DossierPart, id: string, body: { meaning: Meaning; password: string; comment?: string }): Promise<DossierSignature> {
  return await api.post('/api/signatures', { body: { ...body, entityType: part, entityId: id } });
}

/** Where the browser downloads a version's file (the session cookie goes with it; the SHA-256 comes back in X-Content-SHA256). */
export function fileUrl(id: string, kind: FileKind): string {
  return `/api/dossiers/${encodeURIComponent(id)}/files/${kind}`;
}
