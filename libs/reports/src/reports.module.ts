import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@gwaje/attachments';
import { ConsultationsModule } from '@gwaje/consultations';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { TasksModule } from '@gwaje/tasks';
import { ReportsDemoSeed } from './demo/reports-demo.seed.js';
import { Report, ReportingCalendar } from './report.entity.js';
import { ReportingCalendarService } from './reporting-calendar.service.js';
import { ReportReminders } from './report-reminders.js';
import { PastReportsService } from './past-reports.service.js';
import { ReportsService } from './reports.service.js';
import { ReportExportService } from './report-export.service.js';
import { registerReportDeadlines } from './report-deadlines.js';
import { registerReportSearch } from './report-search.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Report, ReportingCalendar]),
    TasksModule,
    AttachmentsModule,
    ConsultationsModule,
    OutboxModule,
    NotificationsModule,
  ],
  providers: [
    ReportsService,
    ReportExportService,
    PastReportsService,
    ReportingCalendarService,
    ReportsDemoSeed,
    ReportReminders,
  ],
  exports: [
    ReportsService,
    ReportExportService,
    PastReportsService,
    ReportingCalendarService,
    ReportsDemoSeed,
  ],
})
export class ReportsModule implements OnModuleInit {
  onModuleInit(): void {
    // The global search's milestone reports (@gwaje/search).
    registerReportSearch();
    // Due dates that move with a declared holiday (@gwaje/calendar).
    registerReportDeadlines();
  }
}
