import { Module, type OnModuleInit } from '@nestjs/common';
import { registerTaskReadShare, TasksModule } from '@gwaje/tasks';
import { COLLABORATION_TASK_SHARE } from './collaboration-query.js';
import { CollaborationExportService } from './collaboration-export.service.js';
import { CollaborationsService } from './collaborations.service.js';

/**
 * Collaboration tasks (협업과제). On start it registers its read share with the tasks (the port
 * in libs/tasks/src/task-read-shares.ts), so participants and the coordinator read the task, its
 * milestones and reports.
 */
@Module({
  imports: [TasksModule],
  providers: [CollaborationsService, CollaborationExportService],
  exports: [CollaborationsService, CollaborationExportService],
})
export class CollaborationModule implements OnModuleInit {
  onModuleInit(): void {
    registerTaskReadShare('collaboration', COLLABORATION_TASK_SHARE);
  }
}
