import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import { readApiError } from '../api/errors';
import type { components, paths } from '../api/schema';
import { sessionStore } from '../session/session-store';

export type ImportReport = components['schemas']['ImportReportResponse'];
export type ImportedFile = ImportReport['files'][number];
export type Acknowledgement = ResponseBody<'/api/e2b/acknowledgements', 'get'>[number];
export type AckOutcome = NonNullable<NonNullable<paths['/api/e2b/acknowledgements']['get']['parameters']['query']>['outcome']>;

export const ACK_OUTCOME_LABELS: Record<AckOutcome, string> = {
  'submission-recorded': 'Submission recorded',
  'already-recorded': 'Already recorded',
  rejected: 'Rejected',
  'not-recorded': 'Not recorded',
  unmatched: 'Unmatched',
  'batch-only': 'Batch only',
};

export function acknowledgementsQuery(outcome: AckOutcome | undefined) {
  return queryOptions({
    queryKey: ['e2b', 'acknowledgements', outcome ?? 'all'],
    queryFn: (context) => api.get('/api/e2b/acknowledgements', { params: { query: { limit: 200, ...(outcome === undefined ? {} : { outcome }) } } }, fromQuery(context)),
  });
}

function send(files: readonly File[]): Promise<Response> {
  const body = new FormData();
  for (const file of files) {
    body.append('files', file, file.name);
  }
  const token = sessionStore.csrfToken();
  return fetch('/api/e2b/imports', { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json', ...(token === null ? {} : { 'X-CSRF-Token': token }) } });
}

/**
 * POST /api/e2b/imports as multipart (the typed client speaks JSON only): the files in the field "files",
 * the CSRF token as the client sends it; a 401 opens the sign-in dialog and the upload is sent again once
 * signed in, a refused CSRF token is read again once, as the client does.
 */
export async function uploadE2bFiles(files: readonly File[]): Promise<ImportReport> {
  let response = await send(files);
  if (response.status === 401 && sessionStore.isSignedIn()) {
    await sessionStore.sessionEnded();
    response = await send(files);
  } else if (response.status === 403 && (await readApiError(response)).code.startsWith('CSRF_TOKEN')) {
    await sessionStore.refresh();
    response = await send(files);
  }
  if (!response.ok) {
    throw await readApiError(response);
  }
  return (await response.json()) as ImportReport;
}
