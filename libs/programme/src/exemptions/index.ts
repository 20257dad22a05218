export * from './exemptions.module.js';
export * from './exemptions-demo.seed.js';
export * from './exemptions-rules.js';
export * from './exemptions-views.js';
export * from './exemptions.service.js';
export * from './exemption-reports.service.js';
export * from './exemptions-reminders.js';
export { EXEMPTION_RECORD_TYPE, EXEMPTION_REPORT_RECORD_TYPE } from './exemptions-query.js';
