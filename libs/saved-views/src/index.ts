export * from './saved-view-rules.js';
export * from './saved-views.service.js';
export * from './saved-views.module.js';
