import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app.config';

/**
 * The application's one Redis command connection (rate limits, locks), or none when REDIS_URL is unset.
 * Commands fail fast while Redis is down instead of queueing; callers decide how to degrade.
 */
@Injectable()
export class RedisConnection implements OnModuleDestroy {
  readonly client: Redis | null;
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = config.queuePrefix;
    this.client =
      config.redisUrl === undefined
        ? null
        : new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: () => 2000 });
    this.client?.on('error', () => undefined);
  }

  /** The connected client, connecting on first use. */
  async connected(): Promise<Redis | null> {
    if (this.client?.status === 'wait') {
      await this.client.connect();
    }
    return this.client;
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}
