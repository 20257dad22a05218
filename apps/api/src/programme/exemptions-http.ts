// The API's HTTP helpers for the controllers and DTOs in ./exemptions (lint forbids `../../`).
export { HistoryEntryDto } from '../history/history.dto.js';
export { attachmentDisposition } from '../http/content-disposition.js';
export { DATE, DATE_MESSAGE, RealDate, toList, trim } from '../http/dto-helpers.js';
export { FieldLabels } from '../http/field-labels.js';
export { ApiAuth, ApiErrors } from '../http/openapi.js';
export { UuidParamPipe } from '../http/uuid-param.pipe.js';
export { Optional } from '../http/validation.js';
