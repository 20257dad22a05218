// npm run bench: generates data at a chosen scale in its own database and measures Gwaje — the
// built API and worker, run as they run in production — beside a raw baseline with no framework, so
// the figure that matters is the ratio (it holds on a noisy machine): the HTTP and dashboard
// baselines send their SQL with plain `pg`; the fan-out's (bench/raw-fanout.mjs) touches no
// database — plain `bullmq` and `nodemailer` sending the same template. Never part of the tests.
// Prints a table and writes bench/results/<date>.json and .md (bench/report.mjs); `npm run
// bench:readme` puts the newest committed results into the README.
//
//   npm run bench                      50 departments, 100k tasks, 400k reports, 20k consultations,
//                                      10k reminder e-mails
//   npm run bench -- --scale 0.1       a tenth of everything (quick check)
//   npm run bench -- --reports 1000000 more reports (the dashboard target of issue 8)
//   options: --seconds 20 (each side's HTTP load, in --rounds 2) --warmup 3 --connections 32
//            --emails N --fanout-limit 600 (seconds) --smtp-connections 10 --runs 5
//            (dashboard compiles) --items 1,2,3,4,5 (transition, list, dashboard, fan-out,
//            global search) --search-repeats 30 (each search query per user, item 5)
//            --log-level info (the API's and worker's; production logs at info)
//            --profile (CPU profiles of the API and worker in the temp directory)
//   e.g. npm run bench -- --items 1   the task transition only (with its two baselines: the same
//                                      statements as the API, and issue 15's minimal transaction)
//
// What it touches: the database gwaje_bench (dropped and recreated at the start, left for
// inspection at the end), Redis keys under the prefix gwaje-bench (deleted at the start and the
// end), a copy of the build under dist/bench-<pid> (deleted at the end), and the child processes
// it starts (stopped at the end, also on errors and Ctrl-C).
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import argon2 from 'argon2';
import { Redis } from 'ioredis';
import pg from 'pg';
import { generate } from './generate.mjs';
import {
  compareStatements,
  loadHttp,
  percentile,
  loadRaw,
  login,
  MinimalTransition,
  RawApi,
  summarise,
} from './http-bench.mjs';
import { Child, machineCpu, stopAll } from './processes.mjs';
import { resultMarkdown } from './report.mjs';
import { CountingSink } from './smtp-sink.mjs';

const argValue = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const arg = (name, fallback) => (argValue(name) === undefined ? fallback : Number(argValue(name)));
const scale = arg('scale', 1);
const size = {
  departments: Math.max(2, Math.round(arg('departments', 50) * Math.min(1, scale * 4))),
  tasks: Math.round(arg('tasks', 100_000) * scale),
  reports: Math.round(arg('reports', 400_000) * scale),
  consultations: Math.round(arg('consultations', 20_000) * scale),
  emails: Math.round(arg('emails', 10_000 * scale)),
  year: new Date().getFullYear(),
};
const runs = arg('runs', 5);
const seconds = arg('seconds', 20);
const rounds = arg('rounds', 2);
const warmup = arg('warmup', 3);
const connections = arg('connections', 32);
const items = new Set((argValue('items') ?? '1,2,3,4,5').split(',').map(Number));
/** Item 5: searches per user and query (sequential, after a warm-up of each). */
const searchRepeats = arg('search-repeats', 30);
const logLevel = argValue('log-level');
const fanoutLimit = arg('fanout-limit', 600);
/** SMTP connections of both fan-outs (Gwaje's smtp.connections, the raw baseline's pool). */
const smtpPool = arg('smtp-connections', 10);
/** --profile: the measured API and worker sample their CPU (bench/cpu-profile.mjs). */
const profile = process.argv.includes('--profile');
const profileFile = (name) => join(tmpdir(), `gwaje-bench-${process.pid}-${name}.cpuprofile`);
const profiled = (name) =>
  profile
    ? {
        args: ['--import', join(root, 'bench/cpu-profile.mjs')],
        env: { BENCH_CPU_PROFILE: profileFile(name) },
      }
    : { args: [], env: {} };
/** Has a profiled child write its profile since the last one; kept as <name>-<label>.cpuprofile. */
async function writeProfile(child, label) {
  if (!profile || child.exited) return;
  child.proc.kill('SIGWINCH');
  await sleep(2000);
  const file = profileFile(`${child.name}-${label}`);
  renameSync(profileFile(child.name), file);
  if (!['start-up', 'before-transitions', 'before-list'].includes(label))
    console.log(`  CPU profile: node bench/profile-summary.mjs ${file}`);
}

const root = fileURLToPath(new URL('..', import.meta.url));
/** 300 MB (the target) in MiB, the unit /proc reports in. */
const MB_300 = (300 * 1e6) / 1048576;
const BENCH_PASSWORD = 'bench-password-of-gwaje';
const REDIS_PREFIX = 'gwaje-bench';

// Others may rebuild dist/ while this runs: measure a private copy of the build.
const snapshot = join(root, 'dist', `bench-${process.pid}`);
process.on('exit', () => rmSync(snapshot, { recursive: true, force: true }));
for (let attempt = 1; ; attempt++) {
  try {
    for (const app of ['api', 'worker']) {
      rmSync(join(snapshot, app), { recursive: true, force: true });
      cpSync(join(root, 'dist', 'apps', app), join(snapshot, app), { recursive: true });
      statSync(join(snapshot, app, 'apps', app, 'src', 'main.js'));
    }
    break;
  } catch (error) {
    // Caught mid-rebuild by someone else: try again shortly.
    if (attempt === 10) throw error;
    await sleep(3000);
  }
}
const API_DIST = join(snapshot, 'api');
const WORKER_DIST = join(snapshot, 'worker');
const lib = (dist, path) => import(join(dist, 'libs', path));

