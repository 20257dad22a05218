export * from './annual-report.module.js';
export * from './annual-report-demo.seed.js';
export * from './annual-report.service.js';
export * from './annual-report-export.service.js';
export * from './annual-report-rules.js';
export * from './annual-report-views.js';
