export * from './education.module.js';
export * from './education-demo.seed.js';
export * from './education.service.js';
export * from './education-roster.js';
export * from './education-rules.js';
export * from './education-views.js';
export * from './education-figures.js';
export * from './education-reminders.js';
