import type { Type } from '@nestjs/common';
import { EducationController } from './education/education.controller.js';

/** The HTTP controllers of this part of the yearly programme (issue 22). */
export const EDUCATION_CONTROLLERS: Type[] = [EducationController];
