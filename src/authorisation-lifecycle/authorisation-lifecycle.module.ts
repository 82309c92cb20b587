import { Module } from '@nestjs/common';
import { ObligationsModule } from '../obligations/obligations.module';
import { ProductsModule } from '../products/products.module';
import { AuthorisationLifecycleController } from './authorisation-lifecycle.controller';
import { AuthorisationLifecycleService } from './authorisation-lifecycle.service';

/** Conversion, five-year renewal decisions and endings of a marketing authorisation, its type history and path to conversion. */
@Module({
  imports: [ProductsModule, ObligationsModule],
  controllers: [AuthorisationLifecycleController],
  providers: [AuthorisationLifecycleService],
})
export class AuthorisationLifecycleModule {}
