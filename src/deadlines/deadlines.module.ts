import { Module } from '@nestjs/common';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';
import { ReferenceDataController } from './reference-data.controller';
import { ReferenceDataService } from './reference-data.service';

@Module({
  controllers: [DeadlinesController, ReferenceDataController],
  providers: [DeadlinesService, ReferenceDataService],
  exports: [DeadlinesService, ReferenceDataService],
})
export class DeadlinesModule {}
