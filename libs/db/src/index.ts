export * from './data-source-options.js';
export * from './db.module.js';
export * from './transaction.service.js';
export * from './postgres-errors.js';
export * from './test-database.js';
export * from './snake-naming.strategy.js';
export * from './versioned-update.js';
