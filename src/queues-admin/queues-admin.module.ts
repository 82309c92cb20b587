import { Module } from '@nestjs/common';
import { QueuesController } from './queues.controller';

/**
 * Operating the background jobs: queue counts over HTTP and the administrators' dashboard session. The
 * dashboard itself is Express middleware, mounted by `mountQueueDashboard` in bootstrap.ts.
 */
@Module({ controllers: [QueuesController] })
export class QueuesAdminModule {}
