import { Injectable, Logger } from '@nestjs/common';
import { RedisConnection } from '../common/redis-connection';

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** At most LIMIT sign-in attempts per client address per WINDOW, counted in Redis so every instance shares it. */
export const LOGIN_ATTEMPTS_LIMIT = 20;
export const LOGIN_WINDOW_SECONDS = 300;

/**
 * Fixed-window counter per client address. With Redis it holds across instances; without Redis (the
 * embedded demo) it counts in this process. If Redis is unreachable it lets the attempt through and logs:
 * the per-account lockout, kept in PostgreSQL, still stops password guessing.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger(LoginRateLimiter.name);
  private readonly local = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly redis: RedisConnection) {}

  async hit(clientAddress: string, nowMs: number = Date.now()): Promise<RateDecision> {
    const key = `${this.redis.prefix}:login-attempts:${clientAddress}`;
    try {
      const client = await this.redis.connected();
      if (client === null) {
        return this.hitLocal(key, nowMs);
      }
      const [[, count], [, ttl]] = (await client.multi().incr(key).expire(key, LOGIN_WINDOW_SECONDS, 'NX').ttl(key).exec()) as [[null, number], [null, number], [null, number]];
      return { allowed: count <= LOGIN_ATTEMPTS_LIMIT, retryAfterSeconds: Math.max(ttl, 1) };
    } catch (error) {
      this.logger.warn(`login rate limit not applied, Redis unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }

  private hitLocal(key: string, nowMs: number): RateDecision {
    if (this.local.size > 10_000) {
      for (const [stale, entry] of this.local) {
        if (entry.resetAt <= nowMs) {
          this.local.delete(stale);
        }
      }
    }
    const entry = this.local.get(key);
    const current = entry === undefined || entry.resetAt <= nowMs ? { count: 0, resetAt: nowMs + LOGIN_WINDOW_SECONDS * 1000 } : entry;
    current.count += 1;
    this.local.set(key, current);
    return { allowed: current.count <= LOGIN_ATTEMPTS_LIMIT, retryAfterSeconds: Math.ceil((current.resetAt - nowMs) / 1000) };
  }
}
