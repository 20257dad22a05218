export * from './programme.module.js';
export * from './demo/programme-demo.seed.js';
export * from './action-plan/index.js';
export * from './education/index.js';
export * from './citizen-applications/index.js';
export * from './passive-reports/index.js';
export * from './exemptions/index.js';
export * from './annual-report/index.js';
