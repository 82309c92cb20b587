import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDate } from '../../common/api-properties';
import type { QueueBackend } from '../../common/job-queues';
import { QUEUE_BACKENDS } from '../../queues-admin/dto/queues.response';
import type { ServiceStatus } from '../redis-probe';

export class ServiceStateResponse {
  @ApiProperty({ enum: ['up', 'unreachable', 'not-configured'], description: 'not-configured: REDIS_URL unset (the queues then run on PostgreSQL)' })
  status!: ServiceStatus;

  @ApiProperty({ description: 'run inside this process (the demo’s embedded PostgreSQL)' })
  embedded!: boolean;
}

export class JobTotalsResponse {
  @ApiProperty({ type: 'integer' })
  waiting!: number;

  @ApiProperty({ type: 'integer' })
  active!: number;

  @ApiProperty({ type: 'integer' })
  delayed!: number;

  @ApiProperty({ type: 'integer' })
  failed!: number;
}

export class QueuesHealthResponse {
  @ApiProperty({ enum: ['up', 'unreachable'] })
  status!: 'up' | 'unreachable';

  @ApiProperty({ enum: QUEUE_BACKENDS })
  backend!: QueueBackend;

  @ApiPropertyOptional({ type: JobTotalsResponse, description: 'job totals over every queue (when up; per queue at GET /api/queues)' })
  jobs?: JobTotalsResponse;
}

export class HealthServicesResponse {
  @ApiProperty({ type: ServiceStateResponse })
  database!: ServiceStateResponse;

  @ApiProperty({ type: ServiceStateResponse })
  redis!: ServiceStateResponse;

  @ApiProperty({ type: QueuesHealthResponse })
  queues!: QueuesHealthResponse;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: 'ok' | 'degraded';

  @ApiDate({ description: 'the business date ("today") the service works with' })
  today!: string;

  @ApiProperty({ type: HealthServicesResponse })
  services!: HealthServicesResponse;

  @ApiProperty({ type: [String], description: 'the services that do not answer, with the setting that points at them' })
  unreachable!: string[];
}
