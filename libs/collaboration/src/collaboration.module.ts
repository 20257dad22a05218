import { Module, type OnModuleInit } from '@nestjs/common';
import { NotificationsModule } from '@gwaje/notifications';
import { registerMilestonePlanListener, registerTaskReadShare, TasksModule } from '@gwaje/tasks';
import { COLLABORATION_TASK_SHARE } from './collaboration-query.js';
import { CollaborationExportService } from './collaboration-export.service.js';
import { CollaborationParticipantsService } from './collaboration-participants.service.js';
import { CollaborationsService } from './collaborations.service.js';
import { TfActionItemReminders } from './tf/tf-action-item-reminders.js';
import { TfDecisionsService } from './tf/tf-decisions.service.js';
import { TfService } from './tf/tf.service.js';

/**
 * Collaboration tasks (협업과제). On start it registers its read share with the tasks (the port
 * in libs/tasks/src/task-read-shares.ts), so participants and the coordinator read the task, its
 * milestones and reports, and its listener of the task's milestone plan (milestone-plan-listeners.ts).
 */
@Module({
  imports: [TasksModule, NotificationsModule],
  providers: [
    CollaborationsService,
    CollaborationParticipantsService,
    CollaborationExportService,
    // The TF (task force): members, meetings, decisions, action items and their reminders.
    TfService,
    TfDecisionsService,
    TfActionItemReminders,
  ],
  exports: [
    CollaborationsService,
    CollaborationParticipantsService,
    CollaborationExportService,
    TfService,
    TfDecisionsService,
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
