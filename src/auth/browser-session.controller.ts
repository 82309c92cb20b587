import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { CurrentActor } from '../common/current-actor.decorator';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { AuthService } from './auth.service';
import { csrfTokenFor, requestCredentials, sessionCookie } from './browser-session';
import { LoginDto } from './dto/auth.dto';
import { Principal } from './principal';
import { ANY_ROLE } from './roles';
import { Allow, Public } from './route-rules';
import { MeResponse } from './dto/auth.response';
import { UsersService } from './users.service';

export class BrowserSessionResponse {
  @ApiProperty({ type: MeResponse, description: 'the signed-in account (with the role it acts in and how it signed in)' })
  user!: MeResponse;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the session ends at the latest (it also ends after idleMinutes unused)' })
  expiresAt!: string | null;
  @ApiProperty({ description: 'send as the "X-CSRF-Token" header with every change made with the session cookie' })
  csrfToken!: string;
  @ApiProperty({ format: 'date', example: '2026-11-21', description: "the server's business date (the regulator's time zone, or the pinned AS_OF)" })
  today!: string;
  @ApiProperty({ description: 'a session ends after this many minutes without a request (background requests do not count)' })
  idleMinutes!: number;
}

/**
 * Sign-in for the web application: the session token goes into an HttpOnly, SameSite=Strict cookie and never
 * into the page; the answer carries the CSRF token the page sends with every change. API clients keep using
 * POST /api/auth/login and the bearer token.
 */
@ApiTags('auth')
@Controller('auth/session')
export class BrowserSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in from a browser: sets the HttpOnly session cookie (no token in the answer) and returns the CSRF token' })
  @ApiOkResponse({ type: BrowserSessionResponse })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address, or the account is locked (Retry-After says how long)' })
  async signIn(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<BrowserSessionResponse> {
    const signedIn = await this.auth.login(body.username, body.password, request.ip ?? 'unknown');
    response.setHeader('Set-Cookie', sessionCookie(signedIn.token, request.secure));
    return this.view({ ...signedIn.user, actingRole: signedIn.user.role, via: 'session' }, signedIn.expiresAt, signedIn.token);
  }

  @Get()
  @Allow(ANY_ROLE, { duringPasswordChange: true })
  @ApiOperation({ summary: 'The current browser session: account, CSRF token, expiry and the server’s "today" (401 when it has ended)' })
  @ApiOkResponse({ type: BrowserSessionResponse })
  async current(@CurrentActor() principal: Principal, @Req() request: Request): Promise<BrowserSessionResponse> {
    const credentials = requestCredentials(request);
    const token = credentials.via === 'none' ? null : credentials.token;
    const user = await this.users.view(this.dataSource.manager, principal.userId);
    return this.view({ ...user, actingRole: principal.role, via: principal.via }, principal.tokenExpiresAt, token ?? '');
  }

  @Delete()
  @Allow(ANY_ROLE, { duringPasswordChange: true })
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears the cookie' })
  @ApiNoContentResponse({ description: 'signed out' })
  @ApiForbiddenResponse({ description: 'CSRF_TOKEN_REQUIRED / CSRF_TOKEN_INVALID: a change made with the cookie needs the X-CSRF-Token header' })
  async signOut(@CurrentActor() principal: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logout(principal);
    response.setHeader('Set-Cookie', sessionCookie(null, request.secure));
  }

  private view(user: BrowserSessionResponse['user'], expiresAt: string | null, token: string): BrowserSessionResponse {
    return { user, expiresAt, csrfToken: csrfTokenFor(token), today: this.clock.today(), idleMinutes: this.config.sessionIdleMinutes };
  }
}
