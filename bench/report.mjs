// The tables of a bench result, from its JSON alone: written by bench/run.mjs into
// bench/results/<date>.md and by bench/readme.mjs into the README's Performance section.

const fmt = (x) => x.toLocaleString('en-US');
const verdict = (pass) => (pass ? 'PASS' : 'MISS');
const httpCell = (r) => `${fmt(r.perSecond)} req/s · p50 ${r.p50Ms} ms · p99 ${r.p99Ms} ms`;
const mib = (x) => (x === null || x === undefined ? '–' : `${x} MiB`);

/** The measurements a result holds, in the bench's order (the --items numbers). */
export const MEASUREMENTS = [
  { key: 'transition', item: 1, name: 'task transition' },
  { key: 'list', item: 2, name: 'task list' },
  { key: 'dashboardCompile', item: 3, name: 'dashboard compile' },
  { key: 'fanout', item: 4, name: 'reminder fan-out' },
  { key: 'search', item: 5, name: 'global search' },
];

/**
 * One row per measurement of the result (only those of `keys`) and one of its memory peaks:
 * measurement, Gwaje, raw baseline, ratio, target, result.
 */
export function measurementRows(result, keys = MEASUREMENTS.map((m) => m.key)) {
  const { size } = result;
  const has = (key) => keys.includes(key) && result[key];
  const connections = result.settings?.connections ?? 32;
  const rows = [];
  if (has('transition')) {
    const t = result.transition;
    rows.push([
      `task transition over HTTP (suspend/resume), ${connections} concurrent`,
      `${httpCell(t.gwaje)} · API CPU ${t.gwaje.apiCpuMsPerRequest} ms/req`,
      `same statements ${httpCell(t.raw)}; minimal ${httpCell(t.minimal)}`,
      `${t.ratio}× · ${t.ratioMinimal}×`,
      t.target,
      verdict(t.pass),
    ]);
  }
  if (has('list')) {
    const l = result.list;
    rows.push([
      `filtered task list page (20 of ~${l.page.total}) over HTTP, ${connections} concurrent`,
      httpCell(l.gwaje),
      httpCell(l.raw),
      `${l.ratio}×`,
      l.target,
      verdict(l.pass),
    ]);
  }
  if (has('dashboardCompile')) {
    const d = result.dashboardCompile;
    rows.push([
      `dashboard compile, whole organisation (median of ${d.runs})`,
      `${fmt(d.gwajeMedianMs)} ms`,
      `${fmt(d.rawMedianMs)} ms`,
      `${d.ratio}×`,
      d.target,
      verdict(d.pass),
    ]);
  }
  if (has('fanout')) {
    const f = result.fanout;
    rows.push([
      `reminder fan-out, ${fmt(size.emails)} e-mails into a local SMTP sink (trigger to last)`,
      f.gwaje.complete
        ? `${fmt(f.gwaje.perSecond)} e-mails/s (${f.gwaje.seconds} s), worker peak ${f.gwaje.workerPeakMiB} MiB`
        : `${fmt(f.gwaje.perSecond)} e-mails/s (${fmt(f.gwaje.emails)} sent when cut at ${f.gwaje.seconds} s)`,
      `${fmt(f.raw.perSecond)} e-mails/s (${f.raw.seconds} s)`,
      `${f.ratio}×`,
      f.target,
      verdict(f.pass),
    ]);
  }
  if (has('search')) {
    const x = result.search;
    const cell = (r) => `p50 ${r.p50Ms} ms · p95 ${r.p95Ms} ms`;
    rows.push([
      `global search over HTTP, one at a time (${x.queries} queries × ${x.repeats}, AUDITOR and STAFF)`,
      `${cell(x.gwaje)} · API CPU ${x.gwaje.apiCpuMsPerRequest} ms/req`,
      `same statement, raw pg: ${cell(x.raw)}`,
      `${x.ratio}× (p50)`,
      x.target,
      verdict(x.pass),
    ]);
  }
  if (result.memory) {
    const m = result.memory;
    rows.push([
      'peak RSS (VmHWM) during the runs: API · worker',
      `${mib(m.apiPeakMiB)} · ${mib(m.workerPeakMiB)}`,
      m.rawFanoutPeakMiB ? `raw fan-out process ${m.rawFanoutPeakMiB} MiB` : '–',
      '–',
      m.target,
      verdict(m.pass),
    ]);
  }
  return rows;
}

