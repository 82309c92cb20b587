import type { INestApplication } from '@nestjs/common';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

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

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The encodings the build writes beside each asset (web/vite.config.mjs), in the order the server prefers them. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** Request paths (`/assets/…`) of the assets that have precompressed copies, with the encodings available. */
function precompressedAssets(webDir: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const assetsDir = join(webDir, 'assets');
  if (!existsSync(assetsDir)) {
    return found;
  }
  for (const name of readdirSync(assetsDir)) {
    for (const { encoding, suffix } of PRECOMPRESSED) {
      if (name.endsWith(suffix)) {
        const path = `/assets/${name.slice(0, -suffix.length)}`;
        found.set(path, (found.get(path) ?? new Set()).add(encoding));
      }
    }
  }
  return found;
}

/**
 * Hashed assets with a precompressed copy (.br, .gz) are sent compressed when the request's Accept-Encoding
 * allows it (brotli first), with the original's Content-Type, `Vary: Accept-Encoding` and a year's caching;
 * anything else falls through to the static files. The copies are listed once at start (no file system
 * lookup per request, no path from the request ever opened).
 */
function servePrecompressed(webDir: string): RequestHandler {
  const assets = precompressedAssets(webDir);
  return (request, response, next) => {
    const encodings = request.method === 'GET' || request.method === 'HEAD' ? assets.get(request.path) : undefined;
    if (encodings === undefined) {
      next();
      return;
    }
    response.setHeader('Vary', 'Accept-Encoding');
    const chosen = PRECOMPRESSED.find(({ encoding }) => encodings.has(encoding) && request.acceptsEncodings(encoding) === encoding);
    if (chosen === undefined) {
      next();
      return;
    }
    response.setHeader('Content-Encoding', chosen.encoding);
    response.type(extname(request.path));
    response.sendFile(join(webDir, `${request.path}${chosen.suffix}`), { headers: { 'Cache-Control': IMMUTABLE }, cacheControl: false }, (error?: Error) => {
      if (error !== undefined && !response.headersSent) {
        response.removeHeader('Content-Encoding');
        next();
      }
    });
  };
}

/**
 * Serves the built web application from `webDir` at `/`: hashed assets cached for a year (precompressed when the
 * build wrote .br/.gz copies and the browser accepts them), `index.html` for every other GET outside the server's
 * paths (deep links work; it is revalidated each time). Returns false when the app has not been built
 * (`npm run build:web`), so the server still runs.
 */
export function mountWebApp(app: INestApplication, webDir: string): boolean {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) {
    return false;
  }
  const assets = express.static(webDir, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader('Cache-Control', path.includes(`${join(webDir, 'assets')}`) ? IMMUTABLE : 'no-cache');
    },
  });
  const precompressed = servePrecompressed(webDir);
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (underAny(request.path, SERVER_PATHS)) {
      next();
      return;
    }
    const appShell = (): void => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        next();
        return;
      }
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    };
    precompressed(request, response, () => {
      assets(request, response, appShell);
    });
  });
  return true;
}
