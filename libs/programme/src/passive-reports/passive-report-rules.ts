import { nthBusinessDayAfter } from '@gwaje/calendar';
import type { ErrorDetail, LocalText } from '@gwaje/common';
import { type AuthUser, Role } from '@gwaje/identity';

/**
 * 소극행정 신고 rules (DOMAIN.md §9, issue 22 part 4), pure: the state machine as a table
 * (state, action, who) → state, who sees what of a report, and the investigation deadline in
 * business days with its one extension.
 */

export const PASSIVE_REPORT_STATUSES = [
  'RECEIVED',
  'INVESTIGATING',
  'CONCLUDED',
  'CLOSED',
] as const;
export type PassiveReportStatus = (typeof PASSIVE_REPORT_STATUSES)[number];

/** 국민신문고 소극행정 신고센터, an internal report (내부 신고), other (기타: a letter, a visit, …). */
export const PASSIVE_REPORT_CHANNELS = ['SINMUNGO', 'INTERNAL', 'OTHER'] as const;
export type PassiveReportChannel = (typeof PASSIVE_REPORT_CHANNELS)[number];

/** The outcome of the investigation. */
export const PASSIVE_REPORT_OUTCOMES = [
  'NO_ACTION',
  'NOT_PASSIVE',
  'CAUTION',
  'WARNING',
  'DISCIPLINE_REQUESTED',
  'TRANSFERRED',
] as const;
export type PassiveReportOutcome = (typeof PASSIVE_REPORT_OUTCOMES)[number];

export const PASSIVE_REPORT_OUTCOME_LABELS: Record<PassiveReportOutcome, LocalText> = {
  NO_ACTION: { ko: '조치 없음', en: 'No action' },
  NOT_PASSIVE: { ko: '소극행정 아님', en: 'Not passive administration' },
  CAUTION: { ko: '주의', en: 'Caution' },
  WARNING: { ko: '경고', en: 'Warning' },
  DISCIPLINE_REQUESTED: { ko: '징계 요구', en: 'Disciplinary action requested' },
  TRANSFERRED: { ko: '이첩', en: 'Transferred' },
};

export const PASSIVE_REPORT_ACTIONS = ['edit', 'assign', 'extend', 'conclude', 'close'] as const;
export type PassiveReportAction = (typeof PASSIVE_REPORT_ACTIONS)[number];

/** How a user stands to a report of its own organisation. */
export type PassiveReportActor = 'AUDIT' | 'OFFICE' | 'DEPARTMENT';

export interface PassiveReportTransition {
  from: PassiveReportStatus;
  action: PassiveReportAction;
  to: PassiveReportStatus;
  by: readonly PassiveReportActor[];
  /** Only while the deadline has not been extended (one extension). */
  notExtendedOnly?: true;
}

/**
 * RECEIVED → INVESTIGATING (an investigator of the audit unit assigned; reassigned while it runs)
 * → CONCLUDED (outcome and findings), or CLOSED (withdrawn or closed without investigation, with
 * the reason) before the conclusion. Until then the audit unit corrects what was received (the
 * content, the department and officials concerned). Every action is the audit unit's (AUDITOR).
 */
export const PASSIVE_REPORT_TRANSITIONS: readonly PassiveReportTransition[] = [
  { from: 'RECEIVED', action: 'edit', to: 'RECEIVED', by: ['AUDIT'] },
  { from: 'INVESTIGATING', action: 'edit', to: 'INVESTIGATING', by: ['AUDIT'] },
  { from: 'RECEIVED', action: 'assign', to: 'INVESTIGATING', by: ['AUDIT'] },
  { from: 'INVESTIGATING', action: 'assign', to: 'INVESTIGATING', by: ['AUDIT'] },
  {
    from: 'INVESTIGATING',
    action: 'extend',
    to: 'INVESTIGATING',
    by: ['AUDIT'],
    notExtendedOnly: true,
  },
  { from: 'INVESTIGATING', action: 'conclude', to: 'CONCLUDED', by: ['AUDIT'] },
  { from: 'RECEIVED', action: 'close', to: 'CLOSED', by: ['AUDIT'] },
  { from: 'INVESTIGATING', action: 'close', to: 'CLOSED', by: ['AUDIT'] },
];

export interface PassiveReportFacts {
  organisationId: string;
  departmentId: string;
  status: PassiveReportStatus;
  extended: boolean;
}

type ReportUser = Pick<AuthUser, 'organisationId' | 'departmentId' | 'roles'>;

/**
 * Who sees what (the confidentiality of 소극행정 신고):
 * - AUDIT: an AUDITOR of the organisation (the audit unit) sees everything, the reporter's identity
 *   and the officials concerned included (each read of the reporter is access-logged);
 * - OFFICE: the PROACTIVE_OFFICE of the organisation sees every report from its receipt (it
 *   receives reports and answers for the yearly figures): content, department, channel, anonymity,
 *   deadline, status and outcome, never the reporter's identity nor the officials concerned;
 * - DEPARTMENT: the STAFF and DEPT_HEAD of the department concerned see the report only once it is
 *   CONCLUDED (an investigation is not tipped off), its content, outcome and findings, never the
 *   reporter, whether it was anonymous, the channel, the officials or the investigator;
 * - anyone else (other departments, COMMITTEE, ADMIN, other organisations): nothing (404).
 */
