import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { FixedClock } from './common/clock';
import { buildOpenApiDocument } from './common/openapi';
import { loadConfig } from './config/app.config';

/** Everything but /health lives under /api; the OpenAPI paths follow from this. */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
}

/** The OpenAPI document of an application whose global prefix is set: served at /api/docs, and the source of the web client. */
export { buildOpenApiDocument };

/**
 * The same document without a database, Redis or a listening server: Nest's preview mode scans the
 * modules and their controllers but instantiates nothing. `npm run api:client` writes it for the web app.
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  const databaseUrl = 'postgres://openapi-preview@127.0.0.1:1/none';
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.register({ config: { ...config, databaseUrl }, clock: new FixedClock('2000-01-01'), runtime: { embeddedDatabase: false } }), {
    preview: true,
    abortOnError: false,
    logger: false,
  });
  try {
    applyGlobalPrefix(app);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
