import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { HolidayHorizonReminders } from './holiday-horizon-reminders.js';
import { WeeklySummaryReminders } from './weekly-summary-reminders.js';
import { DashboardCompileRequest } from './dashboard-compile-request.entity.js';
import { DashboardCompiles } from './dashboard-compiles.service.js';
import { DashboardSnapshot } from './dashboard-snapshot.entity.js';
import { DashboardExportService } from './dashboard-export.service.js';
import { DashboardsService } from './dashboards.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([DashboardSnapshot, DashboardCompileRequest]),
    OutboxModule,
    NotificationsModule,
  ],
  providers: [
    DashboardsService,
    DashboardCompiles,
    DashboardExportService,
    WeeklySummaryReminders,
    HolidayHorizonReminders,
  ],
  exports: [DashboardsService, DashboardCompiles, DashboardExportService],
})
export class DashboardsModule {}
