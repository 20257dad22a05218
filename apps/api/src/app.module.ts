import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AuditModule } from '@gwaje/audit';
import { BusinessCalendarModule } from '@gwaje/calendar';
import { AppConfig, ConfigModule } from '@gwaje/config';
import { DashboardsModule } from '@gwaje/dashboards';
import { DbModule } from '@gwaje/db';
import { ContestsModule } from '@gwaje/contests';
import { EvaluationsModule } from '@gwaje/evaluations';
import { CommitteeModule } from '@gwaje/committee';
import { AuthGuard, IdentityModule } from '@gwaje/identity';
import { NotificationsModule } from '@gwaje/notifications';
import { OnboardingModule } from '@gwaje/onboarding';
import { OpinionRequestsModule } from '@gwaje/opinion-requests';
import { CollaborationModule } from '@gwaje/collaboration';
import { CommentsModule } from '@gwaje/comments';
import { DeadlinesModule } from '@gwaje/deadlines';
import { SearchModule } from '@gwaje/search';
import { ConsultationsModule } from '@gwaje/consultations';
import { ProgrammeModule } from '@gwaje/programme';
import { ReportsModule } from '@gwaje/reports';
import { SavedViewsModule } from '@gwaje/saved-views';
import { TasksModule } from '@gwaje/tasks';
import { AuthController } from './auth/auth.controller.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { ConsultationsController } from './consultations/consultations.controller.js';
import { ContestsController } from './contests/contests.controller.js';
import { DashboardsController } from './dashboards/dashboards.controller.js';
import { EvaluationsController } from './evaluations/evaluations.controller.js';
import { CommitteeController } from './committee/committee.controller.js';
import { PROGRAMME_CONTROLLERS } from './programme/index.js';
import { HealthController } from './health/health.controller.js';
import { RedisProbe } from './health/redis-probe.js';
import { HistoryController } from './history/history.controller.js';
import { SealRequests } from './history/seal-requests.js';
import { AllExceptionsFilter } from './http/all-exceptions.filter.js';
import { RequestContextInterceptor } from './http/request-context.interceptor.js';
import { DepartmentsController } from './identity/departments.controller.js';
import { DirectoryController } from './identity/directory.controller.js';
import { MeController } from './identity/me.controller.js';
import { OrganisationsController } from './identity/organisations.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { ImportsController } from './onboarding/imports.controller.js';
import { CommentsController } from './comments/comments.controller.js';
import { TaskAttachmentsController } from './tasks/task-attachments.controller.js';
import { MyDeadlinesController } from './deadlines/my-deadlines.controller.js';
import { SearchController } from './search/search.controller.js';
import { PeopleController } from './identity/people.controller.js';
import { OpinionRequestsController } from './opinion-requests/opinion-requests.controller.js';
import { CollaborationSosController } from './collaboration/collaboration-sos.controller.js';
import { CollaborationsController } from './collaboration/collaborations.controller.js';
import { CollaborationProgressController } from './collaboration/collaboration-progress.controller.js';
import { CollaborationTfController } from './collaboration/collaboration-tf.controller.js';
import { ReportingCalendarsController } from './reports/reporting-calendars.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsExportController } from './reports/reports-export.controller.js';
import { SavedViewsController } from './saved-views/saved-views.controller.js';
import { ConsultationsExportController } from './consultations/consultations-export.controller.js';
import { UsersController } from './identity/users.controller.js';
import { SettingsController } from './settings/settings.controller.js';
import { TasksExportController } from './tasks/tasks-export.controller.js';
import { TasksController } from './tasks/tasks.controller.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TerminusModule.forRoot({ logger: false }),
        DbModule.forRoot(),
        AuditModule,
        IdentityModule,
        BusinessCalendarModule,
        TasksModule,
        ReportsModule,
        ConsultationsModule,
        EvaluationsModule,
        ContestsModule,
        CommitteeModule,
        NotificationsModule,
        DashboardsModule,
        OnboardingModule,
        OpinionRequestsModule,
        CollaborationModule,
        CommentsModule,
        DeadlinesModule,
        SavedViewsModule,
        SearchModule,
        ProgrammeModule,
      ],
      controllers: [
        AuthController,
        CommentsController,
        TaskAttachmentsController,
        MyDeadlinesController,
        SearchController,
        PeopleController,
        OrganisationsController,
        DepartmentsController,
        DirectoryController,
        UsersController,
        MeController,
        SettingsController,
        HistoryController,
        HealthController,
        CalendarController,
        TasksExportController,
        TasksController,
        ReportingCalendarsController,
        ReportsExportController,
        ReportsController,
        ConsultationsExportController,
        ConsultationsController,
        SavedViewsController,
        EvaluationsController,
        ContestsController,
        CommitteeController,
        NotificationsController,
        DashboardsController,
        ImportsController,
        OpinionRequestsController,
        CollaborationsController,
        CollaborationProgressController,
        CollaborationTfController,
        CollaborationSosController,
        ...PROGRAMME_CONTROLLERS,
      ],
      providers: [
        RedisProbe,
        SealRequests,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
