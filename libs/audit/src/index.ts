export * from './audit.module.js';
export * from './history/history-entry.entity.js';
export * from './history/history-hash.js';
export * from './history/history.service.js';
export * from './history/history-verifier.service.js';
export * from './access-log/access-log-entry.entity.js';
export * from './access-log/access-log.service.js';
