import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { registerCitizenApplicationDeadlines } from './citizen-application-deadlines.js';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { CitizenApplicationsDemoSeed } from './citizen-applications-demo.seed.js';
import { CITIZEN_APPLICATIONS_FIGURES } from './citizen-applications-figures.js';
import { CitizenApplicationReminders } from './citizen-applications-reminders.js';
import { CitizenApplicationsService } from './citizen-applications.service.js';

/**
 * 적극행정 국민신청 (citizens' applications). Registers its reminder source (and the direct
 * e-mail of the reply to an applicant's address) with the notifications, and its section of the
 * annual report, so the worker imports it for the reminders and the reply e-mails.
 */
@Module({
  imports: [NotificationsModule, OutboxModule],
  providers: [CitizenApplicationsService, CitizenApplicationReminders, CitizenApplicationsDemoSeed],
  exports: [CitizenApplicationsService, CitizenApplicationsDemoSeed],
})
export class CitizenApplicationsModule implements OnModuleInit {
  onModuleInit(): void {
    registerAnnualFigures(CITIZEN_APPLICATIONS_FIGURES);
    registerCitizenApplicationDeadlines();
  }
}
