import type { Type } from '@nestjs/common';
import { CitizenApplicationsController } from './citizen-applications/citizen-applications.controller.js';

/** The HTTP controllers of this part of the yearly programme (issue 22). */
export const CITIZEN_APPLICATIONS_CONTROLLERS: Type[] = [CitizenApplicationsController];
