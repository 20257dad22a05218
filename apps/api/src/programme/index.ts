import type { Type } from '@nestjs/common';
import { ACTION_PLAN_CONTROLLERS } from './action-plan.controllers.js';
import { ANNUAL_REPORT_CONTROLLERS } from './annual-report.controllers.js';
import { CITIZEN_APPLICATIONS_CONTROLLERS } from './citizen-applications.controllers.js';
import { EDUCATION_CONTROLLERS } from './education.controllers.js';
import { EXEMPTIONS_CONTROLLERS } from './exemptions.controllers.js';
import { PASSIVE_REPORTS_CONTROLLERS } from './passive-reports.controllers.js';

/** The yearly programme's controllers, each part in a file of its own. */
export const PROGRAMME_CONTROLLERS: Type[] = [
  ...ACTION_PLAN_CONTROLLERS,
  ...EDUCATION_CONTROLLERS,
  ...CITIZEN_APPLICATIONS_CONTROLLERS,
  ...PASSIVE_REPORTS_CONTROLLERS,
  ...EXEMPTIONS_CONTROLLERS,
  ...ANNUAL_REPORT_CONTROLLERS,
];
