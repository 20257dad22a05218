import { Role } from '@gwaje/identity';
import {
  ALL_AGENDA_ITEM_STATUSES,
  ALL_MEETING_STATUSES,
  type AgendaItemStatus,
  type MeetingStatus,
} from './committee.entity.js';
import {
  allowedItemActions,
  allowedMeetingActions,
  type CommitteeUser,
  ITEM_ACTIONS,
  type ItemAction,
  itemTransition,
  MEETING_ACTIONS,
  type MeetingAction,
  type MeetingFacts,
  meetingTransition,
} from './committee-workflow.js';

const OFFICE: CommitteeUser = {
  id: 'office',
  roles: [Role.PROACTIVE_OFFICE],
  departmentId: 'd-office',
};
const MEMBER: CommitteeUser = { id: 'member', roles: [Role.COMMITTEE], departmentId: 'd-c' };
const ABSENT: CommitteeUser = { id: 'absent', roles: [Role.COMMITTEE], departmentId: 'd-c' };
const OUTSIDER: CommitteeUser = { id: 'outsider', roles: [Role.COMMITTEE], departmentId: 'd-c' };
const NOMINEE: CommitteeUser = { id: 'nominee', roles: [Role.STAFF], departmentId: 'd-n' };
const COLLEAGUE: CommitteeUser = { id: 'colleague', roles: [Role.STAFF], departmentId: 'd-dept' };
const AUDITOR: CommitteeUser = { id: 'auditor', roles: [Role.AUDITOR], departmentId: 'd-a' };

const meeting = (status: MeetingStatus): MeetingFacts => ({
  status,
  sittingUserIds: ['member', 'absent'],
  attendeeIds: ['member'],
});
const item = (status: AgendaItemStatus) => ({
  status,
  interestedParties: [
    { role: 'NOMINEE' as const, userId: 'nominee' },
    { role: 'DEPARTMENT' as const, departmentId: 'd-dept' },
  ],
});

describe('the meeting table', () => {
  // Every (state, action): the state it leads to, or null where the table refuses.
  const EXPECTED: Record<MeetingStatus, Record<MeetingAction, MeetingStatus | null>> = {
    SCHEDULED: {
      update: 'SCHEDULED',
      addItem: 'SCHEDULED',
      hold: 'HELD',
      recordAttendance: null,
      close: null,
    },
    HELD: { update: null, addItem: 'HELD', hold: null, recordAttendance: 'HELD', close: 'CLOSED' },
    CLOSED: { update: null, addItem: null, hold: null, recordAttendance: null, close: null },
  };
  it.each(ALL_MEETING_STATUSES.flatMap((s) => MEETING_ACTIONS.map((a) => [s, a] as const)))(
    '%s + %s',
    (status, action) => {
      expect(meetingTransition(status, action)).toBe(EXPECTED[status][action]);
    },
  );

  it('lets only the office act on a meeting', () => {
    for (const status of ALL_MEETING_STATUSES) {
      const allowed = MEETING_ACTIONS.filter((a) => EXPECTED[status][a] !== null);
      expect(allowedMeetingActions(OFFICE, meeting(status)).sort()).toEqual([...allowed].sort());
      for (const u of [MEMBER, AUDITOR, NOMINEE]) {
        expect(allowedMeetingActions(u, meeting(status))).toEqual([]);
      }
    }
  });
});

describe('the agenda item table', () => {
  const NONE: Record<ItemAction, AgendaItemStatus | null> = {
    challenge: null,
    decideChallenge: null,
    recuse: null,
    vote: null,
    resolve: null,
    withdraw: null,
  };
  const EXPECTED: Record<
    MeetingStatus,
    Record<AgendaItemStatus, Record<ItemAction, AgendaItemStatus | null>>
  > = {
    SCHEDULED: {
      OPEN: { ...NONE, challenge: 'OPEN', recuse: 'OPEN', withdraw: 'WITHDRAWN' },
      DECIDED: NONE,
      WITHDRAWN: NONE,
    },
    HELD: {
      OPEN: {
        challenge: 'OPEN',
        decideChallenge: 'OPEN',
        recuse: 'OPEN',
        vote: 'OPEN',
        resolve: 'DECIDED',
        withdraw: 'WITHDRAWN',
      },
      DECIDED: NONE,
      WITHDRAWN: NONE,
    },
    CLOSED: { OPEN: NONE, DECIDED: NONE, WITHDRAWN: NONE },
  };
  it.each(
    ALL_MEETING_STATUSES.flatMap((m) =>
      ALL_AGENDA_ITEM_STATUSES.flatMap((s) => ITEM_ACTIONS.map((a) => [m, s, a] as const)),
    ),
  )('meeting %s, item %s + %s', (m, s, a) => {
    expect(itemTransition(m, s, a)).toBe(EXPECTED[m][s][a]);
  });

  it('says who may do what to an open item of a held meeting', () => {
    const facts = meeting('HELD');
    const open = item('OPEN');
    expect(allowedItemActions(OFFICE, facts, open).sort()).toEqual([
      'decideChallenge',
      'resolve',
      'vote',
      'withdraw',
    ]);
    // attending member: recuse and vote; sitting but absent: recuse only; not sitting: nothing
    expect(allowedItemActions(MEMBER, facts, open).sort()).toEqual(['recuse', 'vote']);
    expect(allowedItemActions(ABSENT, facts, open)).toEqual(['recuse']);
    expect(allowedItemActions(OUTSIDER, facts, open)).toEqual([]);
    // the nominee and the nominated department's staff may file a 기피
    expect(allowedItemActions(NOMINEE, facts, open)).toEqual(['challenge']);
    expect(allowedItemActions(COLLEAGUE, facts, open)).toEqual(['challenge']);
    expect(allowedItemActions(AUDITOR, facts, open)).toEqual([]);
  });

  it('offers nothing on a decided or withdrawn item or a closed meeting', () => {
    for (const u of [OFFICE, MEMBER, NOMINEE]) {
      expect(allowedItemActions(u, meeting('HELD'), item('DECIDED'))).toEqual([]);
      expect(allowedItemActions(u, meeting('HELD'), item('WITHDRAWN'))).toEqual([]);
      expect(allowedItemActions(u, meeting('CLOSED'), item('OPEN'))).toEqual([]);
    }
  });
});
