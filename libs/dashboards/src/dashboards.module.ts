import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { WeeklySummaryReminders } from './weekly-summary-reminders.js';
import { DashboardSnapshot } from './dashboard-snapshot.entity.js';
import { DashboardExportService } from './dashboard-export.service.js';
import { DashboardsService } from './dashboards.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([DashboardSnapshot]), OutboxModule, NotificationsModule],
  providers: [DashboardsService, DashboardExportService, WeeklySummaryReminders],
  exports: [DashboardsService, DashboardExportService],
})
export class DashboardsModule {}
