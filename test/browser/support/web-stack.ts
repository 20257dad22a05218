import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import pg from 'pg';
import { buildOnce } from '../../support/build.js';
import { freePort } from '../../support/redis-server.js';
import { SmtpSink } from '../../support/smtp-sink.js';

export const DEMO_PASSWORD = 'gwaje-demo-2026!';

/** The demo's people (DemoSeed in libs/identity): one per role, in 노원구. */
export const DEMO = {
  staff: 'staff@nowon.demo.gwaje.kr',
  head: 'head@nowon.demo.gwaje.kr',
  auditor: 'auditor@nowon.demo.gwaje.kr',
  office: 'office@nowon.demo.gwaje.kr',
  committee: 'committee@nowon.demo.gwaje.kr',
  /** ADMIN_EMAIL's default: the system administrator, in 서울특별시 정보기획관. */
  admin: 'admin@gwaje.local',
} as const;

export interface WebStack {
  /** http://127.0.0.1:<port>, serving the web app at / and the API under /api/v1 */
  url: string;
  /** The owner's connection to the stack's database (the API and worker use the app role's). */
  databaseUrl: string;
  /** As the owner, for arranging and inspecting data. */
  db: pg.Pool;
  mail: SmtpSink;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, process: ChildProcess, log: () => string) {
  for (let i = 0; i < 300; i++) {
    if (process.exitCode !== null) throw new Error(`the API exited:\n${log()}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not answer /health within 60 s:\n${log()}`);
}

/** Runs `fn` with a connection to the server's `postgres` database as the owner of `base`. */
async function asServerOwner<T>(base: URL, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The stack's database `name`, a copy of the demo database: set up and seeded once per Jest worker
 * (`setup --seed-demo`, about 30 s) into `<worker database>_webtpl`, then copied for each browser
 * suite (`CREATE DATABASE … TEMPLATE`, about a second), so every suite starts from the same demo
 * data without seeding it again. The template is made under another name and renamed when the seed
 * succeeded, so a failed seed is never copied; global-teardown.mjs drops it with the run.
 */
async function cloneDemoDatabase(base: URL, name: string, env: NodeJS.ProcessEnv): Promise<void> {
  const template = `${base.pathname.slice(1)}_webtpl`;
  const seeded = await asServerOwner(
    base,
    async (admin) =>
      (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount ===
      1,
  );
  if (!seeded) {
    const seeding = `${template}_seeding`;
    await asServerOwner(base, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS "${seeding}" WITH (FORCE)`),
    );
    // The owner's and the application role's URLs, both of the database being seeded.
    const at = (url: string) => Object.assign(new URL(url), { pathname: `/${seeding}` }).toString();
    const setup = spawnSync('node', ['dist/apps/api/apps/api/src/cli/setup.js', '--seed-demo'], {
      env: { ...env, DATABASE_ADMIN_URL: at(base.toString()), DATABASE_URL: at(env.DATABASE_URL!) },
      encoding: 'utf8',
    });
    if (setup.status !== 0) {
      throw new Error(`demo setup failed:\n${setup.stdout}\n${setup.stderr}`);
    }
    await asServerOwner(base, (admin) =>
      admin.query(`ALTER DATABASE "${seeding}" RENAME TO "${template}"`),
    );
  }
  await asServerOwner(base, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
}

/**
 * The whole system as production runs it — the built API (serving the built web app) and worker as
 * processes — on a database of its own with the demo data, so the browser sees what a user sees.
 */
export async function startWebStack(): Promise<WebStack> {
  await Promise.all([buildOnce('api'), buildOnce('worker'), buildOnce('web')]);
  // The owner's (setup: create, migrate, seed) and the application role's (API, worker) URLs.
  const base = new URL(process.env.DATABASE_ADMIN_URL!);
  const name = `${base.pathname.slice(1)}_web`;
  const databaseUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  const appBase = new URL(process.env.DATABASE_URL!);
  const appDatabaseUrl = Object.assign(new URL(appBase), { pathname: `/${name}` }).toString();
  const mail = new SmtpSink();
  await mail.start();
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: appDatabaseUrl,
    DATABASE_ADMIN_URL: '',
    REDIS_PREFIX: `${process.env.REDIS_PREFIX}-web`,
    SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DEMO: 'true',
  };
  await cloneDemoDatabase(base, name, env);

  const logs: string[] = [];
  const start = (file: string) => {
    const child = spawn('node', [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => logs.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => logs.push(c.toString()));
    return child;
  };
  const api = start('dist/apps/api/apps/api/src/main.js');
  const worker = start('dist/apps/worker/apps/worker/src/main.js');
  const url = `http://127.0.0.1:${port}`;
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // An idle connection the server closes (a restart, an administrator) is not a failure of the page
  // under test; the pool opens a new one on the next query, and a real failure shows in that query.
  db.on('error', (err) => logs.push(`test pool: idle connection closed: ${err.message}\n`));
  const stop = async () => {
    const exited = [api, worker].map(
      (c) => new Promise<void>((r) => (c.exitCode !== null ? r() : c.once('exit', () => r()))),
    );
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
    await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 10_000))]);
    api.kill('SIGKILL');
    worker.kill('SIGKILL');
    await db.end();
    await mail.stop();
    await asServerOwner(base, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
  };
  try {
    await waitForHealth(url, api, () => logs.join(''));
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, databaseUrl, db, mail, stop };
}

/** The API as a demo user, for setting the scene: `call` returns the parsed body or throws. */
export async function apiAs(stack: Pick<WebStack, 'url'>, email: string) {
  const res = await fetch(`${stack.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const session = (await res.json()) as { accessToken: string; user: { id: string } };
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${stack.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${session.accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed: any = await r.json().catch(() => null);
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(parsed)}`);
    return parsed;
  };
  return { user: session.user, call };
}