export function passiveReportVisibility(
  user: ReportUser,
  r: Pick<PassiveReportFacts, 'organisationId' | 'departmentId' | 'status'>,
): PassiveReportActor | null {
  if (user.organisationId !== r.organisationId) return null;
  if (user.roles.includes(Role.AUDITOR)) return 'AUDIT';
  if (user.roles.includes(Role.PROACTIVE_OFFICE)) return 'OFFICE';
  if (
    user.departmentId === r.departmentId &&
    r.status === 'CONCLUDED' &&
    (user.roles.includes(Role.STAFF) || user.roles.includes(Role.DEPT_HEAD))
  )
    return 'DEPARTMENT';
  return null;
}

export function passiveReportTransition(
  r: Pick<PassiveReportFacts, 'status' | 'extended'>,
  action: PassiveReportAction,
): PassiveReportTransition | undefined {
  return PASSIVE_REPORT_TRANSITIONS.find(
    (t) => t.from === r.status && t.action === action && (!t.notExtendedOnly || !r.extended),
  );
}

/** What the user may do to the report now (the client's buttons and every refusal's allowedActions). */
export function allowedPassiveReportActions(
  user: ReportUser,
  r: PassiveReportFacts,
): PassiveReportAction[] {
  const actor = passiveReportVisibility(user, r);
  if (!actor) return [];
  return PASSIVE_REPORT_ACTIONS.filter((a) => {
    const t = passiveReportTransition(r, a);
    return t !== undefined && t.by.includes(actor);
  });
}

/** Whether the user is ever one who may take `action` (else a 403, not a 409). */
export function mayEverTakePassiveReportAction(
  user: ReportUser,
  r: PassiveReportFacts,
  action: PassiveReportAction,
): boolean {
  const actor = passiveReportVisibility(user, r);
  return (
    actor !== null &&
    PASSIVE_REPORT_TRANSITIONS.some((t) => t.action === action && t.by.includes(actor))
  );
}

/**
 * The investigation deadline: the `businessDays`-th business day after the day it was received
 * (Asia/Seoul; weekends and public holidays do not count, the day of receipt neither), as
 * 민원 처리기간 of six days or more are counted (민원처리법 제19조).
 */
export function passiveReportDueDate(receivedOn: string, businessDays: number): string {
  return nthBusinessDayAfter(receivedOn, businessDays);
}

/** The one extension: `businessDays` more business days after the current deadline. */
export function extendedDueDate(dueDate: string, businessDays: number): string {
  return nthBusinessDayAfter(dueDate, businessDays);
}

const detail = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});

/** A named reporter needs a name; an anonymous report takes no identity. */
export function reporterProblems(
  anonymous: boolean,
  reporter: { name?: string | null; contact?: string | null } | undefined | null,
): ErrorDetail[] {
  if (anonymous)
    return reporter && (reporter.name?.trim() || reporter.contact?.trim())
      ? [
          detail('reporter', 'anonymous', {
            ko: '익명 신고에는 신고인 정보를 적지 않습니다.',
            en: 'an anonymous report takes no reporter identity',
          }),
        ]
      : [];
  return reporter?.name?.trim()
    ? []
    : [
        detail('reporter.name', 'required', {
          ko: '신고인 성명을 입력하세요(익명 신고는 anonymous를 true로).',
          en: 'the reporter’s name is required (or mark the report anonymous)',
        }),
      ];
}

/**
 * The conclusion: an outcome and the findings, on a day not before the receipt (nor after today).
 */
export function conclusionProblems(
  input: { outcome?: string | null; findings?: string | null; concludedOn: string },
  receivedOn: string,
  today: string,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!input.outcome || !(PASSIVE_REPORT_OUTCOMES as readonly string[]).includes(input.outcome))
    problems.push(
      detail('outcome', 'required', {
        ko: '조사 결과(처분)를 선택하세요.',
        en: 'the outcome is required',
      }),
    );
  if (!input.findings?.trim())
    problems.push(
      detail('findings', 'required', {
        ko: '조사 내용(결과 요지)을 입력하세요.',
        en: 'the findings are required',
      }),
    );
  if (input.concludedOn < receivedOn)
    problems.push(
      detail('concludedOn', 'notBeforeReceipt', {
        ko: '종결일은 접수일 이후여야 합니다.',
        en: 'the conclusion cannot be before the day of receipt',
      }),
    );
  else if (input.concludedOn > today)
    problems.push(
      detail('concludedOn', 'notFuture', {
        ko: '종결일은 오늘이나 그 이전이어야 합니다.',
        en: 'the conclusion cannot be in the future',
      }),
    );
  return problems;
}

/** The one extension: 1 to the organisation's maximum of business days, with a reason. */
export function extensionProblems(
  businessDays: number,
  maxBusinessDays: number,
  reason: string | null | undefined,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!Number.isInteger(businessDays) || businessDays < 1 || businessDays > maxBusinessDays)
    problems.push(
      detail('businessDays', 'range', {
        ko: `연장 기간은 1일 이상 ${maxBusinessDays}근무일 이하입니다.`,
        en: `the extension is 1 to ${maxBusinessDays} business days`,
      }),
    );
  if (!reason?.trim())
    problems.push(
      detail('reason', 'required', {
        ko: '연장 사유를 입력하세요.',
        en: 'the reason for the extension is required',
      }),
    );
  return problems;
}
