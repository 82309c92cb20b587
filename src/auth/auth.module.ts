import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { BrowserSessionController } from './browser-session.controller';
import { LoginRateLimiter } from './login-rate-limiter';
import { RouteRulesCheck } from './route-rules.check';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Accounts, sign-in, sessions and tokens, and the global guard that makes every route deny by default. */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController, BrowserSessionController, UsersController],
  providers: [AuthService, UsersService, LoginRateLimiter, RouteRulesCheck, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService],
})
export class AuthModule {}
