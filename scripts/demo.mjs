// The README's first command (after npm ci): build (API, worker, web app), prepare the database with
// demo data, start the API (which serves the web app) and the worker, wait until /health is green, then print the URLs and the demo logins.
// Ctrl-C stops both processes.
//
// Database roles: setup migrates as the owner (database.adminUrl, default postgres) and creates the
// application's role (database.url, default gwaje_app), as which the API and worker connect.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const API = 'dist/apps/api/apps/api/src/main.js';
const WORKER = 'dist/apps/worker/apps/worker/src/main.js';
const SETUP = 'dist/apps/api/apps/api/src/cli/setup.js';
const CONFIG_LIB = 'dist/apps/api/libs/config/src/index.js';

function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const out = r.stdout ?? '';
  process.stdout.write(out.replace(/^GWAJE_DEMO_LOGINS=.*$/m, '').replace(/\n{2,}/g, '\n'));
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${r.status}). See the message above.`);
    process.exit(r.status ?? 1);
  }
  return out;
}

step('Building API and worker', 'npx', ['nest', 'build', 'api']);
step('Building worker', 'npx', ['nest', 'build', 'worker']);
step('Building the web app', 'npx', [
  'vite',
  'build',
  '--config',
  'apps/web/vite.config.ts',
  '--logLevel',
  'warn',
]);
const setupOut = step('Preparing database (create if missing, migrate, seed demo data)', 'node', [
  SETUP,
  '--seed-demo',
]);

// The worker signs ledger checkpoints with an Ed25519 key the database never holds: create one for
// the demo when the configured file (ledger.signingKeyFile) does not exist yet.
const { loadConfig } = await import(pathToFileURL(resolve(CONFIG_LIB)).href);
const config = loadConfig();
const keyFile = config.ledger.signingKeyFile ? resolve(config.ledger.signingKeyFile) : '';
if (keyFile && !existsSync(keyFile)) {
  const { privateKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, privateKey, { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  console.log(`✓ created the ledger signing key ${keyFile} (Ed25519, keep it out of the database)`);
}
/**
 * The API and the worker connect as the application's role (never told the owner's URL) and find
 * the signing key.
 */
const childEnv = {
  ...process.env,
  DATABASE_URL: config.database.url,
  DATABASE_ADMIN_URL: '',
  ...(keyFile ? { LEDGER_SIGNING_KEY_FILE: keyFile } : {}),
};

const loginsLine = setupOut.split('\n').find((l) => l.startsWith('GWAJE_DEMO_LOGINS='));
const demo = loginsLine ? JSON.parse(loginsLine.slice('GWAJE_DEMO_LOGINS='.length)) : null;

const port = process.env.PORT ?? '3000';
// Without SMTP_URL the demo catches every email itself and shows it in a web inbox.
const inboxPort = process.env.MAIL_CATCHER_HTTP_PORT ?? '1080';
const catchMail = !process.env.SMTP_URL;
const children = [
  ...(catchMail
    ? [spawn('node', ['scripts/mail-catcher.mjs'], { stdio: 'ignore', env: process.env })]
    : []),
  spawn('node', [API], { stdio: 'inherit', env: childEnv }),
  spawn('node', [WORKER], { stdio: 'inherit', env: childEnv }),
];
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 10_000).unref();
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on('exit', r)))),
  ).then(() => process.exit(code));
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
for (const c of children)
  c.on(
    'exit',
    (code) =>
      !stopping && (console.error(`\n✗ a process exited (code ${code}); stopping`), stop(1)),
  );

const base = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
const healthUrl = `http://127.0.0.1:${port}/health`;
const started = Date.now();
for (;;) {
  try {
    const res = await fetch(healthUrl);
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() - started > 60_000) {
    console.error(`\n✗ ${healthUrl} did not answer 200 within 60 s`);
    stop(1);
    break;
  }
  await new Promise((r) => setTimeout(r, 300));
}
if (!stopping) {
  const lines = [
    '',
    '━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
    ` Gwaje is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s after setup)`,
    `   Web app  ${base}/   ← open this in a browser`,
    `   API      ${base}/api/v1`,
    `   Docs     ${base}/api/docs   (OpenAPI JSON: ${base}/api/docs-json)`,
    `   Health   ${base}/health`,
    catchMail
      ? `   Mail     http://localhost:${inboxPort}   (demo inbox: every email the reminders send)`
      : `   Mail     sent through SMTP_URL`,
  ];
  if (demo) {
    lines.push('', ` Demo logins (password for all: ${demo.password})`);
    for (const l of demo.logins)
      lines.push(
        `   ${l.role.padEnd(17)} ${l.email.padEnd(32)} ${l.name} · ${l.organisation} ${l.department}`,
      );
  }
  lines.push(
    '',
    ' Ctrl-C stops the API, the worker and the demo inbox.',
    '━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
    '',
  );
  console.log(lines.join('\n'));
}
