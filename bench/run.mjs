// npm run bench: generates data at a chosen scale in its own database and measures Gwaje against a
// raw baseline doing the same work with plain `pg`, printing absolute figures and the ratio (which
// holds on a noisy machine). Never part of the tests. Writes bench/results/<date>.json and .md.
//
//   npm run bench                      50 departments, 100k tasks, 400k reports, 20k consultations
//   npm run bench -- --reports 1000000 the dashboard target of issue 8 (100k tasks, 1M reports)
//   npm run bench -- --scale 0.1       a tenth of everything (quick check)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { generate } from './generate.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const scale = arg('scale', 1);
const size = {
  departments: Math.max(2, Math.round(arg('departments', 50) * Math.min(1, scale * 4))),
  tasks: Math.round(arg('tasks', 100_000) * scale),
  reports: Math.round(arg('reports', 400_000) * scale),
  consultations: Math.round(arg('consultations', 20_000) * scale),
  year: new Date().getFullYear(),
};
const runs = arg('runs', 5);

const DIST = new URL('../dist/apps/worker', import.meta.url).href;
const { loadConfig } = await import(`${DIST}/libs/config/src/index.js`);
const { createDatabaseIfMissing, runMigrations } = await import(`${DIST}/libs/db/src/index.js`);
const figures = await import(`${DIST}/libs/dashboards/src/dashboard-figures.js`);

const base = loadConfig({ env: { ...process.env, LOG_LEVEL: 'silent' } });
const url = new URL(base.database.url);
url.pathname = '/gwaje_bench';
const env = {
  ...process.env,
  DATABASE_URL: url.toString(),
  REDIS_PREFIX: 'gwaje-bench',
  LOG_LEVEL: 'silent',
  DEMO: 'false',
};
const config = loadConfig({ env });

const admin = new pg.Client({
  connectionString: base.database.url.replace(/\/[^/]*$/, '/postgres'),
});
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS gwaje_bench WITH (FORCE)`);
await admin.end();
await createDatabaseIfMissing(config.database.url);
await runMigrations(config);

const client = new pg.Client({ connectionString: config.database.url });
await client.connect();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

console.log(`Generating ${JSON.stringify(size)} …`);
let org;
const generateMs = await time(async () => {
  org = await generate(client, size);
});
console.log(`  generated in ${(generateMs / 1000).toFixed(1)} s`);

// 1. Dashboard compile for the whole organisation: Gwaje's service vs the raw aggregate queries.
const asOf = `${size.year}-12-31`;
const raw = async () => {
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
const { createWorker } = await import(`${DIST}/apps/worker/src/bootstrap.js`);
const { DashboardsService } = await import(`${DIST}/libs/dashboards/src/index.js`);
const worker = await createWorker(config);
const dashboards = worker.get(DashboardsService);
const gwaje = () => dashboards.compile(org, size.year, asOf);

await raw();
await gwaje(); // warm-up
const rawMs = [];
const gwajeMs = [];
for (let i = 0; i < runs; i++) {
  rawMs.push(await time(raw));
  gwajeMs.push(await time(gwaje));
}
await worker.close();
await client.end();

const rss = Math.round(process.memoryUsage().rss / 1048576);
const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 1073741824),
    node: process.version,
  },
  size,
  generateSeconds: Math.round(generateMs / 100) / 10,
  dashboardCompile: {
    runs,
    gwajeMedianMs: Math.round(median(gwajeMs)),
    rawMedianMs: Math.round(median(rawMs)),
    ratio: Math.round((median(gwajeMs) / median(rawMs)) * 100) / 100,
    target: '≤ 1.5× raw and under 5 s',
  },
  benchProcessRssMiB: rss,
};
const md = [
  `# Benchmark ${result.date.slice(0, 10)}`,
  '',
  `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}.`,
  `Data: ${size.departments} departments, ${size.tasks} tasks, ${size.reports} reports, ${size.consultations} consultations (generated in ${result.generateSeconds} s).`,
  '',
  '| measurement | Gwaje | raw baseline | ratio | target |',
  '| --- | --- | --- | --- | --- |',
  `| dashboard compile, whole organisation (median of ${runs}) | ${result.dashboardCompile.gwajeMedianMs} ms | ${result.dashboardCompile.rawMedianMs} ms | ${result.dashboardCompile.ratio}× | ${result.dashboardCompile.target} |`,
  '',
].join('\n');
const results = new URL('results/', import.meta.url);
mkdirSync(results, { recursive: true });
const stamp = result.date.slice(0, 19).replace(/[:T]/g, '-');
writeFileSync(new URL(`${stamp}.json`, results), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(new URL(`${stamp}.md`, results), md);
console.log(`\n${md}`);
process.exit(0);
