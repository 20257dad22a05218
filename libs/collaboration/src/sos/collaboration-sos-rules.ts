import { daysBetween, nthBusinessDayAfter } from '@gwaje/calendar';
import type { ErrorDetail, LocalText } from '@gwaje/common';
import { type AuthUser, Role } from '@gwaje/identity';

/**
 * 협업SOS rules (DOMAIN.md §9, issue 21 item 5), pure: the state machine as a table
 * (state, action, who) → state, who stands how to an SOS, the answer deadline in business days,
 * and the checks of a 협업정원 (STAFF) request and of the coordinator's decision on it.
 */

export const SOS_STATUSES = ['OPEN', 'ANSWERED', 'RESOLVED', 'CLOSED'] as const;
export type SosStatus = (typeof SOS_STATUSES)[number];

/** What is needed: a rule interpretation, another organisation's decision, budget, staff (협업정원), other. */
export const SOS_NEED_KINDS = [
  'RULE_INTERPRETATION',
  'DECISION',
  'BUDGET',
  'STAFF',
  'OTHER',
] as const;
export type SosNeedKind = (typeof SOS_NEED_KINDS)[number];

export const STAFF_DECISIONS = ['APPROVED', 'PARTLY_APPROVED', 'REJECTED'] as const;
export type StaffDecision = (typeof STAFF_DECISIONS)[number];

export const SOS_ACTIONS = ['edit', 'answer', 'decideStaff', 'resolve', 'reopen', 'close'] as const;
export type SosAction = (typeof SOS_ACTIONS)[number];

/**
 * How a user stands to an SOS: who filed it; the lead organisation's office; who answers it (the
 * coordinator's office, the blocking organisation's office and that participant's contact); the
 * coordinator's office (closes it, decides 협업정원).
 */
export type SosActor = 'FILER' | 'LEAD' | 'ANSWERER' | 'COORDINATOR';

export interface SosTransition {
  from: SosStatus;
  action: SosAction;
  to: SosStatus;
  by: readonly SosActor[];
  /** Only for a 협업정원 request not decided yet. */
  undecidedStaffOnly?: true;
}

/** The SOS state machine: OPEN → ANSWERED → RESOLVED, or CLOSED (withdrawn by the filer, closed by the coordinator). */
export const SOS_TRANSITIONS: readonly SosTransition[] = [
  { from: 'OPEN', action: 'edit', to: 'OPEN', by: ['FILER'] },
  { from: 'OPEN', action: 'answer', to: 'ANSWERED', by: ['ANSWERER'] },
  {
    from: 'OPEN',
    action: 'decideStaff',
    to: 'ANSWERED',
    by: ['COORDINATOR'],
    undecidedStaffOnly: true,
  },
  {
    from: 'ANSWERED',
    action: 'decideStaff',
    to: 'ANSWERED',
    by: ['COORDINATOR'],
    undecidedStaffOnly: true,
  },
  // Solved without (or after) the answer: the filer or the lead says so.
  { from: 'OPEN', action: 'resolve', to: 'RESOLVED', by: ['FILER', 'LEAD'] },
  { from: 'ANSWERED', action: 'resolve', to: 'RESOLVED', by: ['FILER', 'LEAD'] },
  // The answer did not help: open again with a new deadline.
  { from: 'ANSWERED', action: 'reopen', to: 'OPEN', by: ['FILER', 'LEAD'] },
  { from: 'OPEN', action: 'close', to: 'CLOSED', by: ['FILER', 'COORDINATOR'] },
  { from: 'ANSWERED', action: 'close', to: 'CLOSED', by: ['FILER', 'COORDINATOR'] },
];

/** What the rules need to know of an SOS and its collaboration. */
export interface SosFacts {
  status: SosStatus;
  needKind: SosNeedKind;
  /** A STAFF request already decided by the coordinator. */
  staffDecided: boolean;
  filedBy: string;
  leadOrganisationId: string;
  coordinatorOrganisationId: string;
  blockingOrganisationId: string | null;
  /** The blocking participant's contact, if it is a participant with one. */
  blockingContactUserId: string | null;
}

