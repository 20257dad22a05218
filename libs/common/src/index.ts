export * from './errors.js';
export * from './korean.js';
export * from './request-context.js';
export * from './logging.js';
export * from './evaluation-rules.js';
export * from './backdating.js';
export * from './committee-rules.js';
export * from './sql-params.js';
