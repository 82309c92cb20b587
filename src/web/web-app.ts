import type { INestApplication } from '@nestjs/common';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths that belong to the server, never to the web application (an unknown one stays a JSON 404). */
const SERVER_PATHS = ['/api', '/admin/queues', '/health'];

function underAny(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Content-Security-Policy per path. The web application, Swagger UI and the queue dashboard load only their own
 * scripts (no inline script, no third-party origin); all three set styles at run time (Mantine, Swagger UI,
 * bull-board), so inline styles are allowed — and nothing else inline. API answers get a policy that loads nothing.
 */
const PAGE_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};
const API_DIRECTIVES = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null };

export function contentSecurityPolicy(): RequestHandler {
  const page = helmet.contentSecurityPolicy({ useDefaults: false, directives: PAGE_DIRECTIVES });
  const api = helmet.contentSecurityPolicy({ useDefaults: false, directives: API_DIRECTIVES });
  return (request, response, next) => {
    const isApi = underAny(request.path, ['/api', '/health']) && !underAny(request.path, ['/api/docs']);
    (isApi ? api : page)(request, response, next);
  };
}

/** API answers are never cached by browsers or proxies (they hold regulated and personal data). */
export function noStoreForApi(): RequestHandler {
  return (request, response, next) => {
    if (underAny(request.path, ['/api'])) {
      response.setHeader('Cache-Control', 'no-store');
    }
    next();
  };
}

/**
 * Serves the built web application from `webDir` at `/`: hashed assets cached for a year, `index.html` for every
 * other GET outside the server's paths (deep links work; it is revalidated each time). Returns false when the app
 * has not been built (`npm run build:web`), so the server still runs.
 */
export function mountWebApp(app: INestApplication, webDir: string): boolean {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) {
    return false;
  }
  const assets = express.static(webDir, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader('Cache-Control', path.includes(`${join(webDir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (underAny(request.path, SERVER_PATHS)) {
      next();
      return;
    }
    assets(request, response, () => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        next();
        return;
      }
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    });
  });
  return true;
}
