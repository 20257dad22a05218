export * from './business-calendar.module.js';
export * from './declared-days.registry.js';
export * from './declared-days.service.js';
