import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Queue } from 'bullmq';
import { Router } from 'express';
import type { Express, Request, RequestHandler } from 'express';
import { AuthenticatedRequest, authorize, bearerToken, TOKEN_PATTERN } from '../auth/auth.guard';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { ADMINS } from '../auth/roles';
import { HttpErrorFilter } from '../common/http-error.filter';
import { UnauthenticatedError } from '../common/errors';
import { JobQueues } from '../common/job-queues';
import { dashboardNotSignedIn } from './queues.errors';

/** Where the BullMQ dashboard is served: outside the /api prefix, administrators only. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The cookie that carries an administrator's own bearer token to the dashboard (a browser cannot add a
 * header to the dashboard's own requests). It holds the session token itself, so it expires and is
 * revoked exactly like the session; it is sent only to QUEUE_DASHBOARD_PATH.
 */
export const DASHBOARD_COOKIE = 'cma_queue_dashboard';


/** The token held by the dashboard cookie of a Cookie header (the first well-formed one), or null. */
export function dashboardCookieToken(header: string | undefined): string | null {
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals > 0 && pair.slice(0, equals).trim() === DASHBOARD_COOKIE) {
      const value = pair.slice(equals + 1).trim();
      if (TOKEN_PATTERN.test(value)) {
        return value;
      }
    }
  }
  return null;
}

/**
 * The Set-Cookie value handing this token to the dashboard (`Secure` when the request came over https);
 * with a null token, the value that makes the browser forget a cookie that no longer works.
 */
export function dashboardCookie(token: string | null, secure: boolean): string {
  return [`${DASHBOARD_COOKIE}=${token ?? ''}`, `Path=${QUEUE_DASHBOARD_PATH}`, 'HttpOnly', 'SameSite=Strict', ...(token === null ? ['Max-Age=0'] : []), ...(secure ? ['Secure'] : [])].join(
    '; ',
  );
}

/** The AuthGuard's rule for @Allow(ADMINS), reading the bearer header first, else the cookie. */
function administrator(auth: AuthService, request: Request): Promise<Principal> {
  const token = bearerToken(request.headers.authorization) ?? dashboardCookieToken(request.headers.cookie);
  return authorize(auth, token, { kind: 'roles', roles: ADMINS, duringPasswordChange: false }, dashboardNotSignedIn);
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
        if (error instanceof UnauthenticatedError && bearerToken(request.headers.authorization) === null && dashboardCookieToken(request.headers.cookie) !== null) {
          response.setHeader('Set-Cookie', dashboardCookie(null, request.secure));
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
