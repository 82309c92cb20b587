import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Queue } from 'bullmq';
import { Router } from 'express';
import type { Express, Request, RequestHandler } from 'express';
import { AuthenticatedRequest, authorize } from '../auth/auth.guard';
import { isStateChanging, requestCredentials, sessionCookie } from '../auth/browser-session';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { ADMINS } from '../auth/roles';
import { HttpErrorFilter } from '../common/http-error.filter';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { JobQueues } from '../common/job-queues';
import { dashboardNotSignedIn } from './queues.errors';

/** Where the BullMQ dashboard is served: outside the /api prefix, administrators only. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Administrators open the dashboard with their bearer token or the web application's session cookie. The board's
 * own pages cannot send the CSRF header, so a change made with the cookie (retry, clean, pause) must come from a
 * page of this origin instead: its Origin (or, without one, Referer) must name this host.
 */
async function administrator(auth: AuthService, request: Request): Promise<Principal> {
  const credentials = requestCredentials(request);
  const token = credentials.via === 'none' ? null : credentials.token;
  const principal = await authorize(auth, token, { kind: 'roles', roles: ADMINS, duringPasswordChange: false }, dashboardNotSignedIn, {
    sessionOnly: credentials.via === 'cookie',
  });
  if (credentials.via === 'cookie' && isStateChanging(request.method) && !sameOrigin(request)) {
    throw new ForbiddenError('CROSS_ORIGIN_REQUEST', 'a change to the queues made with the session cookie must come from this site’s own pages');
  }
  return principal;
}

/** Whether the Origin header (else the Referer) names the host the request was sent to. */
function sameOrigin(request: Request): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (source === undefined) {
    return false;
  }
  try {
    return new URL(source).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Express middleware in front of the dashboard: administrators only, 401/403 with the API's error body
 * (written by the API's own error filter). A rejected cookie is cleared. Dashboard pages and API answers
 * (job data) are not cached; the static assets keep their own caching.
 */
function requireAdministrator(auth: AuthService): RequestHandler {
  const filter = new HttpErrorFilter();
  return (request, response, next) => {
    void administrator(auth, request).then(
      (principal) => {
        (request as AuthenticatedRequest).principal = principal;
        if (!request.path.startsWith('/static/')) {
          response.setHeader('Cache-Control', 'no-store');
        }
        next();
      },
      (error: unknown) => {
        if (error instanceof UnauthenticatedError && requestCredentials(request).via === 'cookie') {
          response.setHeader('Set-Cookie', sessionCookie(null, request.secure));
        }
        filter.catch(error, new ExecutionContextHost([request, response, next]));
      },
    );
  };
}

/**
 * Keeps the board's queue list equal to JobQueues.all(): feature modules declare their queues while the
 * application starts (and tests declare more later), after the dashboard is mounted.
 */
function syncQueues(board: ReturnType<typeof createBullBoard>, jobQueues: JobQueues): RequestHandler {
  const shown = new Map<string, { queue: Queue; adapter: BullMQAdapter }>();
  return (_request, _response, next) => {
    const queues = jobQueues.all();
    if (queues.length !== shown.size || queues.some((queue) => shown.get(queue.name)?.queue !== queue)) {
      shown.clear();
      for (const queue of queues) {
        shown.set(queue.name, { queue, adapter: new BullMQAdapter(queue) });
      }
      board.replaceQueues([...shown.values()].map((entry) => entry.adapter));
    }
    next();
  };
}

/**
 * Mounts the bull-board dashboard over every declared queue at QUEUE_DASHBOARD_PATH, behind the
 * administrator check. The board is plain Express (not a Nest handler), so the global AuthGuard and the
 * route-rule check do not see it: the middleware here is its only protection.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  // @bull-board/api is pinned to the version @bull-board/express pins (one copy of the adapter types).
  const board = createBullBoard({ queues: [], serverAdapter, options: { uiConfig: { boardTitle: 'CMA tracker queues' } } });
  const boardApp = serverAdapter.getRouter() as Express;
  boardApp.disable('x-powered-by');
  const dashboard = Router();
  dashboard.use(requireAdministrator(app.get(AuthService)), syncQueues(board, app.get(JobQueues)), boardApp);
  app.use(QUEUE_DASHBOARD_PATH, dashboard);
}
