import { Controller, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { QueueDashboardSessionResponse, QueuesOverviewResponse } from './dto/queues.response';
import type { Request, Response } from 'express';
import { notSignedIn } from '../auth/auth.errors';
import { ADMINS, ANY_ROLE } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { JobQueues } from '../common/job-queues';
import { queuesOverview } from './queue-status';
import { bearerToken, sessionCookie } from '../auth/browser-session';
import { QUEUE_DASHBOARD_PATH } from './queues-dashboard';

/** Job counts for every signed-in role, and the cookie that opens the BullMQ dashboard to administrators. */
@ApiTags('queues')
@Controller()
export class QueuesController {
  constructor(private readonly queues: JobQueues) {}

  @Get('queues')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Background job queues: where they live and how many jobs are in each state (503 when the queue store does not answer within 5 s)' })
  @ApiOkResponse({ type: QueuesOverviewResponse })
  @ApiServiceUnavailableResponse({ description: 'the queue store did not answer within 5 s' })
  overview(): Promise<QueuesOverviewResponse> {
    return queuesOverview(this.queues);
  }

  @Post('admin/queues/session')
  @Allow(ADMINS)
  @HttpCode(200)
  @ApiOperation({
    summary: `Open the queue dashboard (${QUEUE_DASHBOARD_PATH}) in this browser: sets the web application's HttpOnly, SameSite=Strict session cookie holding this request's own session token, so it ends with the session (a browser signed in to the web application needs no call)`,
  })
  @ApiOkResponse({ type: QueueDashboardSessionResponse })
  openDashboard(@Headers('authorization') authorization: string | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response): QueueDashboardSessionResponse {
    const token = bearerToken(authorization);
    if (token === null) {
      throw notSignedIn();
    }
    response.setHeader('Set-Cookie', sessionCookie(token, request.secure));
    response.setHeader('Cache-Control', 'no-store');
    return { dashboard: QUEUE_DASHBOARD_PATH };
  }
}