type SosUser = Pick<AuthUser, 'id' | 'organisationId' | 'roles'>;

export function sosActors(user: SosUser, s: SosFacts): Set<SosActor> {
  const actors = new Set<SosActor>();
  const office = user.roles.includes(Role.PROACTIVE_OFFICE);
  if (user.id === s.filedBy) actors.add('FILER');
  if (office && user.organisationId === s.leadOrganisationId) actors.add('LEAD');
  if (office && user.organisationId === s.coordinatorOrganisationId) {
    actors.add('COORDINATOR');
    actors.add('ANSWERER');
  }
  if (s.blockingOrganisationId && user.organisationId === s.blockingOrganisationId) {
    if (office || user.id === s.blockingContactUserId) actors.add('ANSWERER');
  }
  return actors;
}

export function sosTransition(
  s: Pick<SosFacts, 'status' | 'needKind' | 'staffDecided'>,
  action: SosAction,
) {
  return SOS_TRANSITIONS.find(
    (t) =>
      t.from === s.status &&
      t.action === action &&
      (!t.undecidedStaffOnly || (s.needKind === 'STAFF' && !s.staffDecided)),
  );
}

/** What the user may do to the SOS now (the client's buttons and every refusal's allowedActions). */
export function allowedSosActions(user: SosUser, s: SosFacts): SosAction[] {
  const actors = sosActors(user, s);
  return SOS_ACTIONS.filter((a) => {
    const t = sosTransition(s, a);
    return t !== undefined && t.by.some((b) => actors.has(b));
  });
}

/** Whether the user is ever one who may take `action` on this SOS (else a 403, not a 409). */
export function mayEverTake(user: SosUser, s: SosFacts, action: SosAction): boolean {
  const actors = sosActors(user, s);
  return SOS_TRANSITIONS.some((t) => t.action === action && t.by.some((b) => actors.has(b)));
}

/**
 * The answer deadline: the `businessDays`-th business day after the day it was filed (Asia/Seoul;
 * weekends and public holidays do not count, the filing day neither).
 */
export function sosDueDate(filedOn: string, businessDays: number): string {
  return nthBusinessDayAfter(filedOn, businessDays);
}

/** Calendar days an open SOS has waited on `today` (0 on the day it was filed). */
export function sosAgeDays(filedOn: string, today: string): number {
  return Math.max(0, daysBetween(filedOn, today));
}

// ── 협업정원 (STAFF) requests ─────────────────────────────────────────────────────────────────

export interface StaffRequestInput {
  count?: number;
  grade?: string;
  months?: number;
  untilDate?: string;
  reason?: string;
}

const detail = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});

/**
 * A 협업정원 request (kind STAFF) needs how many (1–1000), which grade (직급), how long (months
 * 1–60, or until a date after the filing day, not both) and why; any other kind takes none.
 */
