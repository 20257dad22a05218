export * from './queue-names.js';
export * from './redis.js';
export * from './job-lock.js';
