import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, systemActor } from '../common/actor';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { SigningKey } from './signing-key.entity';

export interface SigningKeyView {
  id: number;
  createdAt: string;
  retiredAt: string | null;
  active: boolean;
}

function keyView(key: SigningKey): SigningKeyView {
  return { id: key.id, createdAt: key.createdAt.toISOString(), retiredAt: key.retiredAt?.toISOString() ?? null, active: key.retiredAt === null };
}

/**
 * The signing keys. A missing key is generated and stored at first start, so DATABASE_URL, REDIS_URL,
 * PORT and QUEUE_PREFIX stay enough to run; rotation retires the active key and keeps it for verification.
 */
@Injectable()
export class SigningKeysService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query<{ id: number }[]>(
        `INSERT INTO signing_key (secret, created_at) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM signing_key WHERE retired_at IS NULL) ON CONFLICT DO NOTHING RETURNING id`,
        [randomBytes(32).toString('base64'), this.clock.now()],
      );
      const [created] = inserted;
      if (created !== undefined) {
        await this.audit.record(manager, systemActor('system'), { entityType: 'signing-key', entityId: String(created.id), action: 'create', reason: 'no active signing key at start' });
      }
    });
  }

  /** The active key with its secret. */
  async active(manager: EntityManager): Promise<{ id: number; secret: string }> {
    const key = await manager.createQueryBuilder(SigningKey, 'k').addSelect('k.secret').where('k.retired_at IS NULL').getOne();
    if (key === null) {
      throw new NotFoundError('signing key', 'active');
    }
    return { id: key.id, secret: key.secret };
  }

  async secretOf(manager: EntityManager, id: number): Promise<string | null> {
    const key = await manager.createQueryBuilder(SigningKey, 'k').addSelect('k.secret').where('k.id = :id', { id }).getOne();
    return key?.secret ?? null;
  }

  async list(manager: EntityManager): Promise<SigningKeyView[]> {
    return (await manager.find(SigningKey, { order: { id: 'ASC' } })).map(keyView);
  }

  async rotate(manager: EntityManager, actor: Actor, reason: string): Promise<SigningKeyView> {
    const now = this.clock.now();
    const retired = await manager.findOne(SigningKey, { where: { retiredAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (retired !== null) {
      retired.retiredAt = now;
      await manager.save(retired);
    }
    const created = await manager.save(manager.create(SigningKey, { secret: randomBytes(32).toString('base64'), createdAt: now, retiredAt: null }));
    await this.audit.record(manager, actor, { entityType: 'signing-key', entityId: String(created.id), action: 'rotate', before: retired === null ? null : keyView(retired), after: keyView(created), reason });
    return keyView(created);
  }
}
