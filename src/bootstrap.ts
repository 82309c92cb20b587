import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule, AppOptions } from './app.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { createRootLogger, PinoNestLogger } from './common/logger';
import { buildOpenApiDocument } from './common/openapi';
import { buildValidationPipe } from './common/validation';
import { mountQueueDashboard } from './queues-admin/queues-dashboard';

/** Builds the HTTP application: security headers, validation, one error body, OpenAPI at /api/docs. */
export async function createHttpApp(options: AppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    logger: new PinoNestLogger(createRootLogger(options.config.logLevel)),
    bufferLogs: false,
  });
  app.use(helmet({ contentSecurityPolicy: false }));
  app.enableCors({ origin: options.config.corsOrigins.length > 0 ? options.config.corsOrigins : false, allowedHeaders: ['Authorization', 'Content-Type'], maxAge: 600 });
  app.set('trust proxy', options.config.trustProxy);
  app.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(buildValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  // The BullMQ dashboard at /admin/queues: Express middleware, administrators only (see queues-dashboard.ts).
  mountQueueDashboard(app);
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', raw: ['json'] });
  return app;
}
