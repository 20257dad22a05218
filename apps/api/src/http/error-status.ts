import { ErrorCode } from '@gwaje/common';

/** The one mapping of domain error codes to HTTP statuses. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
    case ErrorCode.PASSWORD_POLICY:
    case ErrorCode.CURRENT_PASSWORD_INCORRECT:
    case ErrorCode.UNKNOWN_SETTING:
    case ErrorCode.INVALID_REFERENCE:
    case ErrorCode.PERIOD_NOT_OPEN:
    case ErrorCode.IMPORT_INVALID:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.INVALID_CREDENTIALS:
    case ErrorCode.SESSION_EXPIRED:
    case ErrorCode.ACCESS_TOKEN_EXPIRED:
    case ErrorCode.REFRESH_TOKEN_INVALID:
    case ErrorCode.REFRESH_TOKEN_REUSED:
      return 401;
    case ErrorCode.FORBIDDEN:
    case ErrorCode.SELF_DEACTIVATION:
    case ErrorCode.PASSWORD_CHANGE_REQUIRED:
    case ErrorCode.CONFLICT_OF_INTEREST:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.VERSION_CONFLICT:
    case ErrorCode.ILLEGAL_TRANSITION:
    case ErrorCode.DUPLICATE:
    case ErrorCode.CALENDAR_IN_USE:
    case ErrorCode.QUORUM_NOT_MET:
    case ErrorCode.LIMIT_REACHED:
    case ErrorCode.NO_COMMITTEE_MEMBERS:
    case ErrorCode.NOMINATIONS_UNDECIDED:
    case ErrorCode.CRITERIA_NOT_APPROVED:
    case ErrorCode.CRITERIA_FROZEN:
    case ErrorCode.MEMBER_EXCLUDED:
    case ErrorCode.RESULTS_NOT_AGGREGATED:
    case ErrorCode.MEMBER_HAS_SCORED:
    case ErrorCode.NOT_SELECTED:
    case ErrorCode.NO_PARENT_ORGANISATION:
    case ErrorCode.MEMBER_DISQUALIFIED:
    case ErrorCode.CONTEST_ENTRIES_UNDECIDED:
    case ErrorCode.CONTEST_BUDGET_EXCEEDED:
    case ErrorCode.CONTEST_ADVANCEMENT_UNAVAILABLE:
    case ErrorCode.CONTEST_JUDGE_DISQUALIFIED:
      return 409;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.UNSUPPORTED_FILE_TYPE:
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case ErrorCode.CALENDAR_UNAVAILABLE:
      return 422;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    case ErrorCode.INTERNAL:
      return 500;
  }
}

/** For errors that arrive as an HTTP status (framework, Fastify): the code that names them. */
export function codeOfStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return ErrorCode.VALIDATION_FAILED;
    case 415:
      return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
    case 405:
      return ErrorCode.NOT_FOUND;
    case 409:
      return ErrorCode.VERSION_CONFLICT;
    case 413:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case 429:
      return ErrorCode.RATE_LIMITED;
    case 503:
      return ErrorCode.SERVICE_UNAVAILABLE;
    default:
      return status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED;
  }
}
