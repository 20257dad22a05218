// Prepares a database for the API and worker: checks that PostgreSQL and Redis answer (saying
// which one does not, where it looked and how to start it), creates the database if missing, runs
// migrations as the owner (DATABASE_ADMIN_URL), makes sure the application's role (DATABASE_URL)
// exists with SELECT/INSERT only on the ledger, with --seed-demo seeds the demo organisation
// (idempotent; refused in production), and when no administrator exists yet and ADMIN_PASSWORD is
// set creates the first one, the system administrator, in an organisation whose name and kind come
// from ORGANISATION_NAME / ORGANISATION_KIND or are asked for on a terminal.
import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { type AppConfig, ConfigError, loadConfigOrExit } from '@gwaje/config';
import {
  checkPostgres,
  checkRedis,
  createDatabaseIfMissing,
  databaseName,
  ensureApplicationRole,
  runMigrations,
} from '@gwaje/db';
import { CollaborationDemoSeed } from '@gwaje/collaboration';
import { ConsultationsDemoSeed } from '@gwaje/consultations';
import { ContestsDemoSeed } from '@gwaje/contests';
import { EvaluationsDemoSeed } from '@gwaje/evaluations';
import {
  AdminBootstrapService,
  DEMO_PASSWORD,
  IdentityDemoSeed,
  ORGANISATION_KIND_LABELS,
} from '@gwaje/identity';
import { ProgrammeDemoSeed } from '@gwaje/programme';
import { ReportsDemoSeed } from '@gwaje/reports';
import { TasksDemoSeed } from '@gwaje/tasks';
import { chooseOrganisation, type Prompter } from './bootstrap-organisation.js';
import { createSeedContext } from './seed-context.js';

const seedDemo = process.argv.includes('--seed-demo');
const config = loadConfigOrExit();
// Demo data (known logins, one shared password) never goes into a production database: refused
// before anything is checked, created or migrated.
if (seedDemo && config.env === 'production') {
  process.stderr.write(
    '✗ setup --seed-demo refuses to run in production (NODE_ENV=production): demo data has published ' +
      'logins and a shared password. Nothing was changed; run `setup` without --seed-demo.\n',
  );
  process.exit(1);
}

async function checkServices(cfg: AppConfig): Promise<void> {
  const problems = (
    await Promise.all([checkPostgres(cfg.database.adminUrl), checkRedis(cfg.redis.url)])
  ).filter((p) => p !== null);
  for (const p of problems) {
    process.stderr.write(
      `✗ ${p.service} is not reachable at ${p.where}: ${p.detail}\n  → ${p.howToStart}\n`,
    );
  }
  if (problems.length) process.exit(1);
}

async function seed(cfg: AppConfig): Promise<void> {
  const app = await createSeedContext(cfg);
  try {
    const result = await app.get(IdentityDemoSeed).run();
    const tasks = await app.get(TasksDemoSeed).run();
    // Before the reports, so 노원구's collaboration tasks get their expected reports with the rest
    // (else a second run would add them); it finds or creates 행정안전부 as the contests demo does.
    const collaborations = await app.get(CollaborationDemoSeed).run();
    const reports = await app.get(ReportsDemoSeed).run();
    const consultations = await app.get(ConsultationsDemoSeed).run();
    const evaluations = await app.get(EvaluationsDemoSeed).run();
    const contests = await app.get(ContestsDemoSeed).run();
    const programme = await app.get(ProgrammeDemoSeed).run();
    const created =
      result.created +
      tasks.created +
      collaborations.created +
      reports.created +
      consultations.created +
      evaluations.created +
      contests.created +
      programme.created;
    console.log(
      created
        ? `✓ demo data: ${created} records created`
        : '✓ demo data already present (nothing changed)',
    );
    if (cfg.demo) {
      console.log(
        `GWAJE_DEMO_LOGINS=${JSON.stringify({ password: DEMO_PASSWORD, logins: result.logins })}`,
      );
    }
  } finally {
    await app.close();
  }
}

/** A line-by-line prompt on the terminal; interrupting it (Ctrl-D, Ctrl-C) creates nothing. */
function terminalPrompter(): Prompter & { close(): void } {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const closed = new AbortController();
  rl.once('close', () => closed.abort());
  return {
    question: async (prompt) => {
      try {
        return await rl.question(prompt, { signal: closed.signal });
      } catch {
        throw new ConfigError(
          '✗ setup was interrupted before the organisation was chosen: no administrator was created. ' +
            'Run it again, or set ORGANISATION_NAME and ORGANISATION_KIND.',
        );
      }
    },
    say: (line) => console.log(line),
    close: () => rl.close(),
  };
}

/** The first administrator (the system administrator), when none exists yet. */
async function firstAdministrator(cfg: AppConfig): Promise<void> {
  const app = await createSeedContext(cfg);
  try {
    const bootstrap = app.get(AdminBootstrapService);
    if (await bootstrap.administratorExists()) return;
    if (!cfg.admin.password) {
      process.stderr.write(
        '⚠ no administrator exists yet and ADMIN_PASSWORD is empty: set ADMIN_EMAIL and ADMIN_PASSWORD ' +
          '(and ORGANISATION_NAME, ORGANISATION_KIND) and run setup again to create the first administrator, ' +
          'the system administrator (the API also creates it at start once ADMIN_PASSWORD is set).\n',
      );
      return;
    }
    const interactive = process.stdin.isTTY && process.stdout.isTTY;
    const organisation = await chooseOrganisation(cfg, interactive ? terminalPrompter : null, (l) =>
      console.log(l),
    );
    if ((await bootstrap.ensureAdministrator(organisation)) === 'created') {
      console.log(
        `✓ first administrator (ADMIN_EMAIL, the system administrator) created in ${organisation.name} ` +
          `(${ORGANISATION_KIND_LABELS[organisation.kind]}, ${organisation.kind}); its password must be changed at the first sign-in`,
      );
    }
  } finally {
    await app.close();
  }
}

try {
  await checkServices(config);
  if (await createDatabaseIfMissing(config.database.adminUrl))
    console.log(`✓ created database ${databaseName(config.database.adminUrl)}`);
  const ran = await runMigrations(config);
  console.log(ran.length ? `✓ migrations run: ${ran.join(', ')}` : '✓ database schema up to date');
  const role = await ensureApplicationRole(config);
  if (role.split) {
    console.log(`✓ application role ${role.role}: SELECT/INSERT only on the ledger`);
  } else {
    process.stderr.write(
      `⚠ the application connects as the owner role ${role.user}: the ledger is not protected ` +
        '(it can change and delete history). Set DATABASE_ADMIN_URL to the owner and DATABASE_URL ' +
        'to a separate application role; setup creates that role.\n',
    );
  }
  // The demo seed brings its own administrator (the system administrator of 서울특별시).
  if (seedDemo) await seed(config);
  else await firstAdministrator(config);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
