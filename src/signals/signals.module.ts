import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { ProductsModule } from '../products/products.module';
import { DeadlineSources } from '../reminders/deadline-sources';
import { RemindersModule } from '../reminders/reminders.module';
import { DisproportionalityRunsService } from './disproportionality-runs.service';
import { MedicalEventListsService } from './medical-event-lists';
import { SignalDetectionController } from './signal-detection.controller';
import { SignalJobs } from './signal-jobs';
import { SignalManagementController } from './signal-management.controller';
import { SignalManagementService } from './signal-management.service';
import { signalEsiDeadlines } from './signal-deadlines';

/** Signal detection and management: disproportionality over our cases or FAERS, screening presets, background runs, alerts and signals (GVP IX). */
@Module({
  imports: [DeadlinesModule, ProductsModule, RemindersModule],
  controllers: [SignalDetectionController, SignalManagementController],
  providers: [DisproportionalityRunsService, MedicalEventListsService, SignalJobs, SignalManagementService],
  exports: [DisproportionalityRunsService, MedicalEventListsService, SignalJobs, SignalManagementService],
})
export class SignalsModule {
  /** The emerging-safety-issue notification clock is reminded like every deadline. */
  constructor(sources: DeadlineSources) {
    sources.register(signalEsiDeadlines);
  }
}
