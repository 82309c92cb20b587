import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { accountLocked, invalidCredentials, invalidToken, tokenRoleNotAllowed, tooManyAttempts, weakPassword } from './auth.errors';
import { AuthToken } from './auth-token.entity';
import { LoginRateLimiter } from './login-rate-limiter';
import { Principal } from './principal';
import { Role } from './roles';
import { generateToken, hashPassword, hashToken, passwordProblem, UNKNOWN_USER_HASH, verifyPassword } from './secrets';
import { User } from './user.entity';
import { toUserView, UsersService, UserView } from './users.service';

/** Consecutive wrong passwords before an account locks, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** Sessions and tokens are touched at most this often, so reads do not all write. */
const TOUCH_AFTER_MS = 60_000;

export interface SignedIn {
  token: string;
  expiresAt: string;
  user: UserView;
}

export interface IssuedToken {
  id: string;
  token: string;
  name: string | null;
  role: Role | null;
  expiresAt: string | null;
}

export interface TokenView {
  id: string;
  kind: AuthToken['kind'];
  name: string | null;
  role: Role | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

function tokenView(token: AuthToken): TokenView {
  return {
    id: token.id,
    kind: token.kind,
    name: token.name,
    role: token.role,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Sign-in, sessions, API and calendar tokens. Secrets are random 256-bit bearer tokens; only their SHA-256
 * is stored, so a database leak does not hand out sessions. Every check reads PostgreSQL, so any number of
 * API instances agree on revocation at once.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly limiter: LoginRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<SignedIn> {
    const rate = await this.limiter.hit(clientAddress);
    if (!rate.allowed) {
      throw tooManyAttempts(rate.retryAfterSeconds);
    }
    const user = await this.checkPassword(username, password);
    return this.dataSource.transaction(async (manager) => {
      const { token, expiresAt } = await this.issueSession(manager, user);
      await this.audit.record(manager, userActor(user), { entityType: 'user', entityId: user.id, action: 'login', after: { via: 'password', expiresAt } });
      return { token, expiresAt, user: toUserView(user, await this.users.scopeOf(manager, user)) };
    });
  }

  /**
   * Checks a username and password, counting failures: the MAX_FAILED_LOGINS-th wrong password in a row
   * locks the account for LOCKOUT_MINUTES. The count is committed even though the caller gets an error.
   */
  async checkPassword(username: string, password: string): Promise<User> {
    const now = this.clock.now();
    const found = await this.users.byUsername(this.dataSource.manager, username);
    if (found === null) {
      await verifyPassword(password, UNKNOWN_USER_HASH);
      throw invalidCredentials();
    }
    if (found.lockedUntil !== null && found.lockedUntil > now) {
      throw accountLocked(found.lockedUntil, now);
    }
    const matches = await verifyPassword(password, found.passwordHash);
    if (matches && found.disabledAt === null) {
      if (found.failedLogins > 0 || found.lockedUntil !== null) {
        await this.dataSource.manager.update(User, { id: found.id }, { failedLogins: 0, lockedUntil: null });
      }
      return { ...found, failedLogins: 0, lockedUntil: null };
    }
    if (found.disabledAt !== null) {
      throw invalidCredentials();
    }
    const lockedUntil = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.lock(manager, found.id);
      user.failedLogins += 1;
      const locks = user.failedLogins >= MAX_FAILED_LOGINS;
      if (locks) {
        user.lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
        user.failedLogins = 0;
      }
      await manager.save(user);
      await this.audit.record(manager, userActor(user), {
        entityType: 'user',
        entityId: user.id,
        action: locks ? 'locked' : 'login-failed',
        after: { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil },
      });
      return locks ? user.lockedUntil : null;
    });
    throw lockedUntil === null ? invalidCredentials() : accountLocked(lockedUntil, now);
  }

