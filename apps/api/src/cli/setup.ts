// Prepares a database for the API and worker: checks that PostgreSQL and Redis answer (saying
// which one does not, where it looked and how to start it), creates the database if missing, runs
// migrations, and with --seed-demo seeds the demo organisation (idempotent).
import 'reflect-metadata';
import { type AppConfig, ConfigError, loadConfigOrExit } from '@gwaje/config';
import {
  checkPostgres,
  checkRedis,
  createDatabaseIfMissing,
  databaseName,
  runMigrations,
} from '@gwaje/db';
import { ConsultationsDemoSeed } from '@gwaje/consultations';
import { EvaluationsDemoSeed } from '@gwaje/evaluations';
import { DEMO_PASSWORD, IdentityDemoSeed } from '@gwaje/identity';
import { ReportsDemoSeed } from '@gwaje/reports';
import { TasksDemoSeed } from '@gwaje/tasks';
import { createSeedContext } from './seed-context.js';

const seedDemo = process.argv.includes('--seed-demo');
const config = loadConfigOrExit();

async function checkServices(cfg: AppConfig): Promise<void> {
  const problems = (
    await Promise.all([checkPostgres(cfg.database.url), checkRedis(cfg.redis.url)])
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
    const reports = await app.get(ReportsDemoSeed).run();
    const consultations = await app.get(ConsultationsDemoSeed).run();
    const evaluations = await app.get(EvaluationsDemoSeed).run();
    const created =
      result.created +
      tasks.created +
      reports.created +
      consultations.created +
      evaluations.created;
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

try {
  await checkServices(config);
  if (await createDatabaseIfMissing(config.database.url))
    console.log(`✓ created database ${databaseName(config.database.url)}`);
  const ran = await runMigrations(config);
  console.log(ran.length ? `✓ migrations run: ${ran.join(', ')}` : '✓ database schema up to date');
  if (seedDemo) await seed(config);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
