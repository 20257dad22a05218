import type { Type } from '@nestjs/common';
import { ActionPlansController } from './action-plan/action-plans.controller.js';

/** The HTTP controllers of this part of the yearly programme (issue 22). */
export const ACTION_PLAN_CONTROLLERS: Type[] = [ActionPlansController];
