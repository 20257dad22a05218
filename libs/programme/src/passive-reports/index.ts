export * from './passive-reports.module.js';
export * from './passive-reports-demo.seed.js';
