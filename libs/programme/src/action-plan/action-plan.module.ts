import { Module } from '@nestjs/common';
import { ActionPlanDemoSeed } from './action-plan-demo.seed.js';

/** 실행계획 (the yearly action plan). */
@Module({
  providers: [ActionPlanDemoSeed],
  exports: [ActionPlanDemoSeed],
})
export class ActionPlanModule {}
