export * from './report.entity.js';
export * from './report-workflow.js';
export * from './report-timeliness.js';
export * from './report-query.js';
export * from './report-views.js';
export * from './reporting-calendar.service.js';
export * from './reports.service.js';
export * from './reports.module.js';
