import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testConfig } from './support/app.js';
import { buildOnce } from './support/build.js';

/**
 * Safe defaults as an operator meets them (SECURITY.md): the built API refuses the development JWT
 * secret whenever demo mode is off, whatever NODE_ENV says, and `setup --seed-demo` refuses in
 * production before it touches the database.
 */
describe('safe defaults of the built entry points', () => {
  const owner = testConfig().database.adminUrl;

  beforeAll(async () => {
    await buildOnce('api');
  }, 180_000);

  /** Runs a built entry point with the run's environment plus `env`, at most 20 s. */
  const run = (file: string, args: string[], env: Record<string, string>) =>
    spawnSync('node', [file, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });

  const databaseExists = async (name: string) => {
    const client = new pg.Client({ connectionString: owner });
    await client.connect();
    try {
      const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [
        name,
      ]);
      return rowCount === 1;
    } finally {
      await client.end();
    }
  };

  it.each([
    ['NODE_ENV unset', {}],
    ['NODE_ENV=development', { NODE_ENV: 'development' }],
  ])(
    'the API does not start on the development JWT secret with demo mode off (%s)',
    (_name, env) => {
      // An empty JWT_SECRET counts as unset: the secret of config/default.yaml applies.
      const result = run('dist/apps/api/apps/api/src/main.js', [], {
        NODE_ENV: '',
        ...env,
        DEMO: 'false',
        JWT_SECRET: '',
        PORT: '0',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('JWT_SECRET (auth.jwtSecret)');
      expect(result.stderr).toContain('demo mode is off');
    },
  );

  it('`setup --seed-demo` refuses in production with a clear message, before touching the database', async () => {
    const name = `gwaje_seed_refused_${randomBytes(3).toString('hex')}`;
    const url = new URL(owner);
    url.pathname = `/${name}`;
    const result = run('dist/apps/api/apps/api/src/cli/setup.js', ['--seed-demo'], {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_ADMIN_URL: url.toString(),
      DATABASE_URL: url.toString(),
    });
    try {
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('--seed-demo');
      expect(result.stderr).toContain('production');
      expect(result.stdout).not.toContain('✓');
      // Not created, so neither migrated nor seeded.
      expect(await databaseExists(name)).toBe(false);
    } finally {
      const client = new pg.Client({ connectionString: owner });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    }
  });
});
