import { notifications } from '@mantine/notifications';

/** One problem with one field of a request, as the API names it. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * The API's error body (src/common/http-error.filter.ts): a stable code, a message, the fields at
 * fault; `errorId` for a 500, `details` for domain errors (e.g. the allowed transitions of a 409).
 */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldProblem[];
  errorId?: string;
  details?: Record<string, unknown>;
}

/** A refused or failed request, carrying what the API said. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldProblems: FieldProblem[];
  readonly details: Record<string, unknown>;
  readonly errorId: string | undefined;
  /** Seconds, from Retry-After (429: too many attempts, account locked). */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, body: Partial<ErrorBody>, retryAfter: string | null) {
    super(typeof body.message === 'string' && body.message !== '' ? body.message : `the server answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : `HTTP_${status}`;
    this.fieldProblems = Array.isArray(body.errors) ? body.errors : [];
    this.details = body.details ?? {};
    this.errorId = body.errorId;
    const seconds = retryAfter === null ? NaN : Number(retryAfter);
    this.retryAfterSeconds = Number.isFinite(seconds) ? seconds : null;
  }
}

/** A failed response as an ApiError; `body` is what openapi-fetch parsed (JSON from the API, or any text from a proxy). */
export function toApiError(response: Response, body: unknown): ApiError {
  return new ApiError(response.status, typeof body === 'object' && body !== null ? body : {}, response.headers.get('Retry-After'));
}

/** Reads a response that nobody has read yet into an ApiError. */
export async function readApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.clone().json();
  } catch {
    // Not JSON: keep the status.
  }
  return toApiError(response, body);
}

/** The problems by field, for a form: `{ reason: 'must not be empty' }`. Nested fields keep their dotted path. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) {
    return {};
  }
  const result: Record<string, string> = {};
  for (const { field, problem } of error.fieldProblems) {
    result[field] = result[field] === undefined ? problem : `${result[field]}; ${problem}`;
  }
  return result;
}

/** What to tell the person, in one line. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.errorId === undefined ? error.message : `${error.message} (error id ${error.errorId})`;
  }
  if (error instanceof TypeError) {
    return 'The server cannot be reached; check the connection and try again.';
  }
  return error instanceof Error ? error.message : String(error);
}

/** A notification for an error that no field shows. */
export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 10_000 });
}

/**
 * A form's handling of a refused request: problems with fields the form has go next to them (and are
 * announced by the inputs), anything else becomes a notification. Returns whether the form shows them.
 */
export function showFormError(form: { setErrors: (errors: Record<string, string>) => void; values: object }, error: unknown): boolean {
  const problems = fieldErrors(error);
  const known = Object.fromEntries(Object.entries(problems).filter(([field]) => (field.split('.')[0] ?? field) in form.values));
  if (Object.keys(known).length > 0) {
    form.setErrors(known);
  }
  if (Object.keys(known).length < Object.keys(problems).length || Object.keys(problems).length === 0) {
    notifyError(error);
  }
  return Object.keys(known).length > 0;
}
