export * from './consultation.entity.js';
export * from './consultation-workflow.js';
export * from './consultation-deadlines.js';
export * from './consultation-query.js';
export * from './consultation-views.js';
export * from './consultations.service.js';
export * from './consultations.module.js';
export * from './demo/consultations-demo.seed.js';
