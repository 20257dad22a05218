import type { Type } from '@nestjs/common';
import { ExemptionReportsController } from './exemptions/exemption-reports.controller.js';
import { ExemptionsController } from './exemptions/exemptions.controller.js';

/** The HTTP controllers of this part of the yearly programme (issue 22). */
export const EXEMPTIONS_CONTROLLERS: Type[] = [ExemptionsController, ExemptionReportsController];
