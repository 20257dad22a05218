export * from './holidays.js';
export * from './declared-days.js';
export * from './business-days.js';
export * from './horizon.js';
export * from './periods.js';
export * from './deadline-port.js';
export * from './declarations/index.js';
