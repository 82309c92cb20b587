import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { ConflictError, NotFoundError } from '../common/errors';
import { DeliveryQueryDto } from './dto/notification-channel.dto';
import { ReminderDelivery } from './reminder.entities';
import { ReminderQueue } from './reminder-queue';

export interface DeliveryView {
  id: string;
  deadline: { type: string; id: string };
  productId: string | null;
  dueDate: string;
  step: string;
  channel: string;
  recipient: string;
  plannedSendDate: string;
  late: boolean;
  status: string;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  sentTo: string | null;
  messageId: string | null;
}

export function toDeliveryView(d: ReminderDelivery): DeliveryView {
  return {
    id: d.id,
    deadline: { type: d.deadlineType, id: d.deadlineId },
    productId: d.productId,
    dueDate: d.dueDate,
    step: d.step,
    channel: d.channel,
    recipient: d.recipient,
    plannedSendDate: d.sendOn,
    late: d.late,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    sentTo: d.sentTo,
    messageId: d.messageId,
  };
}

/**
 * What was sent, to whom, and what failed: administrators see every delivery, others their own (their inbox
 * and their addresses). A failed e-mail or webhook delivery can be replayed under its own delivery id.
 */
@Injectable()
export class ReminderDeliveriesService {
  constructor(
    private readonly queue: ReminderQueue,
    private readonly audit: AuditService,
  ) {}

  async list(manager: EntityManager, principal: Principal, query: DeliveryQueryDto): Promise<ReminderDelivery[]> {
    const q = manager.createQueryBuilder(ReminderDelivery, 'd').orderBy('d.created_at', 'DESC').addOrderBy('d.id').limit(query.limit ?? 100);
    if (principal.role !== 'admin') {
      q.andWhere(`(d.recipient = :me OR d.recipient IN (SELECT 'channel:' || c.id FROM notification_channel c WHERE c.user_id = :userId))`, { me: `user:${principal.userId}`, userId: principal.userId });
    }
    if (query.status !== undefined) {
      q.andWhere('d.status = :status', { status: query.status });
    }
    if (query.channel !== undefined) {
      q.andWhere('d.channel = :channel', { channel: query.channel });
    }
    if (query.deadlineId !== undefined) {
      q.andWhere('d.deadline_id = :deadlineId', { deadlineId: query.deadlineId });
    }
    return q.getMany();
  }

  /** Sends a failed delivery again: back to pending, queued under its own id, with an audit row saying who and why. */
  async replay(manager: EntityManager, principal: Principal, id: string, reason: string): Promise<ReminderDelivery> {
    const visible = await manager.findOne(ReminderDelivery, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (visible === null || !(await this.canSee(manager, principal, visible))) {
      throw new NotFoundError('reminder delivery', id);
    }
    if (visible.status !== 'failed') {
      throw new ConflictError('DELIVERY_NOT_FAILED', `only a failed delivery can be replayed; this one is ${visible.status}`, { status: visible.status });
    }
    const before = toDeliveryView(visible);
    visible.status = 'pending';
    await manager.save(visible);
    await this.audit.record(manager, principal, { entityType: 'reminder-delivery', entityId: id, productId: visible.productId, action: 'replay', before, after: toDeliveryView(visible), reason });
    return visible;
  }

  /** Queues a replayed delivery; called after the transaction that made it pending has committed. */
  async enqueueReplay(delivery: ReminderDelivery): Promise<void> {
    await this.queue.replay({ id: delivery.id, channel: delivery.channel });
  }

  private async canSee(manager: EntityManager, principal: Principal, delivery: ReminderDelivery): Promise<boolean> {
    if (principal.role === 'admin' || delivery.recipient === `user:${principal.userId}`) {
      return true;
    }
    const [mine] = await manager.query<unknown[]>(`SELECT 1 FROM notification_channel WHERE user_id = $1 AND 'channel:' || id = $2`, [principal.userId, delivery.recipient]);
    return mine !== undefined;
  }
}
