import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { Clock } from './common/clock';
import { AppConfig } from './config/app.config';
import { CoreModule, RuntimeInfo } from './core.module';
import { dataSourceOptions } from './database/data-source';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { E2bModule } from './e2b/e2b.module';
import { FaersModule } from './faers/faers.module';
import { SignalsModule } from './signals/signals.module';
import { FrequenciesModule } from './frequencies/frequencies.module';
import { DossierModule } from './dossier/dossier.module';
import { HealthModule } from './health/health.module';
import { MeddraModule } from './meddra/meddra.module';
import { MilestonesModule } from './milestones/milestones.module';
import { ObligationsModule } from './obligations/obligations.module';
import { AuthorisationLifecycleModule } from './authorisation-lifecycle/authorisation-lifecycle.module';
import { ProceduresModule } from './procedures/procedures.module';
import { ProductsModule } from './products/products.module';
import { ReferenceSafetyModule } from './reference-safety/reference-safety.module';
import { SafetyCasesModule } from './safety-cases/safety-cases.module';
import { QueuesAdminModule } from './queues-admin/queues-admin.module';
import { RemindersModule } from './reminders/reminders.module';
import { SignaturesModule } from './signatures/signatures.module';

export interface AppOptions {
  config: AppConfig & { databaseUrl: string };
  clock: Clock;
  runtime: RuntimeInfo;
}

@Module({})
export class AppModule {
  static register({ config, clock, runtime }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, clock, runtime),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)),
        AuthModule,
        AuditModule,
        HealthModule,
        ProductsModule,
        ObligationsModule,
        AuthorisationLifecycleModule,
        MilestonesModule,
        ProceduresModule,
        DeadlinesModule,
        SignaturesModule,
        RemindersModule,
        QueuesAdminModule,
        MeddraModule,
        ReferenceSafetyModule,
        SafetyCasesModule,
        E2bModule,
        FrequenciesModule,
        FaersModule,
        SignalsModule,
        DossierModule,
      ],
    };
  }
}
