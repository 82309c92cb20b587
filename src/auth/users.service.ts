import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, ProductScope } from '../common/actor';
import { Clock } from '../common/clock';
import { resolveProductRefs } from '../common/product-refs';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { usernameTaken, weakPassword } from './auth.errors';
import { AuthToken } from './auth-token.entity';
import { Role } from './roles';
import { generatePassword, hashPassword, passwordProblem } from './secrets';
import { User, UserProduct } from './user.entity';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  /** null or absent: every product. */
  productIds?: string[] | null;
  /** Absent: a password is generated, shown once, and must be changed at first sign-in. */
  password?: string;
}

export interface UserChange {
  displayName?: string;
  role?: Role;
  productIds?: string[] | null;
  disabled?: boolean;
  reason: string;
}

/** What the API and the audit trail show of an account: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  productIds: string[] | null;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  disabled: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

export function toUserView(user: User, productIds: ProductScope): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    productIds: productIds === null ? null : [...productIds].sort(),
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    disabled: user.disabledAt !== null,
    passwordChangedAt: user.passwordChangedAt.toISOString(),
    createdAt: user.createdAt.toISOString(),
  };
}

/** Accounts: created by an administrator (or the CLI), never deleted, disabled when no longer needed. */
@Injectable()
export class UsersService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(manager: EntityManager, actor: Actor, input: NewUser): Promise<{ user: UserView; password: string | null }> {
    const username = input.username.toLowerCase();
    if (await manager.existsBy(User, { username })) {
      throw usernameTaken(username);
    }
    const generated = input.password === undefined ? generatePassword() : null;
    const password = input.password ?? generated ?? '';
    const problem = passwordProblem(password, username);
    if (problem !== null) {
      throw weakPassword('password', problem);
    }
    const productIds = await this.checkProducts(manager, input.productIds ?? null);
    const now = this.clock.now();
    const user = await manager.save(
      manager.create(User, {
        username,
        displayName: input.displayName,
        role: input.role,
        passwordHash: await hashPassword(password),
        mustChangePassword: generated !== null,
        allProducts: productIds === null,
        failedLogins: 0,
        lockedUntil: null,
        disabledAt: null,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.saveScope(manager, user.id, productIds);
    const view = toUserView(user, productIds);
    await this.audit.record(manager, actor, { entityType: 'user', entityId: user.id, action: 'create', after: view });
    return { user: view, password: generated };
  }

  async list(manager: EntityManager): Promise<UserView[]> {
    const users = await manager.find(User, { order: { username: 'ASC' } });
    const scopes = await this.scopes(manager, users);
    return users.map((user) => toUserView(user, scopes.get(user.id) ?? null));
  }

  async get(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOneBy(User, { id });
    if (user === null) {
      throw new NotFoundError('user', id);
    }
    return user;
  }

  async byUsername(manager: EntityManager, username: string, lock = false): Promise<User | null> {
    return manager.findOne(User, { where: { username: username.toLowerCase() }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  }

  async view(manager: EntityManager, id: string): Promise<UserView> {
    const user = await this.get(manager, id);
    return toUserView(user, await this.scopeOf(manager, user));
  }

  /** The products an account may touch; null = every product. */
  async scopeOf(manager: EntityManager, user: User): Promise<ProductScope> {
    return (await this.scopes(manager, [user])).get(user.id) ?? null;
  }

  async update(manager: EntityManager, actor: Actor, id: string, change: UserChange): Promise<UserView> {
    const user = await this.lock(manager, id);
    const before = toUserView(user, await this.scopeOf(manager, user));
    let productIds = before.productIds;
    if (change.displayName !== undefined) {
      user.displayName = change.displayName;
    }
    if (change.role !== undefined) {
      user.role = change.role;
    }
    if (change.productIds !== undefined) {
      productIds = await this.checkProducts(manager, change.productIds);
      user.allProducts = productIds === null;
      await manager.delete(UserProduct, { userId: id });
      await this.saveScope(manager, id, productIds);
    }
    if (change.disabled !== undefined && change.disabled !== (user.disabledAt !== null)) {
      user.disabledAt = change.disabled ? this.clock.now() : null;
      if (change.disabled) {
        await this.revokeTokens(manager, actor, id, ['session', 'api', 'calendar']);
      }
    }
    user.updatedAt = this.clock.now();
    await manager.save(user);
    const after = toUserView(user, productIds);
    await this.audit.record(manager, actor, { entityType: 'user', entityId: id, action: 'update', before, after, reason: change.reason });
    return after;
  }

  /** A new generated password, to be changed at the next sign-in; open sessions end. */
  async resetPassword(manager: EntityManager, actor: Actor, id: string, reason: string): Promise<{ user: UserView; password: string }> {
    const user = await this.lock(manager, id);
    const password = generatePassword();
    user.passwordHash = await hashPassword(password);
    user.mustChangePassword = true;
    user.failedLogins = 0;
    user.lockedUntil = null;
    user.passwordChangedAt = this.clock.now();
    user.updatedAt = user.passwordChangedAt;
    await manager.save(user);
    await this.revokeTokens(manager, actor, id, ['session']);
    const view = toUserView(user, await this.scopeOf(manager, user));
    await this.audit.record(manager, actor, { entityType: 'user', entityId: id, action: 'password-reset', after: { passwordChangedAt: view.passwordChangedAt, mustChangePassword: true }, reason });
    return { user: view, password };
  }

  async unlock(manager: EntityManager, actor: Actor, id: string): Promise<UserView> {
    const user = await this.lock(manager, id);
    const before = { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil };
    user.failedLogins = 0;
    user.lockedUntil = null;
    user.updatedAt = this.clock.now();
    await manager.save(user);
    await this.audit.record(manager, actor, { entityType: 'user', entityId: id, action: 'unlock', before, after: { failedLogins: 0, lockedUntil: null } });
    return toUserView(user, await this.scopeOf(manager, user));
  }

  async revokeTokens(manager: EntityManager, actor: Actor, userId: string, kinds: AuthToken['kind'][]): Promise<number> {
    const open = await manager.find(AuthToken, { where: { userId, kind: In(kinds), revokedAt: IsNull() } });
    const now = this.clock.now();
    for (const token of open) {
      token.revokedAt = now;
      token.revokedBy = actor.id;
    }
    await manager.save(open);
    if (open.length > 0) {
      await this.audit.record(manager, actor, { entityType: 'user', entityId: userId, action: 'revoke-tokens', after: { revoked: open.map((t) => ({ id: t.id, kind: t.kind })) } });
    }
    return open.length;
  }

  async lock(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (user === null) {
      throw new NotFoundError('user', id);
    }
    return user;
  }

  /** The products of an account's scope, named by name or id, as ids. */
  private async checkProducts(manager: EntityManager, productIds: string[] | null): Promise<string[] | null> {
    if (productIds === null) {
      return null;
    }
    if (productIds.length === 0) {
      throw InvalidInputError.field('productIds', 'must name at least one product, or be null for every product');
    }
    const ids = await resolveProductRefs(manager, productIds.map((ref, i) => ({ ref, field: `productIds[${i}]` })));
    return [...new Set(ids)];
  }

  private async saveScope(manager: EntityManager, userId: string, productIds: string[] | null): Promise<void> {
    if (productIds !== null) {
      await manager.insert(
        UserProduct,
        productIds.map((productId) => ({ userId, productId })),
      );
    }
  }

  private async scopes(manager: EntityManager, users: User[]): Promise<Map<string, string[] | null>> {
    const restricted = users.filter((u) => !u.allProducts).map((u) => u.id);
    const rows = restricted.length === 0 ? [] : await manager.find(UserProduct, { where: { userId: In(restricted) } });
    return new Map(users.map((u) => [u.id, u.allProducts ? null : rows.filter((r) => r.userId === u.id).map((r) => r.productId)]));
  }
}
