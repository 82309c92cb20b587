import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { Actor, systemActor } from '../common/actor';
import { Clock, FixedClock, SystemClock } from '../common/clock';
import { createRootLogger, PinoNestLogger } from '../common/logger';
import { AppConfig, loadConfig } from '../config/app.config';
import { UsageError } from './cli-io';

export interface CliContext {
  config: AppConfig & { databaseUrl: string };
  clock: Clock;
  actor: Actor;
}

/** The CLI is an administrator's tool on the server: no sign-in, audited as cli:<operating-system user>. */
export function cliContext(asOf?: string): CliContext {
  const config = loadConfig();
  if (config.databaseUrl === undefined) {
    throw new UsageError('DATABASE_URL is not set: this command needs the PostgreSQL database');
  }
  const fixed = asOf ?? config.asOf;
  return {
    config: { ...config, databaseUrl: config.databaseUrl },
    clock: fixed !== undefined ? new FixedClock(fixed) : new SystemClock(config.regulatorTimeZone),
    actor: systemActor(`cli:${config.osUser}`),
  };
}

export async function withAppContext<T>(context: CliContext, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(AppModule.register({ config: context.config, clock: context.clock, runtime: { embeddedDatabase: false } }), {
    logger: new PinoNestLogger(createRootLogger(context.config.logLevel === 'info' ? 'warn' : context.config.logLevel)),
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
