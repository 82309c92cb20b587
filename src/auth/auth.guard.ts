import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { notSignedIn, passwordChangeRequired, roleNotAllowed } from './auth.errors';
import { AuthService } from './auth.service';
import { checkCsrf, Credentials, isBackgroundRequest, requestCredentials } from './browser-session';
import { Principal } from './principal';
import { ROUTE_RULE, RouteRule } from './route-rules';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * The global guard (guards run before pipes, so an anonymous caller gets 401 before any validation).
 * Deny by default: a route without a rule is refused to everybody.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<RouteRule | undefined>(ROUTE_RULE, [context.getHandler(), context.getClass()]);
    if (rule?.kind === 'public') {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await authorizeRequest(this.auth, request, rule, notSignedIn);
    return true;
  }
}

/**
 * The caller of a request (bearer header, else the session cookie), if the rule lets it in; a change made
 * with the cookie must also carry the session's CSRF token. Background requests do not keep a session alive.
 * Used by the guard and by routes outside Nest (the queue dashboard).
 */
export async function authorizeRequest(auth: AuthService, request: Request, rule: RouteRule | undefined, whenMissing: () => Error): Promise<Principal> {
  const credentials: Credentials = requestCredentials(request);
  const token = credentials.via === 'none' ? null : credentials.token;
  const principal = await authorize(auth, token, rule, whenMissing, { keepAlive: !isBackgroundRequest(request), sessionOnly: credentials.via === 'cookie' });
  checkCsrf(request, credentials);
  return principal;
}

/**
 * The caller of a token, if the rule lets it in: 401 without a token (the given error) or with a bad one,
 * 403 for a role the rule does not name or during a required password change. A missing rule lets nobody in.
 */
export async function authorize(
  auth: AuthService,
  token: string | null,
  rule: RouteRule | undefined,
  whenMissing: () => Error,
  options: { keepAlive?: boolean; sessionOnly?: boolean } = {},
): Promise<Principal> {
  if (token === null) {
    throw whenMissing();
  }
  const principal = await auth.authenticate(token, options);
  if (rule?.kind !== 'roles' || !rule.roles.includes(principal.role)) {
    throw roleNotAllowed(principal.role, rule?.kind === 'roles' ? rule.roles : []);
  }
  if (principal.mustChangePassword && !rule.duringPasswordChange) {
    throw passwordChangeRequired();
  }
  return principal;
}
