import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { isAcceptableWebhookUrl } from './channels/webhook-sender';
import { CreateNotificationChannelDto, UpdateNotificationChannelDto } from './dto/notification-channel.dto';
import { ExternalChannel, NotificationChannel } from './reminder.entities';

export interface NotificationChannelView {
  id: string;
  channel: ExternalChannel;
  address: string;
  label: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Shown once, when a webhook is registered: the key its receiver verifies signatures with. */
export interface CreatedChannelView extends NotificationChannelView {
  secret?: string;
}

export function toChannelView(channel: NotificationChannel): NotificationChannelView {
  return {
    id: channel.id,
    channel: channel.channel,
    address: channel.address,
    label: channel.label,
    enabled: channel.enabled,
    createdAt: channel.createdAt.toISOString(),
    updatedAt: channel.updatedAt.toISOString(),
  };
}

/**
 * Each account's e-mail addresses and webhook endpoints for reminders (the inbox needs none). Reminder
 * policies say which channels a kind of deadline may use; these say where this person wants them.
 */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(manager: EntityManager, userId: string): Promise<NotificationChannel[]> {
    return manager.find(NotificationChannel, { where: { userId }, order: { createdAt: 'ASC' } });
  }

  async create(manager: EntityManager, actor: Principal, input: CreateNotificationChannelDto): Promise<CreatedChannelView> {
    if (input.channel === 'webhook') {
      const verdict = isAcceptableWebhookUrl(input.address);
      if (!verdict.ok) {
        throw InvalidInputError.field('address', verdict.problem);
      }
    }
    const address = input.channel === 'email' ? input.address.trim().toLowerCase() : input.address.trim();
    const secret = input.channel === 'webhook' ? `whsec_${randomBytes(32).toString('base64url')}` : null;
    const now = this.clock.now();
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO notification_channel (user_id, channel, address, secret, label, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (user_id, channel, lower(address)) DO NOTHING RETURNING id`,
      [actor.userId, input.channel, address, secret, input.label ?? null, now],
    );
    if (row === undefined) {
      throw new ConflictError('CHANNEL_EXISTS', `you already receive ${input.channel} reminders at ${address}`, { field: 'address' });
    }
    const created = await manager.findOneByOrFail(NotificationChannel, { id: row.id });
    await this.audit.record(manager, actor, { entityType: 'notification-channel', entityId: created.id, productId: null, action: 'create', before: null, after: toChannelView(created) });
    return secret === null ? toChannelView(created) : { ...toChannelView(created), secret };
  }

  async update(manager: EntityManager, actor: Principal, id: string, input: UpdateNotificationChannelDto): Promise<NotificationChannel> {
    const channel = await this.own(manager, actor.userId, id);
    const before = toChannelView(channel);
    channel.enabled = input.enabled ?? channel.enabled;
    channel.label = input.label ?? channel.label;
    channel.updatedAt = this.clock.now();
    await manager.save(channel);
    await this.audit.record(manager, actor, { entityType: 'notification-channel', entityId: id, productId: null, action: 'update', before, after: toChannelView(channel) });
    return channel;
  }

  /** Removes an address; its pending reminders are cancelled when they come up (the delivery records stay). */
  async remove(manager: EntityManager, actor: Principal, id: string): Promise<void> {
    const channel = await this.own(manager, actor.userId, id);
    await manager.delete(NotificationChannel, { id });
    await this.audit.record(manager, actor, { entityType: 'notification-channel', entityId: id, productId: null, action: 'delete', before: toChannelView(channel), after: null });
  }

  private async own(manager: EntityManager, userId: string, id: string): Promise<NotificationChannel> {
    const channel = await manager.findOne(NotificationChannel, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
    if (channel === null) {
      throw new NotFoundError('notification channel', id);
    }
    return channel;
  }
}
