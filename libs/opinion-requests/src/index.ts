export * from './opinion-request.entity.js';
export * from './opinion-request-workflow.js';
export * from './opinion-request-query.js';
export * from './opinion-request-reminders.js';
export * from './opinion-requests.service.js';
export * from './opinion-requests.module.js';
export * from './opinion-request-agenda.js';
