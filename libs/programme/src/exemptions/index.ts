export * from './exemptions.module.js';
export * from './exemptions-demo.seed.js';
