import { Injectable } from '@nestjs/common';
import { RedisConnection } from '../common/redis-connection';

export type ServiceStatus = 'up' | 'unreachable' | 'not-configured';

/** Pings Redis through the application's one connection (which never queues commands while Redis is down). */
@Injectable()
export class RedisProbe {
  constructor(private readonly redis: RedisConnection) {}

  async status(): Promise<ServiceStatus> {
    if (this.redis.client === null) {
      return 'not-configured';
    }
    try {
      const client = await this.redis.connected();
      return (await client?.ping()) === 'PONG' ? 'up' : 'unreachable';
    } catch {
      return 'unreachable';
    }
  }
}
