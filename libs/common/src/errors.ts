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
  QUORUM_NOT_MET: 'QUORUM_NOT_MET',
  LIMIT_REACHED: 'LIMIT_REACHED',
  NO_COMMITTEE_MEMBERS: 'NO_COMMITTEE_MEMBERS',
  NOMINATIONS_UNDECIDED: 'NOMINATIONS_UNDECIDED',
  CRITERIA_NOT_APPROVED: 'CRITERIA_NOT_APPROVED',
  CRITERIA_FROZEN: 'CRITERIA_FROZEN',
  MEMBER_EXCLUDED: 'MEMBER_EXCLUDED',
  RESULTS_NOT_AGGREGATED: 'RESULTS_NOT_AGGREGATED',
  MEMBER_HAS_SCORED: 'MEMBER_HAS_SCORED',
  NOT_SELECTED: 'NOT_SELECTED',
  NO_PARENT_ORGANISATION: 'NO_PARENT_ORGANISATION',
  CONTEST_ENTRIES_UNDECIDED: 'CONTEST_ENTRIES_UNDECIDED',
  CONTEST_BUDGET_EXCEEDED: 'CONTEST_BUDGET_EXCEEDED',
  CONTEST_ADVANCEMENT_UNAVAILABLE: 'CONTEST_ADVANCEMENT_UNAVAILABLE',
  CONTEST_JUDGE_DISQUALIFIED: 'CONTEST_JUDGE_DISQUALIFIED',
  CONFLICT_OF_INTEREST: 'CONFLICT_OF_INTEREST',
  MEMBER_DISQUALIFIED: 'MEMBER_DISQUALIFIED',
  PERIOD_NOT_OPEN: 'PERIOD_NOT_OPEN',
  DUPLICATE: 'DUPLICATE',
  INVALID_REFERENCE: 'INVALID_REFERENCE',
  PASSWORD_POLICY: 'PASSWORD_POLICY',
  CURRENT_PASSWORD_INCORRECT: 'CURRENT_PASSWORD_INCORRECT',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  UNKNOWN_SETTING: 'UNKNOWN_SETTING',
  SELF_DEACTIVATION: 'SELF_DEACTIVATION',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_FILE_TYPE: 'UNSUPPORTED_FILE_TYPE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  IMPORT_INVALID: 'IMPORT_INVALID',
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

/**
 * One problem with one input field; `field` is a dotted path into the request body or query.
 * `code` says what is wrong: the validator's constraint name (`isEmail`, `maxLength`, …), `required`
 * for a missing or empty required field, or a domain rule's own name (`notBeforeStart`, …).
 */
export interface ErrorDetail {
  field: string;
  code: string;
  message: LocalText;
}

/**
 * What every ILLEGAL_TRANSITION carries (and a FORBIDDEN on a record the caller can read): which
 * record refused, the status it is in (its lifecycle field, `status` in every resource) and what
 * the caller may do to it now.
 */
