import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit, startOrExit } from '@gwaje/config';
import { createWorker } from './bootstrap.js';

await startOrExit(async () => {
  await createWorker(loadConfigOrExit());
  new Logger('Gwaje').log('Worker ready: processing queues, schedules registered');
});
