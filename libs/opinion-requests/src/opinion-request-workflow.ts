import { Role } from '@gwaje/identity';
import { type OpinionRequestStatus } from './opinion-request.entity.js';

export const OPINION_REQUEST_ACTIONS = [
  'extend',
  'answer',
  'refer',
  'withdraw',
  'committeeAnswer',
  'committeeReturn',
] as const;
export type OpinionRequestAction = (typeof OPINION_REQUEST_ACTIONS)[number];
/** What people do through the API; the committee's two come from its resolution (port). */
export const USER_OPINION_REQUEST_ACTIONS: readonly OpinionRequestAction[] = [
  'extend',
  'answer',
  'refer',
  'withdraw',
];

/**
 * Who acts: the audit office (AUDITOR of the organisation, which gives the 감사담당관's opinion),
 * the requester, or the committee through its resolution (no user).
 */
export type OpinionRequestActor = 'AUDIT' | 'REQUESTER' | 'COMMITTEE';

export interface OpinionRequestTransition {
  from: OpinionRequestStatus;
  action: OpinionRequestAction;
  to: OpinionRequestStatus;
  by: OpinionRequestActor;
  /** Only when the deadline was (true) or was not (false) extended; any when absent. */
  extended?: boolean;
}

/** DOMAIN.md §9 의견제시 as a table (state, action, who) → state. */
export const OPINION_REQUEST_TRANSITIONS: readonly OpinionRequestTransition[] = [
  // Once only: never when the deadline was already extended.
  { from: 'SUBMITTED', action: 'extend', to: 'EXTENDED', by: 'AUDIT', extended: false },
  { from: 'SUBMITTED', action: 'answer', to: 'ANSWERED', by: 'AUDIT' },
  { from: 'EXTENDED', action: 'answer', to: 'ANSWERED', by: 'AUDIT' },
  { from: 'SUBMITTED', action: 'refer', to: 'REFERRED', by: 'AUDIT' },
  { from: 'EXTENDED', action: 'refer', to: 'REFERRED', by: 'AUDIT' },
  { from: 'SUBMITTED', action: 'withdraw', to: 'WITHDRAWN', by: 'REQUESTER' },
  { from: 'EXTENDED', action: 'withdraw', to: 'WITHDRAWN', by: 'REQUESTER' },
  { from: 'REFERRED', action: 'committeeAnswer', to: 'ANSWERED', by: 'COMMITTEE' },
  {
    from: 'REFERRED',
    action: 'committeeReturn',
    to: 'SUBMITTED',
    by: 'COMMITTEE',
    extended: false,
  },
  { from: 'REFERRED', action: 'committeeReturn', to: 'EXTENDED', by: 'COMMITTEE', extended: true },
];

/** States in which the opinion is still owed (its deadline runs, reminders go out). */
export const OPINION_PENDING: readonly OpinionRequestStatus[] = [
  'SUBMITTED',
  'EXTENDED',
  'REFERRED',
];

export function opinionRequestTransition(
  from: OpinionRequestStatus,
  action: OpinionRequestAction,
  extended: boolean,
): OpinionRequestTransition | undefined {
  return OPINION_REQUEST_TRANSITIONS.find(
    (t) =>
      t.from === from &&
      t.action === action &&
      (t.extended === undefined || t.extended === extended),
  );
}

export interface OpinionRequestUser {
  id: string;
  organisationId: string;
  roles: readonly Role[];
}

/** How the user stands to the request. */
export function opinionRequestActors(
  user: OpinionRequestUser,
  r: { organisationId: string; requesterId: string },
): Set<OpinionRequestActor> {
  const actors = new Set<OpinionRequestActor>();
  if (user.organisationId !== r.organisationId) return actors;
  if (user.roles.includes(Role.AUDITOR)) actors.add('AUDIT');
  if (user.id === r.requesterId) actors.add('REQUESTER');
  return actors;
}

/** What the user may do to the request now (API actions only). */
export function allowedOpinionRequestActions(
  user: OpinionRequestUser,
  r: {
    organisationId: string;
    requesterId: string;
    status: OpinionRequestStatus;
    extended: boolean;
  },
): OpinionRequestAction[] {
  const actors = opinionRequestActors(user, r);
  return USER_OPINION_REQUEST_ACTIONS.filter((a) => {
    const t = opinionRequestTransition(r.status, a, r.extended);
    return t !== undefined && actors.has(t.by);
  });
}

/**
 * The opinion's due date: `days` calendar days counted from the day after receipt (초일 불산입),
 * receipt being the day in Asia/Seoul; a last day on a weekend or holiday is not moved (the same
 * count as pre-consultation opinions).
 */
export function opinionDueDate(receivedOn: string, days: number): string {
  const d = new Date(`${receivedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days past the due date on `today` (0 when not overdue or no longer pending). */
export function daysOverdue(status: OpinionRequestStatus, dueDate: string, today: string): number {
  if (!OPINION_PENDING.includes(status) || today <= dueDate) return 0;
  return Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000,
  );
}
