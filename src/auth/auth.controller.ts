import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ParseUuidPipe } from '../common/validation';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { CurrentActor } from '../common/current-actor.decorator';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { AuthService } from './auth.service';
import { ChangePasswordDto, CreateApiTokenDto, LoginDto } from './dto/auth.dto';
import { CalendarFeedResponse, IssuedTokenResponse, MeResponse, SignedInResponse, TokenResponse, UserResponse } from './dto/auth.response';
import { Principal } from './principal';
import { ANY_ROLE } from './roles';
import { Allow, Public } from './route-rules';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password; returns a bearer token for the session' })
  @ApiOkResponse({ type: SignedInResponse })
  @ApiUnauthorizedResponse({ description: 'wrong username or password, or the account is disabled' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address, or the account is locked (Retry-After says how long)' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<SignedInResponse> {
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown');
  }

  @Post('logout')
  @Allow(ANY_ROLE, { duringPasswordChange: true })
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session (or revoke the API token used)' })
  @ApiNoContentResponse({ description: 'ended' })
  async logout(@CurrentActor() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Get('me')
  @Allow(ANY_ROLE, { duringPasswordChange: true })
  @ApiOperation({ summary: 'Who is signed in: account, role, product scope, and how (session or API token)' })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentActor() principal: Principal): Promise<MeResponse> {
    return { ...(await this.users.view(this.dataSource.manager, principal.userId)), actingRole: principal.role, via: principal.via };
  }

  @Post('password')
  @Allow(ANY_ROLE, { duringPasswordChange: true })
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your password (re-enter the current one); your other sessions end' })
  @ApiOkResponse({ type: UserResponse })
  changePassword(@CurrentActor() principal: Principal, @Body() body: ChangePasswordDto): Promise<UserResponse> {
    return this.auth.changePassword(principal, body.currentPassword, body.newPassword);
  }

  @Get('tokens')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Your live API tokens, sessions and calendar token (never the secrets)' })
  @ApiOkResponse({ type: [TokenResponse] })
  tokens(@CurrentActor() principal: Principal): Promise<TokenResponse[]> {
    return this.auth.listTokens(principal);
  }

  @Post('tokens')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Create an API token for an integration (your role or viewer); the secret is shown only in this answer' })
  @ApiCreatedResponse({ type: IssuedTokenResponse })
  createToken(@CurrentActor() principal: Principal, @Body() body: CreateApiTokenDto): Promise<IssuedTokenResponse> {
    return this.auth.createApiToken(principal, body);
  }

  @Delete('tokens/:id')
  @Allow(ANY_ROLE)
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your tokens or sessions (administrators: anybody’s)' })
  @ApiNoContentResponse({ description: 'revoked' })
  async revokeToken(@CurrentActor() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.auth.revokeToken(principal, id);
  }

  @Post('calendar-token')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'A new secret calendar-feed URL for your deadlines (the previous one stops working); shown once' })
  @ApiCreatedResponse({ type: CalendarFeedResponse })
  async rotateCalendar(@CurrentActor() principal: Principal, @Req() request: Request): Promise<CalendarFeedResponse> {
    const { token } = await this.auth.rotateCalendarToken(principal);
    const path = `/api/calendar/${token}.ics`;
    return { path, url: `${request.protocol}://${request.get('host') ?? `localhost:${this.config.port}`}${path}` };
  }

  @Delete('calendar-token')
  @Allow(ANY_ROLE)
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop your calendar-feed URL' })
  @ApiNoContentResponse({ description: 'the feed URL no longer answers' })
  async revokeCalendar(@CurrentActor() principal: Principal): Promise<void> {
    await this.auth.revokeCalendarToken(principal);
  }
}
