// Standalone (no @gwaje imports): Jest loads global setup/teardown outside its module mapper.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

function defaults() {
  return parse(readFileSync(join(process.cwd(), 'config', 'default.yaml'), 'utf8'));
}

/**
 * The owner's connection to the server the tests use (it creates and drops databases, migrates and
 * arranges data): DATABASE_ADMIN_URL if set, else DATABASE_URL (as the configuration does when only
 * that is set), else `database.adminUrl` of config/default.yaml.
 */
export function baseDatabaseUrl() {
  if (process.env.DATABASE_ADMIN_URL) return process.env.DATABASE_ADMIN_URL;
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  return defaults().database.adminUrl;
}

/**
 * The application's connection (the API and worker under test): DATABASE_URL when both URLs are
 * set, else the owner's server as the user (and password) of `database.url` in
 * config/default.yaml (`gwaje_app`), so the tests always run with the role split.
 */
export function appDatabaseUrl() {
  if (process.env.DATABASE_ADMIN_URL && process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const app = new URL(defaults().database.url);
  const u = new URL(baseDatabaseUrl());
  u.username = app.username;
  u.password = app.password;
  return u.toString();
}

export function redisUrl() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  return defaults().redis.url;
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The databases of a run with `workers` Jest workers: the run's own, then `<name>_w2` … */
export function workerDatabases(name, workers) {
  return [name, ...Array.from({ length: workers - 1 }, (_, i) => `${name}_w${i + 2}`)];
}
