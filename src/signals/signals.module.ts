import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { ProductsModule } from '../products/products.module';
import { DisproportionalityRunsService } from './disproportionality-runs.service';
import { MedicalEventListsService } from './medical-event-lists';
import { SignalDetectionController } from './signal-detection.controller';
import { SignalJobs } from './signal-jobs';
import { SignalManagementController } from './signal-management.controller';
import { SignalManagementService } from './signal-management.service';

/** Signal detection and management: disproportionality over our cases or FAERS, screening presets, background runs, alerts and signals (GVP IX). */
@Module({
  imports: [DeadlinesModule, ProductsModule],
  controllers: [SignalDetectionController, SignalManagementController],
  providers: [DisproportionalityRunsService, MedicalEventListsService, SignalJobs, SignalManagementService],
  exports: [DisproportionalityRunsService, MedicalEventListsService, SignalJobs, SignalManagementService],
})
export class SignalsModule {}
