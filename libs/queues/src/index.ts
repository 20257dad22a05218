export * from './queue-names.js';
export * from './redis.js';
