import { DomainError, UnauthenticatedError } from '../common/errors';

/** The job counts did not come back in time: the queue store (Redis or PostgreSQL) is down or overloaded. */
export class QueuesUnreachableError extends DomainError {
  readonly code = 'QUEUES_UNREACHABLE';
  readonly status = 503;
  constructor(where: string, timeoutMs: number) {
    super(`the job queues (${where}) did not answer within ${timeoutMs} ms`, { timeoutMs });
  }
}

/** No credentials on a dashboard request: neither a bearer header nor the session cookie. */
export function dashboardNotSignedIn(): UnauthenticatedError {
  return new UnauthenticatedError(
    'UNAUTHENTICATED',
    'sign in as an administrator: in the web application (its session cookie opens the dashboard), or send "Authorization: Bearer <token>"',
  );
}
