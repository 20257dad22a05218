import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TasksDemoSeed } from './demo/tasks-demo.seed.js';
import { TaskExportService } from './export/task-export.service.js';
import { Milestone } from './milestone.entity.js';
import { TaskMember, TaskPartnerDepartment } from './task-links.entity.js';
import { TaskActiveSpan } from './task-active-span.entity.js';
import { Task } from './task.entity.js';
import { AttachmentsModule } from '@gwaje/attachments';
import { NotificationsModule } from '@gwaje/notifications';
import { TaskAttachmentsService } from './task-attachments.service.js';
import { TaskReminders } from './task-reminders.js';
import { TasksService } from './tasks.service.js';
import { TASK_ANNUAL_FIGURES } from './task-annual-figures.js';
import { registerTaskSearch } from './task-search.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Task, Milestone, TaskMember, TaskPartnerDepartment, TaskActiveSpan]),
    NotificationsModule,
    AttachmentsModule,
  ],
  providers: [
    TasksService,
    TaskAttachmentsService,
    TaskExportService,
    TasksDemoSeed,
    TaskReminders,
  ],
  exports: [TasksService, TaskAttachmentsService, TaskExportService, TasksDemoSeed],
})
export class TasksModule implements OnModuleInit {
  onModuleInit(): void {
    // The annual 추진실적 report's 중점과제 section (@gwaje/annual-figures).
    registerAnnualFigures(TASK_ANNUAL_FIGURES);
    // The global search's tasks (@gwaje/search).
    registerTaskSearch();
  }
}
