import {
  type Criterion,
  criteriaProblem,
  dayListProblem,
  type GradeBand,
  gradesProblem,
  type LocalText,
} from '@gwaje/common';

/**
 * Every per-organisation setting (DOMAIN.md §1): its type, bounds and label. Defaults come from
 * configuration (`settings:` in config/*.yaml) and are validated against these definitions at
 * start-up. Later capabilities add their keys here.
 */
export type SettingDefinition =
  | { kind: 'integer'; min: number; max: number; label: LocalText }
  | { kind: 'boolean'; label: LocalText }
  | { kind: 'enum'; values: readonly string[]; label: LocalText }
  | JsonSetting<unknown>;

/**
 * What a structured setting holds, so a client can offer a form for it instead of raw JSON:
 * evaluation criteria, a grade table, a list of business-day offsets, a day of the year (MM-DD).
 */
export const JSON_SETTING_FORMATS = ['criteria', 'grades', 'dayList', 'monthDay'] as const;
export type JsonSettingFormat = (typeof JSON_SETTING_FORMATS)[number];

/** A structured value (a list of criteria, a grade table) with its own validation. */
export interface JsonSetting<T> {
  kind: 'json';
  format: JsonSettingFormat;
  label: LocalText;
  validate: (value: unknown) => LocalText | null;
  /** Type only: what a valid value is. */
  readonly sample?: T;
}

const json = <T>(
  format: JsonSettingFormat,
  label: LocalText,
  validate: (value: unknown) => LocalText | null,
): JsonSetting<T> => ({
  kind: 'json',
  format,
  label,
  validate,
});

/** A day of the year as MM-DD (02-29 refused: it is not in every year). */
function monthDayProblem(value: unknown): LocalText | null {
  if (typeof value === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value)) {
    const d = new Date(`2025-${value}T00:00:00Z`);
    if (d.toISOString().slice(5, 10) === value) return null;
  }
  return {
    ko: '월-일(MM-DD) 형식의 날짜여야 합니다. 예: 12-01 (02-29는 쓸 수 없습니다)',
    en: 'must be a day of the year as MM-DD, e.g. 12-01 (not 02-29)',
  };
}

