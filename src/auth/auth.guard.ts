import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { notSignedIn, passwordChangeRequired, roleNotAllowed } from './auth.errors';
import { AuthService } from './auth.service';
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
    request.principal = await authorize(this.auth, bearerToken(request.headers.authorization), rule, notSignedIn);
    return true;
  }
}

/**
 * The caller of a token, if the rule lets it in: 401 without a token (the given error) or with a bad one,
 * 403 for a role the rule does not name or during a required password change. A missing rule lets nobody in.
 * Used by the guard and by routes outside Nest (the queue dashboard).
 */
export async function authorize(auth: AuthService, token: string | null, rule: RouteRule | undefined, whenMissing: () => Error): Promise<Principal> {
  if (token === null) {
    throw whenMissing();
  }
  const principal = await auth.authenticate(token);
  if (rule?.kind !== 'roles' || !rule.roles.includes(principal.role)) {
    throw roleNotAllowed(principal.role, rule?.kind === 'roles' ? rule.roles : []);
  }
  if (principal.mustChangePassword && !rule.duringPasswordChange) {
    throw passwordChangeRequired();
  }
  return principal;
}

/** The shape of a bearer token (sessions, API tokens). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,200}$/;

/** The token of an "Authorization: Bearer <token>" header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  return match?.[1] !== undefined && TOKEN_PATTERN.test(match[1]) ? match[1] : null;
}
