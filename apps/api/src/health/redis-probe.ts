import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@gwaje/config';
import { createProbeClient } from '@gwaje/queues';
import type { Redis } from 'ioredis';

/** One long-lived Redis connection used only to answer /health. */
@Injectable()
export class RedisProbe implements OnModuleInit, OnModuleDestroy {
  private readonly client: Redis;

  constructor(config: AppConfig) {
    this.client = createProbeClient(config);
    // Connection errors surface through ping(); without a listener ioredis would log them as unhandled.
    this.client.on('error', () => undefined);
  }

  onModuleInit(): void {
    this.client.connect().catch(() => undefined);
  }

  async ping(): Promise<void> {
    const answer = await this.client.ping();
    if (answer !== 'PONG') throw new Error('unexpected answer to PING');
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
