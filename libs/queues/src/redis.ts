import type { AppConfig } from '@gwaje/config';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connection options for BullMQ workers: `maxRetriesPerRequest: null` so blocking commands wait
 * through a Redis restart instead of failing (ARCHITECTURE.md convention 10).
 */
export function bullConnectionOptions(config: AppConfig): RedisOptions {
  return { ...parseRedisUrl(config.redis.url), maxRetriesPerRequest: null };
}

/**
 * A client for health checks: fails fast while Redis is down (no offline queue), keeps trying to
 * reconnect in the background so health turns green again by itself.
 */
export function createProbeClient(config: AppConfig): Redis {
  return new Redis({
    ...parseRedisUrl(config.redis.url),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

export function parseRedisUrl(url: string): RedisOptions {
  const u = new URL(url);
  const path = /^\/?(\d*)$/.exec(u.pathname);
  if (!path)
    throw new Error(
      'REDIS_URL: the path must be empty or a database number, e.g. redis://host:6379/0',
    );
  return {
    // IPv6 literals come bracketed in URLs ([::1]); the socket wants them bare.
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: path[1] ? Number(path[1]) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}
