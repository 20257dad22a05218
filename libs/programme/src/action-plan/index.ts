export * from './action-plan.module.js';
export * from './action-plan-demo.seed.js';
