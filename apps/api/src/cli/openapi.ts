// Writes the API's OpenAPI document to a file (`npm run web:types` turns it into the web app's
// TypeScript types). Builds the application as production does, so it needs a migrated database.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadConfigOrExit } from '@gwaje/config';
import { createDatabaseIfMissing, runMigrations } from '@gwaje/db';
import { createApiApp, openApiDocument } from '../bootstrap.js';

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: openapi.js <output.json>\n');
  process.exit(2);
}
const config = loadConfigOrExit({ env: { ...process.env, LOG_LEVEL: 'warn' } });
config.http.queueBoard = false;
config.http.webApp = false;
// As the owner: creating the database and migrating (which also grants the application's role).
await createDatabaseIfMissing(config.database.adminUrl);
await runMigrations(config);
const app = await createApiApp(config);
try {
  writeFileSync(target, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  process.stdout.write(`✓ OpenAPI document written to ${target}\n`);
} finally {
  await app.close();
}
