import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant } from '../../common/api-properties';
import { TOKEN_KINDS, type TokenKind } from '../auth-token.entity';
import type { IssuedToken, SignedIn, TokenView } from '../auth.service';
import type { Principal } from '../principal';
import { type Role, ROLES } from '../roles';
import type { UserView } from '../users.service';

/** An account as the API shows it: never the password hash. */
export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'j.devries' })
  username!: string;

  @ApiProperty({ example: 'Jan de Vries' })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: [String], nullable: true, description: 'the products (ids) the account is restricted to; null = every product' })
  productIds!: string[] | null;

  @ApiProperty({ description: 'a generated password must be changed before anything else' })
  mustChangePassword!: boolean;

  @ApiInstant({ nullable: true, description: 'locked after failed sign-ins until then' })
  lockedUntil!: string | null;

  @ApiProperty()
  disabled!: boolean;

  @ApiInstant()
  passwordChangedAt!: string;

  @ApiInstant()
  createdAt!: string;
}

/** Who is signed in, and how. */
export class MeResponse extends UserResponse {
  @ApiProperty({ enum: ROLES, description: 'the role this request acts with: an API token may carry viewer instead of the account’s role' })
  actingRole!: Role;

  @ApiProperty({ enum: ['session', 'api-token'] })
  via!: Principal['via'];
}

export class SignedInResponse implements SignedIn {
  @ApiProperty({ description: 'the bearer token of the session (Authorization: Bearer …)' })
  token!: string;

  @ApiInstant({ description: 'absolute expiry of the session (it also ends after being idle)' })
  expiresAt!: string;

  @ApiProperty({ type: UserResponse })
  user!: UserResponse;
}

export class IssuedTokenResponse implements IssuedToken {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'the secret, shown only in this answer' })
  token!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ enum: ROLES, nullable: true })
  role!: Role | null;

  @ApiInstant({ nullable: true })
  expiresAt!: string | null;
}

/** A live session, API token or calendar token (never its secret). */
export class TokenResponse implements TokenView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: TOKEN_KINDS })
  kind!: TokenKind;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ enum: ROLES, nullable: true, description: 'an API token: the role it acts with (the owner’s or viewer); null for sessions and calendar tokens' })
  role!: Role | null;

  @ApiInstant()
  createdAt!: string;

  @ApiInstant({ nullable: true })
  expiresAt!: string | null;

  @ApiInstant({ nullable: true })
  lastUsedAt!: string | null;
}

export class CalendarFeedResponse {
  @ApiProperty({ example: '/api/calendar/3q2…Zk.ics', description: 'the secret feed path (shown once)' })
  path!: string;

  @ApiProperty({ example: 'http://localhost:3000/api/calendar/3q2…Zk.ics', description: 'the same as a full URL for a calendar application' })
  url!: string;
}

export class CreatedUserResponse {
  @ApiProperty({ type: UserResponse })
  user!: UserResponse;

  @ApiProperty({ type: String, nullable: true, description: 'the generated first password, shown once (to be changed at first sign-in)' })
  password!: string | null;
}

export class PasswordResetResponse {
  @ApiProperty({ type: UserResponse })
  user!: UserResponse;

  @ApiProperty({ description: 'the generated password, shown once (to be changed at next sign-in)' })
  password!: string;
}

export class RevokedTokensResponse {
  @ApiProperty({ type: 'integer', description: 'sessions and tokens ended' })
  revoked!: number;
}
