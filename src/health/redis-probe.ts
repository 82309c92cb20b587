import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app.config';

export type ServiceStatus = 'up' | 'unreachable' | 'not-configured';

/** Pings Redis when REDIS_URL is set; one lazily connected client, never queueing commands while down. */
@Injectable()
export class RedisProbe implements OnModuleDestroy {
  private readonly client: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client =
      config.redisUrl === undefined
        ? null
        : new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: () => 2000 });
    this.client?.on('error', () => undefined);
  }

  async status(): Promise<ServiceStatus> {
    if (this.client === null) {
      return 'not-configured';
    }
    try {
      if (this.client.status === 'wait') {
        await this.client.connect();
      }
      return (await this.client.ping()) === 'PONG' ? 'up' : 'unreachable';
    } catch {
      return 'unreachable';
    }
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}
