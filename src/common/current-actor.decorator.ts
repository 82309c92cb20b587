import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Actor } from './actor';

/** The acting user of a request; until accounts exist, the configured default actor (set by ActorMiddleware). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
  if (request.actor === undefined) {
    throw new Error('no actor on the request: ActorMiddleware is not installed');
  }
  return request.actor;
});