/** The transition in detail: Gwaje and both baselines, with issue 15's targets. */
export function transitionTable(result) {
  const t = result.transition;
  const connections = result.settings?.connections ?? 32;
  const side = (name, r, cpu) =>
    `| ${name} | ${fmt(r.perSecond)} | ${r.p50Ms} | ${r.p99Ms} | ${cpu} | ${r.failed} | ${r.machineBusyPercent} % |`;
  return [
    `Task transition, ${connections} concurrent (the baselines as loops of ${connections} workers over a pg pool of ${result.settings?.apiPoolSize}); load average (1, 5, 15 min) ${t.loadAverage.before.join(', ')} before, ${t.loadAverage.after.join(', ')} after:`,
    '',
    '| side | transitions/s | p50 ms | p99 ms | CPU ms per transition | failed | machine busy |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    side(
      'Gwaje over HTTP',
      t.gwaje,
      `API ${t.gwaje.apiCpuMsPerRequest} (load generator ${t.gwaje.benchCpuMsPerRequest})`,
    ),
    side(
      `same statements, raw pg (${result.statements?.transition?.api ?? '?'} statements)`,
      t.raw,
      `client ${t.raw.benchCpuMsPerRequest}`,
    ),
    side(
      'minimal, raw pg (BEGIN, UPDATE, INSERT history, INSERT outbox, COMMIT)',
      t.minimal,
      `client ${t.minimal.benchCpuMsPerRequest}`,
    ),
    '',
    '| issue 15 target | measured | result |',
    '| --- | --- | --- |',
    `| Gwaje ≥ 0.2× minimal baseline | ${t.ratioMinimal}× (vs same statements ${t.ratio}×) | ${verdict(t.checks.throughput)} |`,
    `| p99 ≤ 150 ms at ${connections} connections | ${t.gwaje.p99Ms} ms | ${verdict(t.checks.p99)} |`,
    `| API CPU ≤ 1.5 ms per transition | ${t.gwaje.apiCpuMsPerRequest} ms | ${verdict(t.checks.apiCpu)} |`,
    '',
  ];
}

/** The fan-out in detail: both sides' rate, steady rate, CPU per e-mail and peak memory. */
export function fanoutTable(result) {
  const f = result.fanout;
  const pool = f.gwaje.smtpPool ?? result.settings?.smtpConnections;
  return [
    `| side (${fmt(result.size.emails)} e-mails, ${pool} SMTP connections) | trigger to last | steady (first to last) | first e-mail after | CPU per e-mail | peak RSS |`,
    '| --- | --- | --- | --- | --- | --- |',
    `| Gwaje (outbox → worker → Postgres → SMTP) | ${fmt(f.gwaje.perSecond)} e-mails/s (${f.gwaje.seconds} s) | ${fmt(f.gwaje.steadyPerSecond)}/s | ${f.gwaje.firstEmailAfterSeconds} s | worker ${f.gwaje.workerCpuMsPerEmail} ms | worker ${mib(f.gwaje.workerPeakMiB)} |`,
    `| raw baseline (BullMQ → nodemailer, no database) | ${fmt(f.raw.perSecond)} e-mails/s (${f.raw.seconds} s) | ${fmt(f.raw.steadyPerSecond)}/s | – | ${f.raw.cpuMsPerEmail} ms | ${mib(result.memory?.rawFanoutPeakMiB)} |`,
    '',
  ];
}

/** The global search in detail: each query for each user, over HTTP and as raw SQL. */
export function searchTable(result) {
  const x = result.search;
  return [
    `Global search, ${x.repeats} requests per query and user, one at a time (\`limit=10\` per kind, every kind); load average ${x.loadAverage.before.join(', ')} before, ${x.loadAverage.after.join(', ')} after:`,
    '',
    '| user | query | hits (task · report · consultation · entry) | Gwaje p50 / p95 ms | raw SQL p50 / p95 ms |',
    '| --- | --- | --- | --- | --- |',
    ...x.perQuery.map((p) => {
      const hits = ['task', 'report', 'consultation', 'contestEntry']
        .map((t) => p.hits[t] ?? '0')
        .join(' · ');
      return `| ${p.role} | ${p.name}: \`${p.q}\` | ${hits} | ${p.gwaje.p50Ms} / ${p.gwaje.p95Ms} | ${p.raw.p50Ms} / ${p.raw.p95Ms} |`;
    }),
    ...Object.entries(x.byRole).map(
      ([role, r]) =>
        `| ${role} | all | – | ${r.gwaje.p50Ms} / ${r.gwaje.p95Ms} | ${r.raw.p50Ms} / ${r.raw.p95Ms} |`,
    ),
    '',
  ];
}

/** The whole .md of a result, as bench/run.mjs writes it beside the JSON. */
export function resultMarkdown(result) {
  const { size, settings } = result;
  return [
    `# Benchmark ${result.date.slice(0, 10)}`,
    '',
    `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}.`,
    `Data: ${size.departments} departments, ${size.tasks} tasks, ${size.reports} reports, ${size.consultations} consultations, ${size.emails} reminder recipients (generated in ${result.generateSeconds} s).`,
    `API and worker: the built apps, NODE_ENV=production, log level ${settings.childLogLevel}, database pool ${settings.apiPoolSize}; the raw pg baselines use a pool of the same size, the raw fan-out no database. HTTP loads: autocannon, ${settings.connections} connections; each side ${settings.warmupSeconds} s warm-up, then ${settings.secondsPerSide} s in ${settings.rounds} rounds alternating with the raw baselines.`,
    '',
    '| measurement | Gwaje | raw baseline | ratio | target | result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...measurementRows(result).map((r) => `| ${r.join(' | ')} |`),
    '',
    ...(result.transition ? transitionTable(result) : []),
    ...(result.search ? searchTable(result) : []),
  ].join('\n');
}