  async issueSession(manager: EntityManager, user: User): Promise<{ token: string; expiresAt: string }> {
    const now = this.clock.now();
    const token = generateToken('session');
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMinutes * 60_000);
    await manager.insert(AuthToken, { userId: user.id, kind: 'session', tokenHash: hashToken(token), createdAt: now, expiresAt, lastUsedAt: now });
    return { token, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The principal behind a bearer token, or 401. Sessions also end after SESSION_IDLE_MINUTES unused; a request
   * with `keepAlive: false` (the web app's background polls) does not count as use. `sessionOnly` admits
   * sessions alone (the browser cookie never carries an API token).
   */
  async authenticate(bearer: string, options: { keepAlive?: boolean; sessionOnly?: boolean } = {}): Promise<Principal> {
    const now = this.clock.now();
    const token = await this.liveToken(bearer, options.sessionOnly === true ? ['session'] : ['session', 'api'], now);
    const user = await this.dataSource.manager.findOneBy(User, { id: token.userId });
    if (user === null || user.disabledAt !== null) {
      throw invalidToken();
    }
    if (token.kind === 'session' && token.lastUsedAt !== null && now.getTime() - token.lastUsedAt.getTime() > this.config.sessionIdleMinutes * 60_000) {
      throw invalidToken();
    }
    if (options.keepAlive !== false) {
      await this.touch(token, now);
    }
    const scope = await this.users.scopeOf(this.dataSource.manager, user);
    const apiToken = token.kind === 'api';
    return {
      id: apiToken ? `user:${user.username}/token:${token.name ?? token.id}` : `user:${user.username}`,
      scope,
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: apiToken && token.role !== null ? token.role : user.role,
      via: apiToken ? 'api-token' : 'session',
      tokenId: token.id,
      tokenExpiresAt: token.expiresAt?.toISOString() ?? null,
      mustChangePassword: user.mustChangePassword && !apiToken,
    };
  }

  async logout(principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(AuthToken, { id: principal.tokenId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokedBy: principal.id });
      await this.audit.record(manager, principal, { entityType: 'user', entityId: principal.userId, action: principal.via === 'session' ? 'logout' : 'token-revoked', after: { tokenId: principal.tokenId } });
    });
  }

