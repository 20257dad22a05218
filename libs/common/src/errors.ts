/**
 * Coded domain errors. Libraries throw these; the API maps each code to an HTTP status in one
 * place (apps/api/src/http/error-status.ts). Messages are Korean first with an English variant.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  ACCESS_TOKEN_EXPIRED: 'ACCESS_TOKEN_EXPIRED',
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  DUPLICATE: 'DUPLICATE',
  INVALID_REFERENCE: 'INVALID_REFERENCE',
  PASSWORD_POLICY: 'PASSWORD_POLICY',
  UNKNOWN_SETTING: 'UNKNOWN_SETTING',
  SELF_DEACTIVATION: 'SELF_DEACTIVATION',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_FILE_TYPE: 'UNSUPPORTED_FILE_TYPE',
  CALENDAR_UNAVAILABLE: 'CALENDAR_UNAVAILABLE',
  CALENDAR_IN_USE: 'CALENDAR_IN_USE',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type Language = 'ko' | 'en';

/** A localised text: Korean is the default shown to staff, English on request. */
export interface LocalText {
  ko: string;
  en: string;
}

/** One problem with one input field; `field` is a dotted path into the request body or query. */
export interface ErrorDetail {
  field: string;
  constraint: string;
  message: LocalText;
}

export const DEFAULT_MESSAGES: Record<ErrorCode, LocalText> = {
  VALIDATION_FAILED: {
    ko: '입력값이 올바르지 않습니다.',
    en: 'The request contains invalid values.',
  },
  UNAUTHENTICATED: { ko: '로그인이 필요합니다.', en: 'Authentication is required.' },
  INVALID_CREDENTIALS: {
    ko: '로그인할 수 없습니다. 이메일과 비밀번호를 확인하세요. 여러 번 실패하면 계정이 일시적으로 잠깁니다.',
    en: 'Login failed. Check your email and password. Repeated failures lock the account for a while.',
  },
  SESSION_EXPIRED: {
    ko: '세션이 만료되었습니다. 다시 로그인하세요.',
    en: 'Your session has expired. Please log in again.',
  },
  ACCESS_TOKEN_EXPIRED: {
    ko: '접속 토큰이 만료되었습니다. 토큰을 갱신하세요.',
    en: 'The access token has expired; refresh it.',
  },
  REFRESH_TOKEN_INVALID: {
    ko: '갱신 토큰이 유효하지 않습니다. 다시 로그인하세요.',
    en: 'The refresh token is invalid. Please log in again.',
  },
  REFRESH_TOKEN_REUSED: {
    ko: '이미 사용된 갱신 토큰입니다. 보안을 위해 이 세션을 모두 종료했습니다.',
    en: 'This refresh token was already used; the session has been revoked for safety.',
  },
  FORBIDDEN: { ko: '이 작업을 할 권한이 없습니다.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { ko: '대상을 찾을 수 없습니다.', en: 'Not found.' },
  VERSION_CONFLICT: {
    ko: '다른 사용자가 먼저 변경했습니다. 새로고침 후 다시 시도하세요.',
    en: 'Someone else changed this first; reload and try again.',
  },
  ILLEGAL_TRANSITION: {
    ko: '현재 상태에서 할 수 없는 처리입니다. 가능한 처리는 allowedActions를 확인하세요.',
    en: 'This action is not possible now; allowedActions lists what you can do.',
  },
  DUPLICATE: { ko: '이미 존재합니다.', en: 'It already exists.' },
  INVALID_REFERENCE: { ko: '참조한 대상이 없습니다.', en: 'A referenced record does not exist.' },
  PASSWORD_POLICY: {
    ko: '비밀번호가 보안 기준에 맞지 않습니다.',
    en: 'The password does not meet the password policy.',
  },
  UNKNOWN_SETTING: { ko: '알 수 없는 설정 항목입니다.', en: 'Unknown setting.' },
  SELF_DEACTIVATION: {
    ko: '자기 자신의 계정은 비활성화할 수 없습니다.',
    en: 'You cannot deactivate your own account.',
  },
  RATE_LIMITED: {
    ko: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
    en: 'Too many requests; try again shortly.',
  },
  PAYLOAD_TOO_LARGE: { ko: '요청 본문이 너무 큽니다.', en: 'The request body is too large.' },
  UNSUPPORTED_FILE_TYPE: {
    ko: '허용되지 않는 파일 형식입니다.',
    en: 'This file type is not allowed.',
  },
  CALENDAR_UNAVAILABLE: {
    ko: '해당 연도의 공휴일 자료가 없어 근무일을 계산할 수 없습니다.',
    en: 'Public holidays of that year are not known yet.',
  },
  CALENDAR_IN_USE: {
    ko: '이미 작성·제출된 이행실적이 있어 그 연도의 보고 일정을 바꿀 수 없습니다.',
    en: 'Reports of that year are already being written or submitted; its calendar cannot change.',
  },
  SERVICE_UNAVAILABLE: {
    ko: '서비스를 일시적으로 사용할 수 없습니다.',
    en: 'The service is temporarily unavailable.',
  },
  INTERNAL: {
    ko: '처리 중 오류가 발생했습니다. 요청 ID와 함께 관리자에게 문의하세요.',
    en: 'An unexpected error occurred. Contact the administrator with the request id.',
  },
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: LocalText = DEFAULT_MESSAGES[code],
    readonly details: ErrorDetail[] = [],
    /** Extra machine-readable data for the client, e.g. the current version on a conflict. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'DomainError';
  }

  static notFound(): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND);
  }

  static forbidden(): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN);
  }

  static conflict(currentVersion: number): DomainError {
    return new DomainError(ErrorCode.VERSION_CONFLICT, undefined, [], { currentVersion });
  }

  /** A 400 about one field, for rules a DTO cannot express (e.g. a password containing the email). */
  static invalidField(
    field: string,
    constraint: string,
    message: LocalText,
    code: ErrorCode = ErrorCode.VALIDATION_FAILED,
  ): DomainError {
    return new DomainError(code, DEFAULT_MESSAGES[code], [{ field, constraint, message }]);
  }
}
