import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { createLogger, PinoNestLogger } from '@gwaje/common';
import { LedgerKeys } from '@gwaje/audit';
import type { AppConfig } from '@gwaje/config';
import { WorkerModule } from './worker.module.js';

/** The worker: an application context with no HTTP server. The e2e tests call this too. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(createLogger(config.log.level, 'worker')),
  });
  app.enableShutdownHooks();
  // Production refuses to run without the checkpoint signing key; elsewhere a warning says so.
  app.get(LedgerKeys).requireSigningKey(config);
  return app;
}
