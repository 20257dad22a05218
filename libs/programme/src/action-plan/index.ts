export * from './action-plan.module.js';
export * from './action-plan-demo.seed.js';
export * from './action-plan-rules.js';
export * from './action-plan-views.js';
export * from './action-plans.service.js';
export * from './action-plan-items.service.js';
export * from './action-plan-export.service.js';
export * from './action-plan-figures.js';
