import { Module } from '@nestjs/common';
import { FrequencyTrigger } from './frequency-trigger';

/** The producer side of frequency recomputation, for the modules whose changes move the figures (cases, reference information, exposure). */
@Module({
  providers: [FrequencyTrigger],
  exports: [FrequencyTrigger],
})
export class FrequencyTriggerModule {}
