import { Module } from '@nestjs/common';
import { ProductsModule } from '../products/products.module';
import { ReferenceSafetyModule } from '../reference-safety/reference-safety.module';
import { SignalsModule } from '../signals/signals.module';
import { ExposureService } from './exposure.service';
import { FrequenciesController } from './frequencies.controller';
import { FrequencyRunsService } from './frequency-runs.service';
import { FrequencyTriggerModule } from './frequency-trigger.module';
import { FrequencyWorkers } from './frequency-workers';

/** Side-effect frequencies against the stated rates: exposure, aggregation runs and their BullMQ jobs. */
@Module({
  imports: [ProductsModule, ReferenceSafetyModule, FrequencyTriggerModule, SignalsModule],
  controllers: [FrequenciesController],
  providers: [ExposureService, FrequencyRunsService, FrequencyWorkers],
  exports: [ExposureService, FrequencyRunsService, FrequencyWorkers],
})
export class FrequenciesModule {}
