export * from './outbox-entry.entity.js';
export * from './outbox.service.js';
export * from './outbox.module.js';
