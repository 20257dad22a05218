import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit, startOrExit } from '@gwaje/config';
import { AdminBootstrapService } from '@gwaje/identity';
import { createApiApp } from './bootstrap.js';

await startOrExit(async () => {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.get(AdminBootstrapService).ensureAdministrator();
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  new Logger('Gwaje').log(`API ready at ${url}/api/v1 · docs at ${url}/api/docs`);
});
