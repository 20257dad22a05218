import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@gwaje/audit';
import { BusinessCalendarModule } from '@gwaje/calendar';
import { CollaborationModule } from '@gwaje/collaboration';
import { CommentsModule } from '@gwaje/comments';
import { AppConfig, ConfigModule } from '@gwaje/config';
import { DashboardsModule } from '@gwaje/dashboards';
import { DbModule } from '@gwaje/db';
import { EvaluationsModule } from '@gwaje/evaluations';
import { IdentityModule } from '@gwaje/identity';
import { NotificationsModule } from '@gwaje/notifications';
import { OpinionRequestsModule } from '@gwaje/opinion-requests';
import { OutboxModule } from '@gwaje/outbox';
import { bullConnectionOptions, DEFAULT_JOB_OPTIONS, QueueName } from '@gwaje/queues';
import { ProgrammeModule } from '@gwaje/programme';
import { ReportsModule } from '@gwaje/reports';
import { ScheduleRegistrar } from './schedules.js';
import { DashboardsProcessor } from './dashboards.processor.js';
import { NotificationsProcessor } from './notifications.processor.js';
import { OutboxRelay } from './outbox-relay.js';
import { SystemProcessor } from './system.processor.js';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DbModule.forRoot(),
        BullModule.forRoot({
          connection: bullConnectionOptions(config),
          prefix: config.redis.prefix,
          defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
        }),
        BullModule.registerQueue(
          { name: QueueName.SYSTEM },
          { name: QueueName.NOTIFICATIONS },
          { name: QueueName.DASHBOARDS },
        ),
        AuditModule,
        IdentityModule,
        BusinessCalendarModule,
        ReportsModule,
        EvaluationsModule,
        OpinionRequestsModule,
        NotificationsModule,
        OutboxModule,
        DashboardsModule,
        // Registers the coordinator's dashboard section (and its history mark) that the
        // dashboard jobs compile, and the reminder sources of TF action items and 협업SOS.
        CollaborationModule,
        CommentsModule,
        // The yearly programme's reminder sources, dashboard section and quarterly compiles.
        ProgrammeModule,
      ],
      providers: [
        SystemProcessor,
        NotificationsProcessor,
        DashboardsProcessor,
        OutboxRelay,
        ScheduleRegistrar,
      ],
    };
  }
}