export const SETTING_DEFINITIONS = {
  'security.passwordMinLength': {
    kind: 'integer',
    min: 8,
    max: 128,
    label: { ko: '비밀번호 최소 길이', en: 'Minimum password length' },
  },
  'security.lockoutThreshold': {
    kind: 'integer',
    min: 3,
    max: 20,
    label: {
      ko: '계정 잠금까지 연속 로그인 실패 횟수',
      en: 'Consecutive failed logins before lockout',
    },
  },
  'security.lockoutMinutes': {
    kind: 'integer',
    min: 1,
    max: 1440,
    label: { ko: '계정 잠금 시간(분)', en: 'Lockout duration (minutes)' },
  },
  'security.accessTokenMinutes': {
    kind: 'integer',
    min: 1,
    max: 60,
    label: { ko: '접속 토큰 유효 시간(분)', en: 'Access token lifetime (minutes)' },
  },
  'security.idleTimeoutMinutes': {
    kind: 'integer',
    min: 5,
    max: 480,
    label: { ko: '미사용 시 세션 종료(분)', en: 'Idle session timeout (minutes)' },
  },
  'security.accessLogRetentionYears': {
    kind: 'integer',
    min: 2,
    max: 10,
    label: { ko: '열람 기록 보관 기간(년)', en: 'Access log retention (years)' },
  },
  'security.permissionLogRetentionYears': {
    kind: 'integer',
    min: 3,
    max: 10,
    label: { ko: '권한 변경 기록 보관 기간(년)', en: 'Permission change log retention (years)' },
  },
  'attachments.maxFileMb': {
    kind: 'integer',
    min: 1,
    max: 500,
    label: { ko: '첨부파일 1개당 최대 크기(MB)', en: 'Maximum size per attachment (MB)' },
  },
  'comments.editMinutes': {
    kind: 'integer',
    min: 0,
    max: 1440,
    label: {
      ko: '댓글을 고치거나 지울 수 있는 시간(분, 작성자)',
      en: 'Minutes in which authors may edit or delete their comments',
    },
  },
  'reports.defaultCadence': {
    kind: 'enum',
    values: ['QUARTERLY', 'MONTHLY', 'HALF_YEARLY'],
    label: {
      ko: '이행실적 보고 주기(연도별 보고 일정이 없을 때)',
      en: 'Reporting cadence (for years without their own reporting calendar)',
    },
  },
  'reports.dueBusinessDays': {
    kind: 'integer',
    min: 1,
    max: 30,
    label: {
      ko: '보고기간 종료 후 제출 기한(근무일)',
      en: 'Report due on the N-th business day after the period ends',
    },
  },
  'consultations.screeningBusinessDays': {
    kind: 'integer',
    min: 1,
    max: 30,
    label: {
      ko: '사전컨설팅 접수 검토 기한(제출 후 근무일)',
      en: 'Pre-consultation screening due (business days after submission)',
    },
  },
  'consultations.opinionDays': {
    kind: 'integer',
    min: 1,
    max: 180,
    label: {
      ko: '사전컨설팅 의견 회신 기한(접수 후 일)',
      en: 'Pre-consultation opinion due (calendar days after acceptance)',
    },
  },
  'consultations.maxExtensionDays': {
    kind: 'integer',
    min: 1,
    max: 90,
    label: {
      ko: '사전컨설팅 의견 기한 연장 한도(일, 1회)',
      en: 'Longest extension of the opinion deadline (days, once)',
    },
  },
  'opinionRequests.answerDays': {
    kind: 'integer',
    min: 1,
    max: 90,
    label: {
      ko: '의견제시 회신 기한(접수 다음 날부터 일)',
      en: 'Opinion request answer due (calendar days from the day after receipt)',
    },
  },
  'opinionRequests.extensionDays': {
    kind: 'integer',
    min: 1,
    max: 90,
    label: {
      ko: '의견제시 기한 연장(일, 1회)',
      en: 'Extension of an opinion request deadline (days, once)',
    },
  },
  'collaboration.sosAnswerBusinessDays': {
    kind: 'integer',
    min: 1,
    max: 30,
    label: {
      ko: '협업SOS 답변 기한(접수 후 근무일, 총괄기관 설정)',
      en: '협업SOS answer due (business days after filing; the coordinator’s setting)',
    },
  },
  'citizenApplications.processingBusinessDays': {
    kind: 'integer',
    min: 1,
    max: 60,
    label: {
      ko: '적극행정 국민신청 처리기한(접수 후 근무일)',
      en: '적극행정 국민신청 processing deadline (business days after receipt)',
    },
  },
  'passiveReports.investigationBusinessDays': {
    kind: 'integer',
    min: 1,
    max: 60,
    label: {
      ko: '소극행정 신고 조사 기한(접수 후 근무일)',
      en: 'Investigation of a 소극행정 report due (business days after receipt)',
    },
  },
  'passiveReports.maxExtensionBusinessDays': {
    kind: 'integer',
    min: 1,
    max: 60,
    label: {
      ko: '소극행정 신고 조사 기한 연장 한도(근무일, 1회)',
      en: 'Longest extension of a 소극행정 report’s investigation (business days, once)',
    },
  },
  'evaluations.criteria': json<Criterion[]>(
    'criteria',
    { ko: '평가 항목과 배점(합계 100)', en: 'Evaluation criteria and weights (total 100)' },
    criteriaProblem,
  ),
  'evaluations.grades': json<GradeBand[]>(
    'grades',
    {
      ko: '등급표(순위별 인원, 근무성적평정 가점, 포상금)',
      en: 'Grade table (places per grade, rating bonus points, prize money)',
    },
    gradesProblem,
  ),
  'evaluations.trimMinMembers': {
    kind: 'integer',
    min: 3,
    max: 50,
    label: {
      ko: '최고·최저 점수를 빼는 최소 채점 위원 수',
      en: 'Members scoring from which the highest and lowest totals are dropped',
    },
  },
  'evaluations.incentivesMin': {
    kind: 'integer',
    // At least one incentive per selected official (지방공무원 적극행정 운영규정).
    min: 1,
    max: 8,
    label: {
      ko: '선정 공무원 1인당 최소 우대조치 수',
      en: 'Fewest incentives per selected official',
    },
  },
  'evaluations.incentivesMax': {
    kind: 'integer',
    min: 1,
    max: 8,
    label: {
      ko: '선정 공무원 1인당 최대 우대조치 수',
      en: 'Most incentives per selected official',
    },
  },
  'evaluations.incentivesMaxTaskOwner': {
    kind: 'integer',
    min: 1,
    max: 8,
    label: {
      ko: '중점과제 주담당자의 최대 우대조치 수',
      en: 'Most incentives for the owner of a priority task',
    },
  },
  'committee.minMembers': {
    kind: 'integer',
    min: 1,
    max: 50,
    label: {
      ko: '적극행정위원회 최소 위원 수(위원장 포함)',
      en: 'Fewest committee members, chair included',
    },
  },
  'committee.maxMembers': {
    kind: 'integer',
    min: 1,
    max: 50,
    label: {
      ko: '적극행정위원회 최대 위원 수(위원장 포함)',
      en: 'Most committee members, chair included',
    },
  },
  'committee.minCivilianPercent': {
    kind: 'integer',
    min: 0,
    max: 100,
    label: {
      ko: '적극행정위원회 민간위원 최소 비율(%)',
      en: 'Smallest share of civilian members (%)',
    },
  },
  'notifications.sendHour': {
    kind: 'integer',
    min: 6,
    max: 20,
    label: {
      ko: '알림 발송 시각(시, 근무일)',
      en: 'Hour reminders go out (business days, Asia/Seoul)',
    },
  },
  'notifications.dailyDigest': {
    kind: 'boolean',
    label: {
      ko: '하루 한 번 묶어서 보내기(긴급 알림 제외)',
      en: 'At most one reminder email per person per day (urgent events apart)',
    },
  },
  'notifications.reportDueDays': json<number[]>(
    'dayList',
    { ko: '이행실적 제출 기한 알림(근무일 전)', en: 'Report due reminders (business days before)' },
    dayListProblem,
  ),
  'notifications.reportOverdueEveryDays': {
    kind: 'integer',
    min: 1,
    max: 30,
    label: {
      ko: '이행실적 미제출 재알림 간격(근무일)',
      en: 'Overdue report reminders repeat every N business days',
    },
  },
  'notifications.screeningDueDays': json<number[]>(
    'dayList',
    {
      ko: '사전컨설팅 접수 검토 기한 알림(근무일 전)',
      en: 'Screening due reminders (business days before)',
    },
    dayListProblem,
  ),
  'notifications.opinionDueDays': json<number[]>(
    'dayList',
    {
      ko: '사전컨설팅 의견 기한 알림(근무일 전)',
      en: 'Opinion due reminders (business days before)',
    },
    dayListProblem,
  ),
  'notifications.milestoneDueDays': json<number[]>(
    'dayList',
    {
      ko: '과제·단계 기한 알림(근무일 전)',
      en: 'Task and milestone due reminders (business days before)',
    },
    dayListProblem,
  ),
  'notifications.scoringDueDays': json<number[]>(
    'dayList',
    { ko: '채점 기한 알림(근무일 전)', en: 'Scoring due reminders (business days before)' },
    dayListProblem,
  ),
  'notifications.committeeMeetingDays': json<number[]>(
    'dayList',
    {
      ko: '적극행정위원회 회의 알림(근무일 전, 재임 위원에게)',
      en: 'Committee meeting reminders to sitting members (business days before)',
    },
    dayListProblem,
  ),
  'education.requiredHoursPerYear': {
    kind: 'integer',
    min: 1,
    max: 100,
    label: {
      ko: '적극행정 교육 연간 이수 기준 시간(시간)',
      en: 'Proactive administration education hours each user must complete per year',
    },
  },
  'education.reminderFrom': json<string>(
    'monthDay',
    {
      ko: '적극행정 교육 미이수자 알림 시작일(매년 MM-DD, 그날부터 연말까지 매주 첫 근무일)',
      en: 'Education reminders to users short of the required hours start on this day of the year (MM-DD), then the first business day of every week until the year ends',
    },
    monthDayProblem,
  ),
} as const satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof SETTING_DEFINITIONS;

