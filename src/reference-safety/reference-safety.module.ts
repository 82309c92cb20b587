import { Module } from '@nestjs/common';
import { FrequencyTriggerModule } from '../frequencies/frequency-trigger.module';
import { ProductsModule } from '../products/products.module';
import { ReferenceSafetyController } from './reference-safety.controller';
import { ReferenceSafetyService } from './reference-safety.service';

/** The reference safety information each case's expectedness is assessed against. */
@Module({
  imports: [ProductsModule, FrequencyTriggerModule],
  controllers: [ReferenceSafetyController],
  providers: [ReferenceSafetyService],
  exports: [ReferenceSafetyService],
})
export class ReferenceSafetyModule {}
