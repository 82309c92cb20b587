import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DEADLINE_SOURCES, STALE_DEADLINE } from './deadline-source';
import { reminderMessage } from './reminder-message';
import { InboxMessage, ReminderDelivery } from './reminder.entities';

export type DeliveryOutcome = 'delivered' | 'cancelled' | 'skipped';

/**
 * Delivers one recorded reminder. The in-app channel is exactly-once: the inbox message and the delivery's
 * new status commit in one transaction, under a row lock, so a retry, a restart or a second worker finds
 * it delivered and does nothing.
 */
@Injectable()
export class ReminderDeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async deliver(deliveryId: string): Promise<DeliveryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const delivery = await manager.findOne(ReminderDelivery, { where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
      if (delivery?.status !== 'pending') {
        return 'skipped';
      }
      const source = DEADLINE_SOURCES.find((s) => s.type === delivery.deadlineType);
      const subject = source === undefined ? null : await source.find(manager, delivery.deadlineId);
      if (subject?.dueDate !== delivery.dueDate) {
        delivery.status = 'cancelled';
        delivery.lastError = STALE_DEADLINE;
        await manager.save(delivery);
        return 'cancelled';
      }
      const message = reminderMessage(subject, delivery.step, delivery.sendOn, delivery.late, this.clock.today());
      if (delivery.channel !== 'in-app') {
        // E-mail and webhooks arrive in the next slice; until then such a record fails loudly, never silently.
        delivery.status = 'failed';
        delivery.lastError = `channel ${delivery.channel} is not configured`;
        await manager.save(delivery);
        return 'skipped';
      }
      await manager.insert(InboxMessage, {
        userId: delivery.recipient.replace(/^user:/, ''),
        deliveryId: delivery.id,
        subject: message.subject,
        body: message.body,
        deadlineType: delivery.deadlineType,
        deadlineId: delivery.deadlineId,
        productId: delivery.productId,
        escalation: delivery.step.startsWith('overdue-'),
        late: delivery.late,
      });
      delivery.status = 'delivered';
      delivery.attempts += 1;
      delivery.deliveredAt = this.clock.now();
      await manager.save(delivery);
      return 'delivered';
    });
  }
}
