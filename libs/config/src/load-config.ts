import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { parse } from 'yaml';
import { AppConfig } from './app-config.js';

/** How an environment variable's text becomes a config value ('list': comma separated). */
type EnvKind = 'string' | 'int' | 'bool' | 'list';

/** Environment variables and the config path each one overrides. */
export const ENV_OVERRIDES: ReadonlyArray<{
  env: string;
  path: string;
  kind: EnvKind;
}> = [
  { env: 'PORT', path: 'port', kind: 'int' },
  { env: 'HOST', path: 'host', kind: 'string' },
  { env: 'PUBLIC_URL', path: 'publicUrl', kind: 'string' },
  { env: 'DEMO', path: 'demo', kind: 'bool' },
  { env: 'DATABASE_URL', path: 'database.url', kind: 'string' },
  { env: 'DATABASE_ADMIN_URL', path: 'database.adminUrl', kind: 'string' },
  { env: 'DATABASE_LOCK_TIMEOUT_MS', path: 'database.lockTimeoutMs', kind: 'int' },
  { env: 'DATABASE_STATEMENT_TIMEOUT_MS', path: 'database.statementTimeoutMs', kind: 'int' },
  { env: 'DATABASE_REPLICA_URLS', path: 'database.replicaUrls', kind: 'list' },
  { env: 'REDIS_URL', path: 'redis.url', kind: 'string' },
  { env: 'REDIS_PREFIX', path: 'redis.prefix', kind: 'string' },
  { env: 'JWT_SECRET', path: 'auth.jwtSecret', kind: 'string' },
  { env: 'SMTP_URL', path: 'smtp.url', kind: 'string' },
  { env: 'SMTP_FROM', path: 'smtp.from', kind: 'string' },
  { env: 'SMTP_SEND_LEASE_MS', path: 'smtp.sendLeaseMs', kind: 'int' },
  { env: 'SMTP_CONNECTIONS', path: 'smtp.connections', kind: 'int' },
  { env: 'SMTP_MAX_ATTEMPTS', path: 'smtp.maxAttempts', kind: 'int' },
  { env: 'SMTP_RETRY_BASE_MS', path: 'smtp.retryBaseMs', kind: 'int' },
  { env: 'ADMIN_EMAIL', path: 'admin.email', kind: 'string' },
  { env: 'ADMIN_PASSWORD', path: 'admin.password', kind: 'string' },
  { env: 'ORGANISATION_NAME', path: 'admin.organisationName', kind: 'string' },
  { env: 'ORGANISATION_KIND', path: 'admin.organisationKind', kind: 'string' },
  { env: 'LOG_LEVEL', path: 'log.level', kind: 'string' },
  { env: 'ATTACHMENTS_STORAGE', path: 'attachments.storage', kind: 'string' },
  { env: 'ATTACHMENTS_DIR', path: 'attachments.directory', kind: 'string' },
  { env: 'WEB_ROOT', path: 'http.webRoot', kind: 'string' },
  { env: 'HTTP_TRUSTED_PROXIES', path: 'http.trustedProxies', kind: 'list' },
  { env: 'QUEUE_BOARD', path: 'http.queueBoard', kind: 'bool' },
  { env: 'LEDGER_SIGNING_KEY_FILE', path: 'ledger.signingKeyFile', kind: 'string' },
  { env: 'LEDGER_PUBLIC_KEY_FILE', path: 'ledger.publicKeyFile', kind: 'string' },
  { env: 'LEDGER_SEAL_INTERVAL_SECONDS', path: 'ledger.sealIntervalSeconds', kind: 'int' },
  { env: 'IMPORTS_MAX_FILE_MB', path: 'imports.maxFileMb', kind: 'int' },
  { env: 'IMPORTS_MAX_ROWS', path: 'imports.maxRows', kind: 'int' },
  { env: 'IMPORTS_MAX_NEW_USERS', path: 'imports.maxNewUsers', kind: 'int' },
];

