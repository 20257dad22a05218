export * from './passive-reports.module.js';
export * from './passive-reports-demo.seed.js';
export * from './passive-reports.service.js';
export * from './passive-report-investigation.service.js';
export * from './passive-report-rules.js';
export * from './passive-report-views.js';
export * from './passive-report-reminders.js';
export {
  PASSIVE_REPORT_RECORD_TYPE,
  PASSIVE_REPORT_REPORTER_RECORD_TYPE,
} from './passive-report-query.js';
