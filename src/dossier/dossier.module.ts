import { Module } from '@nestjs/common';
import { FrequenciesModule } from '../frequencies/frequencies.module';
import { ProductsModule } from '../products/products.module';
import { SafetyCasesModule } from '../safety-cases/safety-cases.module';
import { DossierCollector } from './dossier-collector';
import { DossierController } from './dossier.controller';
import { DossierJobs } from './dossier-jobs';
import { DossierService } from './dossier.service';

/** The annual renewal dossier: content collected per data lock point, PDF / XLSX / ZIP, versions, background builds. */
@Module({
  imports: [ProductsModule, SafetyCasesModule, FrequenciesModule],
  controllers: [DossierController],
  providers: [DossierCollector, DossierService, DossierJobs],
  exports: [DossierService, DossierJobs],
})
export class DossierModule {}
