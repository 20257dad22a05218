export * from './tf-rules.js';
export * from './tf-query.js';
export * from './tf-views.js';
export * from './tf-status.js';
export * from './tf.service.js';
export * from './tf-decisions.service.js';
export * from './tf-action-item-reminders.js';
