// Standalone (no @gwaje imports): Jest loads global setup/teardown outside its module mapper.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The server the tests use: DATABASE_URL if set, else the one in config/default.yaml. */
export function baseDatabaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const config = parse(readFileSync(join(process.cwd(), 'config', 'default.yaml'), 'utf8'));
  return config.database.url;
}

export function redisUrl() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const config = parse(readFileSync(join(process.cwd(), 'config', 'default.yaml'), 'utf8'));
  return config.redis.url;
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
