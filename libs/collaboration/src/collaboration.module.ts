import { Module, type OnModuleInit } from '@nestjs/common';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { registerMilestonePlanListener, registerTaskReadShare, TasksModule } from '@gwaje/tasks';
import { COLLABORATION_TASK_SHARE } from './collaboration-query.js';
import { CollaborationExportService } from './collaboration-export.service.js';
import { CollaborationParticipantsService } from './collaboration-participants.service.js';
import { CollaborationsService } from './collaborations.service.js';
import { CollaborationSosReminders } from './sos/collaboration-sos-reminders.js';
import { CollaborationSosService } from './sos/collaboration-sos.service.js';

/**
 * Collaboration tasks (협업과제). On start it registers its read share with the tasks (the port
 * in libs/tasks/src/task-read-shares.ts), so participants and the coordinator read the task, its
 * milestones and reports, and its listener of the task's milestone plan (milestone-plan-listeners.ts).
 * 협업SOS (sos/) registers its reminder source with notifications: the worker imports this module.
 */
@Module({
  imports: [TasksModule, OutboxModule, NotificationsModule],
  providers: [
    CollaborationsService,
    CollaborationParticipantsService,
    CollaborationExportService,
    CollaborationSosService,
    CollaborationSosReminders,
  ],
  exports: [
    CollaborationsService,
    CollaborationParticipantsService,
    CollaborationExportService,
    CollaborationSosService,
  ],
})
export class CollaborationModule implements OnModuleInit {
  constructor(private readonly collaborations: CollaborationsService) {}

  onModuleInit(): void {
    registerTaskReadShare('collaboration', COLLABORATION_TASK_SHARE);
    // A change of the task's milestones resets the participants' agreements.
    registerMilestonePlanListener('collaboration', (tx, change) =>
      this.collaborations.onTaskPlanChanged(tx, change),
    );
  }
}
