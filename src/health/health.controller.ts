import { Public } from '../auth/route-rules';
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthResponse } from './dto/health.response';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { RUNTIME_INFO, RuntimeInfo } from '../core.module';
import { Clock } from '../common/clock';
import { JobQueues } from '../common/job-queues';
import { queuesHealth } from '../queues-admin/queue-status';
import { RedisProbe } from './redis-probe';

/** Liveness and readiness: names every backing service and whether it is embedded or unreachable. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(RUNTIME_INFO) private readonly runtime: RuntimeInfo,
    private readonly redis: RedisProbe,
    private readonly jobQueues: JobQueues,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Health of the API and its backing services' })
  @ApiOkResponse({ type: HealthResponse, description: 'every backing service answers' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'degraded: `unreachable` names what does not answer' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => 'up' as const)
      .catch(() => 'unreachable' as const);
    const redis = await this.redis.status();
    // Job counts per queue; at most ~1 s, and not attempted when Redis is already known to be down.
    const queues = await queuesHealth(this.jobQueues, redis === 'unreachable');
    const unreachable = [database === 'unreachable' ? 'database (DATABASE_URL)' : null, redis === 'unreachable' ? 'redis (REDIS_URL)' : null].filter((s) => s !== null);
    response.status(unreachable.length === 0 ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: unreachable.length === 0 ? 'ok' : 'degraded',
      today: this.clock.today(),
      services: {
        database: { status: database, embedded: this.runtime.embeddedDatabase },
        redis: { status: redis, embedded: false },
        queues,
      },
      unreachable,
    };
  }
}
