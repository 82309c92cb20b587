import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { MilestonesModule } from '../milestones/milestones.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { ProductsModule } from '../products/products.module';
import { AuthorisationLifecycleController } from './authorisation-lifecycle.controller';
import { AuthorisationLifecycleService } from './authorisation-lifecycle.service';
import { MarketPresenceController } from './market-presence.controller';
import { MarketPresenceService } from './market-presence.service';

/** Conversion, five-year renewal decisions and endings of a marketing authorisation, its type history and path to conversion; its presence on the market and the sunset clause. */
@Module({
  imports: [ProductsModule, ObligationsModule, DeadlinesModule, MilestonesModule],
  controllers: [AuthorisationLifecycleController, MarketPresenceController],
  providers: [AuthorisationLifecycleService, MarketPresenceService],
})
export class AuthorisationLifecycleModule {}
