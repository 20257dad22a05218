import type { Type } from '@nestjs/common';
import { AnnualReportController } from './annual-report/annual-report.controller.js';

/** The HTTP controllers of this part of the yearly programme (issue 22). */
export const ANNUAL_REPORT_CONTROLLERS: Type[] = [AnnualReportController];
