export * from './attachment.entity.js';
export * from './file-types.js';
export * from './attachments.service.js';
export * from './attachments.module.js';
