import { ConflictError, ForbiddenError, InvalidInputError, TooManyAttemptsError, UnauthenticatedError } from '../common/errors';

export function notSignedIn(): UnauthenticatedError {
  return new UnauthenticatedError('UNAUTHENTICATED', 'sign in first: send "Authorization: Bearer <token>" (POST /api/auth/login gives one)');
}

export function invalidToken(): UnauthenticatedError {
  return new UnauthenticatedError('INVALID_TOKEN', 'the session or token is unknown, expired or revoked; sign in again');
}

export function invalidCredentials(): UnauthenticatedError {
  return new UnauthenticatedError('INVALID_CREDENTIALS', 'unknown username or wrong password');
}

export function accountLocked(until: Date, now: Date): TooManyAttemptsError {
  return new TooManyAttemptsError('ACCOUNT_LOCKED', `too many failed sign-ins: the account is locked until ${until.toISOString()}`, Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
}

export function tooManyAttempts(retryAfterSeconds: number): TooManyAttemptsError {
  return new TooManyAttemptsError('TOO_MANY_ATTEMPTS', `too many sign-in attempts from this address; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
}

export function roleNotAllowed(role: string, allowed: readonly string[]): ForbiddenError {
  return new ForbiddenError('ROLE_NOT_ALLOWED', `the ${role} role may not do this; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'nobody (no rule for this route)'}`, { role, allowed });
}

export function passwordChangeRequired(): ForbiddenError {
  return new ForbiddenError('PASSWORD_CHANGE_REQUIRED', 'choose a new password first: POST /api/auth/password');
}

export function productScopeForbids(action: string): ForbiddenError {
  return new ForbiddenError('PRODUCT_SCOPE', `an account restricted to some products cannot ${action}`);
}

export function weakPassword(field: string, problem: string): InvalidInputError {
  return InvalidInputError.field(field, problem);
}

export function usernameTaken(username: string): ConflictError {
  return new ConflictError('USERNAME_TAKEN', `an account named "${username}" already exists`, { username });
}

export function tokenRoleNotAllowed(ownRole: string, requested: string): InvalidInputError {
  return InvalidInputError.field('role', `an API token acts with your own role (${ownRole}) or viewer, not ${requested}`);
}

export function signatureNeedsSession(): ForbiddenError {
  return new ForbiddenError('SIGNATURE_REQUIRES_SESSION', 'electronic signatures are given by a person in a signed-in session, not by an API token');
}
