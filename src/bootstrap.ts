import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule, AppOptions } from './app.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { createRootLogger, PinoNestLogger } from './common/logger';
import { buildValidationPipe } from './common/validation';
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
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(contentSecurityPolicy());
  app.use(noStoreForApi());
  app.enableCors({
    origin: options.config.corsOrigins.length > 0 ? options.config.corsOrigins : false,
    allowedHeaders: ['Authorization', 'Content-Type', 'X-CSRF-Token', 'X-Background-Request'],
    maxAge: 600,
  });
  app.set('trust proxy', options.config.trustProxy);
  app.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(buildValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  // The BullMQ dashboard at /admin/queues: Express middleware, administrators only (see queues-dashboard.ts).
  mountQueueDashboard(app);
  // The web application (dist/web, built by `npm run build:web`) at / — see src/web/web-app.ts.
  mountWebApp(app, options.config.webDir);
  if (shutdownHooks) {
    app.enableShutdownHooks();
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CMA tracker')
      .setDescription('Post-authorisation obligations and pharmacovigilance tracker for EU conditional marketing authorisations')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'POST /api/auth/login returns the token' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', raw: ['json'], swaggerOptions: { validatorUrl: null } });
  return app;
}
