import { join } from 'node:path';
import { loadConfig } from '@gwaje/config';
import { bullConnectionOptions, parseRedisUrl } from './redis.js';

describe('parseRedisUrl', () => {
  it('reads host and port, db 0 by default, no credentials or TLS', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).toEqual({
      host: '127.0.0.1',
      port: 6379,
      username: undefined,
      password: undefined,
      db: 0,
      tls: undefined,
    });
  });

  it('reads password, port and database number', () => {
    const o = parseRedisUrl('redis://:secret@h:6380/2');
    expect(o.host).toBe('h');
    expect(o.password).toBe('secret');
    expect(o.username).toBeUndefined();
    expect(o.port).toBe(6380);
    expect(o.db).toBe(2);
  });

  it('decodes percent-encoded credentials', () => {
    const o = parseRedisUrl('redis://user%40x:p%3Ass%2Fw@h:6379/0');
    expect(o.username).toBe('user@x');
    expect(o.password).toBe('p:ss/w');
  });

  it('turns TLS on for rediss:// and defaults the port to 6379', () => {
    const o = parseRedisUrl('rediss://h');
    expect(o.tls).toEqual({});
    expect(o.port).toBe(6379);
    expect(o.db).toBe(0);
  });
});

describe('bullConnectionOptions', () => {
  it('uses maxRetriesPerRequest: null and the configured Redis URL', () => {
    const config = loadConfig({
      env: { REDIS_URL: 'redis://cache.internal:6390/3' },
      configDir: join(process.cwd(), 'config'),
    });
    const o = bullConnectionOptions(config);
    expect(o.maxRetriesPerRequest).toBeNull();
    expect(o.host).toBe('cache.internal');
    expect(o.port).toBe(6390);
    expect(o.db).toBe(3);
  });
});
