export * from './my-deadlines.js';
export * from './my-deadlines.service.js';
export * from './deadlines.module.js';