type ValueOf<D> = D extends { kind: 'integer' }
  ? number
  : D extends { kind: 'boolean' }
    ? boolean
    : D extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : D extends JsonSetting<infer T>
        ? T
        : never;

export type SettingValue<K extends SettingKey> = ValueOf<(typeof SETTING_DEFINITIONS)[K]>;
export type SettingValues = { [K in SettingKey]: SettingValue<K> };

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_DEFINITIONS, key);
}

/**
 * The security settings (every `security.*` key: lockout, token and idle lifetimes, password length,
 * log retention): only an administrator (ADMIN) changes them, never PROACTIVE_OFFICE (separation of
 * duties, SECURITY.md). A setting added under `security.` is covered by its name.
 */
export const ADMIN_ONLY_SETTING_PREFIX = 'security.';

export function isAdminOnlySetting(key: string): boolean {
  return isSettingKey(key) && key.startsWith(ADMIN_ONLY_SETTING_PREFIX);
}

/** Why `value` is not valid for the setting, in Korean and English; null when valid. */
export function settingValueProblem(def: SettingDefinition, value: unknown): LocalText | null {
  switch (def.kind) {
    case 'integer':
      return Number.isInteger(value) && (value as number) >= def.min && (value as number) <= def.max
        ? null
        : {
            ko: `${def.min}부터 ${def.max}까지의 정수여야 합니다.`,
            en: `must be an integer from ${def.min} to ${def.max}`,
          };
    case 'boolean':
      return typeof value === 'boolean'
        ? null
        : { ko: 'true 또는 false여야 합니다.', en: 'must be true or false' };
    case 'json':
      return def.validate(value);
    case 'enum':
      return typeof value === 'string' && def.values.includes(value)
        ? null
        : {
            ko: `다음 중 하나여야 합니다: ${def.values.join(', ')}`,
            en: `must be one of ${def.values.join(', ')}`,
          };
  }
}
