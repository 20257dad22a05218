export * from './holidays.js';
export * from './business-days.js';
export * from './periods.js';
