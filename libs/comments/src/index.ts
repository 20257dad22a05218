export * from './comment-rules.js';
export * from './comment-reminders.js';
export * from './comments.service.js';
export * from './comments.module.js';
