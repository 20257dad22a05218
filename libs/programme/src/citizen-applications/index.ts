export * from './citizen-applications.module.js';
export * from './citizen-applications-demo.seed.js';
export * from './citizen-applications.service.js';
export * from './citizen-applications-rules.js';
export * from './citizen-applications-views.js';
export {
  APPLICATION_RECORD_TYPE,
  ApplicationEvent,
  CitizenApplicationReminders,
} from './citizen-applications-reminders.js';
