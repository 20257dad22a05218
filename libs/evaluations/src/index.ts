export * from './evaluation.entity.js';
export * from './evaluation-scoring.js';
export * from './evaluation-workflow.js';
export * from './evaluations.service.js';
export * from './evaluation-export.service.js';
export * from './evaluations.module.js';
export * from './demo/evaluations-demo.seed.js';
export * from './evaluation-reminders.js';
