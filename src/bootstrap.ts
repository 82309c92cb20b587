import { INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import helmet from 'helmet';
import { AppModule, AppOptions } from './app.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { MediaTypeInterceptor, refuseMalformedPaths } from './common/request-boundary';
import { StorableTextPipe } from './common/storable-text';
import { createRootLogger, PinoNestLogger } from './common/logger';
import { JSON_BODY_LIMIT, refuseUnreadableBodies, verifyJsonBody } from './common/request-body';
import { buildValidationPipe } from './common/validation';
import { applyGlobalPrefix, buildOpenApiDocument } from './openapi';
import { mountQueueDashboard } from './queues-admin/queues-dashboard';
import { contentSecurityPolicy, mountWebApp, noStoreForApi } from './web/web-app';

/**
 * Builds the HTTP application: security headers, validation, one error body, OpenAPI at /api/docs. Nest's
 * shutdown hooks close it on SIGINT/SIGTERM unless the caller orders its own shutdown (the demo: the
 * application first, its embedded PostgreSQL last).
 */
export async function createHttpApp(options: AppOptions, { shutdownHooks = true }: { shutdownHooks?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    logger: new PinoNestLogger(createRootLogger(options.config.logLevel)),
    bufferLogs: false,
  });
  // A path that does not decode, or holds text PostgreSQL cannot store, is refused before routing (400 MALFORMED_PATH).
  app.use(refuseMalformedPaths());
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(contentSecurityPolicy());
  app.use(noStoreForApi());
  app.enableCors({
    origin: options.config.corsOrigins.length > 0 ? options.config.corsOrigins : false,
    allowedHeaders: ['Authorization', 'Content-Type', 'X-CSRF-Token', 'X-Background-Request'],
    maxAge: 600,
  });
  app.set('trust proxy', options.config.trustProxy);
  // JSON bodies: at most 1 MB and 64 levels deep, refused before they are parsed (see request-body.ts).
  app.use(json({ limit: JSON_BODY_LIMIT, verify: verifyJsonBody }), refuseUnreadableBodies());
  applyGlobalPrefix(app);
  // Text PostgreSQL cannot store (NUL, lone surrogates) is refused naming its field before validation runs.
  app.useGlobalPipes(new StorableTextPipe(), buildValidationPipe());
  // A body in a media type the route does not read: 415 (JSON unless the route declares @ApiConsumes).
  app.useGlobalInterceptors(new MediaTypeInterceptor(app.get(Reflector)));
  app.useGlobalFilters(new HttpErrorFilter());
  // The BullMQ dashboard at /admin/queues: Express middleware, administrators only (see queues-dashboard.ts).
  mountQueueDashboard(app);
  // The web application (dist/web, built by `npm run build:web`) at / — see src/web/web-app.ts.
  mountWebApp(app, options.config.webDir);
  if (shutdownHooks) {
    app.enableShutdownHooks();
  }
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', raw: ['json'], swaggerOptions: { validatorUrl: null } });
  return app;
}
