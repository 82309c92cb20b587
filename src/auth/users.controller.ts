import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ParseUuidPipe } from '../common/validation';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentActor } from '../common/current-actor.decorator';
import { CreateUserDto, ReasonDto, UpdateUserDto } from './dto/auth.dto';
import { Principal } from './principal';
import { ADMINS } from './roles';
import { Allow } from './route-rules';
import { UsersService } from './users.service';
import { CreatedUserResponse, PasswordResetResponse, RevokedTokensResponse, UserResponse } from './dto/auth.response';

@ApiTags('users')
@Controller('users')
@Allow(ADMINS)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every account (administrators)' })
  @ApiOkResponse({ type: [UserResponse] })
  list(): Promise<UserResponse[]> {
    return this.users.list(this.dataSource.manager);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account' })
  @ApiOkResponse({ type: UserResponse })
  get(@Param('id', ParseUuidPipe) id: string): Promise<UserResponse> {
    return this.users.view(this.dataSource.manager, id);
  }

  @Post()
  @ApiOperation({ summary: 'Create an account; its first password is generated, shown once here, and must be changed at first sign-in' })
  @ApiCreatedResponse({ type: CreatedUserResponse })
  create(@CurrentActor() actor: Principal, @Body() body: CreateUserDto): Promise<CreatedUserResponse> {
    return this.dataSource.transaction((m) => this.users.create(m, actor, { ...body, password: undefined }));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role, product scope, or disable/enable the account (with a reason)' })
  @ApiOkResponse({ type: UserResponse })
  update(@CurrentActor() actor: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateUserDto): Promise<UserResponse> {
    return this.dataSource.transaction((m) => this.users.update(m, actor, id, body));
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Generate a new password (shown once) to be changed at next sign-in; the account’s sessions end' })
  @ApiOkResponse({ type: PasswordResetResponse })
  resetPassword(@CurrentActor() actor: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ReasonDto): Promise<PasswordResetResponse> {
    return this.dataSource.transaction((m) => this.users.resetPassword(m, actor, id, body.reason));
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a lockout after failed sign-ins' })
  @ApiOkResponse({ type: UserResponse })
  unlock(@CurrentActor() actor: Principal, @Param('id', ParseUuidPipe) id: string): Promise<UserResponse> {
    return this.dataSource.transaction((m) => this.users.unlock(m, actor, id));
  }

  @Delete(':id/sessions')
  @HttpCode(200)
  @ApiOperation({ summary: 'End every session and revoke every token of the account' })
  @ApiOkResponse({ type: RevokedTokensResponse })
  async revokeAll(@CurrentActor() actor: Principal, @Param('id', ParseUuidPipe) id: string): Promise<RevokedTokensResponse> {
    return { revoked: await this.dataSource.transaction(async (m) => this.users.revokeTokens(m, actor, (await this.users.get(m, id)).id, ['session', 'api', 'calendar'])) };
  }
}
