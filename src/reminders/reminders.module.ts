import { Module } from '@nestjs/common';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderQueue } from './reminder-queue';
import { ReminderScanService } from './reminder-scan.service';
import { ReminderWorkers } from './reminder-workers';
import { InboxController } from './inbox.controller';
import { ReminderPoliciesController } from './reminder-policies.controller';
import { ReminderPoliciesService } from './reminder-policies.service';

/** Reminders: policies as data, the scan that records what has come due, and the delivery queue. */
@Module({
  controllers: [InboxController, ReminderPoliciesController],
  providers: [ReminderScanService, ReminderQueue, ReminderDeliveryService, ReminderWorkers, ReminderPoliciesService],
  exports: [ReminderScanService, ReminderQueue, ReminderDeliveryService, ReminderWorkers],
})
export class RemindersModule {}
