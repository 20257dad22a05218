import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { TasksModule } from '@gwaje/tasks';
import { ActionPlanDemoSeed } from './action-plan-demo.seed.js';
import { ActionPlanDirectionsService } from './action-plan-directions.service.js';
import { ActionPlanExportService } from './action-plan-export.service.js';
import { ACTION_PLAN_FIGURES } from './action-plan-figures.js';
import { ActionPlanItemsService } from './action-plan-items.service.js';
import { ActionPlansService } from './action-plans.service.js';

/** 실행계획 (the yearly action plan); registers its figures of the annual report on start. */
@Module({
  imports: [TasksModule],
  providers: [
    ActionPlansService,
    ActionPlanDirectionsService,
    ActionPlanItemsService,
    ActionPlanExportService,
    ActionPlanDemoSeed,
  ],
  exports: [
    ActionPlansService,
    ActionPlanDirectionsService,
    ActionPlanItemsService,
    ActionPlanExportService,
    ActionPlanDemoSeed,
  ],
})
export class ActionPlanModule implements OnModuleInit {
  onModuleInit(): void {
    registerAnnualFigures(ACTION_PLAN_FIGURES);
  }
}
