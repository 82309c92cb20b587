import { ApiProperty } from '@nestjs/swagger';
import type { JobType } from 'bullmq';
import type { QueueBackend, QueueCounts } from '../../common/job-queues';
import type { QueuesOverview } from '../queue-status';

export const QUEUE_BACKENDS = ['redis', 'postgres'] as const satisfies readonly QueueBackend[];

/** Jobs of a queue in each state. */
export class JobCountsResponse {
  @ApiProperty({ type: 'integer' })
  waiting!: number;

  @ApiProperty({ type: 'integer' })
  active!: number;

  @ApiProperty({ type: 'integer' })
  delayed!: number;

  @ApiProperty({ type: 'integer' })
  completed!: number;

  @ApiProperty({ type: 'integer' })
  failed!: number;

  @ApiProperty({ type: 'integer' })
  prioritized!: number;
}

export class QueueCountsResponse implements QueueCounts {
  @ApiProperty({ example: 'reminders' })
  queue!: string;

  @ApiProperty({ type: JobCountsResponse })
  counts!: Partial<Record<JobType, number>>;
}

export class QueuesOverviewResponse implements QueuesOverview {
  @ApiProperty({ enum: QUEUE_BACKENDS, description: 'Redis, or BullMQ’s PostgreSQL backend (the self-contained demo)' })
  backend!: QueueBackend;

  @ApiProperty({ description: 'where the jobs live (no credentials)' })
  where!: string;

  @ApiProperty({ type: [QueueCountsResponse] })
  queues!: QueueCountsResponse[];
}

export class QueueDashboardSessionResponse {
  @ApiProperty({ example: '/admin/queues', description: 'the dashboard’s path, now open in this browser' })
  dashboard!: string;
}
