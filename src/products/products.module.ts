import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { MilestonesModule } from '../milestones/milestones.module';
import { AuthorisationScheduleService } from './authorisation-schedule.service';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';
import { RenewalWindowsController } from './renewal-windows.controller';

@Module({
  imports: [DeadlinesModule, MilestonesModule],
  controllers: [ProductsController, RenewalWindowsController],
  providers: [ProductsService, AuthorisationScheduleService],
  exports: [ProductsService, AuthorisationScheduleService],
})
export class ProductsModule {}
