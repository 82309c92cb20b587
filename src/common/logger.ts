import { LoggerService } from '@nestjs/common';
import pino, { Logger as PinoLogger } from 'pino';

/**
 * Secrets and personal data never reach the logs: nothing logs request bodies or patient data, and these
 * paths are censored should an object carrying them ever be logged.
 */
export const REDACTED_PATHS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'authorization',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.authorization',
  '*.headers.authorization',
  '*.passwordHash',
  '*.secret',
];

/** Structured JSON logs on standard error (standard output stays free for CLI results). */
export function createRootLogger(level: string): PinoLogger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, pino.destination(2));
}

/** Nest's start-up chatter (one line per module and route): debug, so a start shows what matters. */
const NEST_START_UP_CONTEXTS: ReadonlySet<string> = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Adapts pino to Nest's LoggerService; the context becomes a field. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: PinoLogger) {}
  log(message: unknown, ...rest: unknown[]): void {
    const context = contextOf(rest);
    if (context !== undefined && NEST_START_UP_CONTEXTS.has(context)) {
      this.logger.debug({ context }, String(message));
      return;
    }
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, ...rest: unknown[]): void {
    const [stack] = rest;
    this.logger.error({ context: contextOf(rest.slice(1)), stack: typeof stack === 'string' ? stack : undefined }, String(message));
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.logger.warn({ context: contextOf(rest) }, String(message));
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.logger.debug({ context: contextOf(rest) }, String(message));
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.logger.trace({ context: contextOf(rest) }, String(message));
  }
}

function contextOf(rest: unknown[]): string | undefined {
  const last = rest[rest.length - 1];
  return typeof last === 'string' ? last : undefined;
}
