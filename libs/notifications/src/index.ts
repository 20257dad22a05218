export * from './notification.entity.js';
export * from './reminder-days.js';
export * from './reminder-port.js';
export * from './templates.js';
export * from './mailer.service.js';
export * from './notifications.service.js';
export * from './notifications.module.js';
