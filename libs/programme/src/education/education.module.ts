import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { registerDashboardSection } from '@gwaje/dashboards';
import { SettingsService } from '@gwaje/identity';
import { NotificationsModule } from '@gwaje/notifications';
import { EducationDemoSeed } from './education-demo.seed.js';
import { educationAnnualFigures, educationDashboardSection } from './education-figures.js';
import { EducationReminders } from './education-reminders.js';
import { EducationRosterService } from './education-roster.js';
import { EducationService } from './education.service.js';

/**
 * 적극행정 education: sessions, attendance (entered or imported from a roster), completion per
 * user and department against `education.requiredHoursPerYear`, the reminders to those short as
 * the year ends, the dashboard section `education` and the annual report's section `education`.
 */
@Module({
  imports: [NotificationsModule],
  providers: [EducationService, EducationRosterService, EducationReminders, EducationDemoSeed],
  exports: [EducationService, EducationRosterService, EducationDemoSeed],
})
export class EducationModule implements OnModuleInit {
  constructor(private readonly settings: SettingsService) {}

  onModuleInit(): void {
    registerDashboardSection(educationDashboardSection(this.settings));
    registerAnnualFigures(educationAnnualFigures(this.settings));
  }
}
