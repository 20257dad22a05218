export * from './citizen-applications.module.js';
export * from './citizen-applications-demo.seed.js';