export function staffRequestProblems(
  kind: SosNeedKind,
  staff: StaffRequestInput | undefined | null,
  filedOn: string,
): ErrorDetail[] {
  if (kind !== 'STAFF') {
    return staff
      ? [
          detail('staffRequest', 'staffOnly', {
            ko: '협업정원 요청(STAFF)에만 적습니다.',
            en: 'only a 협업정원 (STAFF) request takes staff details',
          }),
        ]
      : [];
  }
  if (!staff) {
    return [
      detail('staffRequest', 'required', {
        ko: '협업정원 요청의 인원·직급·기간·사유를 입력하세요.',
        en: 'a 협업정원 request needs how many staff, which grade, how long and why',
      }),
    ];
  }
  const problems: ErrorDetail[] = [];
  if (!Number.isInteger(staff.count) || staff.count! < 1 || staff.count! > 1000)
    problems.push(
      detail('staffRequest.count', 'range', {
        ko: '요청 인원은 1명 이상 1,000명 이하입니다.',
        en: 'the number of staff is 1 to 1000',
      }),
    );
  if (!staff.grade?.trim())
    problems.push(
      detail('staffRequest.grade', 'required', {
        ko: '직급을 입력하세요.',
        en: 'the grade is required',
      }),
    );
  if (!staff.reason?.trim())
    problems.push(
      detail('staffRequest.reason', 'required', {
        ko: '요청 사유를 입력하세요.',
        en: 'the reason is required',
      }),
    );
  const hasMonths = staff.months !== undefined && staff.months !== null;
  const hasUntil = staff.untilDate !== undefined && staff.untilDate !== null;
  if (hasMonths === hasUntil) {
    problems.push(
      detail('staffRequest.months', 'oneTerm', {
        ko: '기간은 개월 수나 종료일 중 하나만 입력하세요.',
        en: 'give how long either in months or as an end date, one of them',
      }),
    );
  } else if (
    hasMonths &&
    (!Number.isInteger(staff.months) || staff.months! < 1 || staff.months! > 60)
  ) {
    problems.push(
      detail('staffRequest.months', 'range', {
        ko: '기간은 1개월 이상 60개월 이하입니다.',
        en: 'the term is 1 to 60 months',
      }),
    );
  } else if (hasUntil && staff.untilDate! <= filedOn) {
    problems.push(
      detail('staffRequest.untilDate', 'afterFiling', {
        ko: '종료일은 요청일 이후여야 합니다.',
        en: 'the end date must be after the filing day',
      }),
    );
  }
  return problems;
}

/**
 * The coordinator's decision on a 협업정원 request: APPROVED grants the number asked (an
 * approvedCount, if given, must be it), PARTLY_APPROVED grants 1 to one less than asked, REJECTED
 * grants none. Returns the problems and the number granted.
 */
export function staffDecisionProblems(
  decision: StaffDecision,
  approvedCount: number | undefined,
  requested: number,
): { problems: ErrorDetail[]; granted: number } {
  const wrong = (ko: string, en: string) => ({
    problems: [detail('approvedCount', 'decision', { ko, en })],
    granted: 0,
  });
  switch (decision) {
    case 'APPROVED':
      if (approvedCount !== undefined && approvedCount !== requested)
        return wrong(
          `전부 승인은 요청한 ${requested}명입니다. 일부만 승인하려면 PARTLY_APPROVED를 쓰세요.`,
          `APPROVED grants the ${requested} asked for; use PARTLY_APPROVED for fewer`,
        );
      return { problems: [], granted: requested };
    case 'PARTLY_APPROVED':
      if (approvedCount === undefined || approvedCount < 1 || approvedCount >= requested)
        return wrong(
          `일부 승인 인원은 1명 이상 ${requested - 1}명 이하입니다.`,
          `a partial approval grants 1 to ${requested - 1}`,
        );
      return { problems: [], granted: approvedCount };
    case 'REJECTED':
      if (approvedCount !== undefined && approvedCount !== 0)
        return wrong('반려하면 승인 인원은 0명입니다.', 'a rejection grants none');
      return { problems: [], granted: 0 };
  }
}

/** The blocking organisation must take part in the task or coordinate it. */
export function blockingProblems(
  blockingOrganisationId: string | null | undefined,
  participantIds: readonly string[],
  coordinatorOrganisationId: string,
): ErrorDetail[] {
  if (!blockingOrganisationId) return [];
  if (
    blockingOrganisationId === coordinatorOrganisationId ||
    participantIds.includes(blockingOrganisationId)
  )
    return [];
  return [
    detail('blockingOrganisationId', 'participantOrCoordinator', {
      ko: '이 협업과제의 참여기관이나 총괄기관이 아닙니다.',
      en: 'not a participant or the coordinator of this collaboration task',
    }),
  ];
}
