import { Module } from '@nestjs/common';
import { ReminderQueue } from './reminder-queue';
import { ReminderScanService } from './reminder-scan.service';

/** Reminders: policies as data, the scan that records what has come due, and the delivery queue. */
@Module({
  providers: [ReminderScanService, ReminderQueue],
  exports: [ReminderScanService, ReminderQueue],
})
export class RemindersModule {}
