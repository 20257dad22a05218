export * from './education.module.js';
export * from './education-demo.seed.js';
