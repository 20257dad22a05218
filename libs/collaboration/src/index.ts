export * from './collaboration-rules.js';
export * from './collaboration-query.js';
export * from './collaboration-references.js';
export * from './collaboration-views.js';
export * from './collaborations.service.js';
export * from './collaboration-participants.service.js';
export * from './collaboration-export.service.js';
export * from './collaboration.module.js';
