/**
 * The API's HTTP helpers the action plan's controller and DTOs use, re-exported one level up so
 * the files in ./action-plan/ reach them without a `../../` import (the lint rule keeps those for
 * other libraries).
 */
export { HistoryEntryDto } from '../history/history.dto.js';
export { attachmentDisposition } from '../http/content-disposition.js';
export { DATE, DATE_MESSAGE, RealDate, trim } from '../http/dto-helpers.js';
export { FieldLabels } from '../http/field-labels.js';
export { ApiAuth, ApiErrors } from '../http/openapi.js';
export { UuidParamPipe } from '../http/uuid-param.pipe.js';
export { Optional } from '../http/validation.js';
