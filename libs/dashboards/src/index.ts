export * from './dashboard-snapshot.entity.js';
export * from './dashboard-figures.js';
export * from './dashboards.service.js';
export * from './dashboard-export.service.js';
export * from './dashboards.module.js';
export * from './weekly-summary-reminders.js';
