import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { productScopeForbids } from '../auth/auth.errors';
import type { Role } from '../auth/roles';
import { Actor, inScope, ProductScope } from '../common/actor';
import { Clock } from '../common/clock';
import { ConflictError, DomainError, NotFoundError } from '../common/errors';
import { findProductIds } from '../common/product-refs';
import { Obligation } from '../obligations/obligation.entity';
import { CreateReminderPolicyDto, PolicyLevel, ReminderPolicyQueryDto, ReminderPolicyRulesDto } from './dto/reminder-policy.dto';
import { ReminderChannel, ReminderPolicy } from './reminder.entities';

/** What the API and the audit trail show of a reminder policy. */
export interface PolicyView {
  id: string;
  deadlineKind: string;
  level: PolicyLevel;
  productId: string | null;
  obligationId: string | null;
  offsetsDays: number[];
  escalationEveryDays: number;
  notifyRoles: Role[];
  escalationRoles: Role[];
  channels: ReminderChannel[];
  createdAt: string;
  updatedAt: string;
}

export function levelOf(policy: ReminderPolicy): PolicyLevel {
  return policy.obligationId !== null ? 'obligation' : policy.productId !== null ? 'product' : 'default';
}

export function toPolicyView(policy: ReminderPolicy): PolicyView {
  return {
    id: policy.id,
    deadlineKind: policy.deadlineKind,
    level: levelOf(policy),
    productId: policy.productId,
    obligationId: policy.obligationId,
    offsetsDays: policy.offsetsDays,
    escalationEveryDays: policy.escalationEveryDays,
    notifyRoles: policy.notifyRoles,
    escalationRoles: policy.escalationRoles,
    channels: policy.channels,
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
  };
}