export interface StatusContext {
  /** task, report, consultation, evaluationRound, nomination, incentiveGrant or email */
  resource: string;
  currentStatus: string;
  allowedActions: readonly string[];
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
  QUORUM_NOT_MET: {
    ko: '의결 정족수(재적 위원의 과반 출석)에 미달합니다.',
    en: 'No quorum: a majority of the members must be present.',
  },
  LIMIT_REACHED: {
    ko: '허용된 횟수나 개수를 모두 사용했습니다.',
    en: 'The limit has been reached.',
  },
  NO_COMMITTEE_MEMBERS: {
    ko: '평가위원을 먼저 지정하세요.',
    en: 'Assign committee members first.',
  },
  NOMINATIONS_UNDECIDED: {
    ko: '확인하거나 제외하지 않은 후보가 있습니다. 먼저 결정하세요.',
    en: 'Some nominations are neither verified nor excluded yet.',
  },
  CRITERIA_NOT_APPROVED: {
    ko: '평가 기준이 적극행정위원회의 의결을 거치지 않았습니다. 위원회 의결 뒤에 채점을 시작하세요.',
    en: 'The selection criteria need the committee’s resolution before scoring starts.',
  },
  CRITERIA_FROZEN: {
    ko: '적극행정위원회가 의결한 평가 기준은 바꿀 수 없습니다.',
    en: 'The committee has resolved the criteria; they are frozen for the round.',
  },
  MEMBER_EXCLUDED: {
    ko: '이 안건에서 제척·기피·회피된 위원은 표결하거나 채점할 수 없습니다.',
    en: 'The member is excluded from this agenda item (제척, 기피 or 회피).',
  },
  RESULTS_NOT_AGGREGATED: {
    ko: '집계된 결과가 없습니다. 먼저 집계하세요.',
    en: 'Aggregate the results first.',
  },
  MEMBER_HAS_SCORED: {
    ko: '이미 채점한 위원은 뺄 수 없습니다.',
    en: 'A member who has scored cannot be removed.',
  },
  NOT_SELECTED: {
    ko: '선정된 공무원이 아닙니다.',
    en: 'The official was not selected.',
  },
  NO_PARENT_ORGANISATION: {
    ko: '상급 기관이 없어 상급 기관 감사부서에 의견을 구할 수 없습니다.',
    en: 'The organisation has no parent organisation to escalate to.',
  },
  CONTEST_ENTRIES_UNDECIDED: {
    ko: '심사(접수·반려)하지 않았거나 채점되지 않은 출품작이 있습니다. entryIds를 확인하세요.',
    en: 'Some entries are not screened or not scored yet; entryIds names them.',
  },
  CONTEST_BUDGET_EXCEEDED: {
    ko: '시상금 합계가 회차의 예산을 넘어 결과를 발표할 수 없습니다. 시상 기준이나 예산을 고치세요.',
    en: 'The prize money of the awards exceeds the round’s budget; change the award table or the budget.',
  },
  CONTEST_ADVANCEMENT_UNAVAILABLE: {
    ko: '상위 대회 진출 작품이 있지만 상위 회차와의 연계가 승인되지 않았거나 상위 회차가 더 이상 출품을 받을 수 없습니다.',
    en: 'Entries advance, but no accepted link to a higher round can take them in now.',
  },
  CONTEST_JUDGE_DISQUALIFIED: {
    ko: '제척 사유가 있어 이 출품작을 채점할 수 없습니다.',
    en: 'You are disqualified (제척) from scoring this entry.',
  },
  CONFLICT_OF_INTEREST: {
    ko: '이해충돌을 신고한 후보는 채점할 수 없습니다.',
    en: 'You declared a conflict with this nomination.',
  },
  MEMBER_DISQUALIFIED: {
    ko: '제척 사유(후보 본인, 후보 팀·부서의 구성원, 추천인)가 있는 위원은 이 후보를 채점할 수 없습니다.',
    en: 'You are disqualified from this nomination (nominee, member of the nominated team or department, or nominator).',
  },
  PERIOD_NOT_OPEN: {
    ko: '이 과제의 보고 대상 기간이 아닙니다.',
    en: 'Not a reporting period of this task.',
  },
  DUPLICATE: { ko: '이미 존재합니다.', en: 'It already exists.' },
  INVALID_REFERENCE: { ko: '참조한 대상이 없습니다.', en: 'A referenced record does not exist.' },
  PASSWORD_POLICY: {
    ko: '비밀번호가 보안 기준에 맞지 않습니다.',
    en: 'The password does not meet the password policy.',
  },
  CURRENT_PASSWORD_INCORRECT: {
    ko: '현재 비밀번호가 맞지 않습니다. 여러 번 틀리면 계정이 일시적으로 잠깁니다.',
    en: 'The current password is not correct. Repeated failures lock the account for a while.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    ko: '비밀번호를 바꿔야 합니다. 비밀번호를 변경한 뒤 다시 시도하세요.',
    en: 'You must change your password before you continue.',
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
  UNSUPPORTED_MEDIA_TYPE: {
    ko: '받을 수 없는 요청 형식(Content-Type)입니다. JSON은 application/json으로 보내세요.',
    en: 'Unsupported Content-Type; send JSON as application/json.',
  },
  IMPORT_INVALID: {
    ko: '가져올 파일에 오류가 있어 아무것도 가져오지 않았습니다. rowErrors에서 행과 열을 확인하세요.',
    en: 'The file has errors, so nothing was imported; rowErrors names each row and column.',
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
  readonly text: LocalText;

  constructor(
    readonly code: ErrorCode,
    /** Defaults to the code's message; a VALIDATION_FAILED with details says what the first is. */
    text?: LocalText,
    readonly details: ErrorDetail[] = [],
    /** Extra machine-readable data for the client, e.g. the current version on a conflict. */
    readonly extra: Record<string, unknown> = {},
  ) {
    const message =
      text ??
      (code === ErrorCode.VALIDATION_FAILED && details.length
        ? validationSummary(details)
        : DEFAULT_MESSAGES[code]);
    super(`${code}: ${message.en}`);
    this.text = message;
    this.name = 'DomainError';
  }

  static notFound(): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND);
  }

  /** 403; on a record the caller can read, with its status and what they may do instead. */
  static forbidden(context?: StatusContext): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, undefined, [], context ? { ...context } : {});
  }

  static conflict(currentVersion: number): DomainError {
    return new DomainError(ErrorCode.VERSION_CONFLICT, undefined, [], { currentVersion });
  }

  /**
   * 409: the record's state machine does not allow the action now. Always says which record, its
   * status and what the caller may do instead; a rule refusal has a code of its own instead.
   */
  static illegalTransition(context: StatusContext, text?: LocalText): DomainError {
    return new DomainError(ErrorCode.ILLEGAL_TRANSITION, text, [], { ...context });
  }

  /** A 400 about one field, for rules a DTO cannot express (e.g. a password containing the email). */
  static invalidField(
    field: string,
    detailCode: string,
    message: LocalText,
    code: ErrorCode = ErrorCode.VALIDATION_FAILED,
  ): DomainError {
    return new DomainError(code, undefined, [{ field, code: detailCode, message }]);
  }
}

/**
 * The top message of a VALIDATION_FAILED: the one problem itself, or how many there are and the
 * first ("입력값 3개가 올바르지 않습니다: 과제명을 입력하세요.").
 */
export function validationSummary(details: readonly ErrorDetail[]): LocalText {
  if (!details.length) return DEFAULT_MESSAGES.VALIDATION_FAILED;
  const [first] = details;
  if (details.length === 1) return sentence(first);
  const { ko, en } = sentence(first);
  return {
    ko: `입력값 ${details.length}개가 올바르지 않습니다: ${ko}`,
    en: `${details.length} values are invalid: ${en}`,
  };
}

/** A detail's message as a sentence of its own (English details name the field themselves). */
function sentence(detail: ErrorDetail): LocalText {
  const name = detail.field.split('.').pop() ?? detail.field;
  const en = detail.message.en.includes(name)
    ? detail.message.en
    : `${detail.field}: ${detail.message.en}`;
  return { ko: detail.message.ko, en: /[.!?]$/.test(en) ? en : `${en}.` };
}
