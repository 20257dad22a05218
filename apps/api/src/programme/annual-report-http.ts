// The API's HTTP helpers for the annual report's controller and DTOs (one folder deeper than the
// other controllers, which the no-parent-parent import rule would otherwise refuse).
export { attachmentDisposition } from '../http/content-disposition.js';
export { FieldLabels } from '../http/field-labels.js';
export { ApiAuth, ApiErrors } from '../http/openapi.js';
export { Optional } from '../http/validation.js';
