export * from './annual-report.module.js';
export * from './annual-report-demo.seed.js';
