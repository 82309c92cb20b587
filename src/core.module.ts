import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditService } from './audit/audit.service';
import { APP_CONFIG, AppConfig } from './config/app.config';
import { Clock } from './common/clock';
import { JobQueues } from './common/job-queues';
import { RedisConnection } from './common/redis-connection';

export interface RuntimeInfo {
  embeddedDatabase: boolean;
}
export const RUNTIME_INFO = Symbol('RUNTIME_INFO');

/** What every feature needs: validated configuration, the one clock, the audit writer, Redis and the job queues. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, clock: Clock, runtime: RuntimeInfo): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        { provide: RUNTIME_INFO, useValue: runtime },
        AuditService,
        RedisConnection,
        JobQueues,
      ],
      exports: [APP_CONFIG, Clock, RUNTIME_INFO, AuditService, RedisConnection, JobQueues],
    };
  }
}
