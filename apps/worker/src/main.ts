import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@gwaje/config';
import { createWorker } from './bootstrap.js';

const config = loadConfigOrExit();
await createWorker(config);
new Logger('Gwaje').log('Worker ready: processing queues, schedules registered');
