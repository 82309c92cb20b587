/**
 * Domain errors carry a stable code; the HTTP filter, the worker and the CLI map them the same way.
 * Services throw these, never HTTP exceptions.
 */
export interface FieldProblem {
  field: string;
  problem: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** The HTTP status this error maps to; the mapping lives with the error so it cannot drift. */
  abstract readonly status: number;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly status = 404;
  constructor(entity: string, id: string) {
    super(`${entity} ${id} does not exist`, { entity, id });
  }
}

export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT';
  readonly status = 422;
  constructor(
    message: string,
    readonly errors: FieldProblem[],
  ) {
    super(message, { errors });
  }
  static field(field: string, problem: string): InvalidInputError {
    return new InvalidInputError(`${field}: ${problem}`, [{ field, problem }]);
  }
}

export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  readonly status = 409;
  constructor(entity: string, from: string, to: string, allowed: readonly string[]) {
    super(
      `${entity} cannot go from "${from}" to "${to}"; allowed from "${from}": ${allowed.length > 0 ? allowed.join(', ') : 'none'}`,
      { from, to, allowed },
    );
  }
}

export class ConflictError extends DomainError {
  readonly code: string;
  readonly status = 409;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    this.code = code;
  }
}

/** Not signed in, or the credentials, session or token are not (or no longer) valid. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

/** Signed in, but this caller may not do this. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

/** Refused for now (rate limit, lockout); `retryAfterSeconds` says when to try again. */
export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, { retryAfterSeconds });
  }
}
