import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { RUNTIME_INFO, RuntimeInfo } from '../core.module';
import { Clock } from '../common/clock';

/** Liveness and readiness: names every backing service and whether it is embedded or unreachable. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME_INFO) private readonly runtime: RuntimeInfo,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Health of the API and its backing services' })
  async health(@Res({ passthrough: true }) response: Response): Promise<object> {
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => 'up' as const)
      .catch(() => 'unreachable' as const);
    const ok = database === 'up';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ok ? 'ok' : 'degraded',
      today: this.clock.today(),
      services: {
        database: { status: database, embedded: this.runtime.embeddedDatabase },
      },
      unreachable: ok ? [] : ['database'],
    };
  }
}