/** A field the request got wrong that only the database can tell (400, like the validation pipe's answers). */
export class PolicyInputError extends DomainError {
  readonly status = 400;
  constructor(
    readonly code: string,
    field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`, { errors: [{ field, problem }] });
  }
}

export function policyExists(existingId: string | null): ConflictError {
  return new ConflictError('POLICY_EXISTS', 'a reminder policy for this deadline kind and this product or obligation already exists; change it instead', { existingId });
}

export function defaultPolicyRequired(kind: string): ConflictError {
  return new ConflictError('DEFAULT_POLICY_REQUIRED', `the default reminder policy of "${kind}" cannot be deleted (every kind needs one); change it instead`, { deadlineKind: kind });
}

const RULE_FIELDS = ['offsetsDays', 'escalationEveryDays', 'notifyRoles', 'escalationRoles', 'channels'] as const;
type PolicyRules = Pick<ReminderPolicy, (typeof RULE_FIELDS)[number]>;

/** The rules given, the others taken from `base`; offsets kept as the defaults hold them, furthest first. */
function mergeRules(input: ReminderPolicyRulesDto, base: PolicyRules): PolicyRules {
  return {
    offsetsDays: [...(input.offsetsDays ?? base.offsetsDays)].sort((a, b) => b - a),
    escalationEveryDays: input.escalationEveryDays ?? base.escalationEveryDays,
    notifyRoles: input.notifyRoles ?? base.notifyRoles,
    escalationRoles: input.escalationRoles ?? base.escalationRoles,
    channels: input.channels ?? base.channels,
  };
}

function sameRules(a: PolicyRules, b: PolicyRules): boolean {
  return RULE_FIELDS.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));
}

/**
 * Reminder policies: the default per deadline kind, and overrides per product or obligation. Scoped callers see
 * the defaults and the overrides of their products; only callers with every product may change a default.
 * Every change writes its audit row in the caller's transaction.
 */
@Injectable()
export class ReminderPoliciesService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(manager: EntityManager, filter: ReminderPolicyQueryDto, scope: ProductScope): Promise<ReminderPolicy[]> {
    const qb = manager
      .getRepository(ReminderPolicy)
      .createQueryBuilder('p')
      .orderBy('p.deadline_kind', 'ASC')
      .addOrderBy('p.obligation_id IS NOT NULL', 'ASC')
      .addOrderBy('p.product_id IS NOT NULL', 'ASC')
      .addOrderBy('p.product_id', 'ASC')
      .addOrderBy('p.obligation_id', 'ASC');
    if (filter.deadlineKind !== undefined) {
      qb.andWhere('p.deadline_kind = :kind', { kind: filter.deadlineKind });
    }
    if (filter.productId !== undefined) {
      // By name or id; one that names no product matches nothing.
      const [productId] = await findProductIds(manager, [filter.productId]);
      if (productId === undefined || productId === null) {
        return [];
      }
      qb.andWhere('p.product_id = :productId', { productId });
    }
    if (filter.obligationId !== undefined) {
      qb.andWhere('p.obligation_id = :obligationId', { obligationId: filter.obligationId });
    }
    if (filter.level !== undefined) {
      qb.andWhere(
        { default: '(p.product_id IS NULL AND p.obligation_id IS NULL)', product: 'p.product_id IS NOT NULL', obligation: 'p.obligation_id IS NOT NULL' }[filter.level],
      );
    }
    // TypeORM joins andWhere strings as they are: the OR of the scope needs its own parentheses.
    if (scope !== null) {
      qb.andWhere(
        scope.length === 0
          ? '(p.product_id IS NULL AND p.obligation_id IS NULL)'
          : `((p.product_id IS NULL AND p.obligation_id IS NULL) OR p.product_id IN (:...scope)
             OR p.obligation_id IN (SELECT o.id FROM obligation o WHERE o.product_id IN (:...scope)))`,
        { scope },
      );
    }
    return qb.getMany();
  }

  /** A policy the caller may see; an override of a product outside the scope does not exist for them. */
  async get(manager: EntityManager, id: string, scope: ProductScope): Promise<ReminderPolicy> {
    return (await this.find(manager, id, scope, false)).policy;
  }

  async create(manager: EntityManager, actor: Actor, input: CreateReminderPolicyDto): Promise<ReminderPolicy> {
    const fallback = await this.defaultOf(manager, input.deadlineKind);
    const target = await this.overrideTarget(manager, input, actor.scope);
    const rules = mergeRules(input, fallback);
    const now = this.clock.now();
    // ON CONFLICT DO NOTHING on ux_reminder_policy_scope: a second override, even a concurrent one, is POLICY_EXISTS.
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ReminderPolicy)
      .values({ deadlineKind: fallback.deadlineKind, productId: target.productId, obligationId: target.obligationId, ...rules, createdAt: now, updatedAt: now })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (id === undefined) {
      const existing = await manager.findOneBy(ReminderPolicy, { deadlineKind: fallback.deadlineKind, productId: target.productId ?? IsNull(), obligationId: target.obligationId ?? IsNull() });
      throw policyExists(existing?.id ?? null);
    }
    const policy = await manager.findOneByOrFail(ReminderPolicy, { id });
    await this.audit.record(manager, actor, { entityType: 'reminder-policy', entityId: id, productId: target.scopeProductId, action: 'create', after: toPolicyView(policy), reason: input.reason ?? null });
    return policy;
  }

  async update(manager: EntityManager, actor: Actor, id: string, input: ReminderPolicyRulesDto & { reason: string }): Promise<ReminderPolicy> {
    const { policy, productId } = await this.find(manager, id, actor.scope, true);
    if (levelOf(policy) === 'default' && actor.scope !== null) {
      throw productScopeForbids('change a default reminder policy (it applies to every product)');
    }
    const rules = mergeRules(input, policy);
    if (sameRules(rules, policy)) {
      return policy;
    }
    const before = toPolicyView(policy);
    Object.assign(policy, rules, { updatedAt: this.clock.now() });
    await manager.save(policy);
    await this.audit.record(manager, actor, { entityType: 'reminder-policy', entityId: id, productId, action: 'update', before, after: toPolicyView(policy), reason: input.reason });
    return policy;
  }

  /** Removes an override: its deadlines fall back to the product's policy or the kind's default. */
  async remove(manager: EntityManager, actor: Actor, id: string, reason: string): Promise<void> {
    const { policy, productId } = await this.find(manager, id, actor.scope, true);
    if (levelOf(policy) === 'default') {
      throw defaultPolicyRequired(policy.deadlineKind);
    }
    await manager.delete(ReminderPolicy, { id });
    await this.audit.record(manager, actor, { entityType: 'reminder-policy', entityId: id, productId, action: 'delete', before: toPolicyView(policy), after: null, reason });
  }

  /** The policy and the product it belongs to (an obligation's product; null for a default), checked against the scope. */
  private async find(manager: EntityManager, id: string, scope: ProductScope, lock: boolean): Promise<{ policy: ReminderPolicy; productId: string | null }> {
    const policy = await manager.findOne(ReminderPolicy, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (policy === null) {
      throw new NotFoundError('reminder policy', id);
    }
    const productId = policy.obligationId === null ? policy.productId : ((await manager.findOneBy(Obligation, { id: policy.obligationId }))?.productId ?? null);
    if (levelOf(policy) !== 'default' && (productId === null || !inScope(scope, productId))) {
      throw new NotFoundError('reminder policy', id);
    }
    return { policy, productId };
  }

  /** The kind's default; a kind without one is not a kind reminders know. */
  private async defaultOf(manager: EntityManager, kind: string): Promise<ReminderPolicy> {
    const policy = await manager.findOneBy(ReminderPolicy, { deadlineKind: kind, productId: IsNull(), obligationId: IsNull() });
    if (policy === null) {
      const kinds = await manager.find(ReminderPolicy, { where: { productId: IsNull(), obligationId: IsNull() }, order: { deadlineKind: 'ASC' } });
      throw new PolicyInputError('UNKNOWN_DEADLINE_KIND', 'deadlineKind', `"${kind}" has no default reminder policy; known kinds: ${kinds.map((p) => p.deadlineKind).join(', ')}`);
    }
    return policy;
  }

  /** The product or obligation an override is for; it must exist and be in the caller's scope (else 404). */
  private async overrideTarget(
    manager: EntityManager,
    input: Pick<CreateReminderPolicyDto, 'productId' | 'obligationId'>,
    scope: ProductScope,
  ): Promise<{ productId: string | null; obligationId: string | null; scopeProductId: string }> {
    if (input.obligationId !== undefined && input.productId !== undefined) {
      throw new PolicyInputError('VALIDATION_FAILED', 'obligationId', 'must not be given together with productId: an override is for a product or for an obligation, not both');
    }
    if (input.obligationId !== undefined) {
      const obligation = await manager.findOneBy(Obligation, { id: input.obligationId });
      if (obligation === null || !inScope(scope, obligation.productId)) {
        throw new NotFoundError('obligation', input.obligationId);
      }
      return { productId: null, obligationId: obligation.id, scopeProductId: obligation.productId };
    }
    if (input.productId !== undefined) {
      const [productId] = await findProductIds(manager, [input.productId]);
      if (productId === undefined || productId === null || !inScope(scope, productId)) {
        throw new NotFoundError('product', input.productId);
      }
      return { productId, obligationId: null, scopeProductId: productId };
    }
    throw new PolicyInputError('VALIDATION_FAILED', 'productId', 'is required unless obligationId is given: an override is for a product or for an obligation');
  }
}
