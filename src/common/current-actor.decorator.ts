import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../auth/principal';

function principalOf(context: ExecutionContext): Principal {
  const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
  if (request.principal === undefined) {
    throw new Error('no principal on the request: @CurrentActor used on a public route');
  }
  return request.principal;
}

/** The signed-in caller (set by the AuthGuard); as an Actor it carries the caller's product scope. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Principal => principalOf(context));
