import { Module } from '@nestjs/common';
import { DisproportionalityRunsService } from './disproportionality-runs.service';
import { SignalDetectionController } from './signal-detection.controller';
import { SignalJobs } from './signal-jobs';

/** Signal detection: disproportionality over our cases or FAERS, screening presets, background runs. */
@Module({
  controllers: [SignalDetectionController],
  providers: [DisproportionalityRunsService, SignalJobs],
  exports: [DisproportionalityRunsService, SignalJobs],
})
export class SignalsModule {}
