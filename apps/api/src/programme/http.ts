/**
 * The API's HTTP helpers for the yearly programme's controllers and DTOs, re-exported here so the
 * files in ./<part>/ reach them with one `../` (the lint rule keeps `../../` for other libraries).
 */
export { HistoryEntryDto } from '../history/history.dto.js';
export { attachmentDisposition } from '../http/content-disposition.js';
export { DATE, DATE_MESSAGE, RealDate, toBool, toList, trim } from '../http/dto-helpers.js';
export { FieldLabels } from '../http/field-labels.js';
export { ApiAuth, ApiErrors } from '../http/openapi.js';
export { fileUpload } from '../http/upload.js';
export { UuidParamPipe } from '../http/uuid-param.pipe.js';
export { Optional } from '../http/validation.js';
