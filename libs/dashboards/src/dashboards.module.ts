import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@gwaje/notifications';
import { DashboardSnapshot } from './dashboard-snapshot.entity.js';
import { DashboardExportService } from './dashboard-export.service.js';
import { DashboardsService } from './dashboards.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([DashboardSnapshot]), NotificationsModule],
  providers: [DashboardsService, DashboardExportService],
  exports: [DashboardsService, DashboardExportService],
})
export class DashboardsModule {}
