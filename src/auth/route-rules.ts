import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from './roles';

export const ROUTE_RULE = 'cma:route-rule';

export type RouteRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[]; duringPasswordChange: boolean };

/** A route anybody may call without signing in. Keep this list short: it is checked by a test. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_RULE, { kind: 'public' } satisfies RouteRule);

/** A route for signed-in callers holding one of these roles. */
export function Allow(roles: readonly Role[], options: { duringPasswordChange?: boolean } = {}): MethodDecorator & ClassDecorator {
  const rule: RouteRule = { kind: 'roles', roles, duringPasswordChange: options.duringPasswordChange ?? false };
  return applyDecorators(
    SetMetadata(ROUTE_RULE, rule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'not signed in, or the session or token expired or was revoked' }),
    ApiForbiddenResponse({ description: `allowed roles: ${roles.join(', ')}` }),
  );
}
