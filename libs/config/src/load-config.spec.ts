// The entry points load reflect-metadata first; app-config.ts's decorators need it.
import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config.js';

const configDir = join(process.cwd(), 'config');
const GOOD_SECRET = 'a-production-secret-of-forty-characters!';

/** Loads and returns the ConfigError it throws (fails the test if it does not throw one). */
function configError(env: NodeJS.ProcessEnv, dir = configDir): ConfigError {
  try {
    loadConfig({ env, configDir: dir });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.name).toBe('ConfigError');
    expect(e.message).not.toContain('\n');
    return e;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('loads config/default.yaml as the development profile without NODE_ENV', () => {
    const config = loadConfig({ env: {}, configDir });
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.demo).toBe(true);
    expect(config.database.url).toBe('postgres://gwaje_app@127.0.0.1:5432/gwaje');
    expect(config.database.adminUrl).toBe('postgres://postgres@127.0.0.1:5432/gwaje');
    expect(config.database.poolSize).toBe(10);
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.log.level).toBe('info');
    expect(config.http.docsUi).toBe(true);
  });

  it('returns class instances of the nested sections (so validation ran on them)', () => {
    const config = loadConfig({ env: {}, configDir });
    expect(config.database.constructor.name).toBe('DatabaseConfig');
    expect(config.auth.constructor.name).toBe('AuthConfig');
  });

  it('ignores an unknown NODE_ENV (no profile file) and keeps the defaults', () => {
    const config = loadConfig({ env: { NODE_ENV: 'staging' }, configDir });
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
  });

  it('merges config/test.yaml over the defaults when NODE_ENV=test', () => {
    const config = loadConfig({ env: { NODE_ENV: 'test', JWT_SECRET: GOOD_SECRET }, configDir });
    expect(config.env).toBe('test');
    expect(config.port).toBe(0);
    expect(config.demo).toBe(false);
    expect(config.log.level).toBe('silent');
    expect(config.http.loginRateLimitPerMinute).toBe(1000);
    expect(config.http.docsUi).toBe(false);
    // deep merge: keys of a section not named in test.yaml stay
    expect(config.http.bodyLimitBytes).toBe(1048576);
    expect(config.auth.issuer).toBe('gwaje');
  });

  it('applies environment overrides with their types', () => {
    const config = loadConfig({
      env: {
        PORT: '4000',
        DATABASE_URL: 'postgresql://u:p@db.example:5433/other',
        REDIS_URL: 'rediss://cache.example:6380/1',
        LOG_LEVEL: 'debug',
        DEMO: 'false',
        JWT_SECRET: GOOD_SECRET,
        REDIS_PREFIX: 'run-42',
      },
      configDir,
    });
    expect(config.port).toBe(4000);
    expect(config.database.url).toBe('postgresql://u:p@db.example:5433/other');
    // DATABASE_URL alone: the owner's connection defaults to it (no role split).
    expect(config.database.adminUrl).toBe('postgresql://u:p@db.example:5433/other');
    expect(config.redis.url).toBe('rediss://cache.example:6380/1');
    expect(config.log.level).toBe('debug');
    expect(config.demo).toBe(false);
    expect(config.redis.prefix).toBe('run-42');
  });

  it('treats an empty environment variable as unset', () => {
    const config = loadConfig({ env: { PORT: '', LOG_LEVEL: '' }, configDir });
    expect(config.port).toBe(3000);
    expect(config.log.level).toBe('info');
  });

  it('environment overrides win over the profile file', () => {
    const config = loadConfig({
      env: { NODE_ENV: 'test', PORT: '4000', JWT_SECRET: GOOD_SECRET },
      configDir,
    });
    expect(config.port).toBe(4000);
  });

  it('rejects a non-integer PORT with a one-line message naming the variable and the path', () => {
    const e = configError({ PORT: 'abc' });
    expect(e.message).toContain('PORT (port)');
    expect(e.message).toContain('integer');
    expect(e.message).toBe(
      'Configuration error: PORT (port) must be an integer port between 0 and 65535',
    );
  });

  it('rejects an out-of-range PORT', () => {
    expect(configError({ PORT: '70000' }).message).toContain('PORT (port)');
  });

  it('rejects an unknown LOG_LEVEL naming LOG_LEVEL (log.level)', () => {
    const e = configError({ LOG_LEVEL: 'loud' });
    expect(e.message).toContain('LOG_LEVEL (log.level)');
    expect(e.message).toContain('one of fatal, error, warn, info, debug, trace, silent');
  });

  it('trusts no proxy by default and reads HTTP_TRUSTED_PROXIES as a comma-separated list', () => {
    expect(loadConfig({ env: {}, configDir }).http.trustedProxies).toEqual([]);
    const config = loadConfig({
      env: { HTTP_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.10,fd00::/8 , ::1' },
      configDir,
    });
    expect(config.http.trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/8', '::1']);
  });

  it.each([
    '10.0.0.0/33',
    '10.0.0.300/8',
    'proxy.example',
    '10.0.0.0/8/1',
    '10.0.0.0/',
    'fd00::/129',
  ])('refuses the malformed trusted proxy %s at start, naming HTTP_TRUSTED_PROXIES', (bad) => {
    const e = configError({ HTTP_TRUSTED_PROXIES: `10.0.0.0/8,${bad}` });
    expect(e.message).toBe(
      'Configuration error: HTTP_TRUSTED_PROXIES (http.trustedProxies) must be a list of CIDR ranges or addresses such as 10.0.0.0/8, 192.168.1.10 (comma separated)',
    );
  });

  it('keeps DATABASE_ADMIN_URL apart from DATABASE_URL when both are set', () => {
    const config = loadConfig({
      env: {
        DATABASE_URL: 'postgres://gwaje_app@db:5432/g',
        DATABASE_ADMIN_URL: 'postgres://owner@db:5432/g',
        DATABASE_LOCK_TIMEOUT_MS: '2500',
        LEDGER_SEAL_INTERVAL_SECONDS: '30',
      },
      configDir,
    });
    expect(config.database.url).toBe('postgres://gwaje_app@db:5432/g');
    expect(config.database.adminUrl).toBe('postgres://owner@db:5432/g');
    expect(config.database.lockTimeoutMs).toBe(2500);
    expect(config.ledger.sealIntervalSeconds).toBe(30);
  });

  it('rejects a non-postgres DATABASE_URL naming DATABASE_URL', () => {
    const e = configError({ DATABASE_URL: 'mysql://x' });
    expect(e.message).toContain('DATABASE_URL (database.url)');
    expect(e.message).toContain('postgres://');
  });

  it('rejects a non-redis REDIS_URL naming REDIS_URL', () => {
    expect(configError({ REDIS_URL: 'http://x' }).message).toContain('REDIS_URL (redis.url)');
  });

  it('rejects a DEMO value that is not a boolean', () => {
    expect(configError({ DEMO: 'maybe' }).message).toContain('DEMO (demo)');
  });

  describe('production', () => {
    it('refuses to start without JWT_SECRET', () => {
      const e = configError({ NODE_ENV: 'production' });
      expect(e.message).toContain('JWT_SECRET (auth.jwtSecret)');
    });

    it('refuses the development secret that ships in default.yaml', () => {
      const e = configError({
        NODE_ENV: 'production',
        JWT_SECRET: 'gwaje-development-secret-do-not-use-in-production',
      });
      expect(e.message).toContain('JWT_SECRET');
      expect(e.message).toContain('default');
    });

    it('refuses a short secret', () => {
      const e = configError({ NODE_ENV: 'production', JWT_SECRET: 'short' });
      expect(e.message).toContain('JWT_SECRET (auth.jwtSecret)');
      expect(e.message).toContain('at least 32 characters');
    });

    it('loads with a 40-character secret of its own', () => {
      expect(GOOD_SECRET).toHaveLength(40);
      const config = loadConfig({
        env: { NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET },
        configDir,
      });
      expect(config.env).toBe('production');
      expect(config.auth.jwtSecret).toBe(GOOD_SECRET);
      expect(config.host).toBe('0.0.0.0');
      expect(config.demo).toBe(false);
    });

    it('refuses demo mode', () => {
      const e = configError({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, DEMO: 'true' });
      expect(e.message).toContain('DEMO (demo)');
    });
  });

  describe('the development JWT secret (SECURITY.md: refused whenever demo mode is off)', () => {
    const DEV_SECRET = 'gwaje-development-secret-do-not-use-in-production';

    it.each([
      ['no NODE_ENV, DEMO=false', { DEMO: 'false' }],
      ['NODE_ENV=development, DEMO=false', { NODE_ENV: 'development', DEMO: 'false' }],
      ['NODE_ENV=test (demo off in test.yaml)', { NODE_ENV: 'test' }],
      ['an unknown NODE_ENV, DEMO=0', { NODE_ENV: 'staging', DEMO: '0' }],
      ['the default named explicitly', { DEMO: 'false', JWT_SECRET: DEV_SECRET }],
    ])('is refused with %s', (_name, env) => {
      const e = configError(env);
      expect(e.message).toContain('JWT_SECRET (auth.jwtSecret)');
      expect(e.message).toContain('demo');
    });

    it('is accepted in demo mode (development, DEMO=true)', () => {
      expect(loadConfig({ env: {}, configDir }).auth.jwtSecret).toBe(DEV_SECRET);
      expect(loadConfig({ env: { DEMO: 'true' }, configDir }).auth.jwtSecret).toBe(DEV_SECRET);
    });

    it('is not needed when demo mode is off and JWT_SECRET is set', () => {
      const config = loadConfig({ env: { NODE_ENV: 'test', JWT_SECRET: GOOD_SECRET }, configDir });
      expect(config.demo).toBe(false);
      expect(config.auth.jwtSecret).toBe(GOOD_SECRET);
    });
  });

  describe('the queue board (http.queueBoard)', () => {
    it('is off by default in production', () => {
      const config = loadConfig({
        env: { NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET },
        configDir,
      });
      expect(config.http.queueBoard).toBe(false);
    });

    it('stays on in development', () => {
      expect(loadConfig({ env: {}, configDir }).http.queueBoard).toBe(true);
    });

    it('is turned on in production only by saying so (QUEUE_BOARD=true)', () => {
      const config = loadConfig({
        env: { NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, QUEUE_BOARD: 'true' },
        configDir,
      });
      expect(config.http.queueBoard).toBe(true);
    });
  });

  it('throws a ConfigError when the config directory does not exist', () => {
    const missing = join(process.cwd(), 'config', 'does-not-exist');
    const e = configError({}, missing);
    expect(e.message).toContain(join(missing, 'default.yaml'));
    expect(e.message).toContain('GWAJE_CONFIG_DIR');
  });
});
