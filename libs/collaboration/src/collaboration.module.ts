import { Module, type OnModuleInit } from '@nestjs/common';
import { registerDashboardSection } from '@gwaje/dashboards';
import { registerSosDeadlines } from './sos/collaboration-sos-deadlines.js';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import {
  registerReportReviewerPolicy,
  registerTaskReportingCadence,
  ReportsModule,
} from '@gwaje/reports';
import { registerMilestonePlanListener, registerTaskReadShare, TasksModule } from '@gwaje/tasks';
import {
  COLLABORATION_DASHBOARD_SECTION,
  registerCoordinatorFigures,
} from './collaboration-dashboard.js';
import { CollaborationContributionsService } from './collaboration-contributions.service.js';
import {
  COLLABORATION_REPORTING_CADENCE,
  COLLABORATION_REVIEWER_POLICY,
} from './collaboration-progress-query.js';
import { COLLABORATION_TASK_SHARE } from './collaboration-query.js';
import { CollaborationExportService } from './collaboration-export.service.js';
import { CollaborationParticipantsService } from './collaboration-participants.service.js';
import { CollaborationsService } from './collaborations.service.js';
import { CollaborationDemoSeed } from './demo/collaboration-demo.seed.js';
import { TfActionItemReminders } from './tf/tf-action-item-reminders.js';
import { TfDecisionsService } from './tf/tf-decisions.service.js';
import { TfService } from './tf/tf.service.js';
import { SOS_COORDINATOR_FIGURES } from './sos/collaboration-sos-dashboard.js';
import { CollaborationSosReminders } from './sos/collaboration-sos-reminders.js';
import { CollaborationSosService } from './sos/collaboration-sos.service.js';

/**
 * Collaboration tasks (협업과제). On start it registers its read share with the tasks (the port
 * in libs/tasks/src/task-read-shares.ts), so participants and the coordinator read the task, its
 * milestones and reports, and its listener of the task's milestone plan (milestone-plan-listeners.ts);
 * its reviewer policy with the reports (the `review_by` setting: report-reviewer-policy.ts), its
 * cadence override (a 중점 협업과제 reports monthly: task-reporting-cadence.ts) and the
 * coordinator's dashboard section (dashboard-sections.ts), so the worker must import this module
 * for its dashboard jobs to compute that section, for its daily generation of expected reports to
 * give focus tasks their monthly reports, and to run the reminders of TF action items and 협업SOS
 * (sos/).
 */
@Module({
  imports: [TasksModule, ReportsModule, OutboxModule, NotificationsModule],
  providers: [
    CollaborationsService,
    CollaborationParticipantsService,
    CollaborationExportService,
    CollaborationDemoSeed,
    CollaborationContributionsService,
    // The TF (task force): members, meetings, decisions, action items and their reminders.
    TfService,
    TfDecisionsService,
    TfActionItemReminders,
    CollaborationSosService,
    CollaborationSosReminders,
  ],
  exports: [
    CollaborationsService,
    CollaborationParticipantsService,
    CollaborationExportService,
    CollaborationDemoSeed,
    CollaborationContributionsService,
    TfService,
    TfDecisionsService,
    CollaborationSosService,
  ],
})
export class CollaborationModule implements OnModuleInit {
  constructor(private readonly collaborations: CollaborationsService) {}

  onModuleInit(): void {
    registerTaskReadShare('collaboration', COLLABORATION_TASK_SHARE);
    registerSosDeadlines();
    // A change of the task's milestones resets the participants' agreements.
    registerMilestonePlanListener('collaboration', (tx, change) =>
      this.collaborations.onTaskPlanChanged(tx, change),
    );
    registerReportReviewerPolicy('collaboration', COLLABORATION_REVIEWER_POLICY);
    // A 중점 협업과제 reports monthly (its periods begun after the designation).
    registerTaskReportingCadence('collaboration', COLLABORATION_REPORTING_CADENCE);
    registerCoordinatorFigures('sos', SOS_COORDINATOR_FIGURES);
    registerDashboardSection(COLLABORATION_DASHBOARD_SECTION);
  }
}
