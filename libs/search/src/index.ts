export * from './search-text.js';
export * from './search-sources.js';
export * from './search.service.js';
export * from './search.module.js';
