import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { isIsoDate } from '../common/calendar-date';

/** The whole environment the application reads, validated once at start. No process.env elsewhere. */
class EnvironmentVariables {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Matches(/^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*|localhost)$/, { message: 'HOST must be an IP address to listen on (0.0.0.0, 127.0.0.1, ::) or localhost' })
  HOST?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX may hold letters, digits, - and _ (at most 64)' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,60}$/, { message: 'E2B_SENDER_ID may hold letters, digits, ., - and _ (at most 60): the organisation id EudraVigilance gave the holder' })
  E2B_SENDER_ID?: string;

  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10080)
  SESSION_TTL_MINUTES?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  SESSION_IDLE_MINUTES?: number;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  TRUST_PROXY?: string;

  @IsOptional()
  @IsString()
  AS_OF?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  REGULATOR_TIME_ZONE?: string;

  @IsOptional()
  @IsString()
  EMBEDDED_PG_DIR?: string;

  @IsOptional()
  @IsString()
  WEB_DIR?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @Matches(/^[^<>]*<?[^@\s<>]+@[^@\s<>]+>?$/, { message: 'MAIL_FROM must be an address, optionally with a name: "CMA tracker <reminders@example.org>"' })
  MAIL_FROM?: string;

  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DELIVERY_RETRY_BASE_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_ATTEMPTS?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  FREQUENCY_DEBOUNCE_MS?: number;

  @IsOptional()
  @Matches(/^[0-9*,/-]+( [0-9*,/-]+){4,5}$/, { message: 'FREQUENCY_SCHEDULE must be a cron pattern of 5 or 6 fields, e.g. "30 2 * * *"' })
  FREQUENCY_SCHEDULE?: string;
}

export interface AppConfig {
  /** Unset only in demo mode, where an embedded PostgreSQL is started. */
  databaseUrl: string | undefined;
  /** Unset only in demo mode, where BullMQ runs on its PostgreSQL backend. */
  redisUrl: string | undefined;
  port: number;
  /** The address the HTTP server listens on: every interface by default (containers); 127.0.0.1 behind a local proxy. */
  host: string;
  queuePrefix: string;
  /** A session ends this long after sign-in, whatever happens. */
  sessionTtlMinutes: number;
  /** A session ends after this long without a request. */
  sessionIdleMinutes: number;
  /** Browser origins allowed to call the API (CORS); empty = none. */
  corsOrigins: string[];
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (login rate limit). */
  trustProxy: boolean;
  /** A fixed "today" (YYYY-MM-DD) for demos and reproducible runs; unset = the real date. */
  asOf: IsoDateOrUndefined;
  logLevel: string;
  regulatorTimeZone: string;
  embeddedPgDir: string;
  /** The built web application served at / (absolute). */
  webDir: string;
  osUser: string;
  /** Outgoing mail for e-mail reminders; unset = e-mail deliveries fail visibly as "not configured". */
  smtp: { url: string; from: string } | null;
  /** First retry delay of an e-mail or webhook delivery; it doubles at each attempt. */
  deliveryRetryBaseMs: number;
  /** Attempts of an e-mail or webhook delivery before it is marked failed. */
  deliveryAttempts: number;
  webhookTimeoutMs: number;
  /** N.1.3 / N.2.r.2 of E2B(R3) exports: the holder's EudraVigilance organisation id. */
  e2bSenderId: string;
  /** A frequency recomputation runs this long after the first case change of a burst (one run per burst). */
  frequencyDebounceMs: number;
  /** When the scheduled frequency runs go (cron, in the regulator's time zone). */
  frequencySchedule: string;
}
type IsoDateOrUndefined = string | undefined;

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const raw = plainToInstance(EnvironmentVariables, {
    ...present,
    PORT: present.PORT === undefined ? undefined : Number(present.PORT),
    SESSION_TTL_MINUTES: present.SESSION_TTL_MINUTES === undefined ? undefined : Number(present.SESSION_TTL_MINUTES),
    SESSION_IDLE_MINUTES: present.SESSION_IDLE_MINUTES === undefined ? undefined : Number(present.SESSION_IDLE_MINUTES),
    DELIVERY_RETRY_BASE_MS: present.DELIVERY_RETRY_BASE_MS === undefined ? undefined : Number(present.DELIVERY_RETRY_BASE_MS),
    WEBHOOK_TIMEOUT_MS: present.WEBHOOK_TIMEOUT_MS === undefined ? undefined : Number(present.WEBHOOK_TIMEOUT_MS),
    DELIVERY_ATTEMPTS: present.DELIVERY_ATTEMPTS === undefined ? undefined : Number(present.DELIVERY_ATTEMPTS),
    FREQUENCY_DEBOUNCE_MS: present.FREQUENCY_DEBOUNCE_MS === undefined ? undefined : Number(present.FREQUENCY_DEBOUNCE_MS),
  });
  const problems = validateSync(raw).flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
  if (raw.AS_OF !== undefined && !isIsoDate(raw.AS_OF)) {
    problems.push(`AS_OF: "${String(raw.AS_OF)}" is not a YYYY-MM-DD calendar date`);
  }
  const timeZone = raw.REGULATOR_TIME_ZONE ?? 'Europe/Amsterdam';
  if (!isKnownTimeZone(timeZone)) {
    problems.push(`REGULATOR_TIME_ZONE: "${timeZone}" is not a known IANA time zone`);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return {
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    port: raw.PORT ?? 3000,
    host: raw.HOST ?? '0.0.0.0',
    queuePrefix: raw.QUEUE_PREFIX ?? 'cma',
    sessionTtlMinutes: raw.SESSION_TTL_MINUTES ?? 480,
    sessionIdleMinutes: raw.SESSION_IDLE_MINUTES ?? 30,
    corsOrigins: (raw.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''),
    trustProxy: raw.TRUST_PROXY === 'true',
    asOf: raw.AS_OF,
    logLevel: raw.LOG_LEVEL ?? 'info',
    regulatorTimeZone: timeZone,
    embeddedPgDir: raw.EMBEDDED_PG_DIR ?? '.data/embedded-pg',
    webDir: resolve(raw.WEB_DIR ?? 'dist/web'),
    osUser: osUserName(),
    smtp: raw.SMTP_URL === undefined ? null : { url: raw.SMTP_URL, from: raw.MAIL_FROM ?? 'CMA tracker <reminders@cma-tracker.invalid>' },
    deliveryRetryBaseMs: raw.DELIVERY_RETRY_BASE_MS ?? 30_000,
    deliveryAttempts: raw.DELIVERY_ATTEMPTS ?? 10,
    webhookTimeoutMs: raw.WEBHOOK_TIMEOUT_MS ?? 10_000,
    e2bSenderId: raw.E2B_SENDER_ID ?? 'CMA-TRACKER-HOLDER',
    frequencyDebounceMs: raw.FREQUENCY_DEBOUNCE_MS ?? 10_000,
    frequencySchedule: raw.FREQUENCY_SCHEDULE ?? '30 2 * * *',
  };
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