const { loadConfig } = await lib(WORKER_DIST, 'config/src/index.js');
const { createDatabaseIfMissing, runMigrations } = await lib(WORKER_DIST, 'db/src/index.js');
const figures = await lib(WORKER_DIST, 'dashboards/src/dashboard-figures.js');
const { createWorker } = await import(join(WORKER_DIST, 'apps/worker/src/bootstrap.js'));
const { DashboardsService } = await lib(WORKER_DIST, 'dashboards/src/index.js');
const { buildTaskByIdQuery, buildTaskIdQuery, buildTaskRowsQuery, buildTransitionStatement } =
  await lib(API_DIST, 'tasks/src/task-query.js');
const { AccessPolicy } = await lib(API_DIST, 'identity/src/policy/access-policy.service.js');
const { parseRoles } = await lib(API_DIST, 'identity/src/auth/auth.service.js');
const { historyContentHash, toJson } = await lib(API_DIST, 'audit/src/history/history-hash.js');
const { GENESIS_HASH, HISTORY_LINK_PREFIX } = await lib(
  API_DIST,
  'audit/src/ledger/ledger-hash.js',
);
const { accessEntryHash } = await lib(API_DIST, 'audit/src/access-log/access-log.service.js');
// The global search's statement as the API builds it (item 5's baseline): the search port and
// the sources the modules register at start.
const { buildSearchQuery, normaliseSearchQuery, preselectKey, searchPreselects } = await lib(
  API_DIST,
  'search/src/index.js',
);
const searchSources = {
  tasks: await lib(API_DIST, 'tasks/src/task-search.js'),
  reports: await lib(API_DIST, 'reports/src/report-search.js'),
  consultations: await lib(API_DIST, 'consultations/src/consultation-search.js'),
  contests: await lib(API_DIST, 'contests/src/contest-search.js'),
  contestAccess: await lib(API_DIST, 'contests/src/contest-access.js'),
  taskShares: await lib(API_DIST, 'tasks/src/task-read-shares.js'),
  collaboration: await lib(API_DIST, 'collaboration/src/collaboration-query.js'),
};
const { seoulDate } = await lib(WORKER_DIST, 'calendar/src/index.js');
const { deadlinesRemindedOn } = await lib(WORKER_DIST, 'notifications/src/reminder-days.js');

const base = loadConfig({ env: { ...process.env, LOG_LEVEL: 'silent' } });
// gwaje_bench as the owner (create, migrate, generate the data) and as the application's role (the
// API, the worker and the raw baselines), as production splits them (ARCHITECTURE.md convention 8).
const dbUrl = new URL(base.database.url);
dbUrl.pathname = '/gwaje_bench';
const adminDbUrl = new URL(base.database.adminUrl);
adminDbUrl.pathname = '/gwaje_bench';
// Demo mode is off, which refuses the development JWT secret: one secret of this run's own.
const jwtSecret = randomBytes(32).toString('hex');
const env = {
  ...process.env,
  JWT_SECRET: jwtSecret,
  DATABASE_URL: dbUrl.toString(),
  DATABASE_ADMIN_URL: adminDbUrl.toString(),
  REDIS_PREFIX,
  LOG_LEVEL: 'silent',
  DEMO: 'false',
};
const config = loadConfig({ env });

// The production worker refuses to start without a ledger signing key: one for this run.
const signingKeyFile = join(tmpdir(), `gwaje-bench-${process.pid}-ledger-signing-key.pem`);
writeFileSync(
  signingKeyFile,
  generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey,
  { mode: 0o600 },
);
process.on('exit', () => rmSync(signingKeyFile, { force: true }));

/** The environment of the API and worker: the production profile, on this machine. */
const childEnv = (extra) => ({
  ...process.env,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  DATABASE_URL: config.database.url,
  DATABASE_ADMIN_URL: '',
  LEDGER_SIGNING_KEY_FILE: signingKeyFile,
  REDIS_URL: config.redis.url,
  REDIS_PREFIX,
  JWT_SECRET: jwtSecret,
  DEMO: 'false',
  ADMIN_PASSWORD: '',
  ...(logLevel ? { LOG_LEVEL: logLevel } : {}),
  ...extra,
});
const childLogLevel = loadConfig({ env: childEnv({}) }).log.level;

