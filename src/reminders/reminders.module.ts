import { Module } from '@nestjs/common';
import { DeadlineSources } from './deadline-sources';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderQueue } from './reminder-queue';
import { ReminderScanService } from './reminder-scan.service';
import { ReminderWorkers } from './reminder-workers';
import { InboxController } from './inbox.controller';
import { ReminderPoliciesController } from './reminder-policies.controller';
import { ReminderPoliciesService } from './reminder-policies.service';
import { NotificationChannelsController, ReminderDeliveriesController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';
import { ReminderDeliveriesService } from './reminder-deliveries.service';

/** Reminders: policies as data, the scan that records what has come due, the delivery queues, each account's addresses; features register their deadlines with DeadlineSources. */
@Module({
  controllers: [InboxController, ReminderPoliciesController, NotificationChannelsController, ReminderDeliveriesController],
  providers: [DeadlineSources, ReminderScanService, ReminderQueue, ReminderDeliveryService, ReminderWorkers, ReminderPoliciesService, NotificationChannelsService, ReminderDeliveriesService],
  exports: [DeadlineSources, ReminderScanService, ReminderQueue, ReminderDeliveryService, ReminderWorkers],
})
export class RemindersModule {}
