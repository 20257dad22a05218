export * from './committee.entity.js';
export * from './agenda-port.js';
export * from './committee-workflow.js';
export * from './committee-tally.js';
export * from './committee-members.service.js';
export * from './committee-meetings.service.js';
export * from './agenda-items.service.js';
export * from './committee.module.js';