async function dropRedisPrefix() {
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

let nextPort = 20_000 + (process.pid % 20_000);
const startApi = async (name, extraArgs = [], extraEnv = {}) => {
  const port = nextPort++;
  const api = new Child(
    name,
    [...extraArgs, join(API_DIST, 'apps/api/src/main.js')],
    childEnv({ PORT: String(port), ...extraEnv }),
  );
  const url = `http://127.0.0.1:${port}`;
  await api.waitUntil(async () => (await fetch(`${url}/health`)).status === 200);
  return { api, url };
};

/**
 * Runs one load and adds where the CPU went: the machine's busy share (all cores, whoever used
 * them: Postgres, the load generator, other work on the machine), and the CPU milliseconds of the
 * API (when `api` is given) and of this process (load generator or raw client).
 */
async function withCpu(load, api) {
  const m0 = machineCpu();
  const a0 = api?.cpuSeconds ?? 0;
  const b0 = process.cpuUsage();
  const part = await load();
  const m1 = machineCpu();
  const b = process.cpuUsage(b0);
  part.machineBusy = m1.busy - m0.busy;
  part.machineTotal = m1.total - m0.total;
  part.benchCpuMs = (b.user + b.system) / 1000;
  if (api) part.apiCpuMs = (api.cpuSeconds - a0) * 1000;
  return part;
}

/**
 * Gwaje and its baselines in alternating rounds (raw, [minimal,] Gwaje, raw, …), each after a
 * warm-up, so a change in the machine's other load during the measurement hits all sides alike.
 * Each side's CPU is measured; the API's only while Gwaje's load runs.
 */
async function measureSides({ sides, api, before = async () => undefined }) {
  const names = Object.keys(sides);
  for (const name of names) {
    await before();
    await sides[name](warmup);
  }
  const parts = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      await before();
      parts[name].push(
        await withCpu(() => sides[name](seconds / rounds), name === 'gwaje' ? api : undefined),
      );
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(parts[n])]));
}
const measurePair = ({ raw, gwaje, api, before }) =>
  measureSides({ sides: { raw, gwaje }, api, before });

const round2 = (x) => Math.round(x * 100) / 100;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 1073741824),
    node: process.version,
    /** 1, 5 and 15 minute load averages when the bench started (2 cores: above 2 is queueing). */
    loadAverageAtStart: loadavg().map(round2),
  },
  code: (() => {
    const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();
    try {
      return {
        commit: git('rev-parse', '--short', 'HEAD'),
        uncommittedChanges: !!git('status', '--porcelain'),
      };
    } catch {
      return null;
    }
  })(),
  size,
  settings: {
    connections,
    secondsPerSide: seconds,
    rounds,
    warmupSeconds: warmup,
    apiPoolSize: config.database.poolSize,
    childLogLevel,
    /** --profile: the API and worker ran under the CPU profiler (slower; figures not comparable). */
    profile,
  },
};

