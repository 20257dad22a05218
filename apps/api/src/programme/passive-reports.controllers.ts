import type { Type } from '@nestjs/common';
import { PassiveReportsController } from './passive-reports/passive-reports.controller.js';

/** The HTTP controllers of this part of the yearly programme (issue 22). */
export const PASSIVE_REPORTS_CONTROLLERS: Type[] = [PassiveReportsController];
