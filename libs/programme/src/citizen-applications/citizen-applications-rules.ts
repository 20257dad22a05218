import { nthBusinessDayAfter } from '@gwaje/calendar';
import type { ErrorDetail, LocalText } from '@gwaje/common';
import { type AuthUser, Role } from '@gwaje/identity';

/**
 * 적극행정 국민신청 rules (DOMAIN.md §9, issue 22 part 3), pure: the state machine as a table
 * (state, action, who) → state, who stands how to an application, the 처리기한 in business days,
 * the order of its dates, the applicant's contact, and the business days a reply took.
 */

export const APPLICATION_STATUSES = [
  'RECEIVED',
  'ASSIGNED',
  'UNDER_REVIEW',
  'COMMITTEE_OPINION_REQUESTED',
  'DECIDED',
  'REPLIED',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Received at the office (방문·우편 등) or entered from the 국민신문고 record. */
export const APPLICATION_CHANNELS = ['OFFICE', 'EPEOPLE'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

/** 수용 / 불수용. */
export const APPLICATION_DECISIONS = ['ACCEPTED', 'REJECTED'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

/** How the applicant was answered. */
export const REPLY_METHODS = ['EMAIL', 'POST', 'PHONE', 'SMS', 'EPEOPLE', 'IN_PERSON'] as const;
export type ReplyMethod = (typeof REPLY_METHODS)[number];

export const APPLICATION_ACTIONS = [
  'assign',
  'startReview',
  'recordReview',
  'requestOpinion',
  'recordOpinion',
  'decide',
  'reply',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/**
 * How a user stands to an application: the organisation's proactive office (registers, assigns,
 * asks the committee, records its opinion); the assigned department's people (review); its head
 * (decides, as the office may).
 */
export type ApplicationActor = 'OFFICE' | 'DEPARTMENT' | 'DEPARTMENT_HEAD';

export interface ApplicationTransition {
  from: ApplicationStatus;
  action: ApplicationAction;
  to: ApplicationStatus;
  by: readonly ApplicationActor[];
}

/**
 * RECEIVED → ASSIGNED → UNDER_REVIEW → (COMMITTEE_OPINION_REQUESTED → UNDER_REVIEW) → DECIDED →
 * REPLIED. The office may assign again (another department) until the decision.
 */
export const APPLICATION_TRANSITIONS: readonly ApplicationTransition[] = [
  { from: 'RECEIVED', action: 'assign', to: 'ASSIGNED', by: ['OFFICE'] },
  { from: 'ASSIGNED', action: 'assign', to: 'ASSIGNED', by: ['OFFICE'] },
  { from: 'UNDER_REVIEW', action: 'assign', to: 'ASSIGNED', by: ['OFFICE'] },
  { from: 'COMMITTEE_OPINION_REQUESTED', action: 'assign', to: 'ASSIGNED', by: ['OFFICE'] },
  { from: 'ASSIGNED', action: 'startReview', to: 'UNDER_REVIEW', by: ['DEPARTMENT'] },
  { from: 'UNDER_REVIEW', action: 'recordReview', to: 'UNDER_REVIEW', by: ['DEPARTMENT'] },
  {
    from: 'UNDER_REVIEW',
    action: 'requestOpinion',
    to: 'COMMITTEE_OPINION_REQUESTED',
    by: ['OFFICE'],
  },
  {
    from: 'COMMITTEE_OPINION_REQUESTED',
    action: 'recordOpinion',
    to: 'UNDER_REVIEW',
    by: ['OFFICE'],
  },
  { from: 'UNDER_REVIEW', action: 'decide', to: 'DECIDED', by: ['DEPARTMENT_HEAD', 'OFFICE'] },
  { from: 'DECIDED', action: 'reply', to: 'REPLIED', by: ['DEPARTMENT', 'OFFICE'] },
];

export interface ApplicationFacts {
  status: ApplicationStatus;
  organisationId: string;
  departmentId: string | null;
}

type ApplicationUser = Pick<AuthUser, 'organisationId' | 'departmentId' | 'roles'>;

export function applicationActors(
  user: ApplicationUser,
  a: ApplicationFacts,
): Set<ApplicationActor> {
  const actors = new Set<ApplicationActor>();
  if (user.organisationId !== a.organisationId) return actors;
  if (user.roles.includes(Role.PROACTIVE_OFFICE)) actors.add('OFFICE');
  if (a.departmentId && user.departmentId === a.departmentId) {
    if (user.roles.includes(Role.STAFF) || user.roles.includes(Role.DEPT_HEAD))
      actors.add('DEPARTMENT');
    if (user.roles.includes(Role.DEPT_HEAD)) actors.add('DEPARTMENT_HEAD');
  }
  return actors;
}

/**
 * Who reads the applicant's name and contact: the organisation's proactive office and the
 * assigned department's people. Others who read the application (AUDITOR) see them masked.
 */
export function readsPersonalData(user: ApplicationUser, a: ApplicationFacts): boolean {
  const actors = applicationActors(user, a);
  return actors.has('OFFICE') || actors.has('DEPARTMENT');
}

/** Who reads the application at all: the office, the auditors, the assigned department (else 404). */
export function readsApplication(user: ApplicationUser, a: ApplicationFacts): boolean {
  if (user.organisationId !== a.organisationId) return false;
  return readsPersonalData(user, a) || user.roles.includes(Role.AUDITOR);
}

export function applicationTransition(status: ApplicationStatus, action: ApplicationAction) {
  return APPLICATION_TRANSITIONS.find((t) => t.from === status && t.action === action);
}

/** What the user may do to the application now (the client's buttons and every refusal's). */
export function allowedApplicationActions(
  user: ApplicationUser,
  a: ApplicationFacts,
): ApplicationAction[] {
  const actors = applicationActors(user, a);
  return APPLICATION_ACTIONS.filter((action) => {
    const t = applicationTransition(a.status, action);
    return t !== undefined && t.by.some((b) => actors.has(b));
  });
}

/** Whether the user is ever one who may take `action` (else a 403, not a 409). */
export function mayEverTakeApplicationAction(
  user: ApplicationUser,
  a: ApplicationFacts,
  action: ApplicationAction,
): boolean {
  const actors = applicationActors(user, a);
  return APPLICATION_TRANSITIONS.some(
    (t) => t.action === action && t.by.some((b) => actors.has(b)),
  );
}

/**
 * The 처리기한: the `businessDays`-th business day after the day of receipt (Asia/Seoul; weekends
 * and public holidays do not count, the day of receipt neither).
 */
export function applicationDueDate(receivedOn: string, businessDays: number): string {
  return nthBusinessDayAfter(receivedOn, businessDays);
}

/** Business days after `from` up to and including `to`: the calendar's count (declared days included). */
export { businessDaysBetween } from '@gwaje/calendar';

const detail = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});

/** A date of the application's course: not before `after` (named), not after today. */
export function dateProblems(
  field: string,
  value: string,
  after: { date: string; ko: string; en: string },
  today: string,
): ErrorDetail[] {
  if (value < after.date)
    return [
      detail(field, 'order', {
        ko: `${after.ko}(${after.date}) 이전일 수 없습니다.`,
        en: `${field} cannot be before ${after.en} (${after.date})`,
      }),
    ];
  if (value > today)
    return [
      detail(field, 'notFuture', {
        ko: '오늘 이후일 수 없습니다.',
        en: `${field} cannot be in the future`,
      }),
    ];
  return [];
}

const EMAIL =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** A Korean phone number: digits in groups, optionally with hyphens (02-123-4567, 010-1234-5678). */
const PHONE = /^0\d{1,2}-?\d{3,4}-?\d{4}$/;

export interface ContactInput {
  phone?: string | null;
  email?: string | null;
}

/** At least one way to reach the applicant; each valid when given. */
export function contactProblems(c: ContactInput): ErrorDetail[] {
  const phone = c.phone?.trim() || null;
  const email = c.email?.trim() || null;
  if (!phone && !email)
    return [
      detail('applicantPhone', 'contactRequired', {
        ko: '신청인의 전화번호나 이메일 중 하나는 입력하세요.',
        en: 'a phone number or an e-mail address of the applicant is required',
      }),
    ];
  const problems: ErrorDetail[] = [];
  if (phone && !PHONE.test(phone))
    problems.push(
      detail('applicantPhone', 'format', {
        ko: '전화번호 형식이 올바르지 않습니다(예: 02-2116-3114, 010-1234-5678).',
        en: 'applicantPhone is not a phone number (e.g. 02-2116-3114, 010-1234-5678)',
      }),
    );
  if (email && (email.length > 254 || !EMAIL.test(email)))
    problems.push(
      detail('applicantEmail', 'format', {
        ko: '이메일 형식이 올바르지 않습니다.',
        en: 'applicantEmail is not an e-mail address',
      }),
    );
  return problems;
}