let client;
let pool;
const processes = {};
try {
  // ── Data ───────────────────────────────────────────────────────────────────────────────────
  const admin = new pg.Client({
    connectionString: base.database.adminUrl.replace(/\/[^/]*$/, '/postgres'),
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS gwaje_bench WITH (FORCE)`);
  await admin.end();
  await dropRedisPrefix();
  await createDatabaseIfMissing(config.database.adminUrl);
  // As the owner; then grants the application's role (SELECT/INSERT only on the ledger).
  await runMigrations(config);

  client = new pg.Client({ connectionString: config.database.adminUrl });
  await client.connect();

  const today = seoulDate();
  const taskDue = deadlinesRemindedOn(today, 7)[0] ?? null;
  // The same cost as PasswordService's hashes, so a login costs what it costs in production.
  const passwordHash = await argon2.hash(BENCH_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 65536,
    timeCost: 3,
    parallelism: 4,
  });
  console.log(`Generating ${JSON.stringify(size)} …`);
  let data;
  const generateMs = await time(async () => {
    data = await generate(client, size, {
      passwordHash,
      fanout: { users: size.emails, taskDue, today },
    });
  });
  result.generateSeconds = Math.round(generateMs / 100) / 10;
  console.log(`  generated in ${result.generateSeconds} s`);
  const { org, office, auditor, staff, fanoutOrg } = data;

  pool = new pg.Pool({ connectionString: config.database.url, max: config.database.poolSize });
  const dist = {
    AccessPolicy,
    buildTaskByIdQuery,
    buildTaskIdQuery,
    buildTaskRowsQuery,
    buildTransitionStatement,
    parseRoles,
    historyContentHash,
    accessEntryHash,
    toJson,
    GENESIS_HASH,
    HISTORY_LINK_PREFIX,
  };
  const raw = new RawApi(pool, dist);
  const minimal = new MinimalTransition(pool, dist);

  // Tasks in progress, in disjoint sets: Gwaje's, the raw baseline's, the minimal baseline's, and
  // a few for the capture.
  const perSide = Math.max(256, connections * 16);
  const inProgress = (
    await client.query(
      `SELECT id FROM tasks WHERE organisation_id = $1 AND status = 'IN_PROGRESS' ORDER BY code LIMIT $2`,
      [org, perSide * 3 + 4],
    )
  ).rows.map((r) => r.id);
  const departments = (
    await client.query(`SELECT id FROM departments WHERE organisation_id = $1 ORDER BY name`, [org])
  ).rows.map((r) => r.id);

  /** Tasks one side moves between IN_PROGRESS and SUSPENDED; a task is never in two requests. */
  class TaskPool {
    constructor(ids) {
      this.ids = ids;
      this.free = [];
      this.lost = 0;
    }
    async resync() {
      await sleep(1000); // requests the load generator gave up on at its end finish first
      const { rows } = await client.query(
        `SELECT id, status, version FROM tasks WHERE id = ANY($1::uuid[]) ORDER BY code`,
        [this.ids],
      );
      this.free = rows.filter((r) => r.status === 'IN_PROGRESS' || r.status === 'SUSPENDED');
    }
    take() {
      const task = this.free.shift();
      if (!task) throw new Error('task pool exhausted');
      const suspend = task.status === 'IN_PROGRESS';
      return {
        task,
        action: suspend ? 'suspend' : 'resume',
        to: suspend ? 'SUSPENDED' : 'IN_PROGRESS',
        reason: suspend ? '벤치마크: 일시 중지' : undefined,
      };
    }
    settle(t, ok) {
      if (!ok) {
        this.lost++;
        return;
      }
      t.task.status = t.to;
      t.task.version++;
      this.free.push(t.task);
    }
  }
  const transitionPath = (t) => `/api/v1/tasks/${t.task.id}/transitions`;
  const transitionBody = (t) =>
    JSON.stringify({ action: t.action, version: t.task.version, reason: t.reason });

  // List pages: one department's tasks in progress with a word of their title, 20 a page.
  const words = ['과제 1', '과제 2', '과제 3', '과제 4', '과제 5', '과제 6', '과제 7', '과제 8'];
  const listParams = departments.flatMap((d) => words.map((q) => ({ d, q })));
  let listIndex = 0;
  const nextList = () => listParams[listIndex++ % listParams.length];
  const listPath = ({ d, q }) =>
    `/api/v1/tasks?year=${size.year}&status=IN_PROGRESS&leadDepartmentId=${d}&q=${encodeURIComponent(q)}&limit=20`;
  const listFilter = ({ d, q }) => ({
    year: size.year,
    status: ['IN_PROGRESS'],
    leadDepartmentId: d,
    q,
  });
  const LIST_PAGE = { sort: 'code', order: 'asc', limit: 20, offset: 0 };

  // ── What the API runs for one request (a separate API process with the statement capture) ────
  if (items.has(1) || items.has(2)) {
    const captureFile = join(tmpdir(), `gwaje-bench-${process.pid}-sql.jsonl`);
    writeFileSync(captureFile, '');
    const capture = await startApi(
      'api-capture',
      ['--import', join(root, 'bench/sql-capture.mjs')],
      { BENCH_SQL_CAPTURE: captureFile },
    );
    try {
      const who = await login(capture.url, office.email, BENCH_PASSWORD);
      const headers = { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' };
      const captured = async (request) => {
        const from = statSync(captureFile).size;
        const res = await fetch(`${capture.url}${request.path}`, { headers, ...request });
        if (res.status !== 200)
          throw new Error(`${request.path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        return readFileSync(captureFile)
          .subarray(from)
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line));
      };
      const spare = new TaskPool(inProgress.slice(perSide * 3));
      await spare.resync();
      const transitionOnce = async () => {
        const t = spare.take();
        const texts = await captured({
          method: 'POST',
          path: transitionPath(t),
          body: transitionBody(t),
        });
        spare.settle(t, true);
        return texts;
      };
      await transitionOnce(); // warm: first-use statements (settings cache, connections)
      const apiTransition = await transitionOnce();
      await captured({ path: listPath(listParams[0]) });
      const apiList = await captured({ path: listPath(listParams[1]) });
      const t = spare.take();
      const rawTransition = await raw.record(() =>
        raw.transition(who.sessionId, t.task.id, t.action, t.to, t.task.version, t.reason),
      );
      spare.settle(t, true);
      const rawList = await raw.record(() =>
        raw.list(who.sessionId, listFilter(listParams[1]), LIST_PAGE),
      );
      result.statements = {
        transition: compareStatements(apiTransition, rawTransition),
        list: compareStatements(apiList, rawList),
      };
      for (const [name, c] of Object.entries(result.statements)) {
        console.log(
          `  ${name}: the API ran ${c.api} statements (${c.inTransaction} in its transaction), the raw baseline ${c.raw}: ${c.same ? (c.inTransaction ? 'the same, in the same transaction' : 'the same') : 'DIFFERENT'}`,
        );
        if (!c.same) console.log(JSON.stringify({ onlyApi: c.onlyApi, onlyRaw: c.onlyRaw }));
      }
    } finally {
      await capture.api.stop();
      rmSync(captureFile, { force: true });
    }
  }

  // ── The measured API ─────────────────────────────────────────────────────────────────────────
  const { api, url } = await startApi('api', profiled('api').args, profiled('api').env);
  processes.api = api;
  api.checkpoint('started');
  console.log(`API (pid ${api.pid}) at ${url}, log ${api.logFile}`);

  // ── 1. Task transition through HTTP vs the same statements over a pg pool ──────────────────
  if (items.has(1)) {
    console.log(`\n1. Task transitions, ${connections} at a time, ${seconds} s each …`);
    const who = await login(url, office.email, BENCH_PASSWORD);
    const rawTasks = new TaskPool(inProgress.slice(perSide, perSide * 2));
    const rawOp = async () => {
      const t = rawTasks.take();
      try {
        await raw.transition(who.sessionId, t.task.id, t.action, t.to, t.task.version, t.reason);
        rawTasks.settle(t, true);
      } catch (error) {
        rawTasks.settle(t, false);
        throw error;
      }
    };
    // The minimal baseline: the same transitions over tasks of the same organisation, by the
    // same actor, with nothing but the update, the history entry and an outbox event.
    const minimalTasks = new TaskPool(inProgress.slice(perSide * 2, perSide * 3));
    const minimalOp = async () => {
      const t = minimalTasks.take();
      try {
        await minimal.transition({
          organisationId: org,
          actorId: office.id,
          taskId: t.task.id,
          action: t.action,
          from: t.task.status,
          to: t.to,
          version: t.task.version,
          reason: t.reason,
        });
        minimalTasks.settle(t, true);
      } catch (error) {
        minimalTasks.settle(t, false);
        throw error;
      }
    };
    const httpTasks = new TaskPool(inProgress.slice(0, perSide));
    const httpNext = () => {
      // Requests cut by a socket error never answer, so their tasks are not given back: should
      // the pool run dry (a broken run), the load goes on with requests that count as failed.
      if (!httpTasks.free.length) return { method: 'GET', path: '/api/v1/none', done: () => 0 };
      const t = httpTasks.take();
      return {
        method: 'POST',
        path: transitionPath(t),
        body: transitionBody(t),
        done: (status) => httpTasks.settle(t, status === 200),
      };
    };
    await writeProfile(api, 'before-transitions');
    const loadBefore = loadavg().map(round2);
    const {
      raw: rawRun,
      minimal: minimalRun,
      gwaje: httpRun,
    } = await measureSides({
      api,
      // One after the other: they share one client.
      before: async () => {
        for (const tasks of [rawTasks, minimalTasks, httpTasks]) await tasks.resync();
      },
      sides: {
        raw: (s) => loadRaw({ connections, seconds: s, op: rawOp }),
        minimal: (s) => loadRaw({ connections, seconds: s, op: minimalOp }),
        gwaje: (s) => loadHttp({ url, token: who.token, connections, seconds: s, next: httpNext }),
      },
    });
    api.checkpoint('after the transition loads');
    await writeProfile(api, 'transitions');
    // Issue 15's targets: ≥ 0.2× the minimal baseline, p99 ≤ 150 ms at 32 connections, API CPU
    // ≤ 1.5 ms per transition.
    const ratioMinimal = httpRun.perSecond / minimalRun.perSecond;
    const checks = {
      throughput: ratioMinimal >= 0.2,
      p99: httpRun.p99Ms <= 150,
      apiCpu: httpRun.apiCpuMsPerRequest <= 1.5,
    };
    result.transition = {
      gwaje: httpRun,
      raw: rawRun,
      minimal: { ...minimalRun, statements: minimal.statements },
      ratio: round2(httpRun.perSecond / rawRun.perSecond),
      ratioMinimal: round2(ratioMinimal),
      target: '≥ 0.2× minimal baseline, p99 ≤ 150 ms, API CPU ≤ 1.5 ms per transition',
      checks,
      pass: checks.throughput && checks.p99 && checks.apiCpu,
      loadAverage: { before: loadBefore, after: loadavg().map(round2) },
    };
    console.log(JSON.stringify(result.transition));
  }

  // ── 2. Filtered task list page through HTTP vs the same queries over a pg pool ─────────────
  if (items.has(2)) {
    console.log(`\n2. Task list pages, ${connections} at a time, ${seconds} s each …`);
    const who = await login(url, office.email, BENCH_PASSWORD);
    // The same page both ways (ids in order), so both do the same work.
    const probe = listParams[2];
    const page = await (
      await fetch(`${url}${listPath(probe)}`, { headers: { authorization: `Bearer ${who.token}` } })
    ).json();
    const rawPage = await raw.list(who.sessionId, listFilter(probe), LIST_PAGE);
    const samePage =
      page.total === rawPage.total &&
      JSON.stringify(page.items.map((i) => i.id)) === JSON.stringify(rawPage.ids);
    console.log(
      `  a page: ${page.items.length} of ${page.total} tasks; raw page the same: ${samePage}`,
    );

    const rawOp = () => raw.list(who.sessionId, listFilter(nextList()), LIST_PAGE);
    const httpNext = () => ({ method: 'GET', path: listPath(nextList()), done: () => undefined });
    await writeProfile(api, 'before-list');
    const { raw: rawRun, gwaje: httpRun } = await measurePair({
      api,
      raw: (s) => loadRaw({ connections, seconds: s, op: rawOp }),
      gwaje: (s) => loadHttp({ url, token: who.token, connections, seconds: s, next: httpNext }),
    });
    api.checkpoint('after the list loads');
    await writeProfile(api, 'list');
    result.list = {
      page: { items: page.items.length, total: page.total, sameAsRaw: samePage },
      gwaje: httpRun,
      raw: rawRun,
      ratio: round2(httpRun.perSecond / rawRun.perSecond),
      target: '≥ 0.5 of raw throughput',
      pass: httpRun.perSecond / rawRun.perSecond >= 0.5,
    };
    console.log(JSON.stringify(result.list));
  }

  // ── 3. Dashboard compile for the whole organisation vs the raw aggregate queries ───────────
  // After the HTTP runs, so the snapshot it writes is current and the worker started below has no
  // compile of its own to do while the fan-out is measured.
  if (items.has(3)) {
    console.log(`\n3. Dashboard compile, median of ${runs} …`);
    const asOf = `${size.year}-12-31`;
    const rawCompile = async () => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const params = [org, size.year, asOf];
      const parts = [];
      for (const sql of [figures.TASKS_SQL, figures.REPORTS_SQL, figures.CONSULTATIONS_SQL]) {
        parts.push((await client.query(sql, params)).rows);
      }
      parts.push((await client.query(figures.EVALUATIONS_SQL, [org, size.year])).rows);
      await client.query('COMMIT');
      await client.query(
        `INSERT INTO dashboard_snapshots (organisation_id, year, compiled_at, high_water_mark, as_of, duration_ms, data)
         VALUES ($1, $2 + 1000, now(), 0, $3, 0, $4)
         ON CONFLICT (organisation_id, year) DO UPDATE SET data = EXCLUDED.data, compiled_at = now()`,
        [org, size.year, asOf, JSON.stringify(parts)],
      );
    };
    const worker = await createWorker(config);
    try {
      const dashboards = worker.get(DashboardsService);
      const gwaje = () => dashboards.compile(org, size.year, asOf);
      await rawCompile();
      await gwaje(); // warm-up
      const rawMs = [];
      const gwajeMs = [];
      for (let i = 0; i < runs; i++) {
        rawMs.push(await time(rawCompile));
        gwajeMs.push(await time(gwaje));
      }
      const gwajeMedianMs = Math.round(median(gwajeMs));
      const rawMedianMs = Math.round(median(rawMs));
      result.dashboardCompile = {
        runs,
        gwajeMedianMs,
        rawMedianMs,
        ratio: round2(median(gwajeMs) / median(rawMs)),
        target: '≤ 1.5× raw and under 5 s',
        pass: median(gwajeMs) / median(rawMs) <= 1.5 && gwajeMedianMs < 5000,
      };
    } finally {
      await worker.close();
    }
    console.log(JSON.stringify(result.dashboardCompile));
  }

  // ── 4. Reminder fan-out into a local SMTP sink vs plain BullMQ + nodemailer ────────────────
  if (items.has(4)) {
    const n = size.emails;
    console.log(`\n4. Reminder fan-out of ${n} e-mails …`);
    let sink = await new CountingSink().start();
    const SMTP_FROM = 'Gwaje 과제 알림 <no-reply@gwaje.local>';
    try {
      const worker = new Child(
        'worker',
        [...profiled('worker').args, join(WORKER_DIST, 'apps/worker/src/main.js')],
        childEnv({
          SMTP_URL: sink.url,
          SMTP_FROM,
          SMTP_CONNECTIONS: String(smtpPool),
          ...profiled('worker').env,
        }),
      );
      processes.worker = worker;
      await worker.waitUntil(async () => worker.logTail(200).includes('Worker ready'));
      console.log(`  worker (pid ${worker.pid}), log ${worker.logFile}`);
      worker.checkpoint('started');
      await sleep(3000); // its start-up jobs (schedules, first dirty check) run before the clock
      // The office's "run today's reminders now" (POST /notifications/run) writes this outbox row;
      // the worker relays it and runs the organisation's reminders.
      await writeProfile(worker, 'start-up');
      await client.query(
        `INSERT INTO outbox (organisation_id, event, record_type, record_id, payload)
         VALUES ($1, 'reminders.run', 'organisation', $2, '{}')`,
        [fanoutOrg, fanoutOrg],
      );
      const t0 = performance.now();
      const m0 = machineCpu();
      const w0 = worker.cpuSeconds;
      // A run slower than the limit is cut there: its rate is what it sent until then.
      const complete = await sink.waitFor(n, fanoutLimit * 1000).then(
        () => true,
        () => false,
      );
      const tn = complete ? sink.lastAt : performance.now();
      const delivered = sink.count;
      const recipients = sink.recipients.size;
      const m1 = machineCpu();
      const workerCpu = worker.cpuSeconds - w0;
      worker.checkpoint('after the fan-out');
      // This worker ran nothing but the fan-out (its own process since start-up).
      const fanoutPeakMiB = worker.peakMiB;
      const seconds = (tn - t0) / 1000;
      const firstToLast = (sink.lastAt - sink.firstAt) / 1000;
      const firstAfter = (sink.firstAt - t0) / 1000;
      await writeProfile(worker, 'fanout');
      // Stopped before the baseline runs (its peak memory is kept): an unfinished run must not
      // send into the baseline's count, nor take its CPU.
      await worker.stop();
      // The run's bookkeeping: every e-mail claimed and marked sent, nothing else sent.
      const { rows: emailRows } = await client.query(
        `SELECT e.status, count(*)::int AS n FROM notification_emails e JOIN users u ON u.id = e.recipient_id
          WHERE u.organisation_id = $1 GROUP BY e.status`,
        [fanoutOrg],
      );
      const gwaje = {
        emails: delivered,
        complete,
        recipients,
        seconds: round2(seconds),
        perSecond: Math.round(delivered / seconds),
        firstEmailAfterSeconds: round2(firstAfter),
        steadyPerSecond: Math.round((delivered - 1) / firstToLast),
        mode: taskDue
          ? `reminder rules: tasks due ${taskDue} reminded today (${today})`
          : `today (${today}) is not a business day: ${n} reminders left unsent, the run sends them`,
        workerCpuMsPerEmail: round2((workerCpu * 1000) / delivered),
        machineBusyPercent: Math.round((100 * (m1.busy - m0.busy)) / (m1.total - m0.total)),
        emailStatuses: Object.fromEntries(emailRows.map((r) => [r.status, r.n])),
        smtpPool,
        workerPeakMiB: fanoutPeakMiB,
        sampleSubject: sink.sampleSubject,
        averageBytes: Math.round(sink.bytes / sink.count),
      };
      console.log(JSON.stringify(gwaje));

      await sink.stop();
      sink = await new CountingSink().start();
      const rawConcurrency = smtpPool;
      const rawChild = new Child(
        'raw-fanout',
        [join(root, 'bench/raw-fanout.mjs')],
        {
          ...process.env,
          DIST: WORKER_DIST,
          REDIS_URL: config.redis.url,
          REDIS_PREFIX,
          SMTP_URL: sink.url,
          SMTP_FROM,
          FANOUT_COUNT: String(n),
          FANOUT_CONCURRENCY: String(rawConcurrency),
          FANOUT_POOL: String(smtpPool),
        },
        { ipc: true },
      );
      processes.rawFanout = rawChild;
      let rawReady = false;
      rawChild.proc.on('message', (m) => {
        if (m === 'ready') rawReady = true;
      });
      await rawChild.waitUntil(async () => rawReady);
      const r0 = performance.now();
      const rm0 = machineCpu();
      const rc0 = rawChild.cpuSeconds;
      rawChild.proc.send('go');
      const rawComplete = await sink.waitFor(n, fanoutLimit * 1000).then(
        () => true,
        () => false,
      );
      const rn = rawComplete ? sink.lastAt : performance.now();
      const rawDelivered = sink.count;
      const rm1 = machineCpu();
      const rawCpu = rawChild.cpuSeconds - rc0;
      const rawSeconds = (rn - r0) / 1000;
      const rawResult = {
        emails: rawDelivered,
        complete: rawComplete,
        seconds: round2(rawSeconds),
        perSecond: Math.round(rawDelivered / rawSeconds),
        steadyPerSecond: Math.round((rawDelivered - 1) / ((sink.lastAt - sink.firstAt) / 1000)),
        cpuMsPerEmail: round2((rawCpu * 1000) / rawDelivered),
        machineBusyPercent: Math.round((100 * (rm1.busy - rm0.busy)) / (rm1.total - rm0.total)),
        workerConcurrency: rawConcurrency,
        smtpPool,
        averageBytes: Math.round(sink.bytes / sink.count),
      };
      await rawChild.stop();
      result.fanout = {
        gwaje,
        raw: rawResult,
        ratio: round2(gwaje.perSecond / rawResult.perSecond),
        target: `≥ 0.7× raw and ≥ 1,000 e-mails/s with ${smtpPool} SMTP connections; worker peak RSS ≤ 250 MiB`,
        checks: {
          ratio: gwaje.perSecond / rawResult.perSecond >= 0.7,
          perSecond: gwaje.perSecond >= 1000,
          workerPeak: fanoutPeakMiB <= 250,
        },
        pass:
          gwaje.complete &&
          gwaje.perSecond / rawResult.perSecond >= 0.7 &&
          gwaje.perSecond >= 1000 &&
          fanoutPeakMiB <= 250,
      };
      console.log(JSON.stringify(rawResult));
    } finally {
      await sink.stop();
    }
  }

  // ── 5. Global search through HTTP vs the same scoped statement over plain pg ───────────────
  if (items.has(5)) {
    console.log(`\n5. Global search, ${searchRepeats} times each query per user, one at a time …`);
    // Realistic queries: an exact task code, part of a title, a topic of the texts (two words, and
    // one Korean word of two syllables: no trigram of its own, matched over the bigram indexes),
    // a two-syllable word no record holds (nothing stops a newest-first walk early: only an index
    // can answer it quickly), a rarer combination, and a query that matches nothing.
    const queries = [
      {
        name: 'task code',
        q: `${size.year}-${String(Math.ceil(size.tasks / 3)).padStart(6, '0')}`,
      },
      { name: 'title part', q: `과제 ${Math.ceil(size.tasks / 25)}` },
      { name: 'topic (2 words)', q: '어르신 돌봄' },
      { name: 'topic (2 syllables)', q: '창업' },
      // Two syllables that no record holds: no trigram to look up (the bigram index serves it) and
      // no early stop either.
      { name: 'rare (2 syllables)', q: '정산' },
      { name: 'rare phrase', q: '주차 공유 분야의 탄소중립' },
      { name: 'no match', q: '존재하지 않는 검색어' },
    ];
    const searchPath = (q) => `/api/v1/search?q=${encodeURIComponent(q)}&limit=10`;
    const policy = new AccessPolicy();
    // The API's task scope includes the collaboration module's read share: the same here.
    searchSources.taskShares.registerTaskReadShare(
      'collaboration',
      searchSources.collaboration.COLLABORATION_TASK_SHARE,
    );
    searchSources.tasks.registerTaskSearch();
    searchSources.reports.registerReportSearch();
    searchSources.consultations.registerConsultationSearch();
    searchSources.contests.registerContestEntrySearch(
      new searchSources.contestAccess.ContestAccess(undefined, policy, undefined),
    );
    const users = [];
    for (const [role, who] of [
      ['AUDITOR', auditor],
      ['STAFF', staff],
    ]) {
      const session = await login(url, who.email, BENCH_PASSWORD);
      const { rows } = await client.query(
        `SELECT id, organisation_id, department_id, roles::text[] AS roles FROM users WHERE id = $1`,
        [who.id],
      );
      const u = rows[0];
      users.push({
        role,
        token: session.token,
        authUser: {
          id: u.id,
          sessionId: session.sessionId,
          organisationId: u.organisation_id,
          departmentId: u.department_id,
          roles: u.roles,
          name: '',
          email: who.email,
          language: 'ko',
        },
      });
    }
    const httpOnce = async (token, q) => {
      const t0 = performance.now();
      const res = await fetch(`${url}${searchPath(q)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await res.json();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${JSON.stringify(body)}`);
      return { ms, body };
    };
    // As SearchService runs it: the sources' preselects (a department reader's readable task ids),
    // then the statement, both on one connection.
    const rawStatement = async (db, authUser, q) => {
      const preselected = new Map();
      for (const s of searchPreselects(policy, authUser, null)) {
        const { rows } = await db.query(s.sql, s.values);
        preselected.set(preselectKey(s), rows[0].ids);
      }
      return buildSearchQuery(policy, authUser, normaliseSearchQuery(q), null, 10, preselected);
    };
    const rawOnce = async (authUser, q) => {
      const db = await pool.connect();
      try {
        const t0 = performance.now();
        const stmt = await rawStatement(db, authUser, q);
        const { rows } = await db.query(stmt.sql, stmt.values);
        return { ms: performance.now() - t0, rows };
      } finally {
        db.release();
      }
    };
    const stats = (xs) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const ms = (x) => Math.round(x * 10) / 10;
      return {
        n: sorted.length,
        p50Ms: ms(percentile(sorted, 0.5)),
        p95Ms: ms(percentile(sorted, 0.95)),
        maxMs: ms(sorted[sorted.length - 1]),
      };
    };
    const perQuery = [];
    const all = { http: [], raw: [] };
    const byRole = Object.fromEntries(users.map((u) => [u.role, { http: [], raw: [] }]));
    const loadBefore = loadavg().map(round2);
    const a0 = api.cpuSeconds;
    for (const u of users) {
      for (const { name, q } of queries) {
        // Warm-up (plans, caches), and the hit counts of this query for this user.
        const { body } = await httpOnce(u.token, q);
        const { rows } = await rawOnce(u.authUser, q);
        const http = [];
        const raw = [];
        // Alternating, so a change in the machine's load hits both sides alike.
        for (let i = 0; i < searchRepeats; i++) {
          http.push((await httpOnce(u.token, q)).ms);
          raw.push((await rawOnce(u.authUser, q)).ms);
        }
        all.http.push(...http);
        all.raw.push(...raw);
        byRole[u.role].http.push(...http);
        byRole[u.role].raw.push(...raw);
        const hits = Object.fromEntries(
          body.groups.map((g) => [g.type, `${g.items.length}${g.hasMore ? '+' : ''}`]),
        );
        const entry = {
          role: u.role,
          name,
          q,
          hits,
          sameRowsAsRaw:
            rows.length ===
            body.groups.reduce((n, g) => n + g.items.length + (g.hasMore ? 1 : 0), 0),
          gwaje: stats(http),
          raw: stats(raw),
        };
        perQuery.push(entry);
        console.log(JSON.stringify(entry));
      }
    }
    const requests = all.http.length;
    const gwaje = {
      ...stats(all.http),
      apiCpuMsPerRequest: round2(((api.cpuSeconds - a0) * 1000) / requests),
    };
    const raw = stats(all.raw);
    // The EXPLAIN ANALYZE of the slowest query of each user (the plan the indexes give).
    const plans = {};
    for (const u of users) {
      const worst = perQuery
        .filter((p) => p.role === u.role)
        .sort((a, b) => b.raw.p95Ms - a.raw.p95Ms)[0];
      const stmt = await rawStatement(pool, u.authUser, worst.q);
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${stmt.sql}`, stmt.values);
      plans[u.role] = { q: worst.q, plan: rows.map((r) => r['QUERY PLAN']) };
    }
    result.search = {
      queries: queries.length,
      repeats: searchRepeats,
      gwaje,
      raw,
      byRole: Object.fromEntries(
        Object.entries(byRole).map(([role, v]) => [
          role,
          { gwaje: stats(v.http), raw: stats(v.raw) },
        ]),
      ),
      perQuery,
      plans,
      ratio: round2(gwaje.p50Ms / raw.p50Ms),
      target: 'p95 ≤ 100 ms over HTTP (AUDITOR and STAFF, every query)',
      pass: gwaje.p95Ms <= 100,
      loadAverage: { before: loadBefore, after: loadavg().map(round2) },
    };
    console.log(JSON.stringify({ gwaje, raw, byRole: result.search.byRole }));
  }

  // ── 6. Peak resident memory of the API and the worker during the runs ──────────────────────
  await stopAll();
  result.memory = {
    apiPeakMiB: processes.api?.peakMiB ?? null,
    workerPeakMiB: processes.worker?.peakMiB ?? null,
    rawFanoutPeakMiB: processes.rawFanout?.peakMiB ?? null,
    benchProcessMiB: Math.round(process.memoryUsage().rss / 1048576),
    apiCheckpoints: processes.api?.checkpoints ?? [],
    workerCheckpoints: processes.worker?.checkpoints ?? [],
    target: 'API and worker each < 300 MB (286 MiB)',
    pass: (processes.api?.peakMiB ?? 0) < MB_300 && (processes.worker?.peakMiB ?? 0) < MB_300,
  };
} finally {
  await stopAll();
  await pool?.end().catch(() => undefined);
  await client?.end().catch(() => undefined);
  await dropRedisPrefix().catch((e) => console.warn(`Redis clean-up: ${e.message}`));
  rmSync(snapshot, { recursive: true, force: true });
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────
const md = resultMarkdown(result);
const results = new URL('results/', import.meta.url);
mkdirSync(results, { recursive: true });
const stamp = result.date.slice(0, 19).replace(/[:T]/g, '-');
writeFileSync(new URL(`${stamp}.json`, results), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(new URL(`${stamp}.md`, results), md);
console.log(`\n${md}`);
console.log(`Written: bench/results/${stamp}.json and .md`);
process.exit(0);
