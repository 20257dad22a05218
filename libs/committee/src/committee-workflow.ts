import { disqualification, type InterestedParty } from '@gwaje/common';
import { Role } from '@gwaje/identity';
import type { AgendaItemStatus, MeetingStatus } from './committee.entity.js';

/**
 * What can be done to a committee meeting and its agenda items in each state, and by whom
 * (DOMAIN.md §9). The services check the same conditions before acting; a refusal is a 409
 * ILLEGAL_TRANSITION naming the actions these tables allow instead (`allowedActions`).
 *
 * A meeting: SCHEDULED → (hold, with the attendance) → HELD → (close) → CLOSED.
 * An agenda item: OPEN → (resolve) → DECIDED (PASSED or REJECTED), or OPEN → (withdraw) →
 * WITHDRAWN (taken off the agenda undecided, e.g. its subject can no longer be decided).
 */

export const MEETING_ACTIONS = ['update', 'addItem', 'hold', 'recordAttendance', 'close'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

export const ITEM_ACTIONS = [
  'challenge',
  'decideChallenge',
  'recuse',
  'vote',
  'resolve',
  'withdraw',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/**
 * OFFICE: PROACTIVE_OFFICE of the organisation (the committee's secretariat). MEMBER: a COMMITTEE
 * user sitting on the meeting's date. ATTENDEE: a sitting member recorded as present. PARTY: an
 * interested party of the item (the nominee, a team member, the nominated department's staff, the
 * nominator, the requester).
 */
export type CommitteeActor = 'OFFICE' | 'MEMBER' | 'ATTENDEE' | 'PARTY';

/** (state, action, who) → state: the meeting's own table. */
export const MEETING_TABLE: ReadonlyArray<{
  from: MeetingStatus;
  action: MeetingAction;
  by: CommitteeActor;
  to: MeetingStatus;
}> = [
  { from: 'SCHEDULED', action: 'update', by: 'OFFICE', to: 'SCHEDULED' },
  { from: 'SCHEDULED', action: 'addItem', by: 'OFFICE', to: 'SCHEDULED' },
  { from: 'SCHEDULED', action: 'hold', by: 'OFFICE', to: 'HELD' },
  { from: 'HELD', action: 'addItem', by: 'OFFICE', to: 'HELD' },
  { from: 'HELD', action: 'recordAttendance', by: 'OFFICE', to: 'HELD' },
  { from: 'HELD', action: 'close', by: 'OFFICE', to: 'CLOSED' },
];

/** (meeting state, item state, action, who) → item state: what is done to one agenda item. */
export const ITEM_TABLE: ReadonlyArray<{
  meeting: MeetingStatus;
  from: AgendaItemStatus;
  action: ItemAction;
  by: CommitteeActor;
  to: AgendaItemStatus;
}> = [
  { meeting: 'SCHEDULED', from: 'OPEN', action: 'challenge', by: 'PARTY', to: 'OPEN' },
  { meeting: 'HELD', from: 'OPEN', action: 'challenge', by: 'PARTY', to: 'OPEN' },
  { meeting: 'HELD', from: 'OPEN', action: 'decideChallenge', by: 'OFFICE', to: 'OPEN' },
  { meeting: 'SCHEDULED', from: 'OPEN', action: 'recuse', by: 'MEMBER', to: 'OPEN' },
  { meeting: 'HELD', from: 'OPEN', action: 'recuse', by: 'MEMBER', to: 'OPEN' },
  { meeting: 'HELD', from: 'OPEN', action: 'vote', by: 'ATTENDEE', to: 'OPEN' },
  { meeting: 'HELD', from: 'OPEN', action: 'vote', by: 'OFFICE', to: 'OPEN' },
  { meeting: 'HELD', from: 'OPEN', action: 'resolve', by: 'OFFICE', to: 'DECIDED' },
  { meeting: 'SCHEDULED', from: 'OPEN', action: 'withdraw', by: 'OFFICE', to: 'WITHDRAWN' },
  { meeting: 'HELD', from: 'OPEN', action: 'withdraw', by: 'OFFICE', to: 'WITHDRAWN' },
];

export interface CommitteeUser {
  id: string;
  roles: readonly Role[];
  departmentId: string;
}

export interface MeetingFacts {
  status: MeetingStatus;
  /** Users sitting on the meeting's date. */
  sittingUserIds: readonly string[];
  attendeeIds: readonly string[];
}

export interface ItemFacts {
  status: AgendaItemStatus;
  interestedParties: readonly InterestedParty[];
}

export function isParty(user: CommitteeUser, parties: readonly InterestedParty[]): boolean {
  return (
    disqualification({ userId: user.id, departmentIds: [user.departmentId] }, parties) !== null
  );
}

function acts(
  user: CommitteeUser,
  by: CommitteeActor,
  meeting: MeetingFacts,
  item?: ItemFacts,
): boolean {
  switch (by) {
    case 'OFFICE':
      return user.roles.includes(Role.PROACTIVE_OFFICE);
    case 'MEMBER':
      return user.roles.includes(Role.COMMITTEE) && meeting.sittingUserIds.includes(user.id);
    case 'ATTENDEE':
      return (
        user.roles.includes(Role.COMMITTEE) &&
        meeting.sittingUserIds.includes(user.id) &&
        meeting.attendeeIds.includes(user.id)
      );
    case 'PARTY':
      return Boolean(item && isParty(user, item.interestedParties));
  }
}

/** The state a meeting action leads to, or null when the state does not allow it. */
export function meetingTransition(
  from: MeetingStatus,
  action: MeetingAction,
): MeetingStatus | null {
  return MEETING_TABLE.find((t) => t.from === from && t.action === action)?.to ?? null;
}

/** The state an item action leads to, or null when the meeting's or the item's state does not allow it. */
export function itemTransition(
  meeting: MeetingStatus,
  from: AgendaItemStatus,
  action: ItemAction,
): AgendaItemStatus | null {
  return (
    ITEM_TABLE.find((t) => t.meeting === meeting && t.from === from && t.action === action)?.to ??
    null
  );
}

/** What the user may do to the meeting now. */
export function allowedMeetingActions(user: CommitteeUser, meeting: MeetingFacts): MeetingAction[] {
  return [
    ...new Set(
      MEETING_TABLE.filter((t) => t.from === meeting.status && acts(user, t.by, meeting)).map(
        (t) => t.action,
      ),
    ),
  ];
}

/** What the user may do to the item now. */
export function allowedItemActions(
  user: CommitteeUser,
  meeting: MeetingFacts,
  item: ItemFacts,
): ItemAction[] {
  return [
    ...new Set(
      ITEM_TABLE.filter(
        (t) =>
          t.meeting === meeting.status && t.from === item.status && acts(user, t.by, meeting, item),
      ).map((t) => t.action),
    ),
  ];
}
