import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { Actor } from './actor';

/** Attaches the actor to each request. Accounts (a later module) will replace this with the signed-in user. */
@Injectable()
export class ActorMiddleware implements NestMiddleware {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}
  use(request: Request & { actor?: Actor }, _response: Response, next: NextFunction): void {
    request.actor = { id: this.config.defaultActor };
    next();
  }
}