  /** A new password (re-entering the current one); every other session of the account ends. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<UserView> {
    const user = await this.checkPassword(principal.username, currentPassword);
    const problem = passwordProblem(newPassword, user.username) ?? (newPassword === currentPassword ? 'must differ from the current password' : null);
    if (problem !== null) {
      throw weakPassword('newPassword', problem);
    }
    const hash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.users.lock(manager, user.id);
      locked.passwordHash = hash;
      locked.mustChangePassword = false;
      locked.passwordChangedAt = this.clock.now();
      locked.updatedAt = locked.passwordChangedAt;
      await manager.save(locked);
      await manager
        .createQueryBuilder()
        .update(AuthToken)
        .set({ revokedAt: this.clock.now(), revokedBy: principal.id })
        .where('user_id = :userId AND kind = :kind AND revoked_at IS NULL AND id <> :current', { userId: user.id, kind: 'session', current: principal.tokenId })
        .execute();
      await this.audit.record(manager, principal, { entityType: 'user', entityId: user.id, action: 'password-change', after: { passwordChangedAt: locked.passwordChangedAt.toISOString() } });
      return toUserView(locked, await this.users.scopeOf(manager, locked));
    });
  }

  /** An API token for an integration, acting with the owner's role or as a viewer; the secret is shown once. */
  async createApiToken(principal: Principal, input: { name: string; role?: Role; expiresInDays?: number }): Promise<IssuedToken> {
    const user = await this.users.get(this.dataSource.manager, principal.userId);
    const role = input.role ?? user.role;
    if (role !== user.role && role !== 'viewer') {
      throw tokenRoleNotAllowed(user.role, role);
    }
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? 90) * 86_400_000);
    const token = generateToken('api');
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(AuthToken, { userId: user.id, kind: 'api', name: input.name, role, tokenHash: hashToken(token), createdAt: now, expiresAt }));
      await this.audit.record(manager, principal, { entityType: 'auth-token', entityId: saved.id, action: 'create', after: tokenView(saved) });
      return { id: saved.id, token, name: saved.name, role, expiresAt: expiresAt.toISOString() };
    });
  }

  async listTokens(principal: Principal): Promise<TokenView[]> {
    const tokens = await this.dataSource.manager.find(AuthToken, { where: { userId: principal.userId, revokedAt: IsNull() }, order: { createdAt: 'ASC' } });
    const now = this.clock.now();
    return tokens.filter((t) => t.expiresAt === null || t.expiresAt > now).map(tokenView);
  }

  /** Revokes one of the caller's own tokens or sessions; an administrator may revoke anybody's. */
  async revokeToken(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(AuthToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (token === null || (token.userId !== principal.userId && principal.role !== 'admin')) {
        throw new NotFoundError('token', id);
      }
      if (token.revokedAt !== null) {
        return;
      }
      token.revokedAt = this.clock.now();
      token.revokedBy = principal.id;
      await manager.save(token);
      await this.audit.record(manager, principal, { entityType: 'auth-token', entityId: id, action: 'revoke', after: tokenView(token) });
    });
  }

  /** A new secret calendar-feed URL for the caller; the previous one stops working. */
  async rotateCalendarToken(principal: Principal): Promise<{ token: string }> {
    const token = generateToken('calendar');
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await manager.update(AuthToken, { userId: principal.userId, kind: 'calendar', revokedAt: IsNull() }, { revokedAt: now, revokedBy: principal.id });
      const saved = await manager.save(manager.create(AuthToken, { userId: principal.userId, kind: 'calendar', tokenHash: hashToken(token), createdAt: now }));
      await this.audit.record(manager, principal, { entityType: 'auth-token', entityId: saved.id, action: 'create', after: tokenView(saved) });
    });
    return { token };
  }

  async revokeCalendarToken(principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(AuthToken, { userId: principal.userId, kind: 'calendar', revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokedBy: principal.id });
      if ((result.affected ?? 0) > 0) {
        await this.audit.record(manager, principal, { entityType: 'user', entityId: principal.userId, action: 'calendar-token-revoked' });
      }
    });
  }

  /** Whose calendar a feed token opens, with their product scope; 404 for anything not live. */
  async calendarOwner(secret: string): Promise<Actor> {
    const now = this.clock.now();
    let token: AuthToken;
    try {
      token = await this.liveToken(secret, ['calendar'], now);
    } catch {
      throw new NotFoundError('calendar', 'feed');
    }
    const user = await this.dataSource.manager.findOneBy(User, { id: token.userId });
    if (user === null || user.disabledAt !== null) {
      throw new NotFoundError('calendar', 'feed');
    }
    await this.touch(token, now);
    return { id: `user:${user.username}/calendar`, scope: await this.users.scopeOf(this.dataSource.manager, user) };
  }

  /** Re-entered credentials for an electronic signature (21 CFR 11.200): failures count towards lockout. */
  async reauthenticate(principal: Principal, password: string): Promise<User> {
    return this.checkPassword(principal.username, password);
  }

  private async liveToken(secret: string, kinds: AuthToken['kind'][], now: Date): Promise<AuthToken> {
    const token = await this.dataSource.manager
      .createQueryBuilder(AuthToken, 't')
      .where('t.token_hash = :hash', { hash: hashToken(secret) })
      .andWhere('t.revoked_at IS NULL')
      .getOne();
    if (token === null || !kinds.includes(token.kind) || (token.expiresAt !== null && token.expiresAt <= now)) {
      throw invalidToken();
    }
    return token;
  }

  private async touch(token: AuthToken, now: Date): Promise<void> {
    if (token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
      await this.dataSource.manager.update(AuthToken, { id: token.id }, { lastUsedAt: now });
    }
  }
}

function userActor(user: User): Actor {
  return { id: `user:${user.username}`, scope: null };
}