/** Secrets that ship in config/default.yaml; refused unless demo mode is on (never in production). */
const KNOWN_DEFAULT_SECRETS = new Set(['gwaje-development-secret-do-not-use-in-production']);

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlain(v) && isPlain(out[k]) ? deepMerge(out[k], v) : v;
  }
  return out;
}

function setPath(target: Plain, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlain(node[key])) node[key] = {};
    node = node[key] as Plain;
  }
  node[keys[keys.length - 1]] = value;
}

function readYaml(file: string): Plain {
  if (!existsSync(file)) return {};
  const parsed: unknown = parse(readFileSync(file, 'utf8'));
  if (parsed === null || parsed === undefined) return {};
  if (!isPlain(parsed))
    throw new ConfigError(`Configuration error: ${file} must contain a YAML mapping`);
  return parsed;
}

function coerce(kind: EnvKind, raw: string): unknown {
  if (kind === 'list')
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  if (kind === 'int') return /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (kind === 'bool')
    return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
  return raw;
}

function firstError(
  errors: ValidationError[],
  prefix = '',
): { path: string; expects: string } | undefined {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) return { path, expects: Object.values(e.constraints)[0] };
    const nested = firstError(e.children ?? [], path);
    if (nested) return nested;
  }
  return undefined;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  configDir?: string;
}

/**
 * Loads config/default.yaml, then config/<NODE_ENV>.yaml, then environment variables, and validates
 * the result. Any problem throws a ConfigError whose message is one line naming the key and what it
 * expects, which the entry points print before exiting.
 */
export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  const dir = resolve(options.configDir ?? env.GWAJE_CONFIG_DIR ?? join(process.cwd(), 'config'));
  const profile =
    env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : undefined;
  if (!existsSync(join(dir, 'default.yaml'))) {
    throw new ConfigError(
      `Configuration error: ${join(dir, 'default.yaml')} not found (set GWAJE_CONFIG_DIR)`,
    );
  }
  let merged = readYaml(join(dir, 'default.yaml'));
  if (profile) merged = deepMerge(merged, readYaml(join(dir, `${profile}.yaml`)));
  for (const o of ENV_OVERRIDES) {
    const raw = env[o.env];
    if (raw !== undefined && raw !== '') setPath(merged, o.path, coerce(o.kind, raw));
  }
  // DATABASE_URL alone keeps meaning "this database": the owner's URL defaults to it.
  if ((env.DATABASE_URL ?? '') !== '' && (env.DATABASE_ADMIN_URL ?? '') === '')
    setPath(merged, 'database.adminUrl', env.DATABASE_URL);
  const config = plainToInstance(AppConfig, merged);
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: true });
  const problem = firstError(errors);
  if (problem) {
    const envName = ENV_OVERRIDES.find((o) => o.path === problem.path)?.env;
    const key = envName ? `${envName} (${problem.path})` : problem.path;
    throw new ConfigError(`Configuration error: ${key} must be ${problem.expects}`);
  }
  if (config.env === 'production' && config.demo)
    throw new ConfigError('Configuration error: DEMO (demo) must be false in production');
  // Whatever NODE_ENV says: only demo mode may run on the secret everyone can read in default.yaml
  // (a server started with NODE_ENV unset and DEMO=false is a real one all the same).
  if (!config.demo && KNOWN_DEFAULT_SECRETS.has(config.auth.jwtSecret)) {
    throw new ConfigError(
      'Configuration error: JWT_SECRET (auth.jwtSecret) must be set to your own secret whenever demo mode is off (DEMO=false, and always in production), not the development default',
    );
  }
  return config;
}

/** For entry points: run start-up, turning a ConfigError (also one thrown later at start-up) into its one line and exit 1. */
export async function startOrExit(start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** For entry points: load or print the one-line reason and exit. */
export function loadConfigOrExit(options?: LoadConfigOptions): AppConfig {
  try {
    return loadConfig(options);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
