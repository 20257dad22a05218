import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '@gwaje/outbox';
import { DashboardSnapshot } from './dashboard-snapshot.entity.js';
import { DashboardExportService } from './dashboard-export.service.js';
import { DashboardsService } from './dashboards.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([DashboardSnapshot]), OutboxModule],
  providers: [DashboardsService, DashboardExportService],
  exports: [DashboardsService, DashboardExportService],
})
export class DashboardsModule {}
