import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@gwaje/audit';
import { CollaborationModule } from '@gwaje/collaboration';
import { type AppConfig, ConfigModule } from '@gwaje/config';
import { ConsultationsModule } from '@gwaje/consultations';
import { ContestsModule } from '@gwaje/contests';
import { DashboardsModule } from '@gwaje/dashboards';
import { DbModule } from '@gwaje/db';
import { EvaluationsModule } from '@gwaje/evaluations';
import { IdentityModule } from '@gwaje/identity';
import { ProgrammeModule } from '@gwaje/programme';
import { ReportsModule } from '@gwaje/reports';
import { TasksModule } from '@gwaje/tasks';

/** The services the demo seed needs, without HTTP or queues (used by the setup CLI and the tests). */
export async function createSeedContext(config: AppConfig): Promise<INestApplicationContext> {
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      DbModule.forRoot(),
      AuditModule,
      IdentityModule,
      TasksModule,
      ReportsModule,
      ConsultationsModule,
      EvaluationsModule,
      ContestsModule,
      CollaborationModule,
      DashboardsModule,
      ProgrammeModule,
    ],
  })
  class SeedModule {}
  return NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
}
