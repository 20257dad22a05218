import { type AuthUser, Role } from '@gwaje/identity';
import { actionItemsDueToday, TfActionItemReminders } from './tf-action-item-reminders.js';
import {
  allowedMeetingActions,
  allowedTfActions,
  attendeeProblems,
  decisionProblems,
  leadTaken,
  mayCompleteActionItem,
  mayEditMeeting,
  mayManageTf,
  mayRecordMeeting,
  type TfCandidate,
  type TfFacts,
  tfGaps,
  tfMemberProblems,
} from './tf-rules.js';
import { tfStatus } from './tf-status.js';

// The 시 leads (responsible dept L, contact "si-contact"), the 구 takes part (dept P), the ministry
// coordinates; an outsider organisation has nothing to do with it. The TF: the 구's staff member
// leads it, the ministry's office user is its liaison.
const base: TfFacts = {
  leadOrganisationId: 'si',
  coordinatorOrganisationId: 'ministry',
  participants: [
    { organisationId: 'si', departmentId: 'L' },
    { organisationId: 'gu', departmentId: 'P' },
  ],
  leadContactUserId: 'si-contact',
  members: [
    { userId: 'gu-lead', organisationId: 'gu', role: 'LEAD' },
    { userId: 'ministry-liaison', organisationId: 'ministry', role: 'LIAISON' },
    { userId: 'si-member', organisationId: 'si', role: 'MEMBER' },
  ],
};

const user = (
  id: string,
  organisationId: string,
  departmentId: string,
  ...roles: Role[]
): AuthUser => ({
  id,
  sessionId: 's',
  organisationId,
  departmentId,
  roles,
  name: '홍길동',
  email: 'x@test.kr',
  language: 'ko',
});

const siOffice = user('si-office', 'si', 'O', Role.PROACTIVE_OFFICE);
const siContact = user('si-contact', 'si', 'L', Role.STAFF);
const siStaff = user('si-staff', 'si', 'L', Role.STAFF);
const siMember = user('si-member', 'si', 'L', Role.STAFF);
const guOffice = user('gu-office', 'gu', 'O', Role.PROACTIVE_OFFICE);
const guLead = user('gu-lead', 'gu', 'P', Role.STAFF);
const ministryOffice = user('ministry-office', 'ministry', 'M', Role.PROACTIVE_OFFICE);
const ministryLiaison = user('ministry-liaison', 'ministry', 'M', Role.PROACTIVE_OFFICE);
const ministryAuditor = user('ministry-auditor', 'ministry', 'A', Role.AUDITOR);

const candidate = (
  organisationId: string,
  departmentId: string,
  ...roles: Role[]
): TfCandidate => ({ organisationId, departmentId, roles, active: true });

describe('TF rules', () => {
  it('the lead’s office, the lead contact and the coordinator’s office manage the members; nobody else', () => {
    const cases: Array<[AuthUser, boolean]> = [
      [siOffice, true],
      [siContact, true],
      [ministryOffice, true],
      [siStaff, false],
      [guOffice, false], // a participant's office runs its part, not the TF
      [guLead, false], // the TF lead leads meetings, not membership
      [ministryAuditor, false],
      [user('x', 'outsider', 'X', Role.PROACTIVE_OFFICE), false],
    ];
    for (const [who, allowed] of cases)
      expect([who.id, mayManageTf(who, base)]).toEqual([who.id, allowed]);
    // No lead contact named: only the offices.
    expect(mayManageTf(siContact, { ...base, leadContactUserId: null })).toBe(false);
    expect(allowedTfActions(siOffice, base)).toEqual(['manageMembers', 'recordMeeting']);
    expect(allowedTfActions(guLead, base)).toEqual(['recordMeeting']);
    expect(allowedTfActions(guOffice, base)).toEqual([]);
  });

  it('who may be which member: participants’ and the coordinator’s readers; LIAISON only from the coordinator', () => {
    const problems = (
      userId: string,
      c: TfCandidate | undefined,
      role: 'LEAD' | 'MEMBER' | 'LIAISON',
    ) => tfMemberProblems(userId, c, role, base).map((p) => [p.field, p.code]);
    // A participant's responsible department, any org-wide reader of a participant or the coordinator.
    expect(problems('n1', candidate('gu', 'P', Role.STAFF), 'MEMBER')).toEqual([]);
    expect(problems('n2', candidate('si', 'O', Role.PROACTIVE_OFFICE), 'MEMBER')).toEqual([]);
    expect(problems('n3', candidate('ministry', 'M', Role.PROACTIVE_OFFICE), 'LIAISON')).toEqual(
      [],
    );
    expect(problems('n4', candidate('ministry', 'A', Role.AUDITOR), 'MEMBER')).toEqual([]);
    // Another organisation; an unknown or inactive user.
    expect(problems('n5', candidate('outsider', 'X', Role.PROACTIVE_OFFICE), 'MEMBER')).toEqual([
      ['userId', 'tfOrganisation'],
    ]);
    expect(problems('n6', undefined, 'MEMBER')).toEqual([['userId', 'unknownUser']]);
    expect(
      problems('n7', { ...candidate('gu', 'P', Role.STAFF), active: false }, 'MEMBER'),
    ).toEqual([['userId', 'unknownUser']]);
    // Who cannot read the collaboration: another department's staff, the coordinator's staff.
    expect(problems('n8', candidate('gu', 'Q', Role.STAFF), 'MEMBER')).toEqual([
      ['userId', 'tfReader'],
    ]);
    expect(problems('n9', candidate('ministry', 'M', Role.STAFF), 'MEMBER')).toEqual([
      ['userId', 'tfReader'],
    ]);
    // The liaison is the coordinator's.
    expect(problems('n10', candidate('gu', 'P', Role.DEPT_HEAD), 'LIAISON')).toEqual([
      ['role', 'liaisonCoordinator'],
    ]);
    // Once each.
    expect(problems('si-member', candidate('si', 'L', Role.STAFF), 'LEAD')).toEqual([
      ['userId', 'unique'],
    ]);
    // One lead.
    expect(leadTaken('LEAD', base)).toBe(true);
    expect(leadTaken('MEMBER', base)).toBe(false);
    expect(leadTaken('LEAD', { ...base, members: [] })).toBe(false);
  });

  it('meetings: any member records one; its recorder, the lead, the liaison and managers change it and decide', () => {
    expect(mayRecordMeeting(siMember, base)).toBe(true);
    expect(mayRecordMeeting(siOffice, base)).toBe(true);
    expect(mayRecordMeeting(siStaff, base)).toBe(false);
    expect(mayRecordMeeting(guOffice, base)).toBe(false);

    expect(mayEditMeeting(siMember, base, 'si-member')).toBe(true); // its recorder
    expect(mayEditMeeting(siMember, base, 'gu-lead')).toBe(false);
    expect(mayEditMeeting(guLead, base, 'si-member')).toBe(true);
    expect(mayEditMeeting(ministryLiaison, base, 'si-member')).toBe(true);
    expect(mayEditMeeting(ministryOffice, base, 'si-member')).toBe(true);
    expect(mayEditMeeting(ministryAuditor, base, null)).toBe(false);
    expect(allowedMeetingActions(guLead, base, null)).toEqual(['edit', 'decide']);
    expect(allowedMeetingActions(siStaff, base, null)).toEqual([]);
  });

  it('action items: the owner, the TF lead and managers mark them done; other members do not', () => {
    expect(mayCompleteActionItem(siMember, base, 'si-member')).toBe(true);
    expect(mayCompleteActionItem(guLead, base, 'si-member')).toBe(true);
    expect(mayCompleteActionItem(siOffice, base, 'si-member')).toBe(true);
    expect(mayCompleteActionItem(ministryLiaison, base, 'si-member')).toBe(true); // an office: manages
    expect(mayCompleteActionItem(siStaff, base, 'si-member')).toBe(false);
    expect(mayCompleteActionItem(guOffice, base, 'si-member')).toBe(false);
  });

  it('attendees are TF members, each once', () => {
    expect(attendeeProblems(['gu-lead', 'si-member'], base)).toEqual([]);
    expect(
      attendeeProblems(['gu-lead', 'stranger', 'gu-lead'], base).map((p) => [p.field, p.code]),
    ).toEqual([
      ['attendeeIds.1', 'tfMember'],
      ['attendeeIds.2', 'unique'],
    ]);
  });

  it('a decision creates milestones of participants OR action items of TF members, or nothing', () => {
    const outcome = (input: Parameters<typeof decisionProblems>[0]) => {
      const r = decisionProblems(input, base);
      return [r.outcome, r.problems.map((p) => [p.field, p.code])];
    };
    expect(outcome({ text: '논의만' })).toEqual(['NONE', []]);
    expect(
      outcome({
        text: '단계 추가',
        milestones: [{ title: '시범', dueDate: '2026-06-30', organisationId: 'gu' }],
      }),
    ).toEqual(['MILESTONES', []]);
    expect(
      outcome({
        text: '실행과제',
        actionItems: [{ title: '공문', ownerUserId: 'ministry-liaison', dueDate: '2026-04-01' }],
      }),
    ).toEqual(['ACTION_ITEMS', []]);
    // The coordinator carries no milestone (it is no participant); an owner outside the TF.
    expect(
      outcome({
        text: '잘못',
        milestones: [
          { title: '가', dueDate: '2026-06-30', organisationId: 'si' },
          { title: '나', dueDate: '2026-06-30', organisationId: 'ministry' },
        ],
      }),
    ).toEqual(['MILESTONES', [['milestones.1.organisationId', 'participant']]]);
    expect(
      outcome({
        text: '잘못',
        actionItems: [{ title: '가', ownerUserId: 'si-staff', dueDate: '2026-04-01' }],
      }),
    ).toEqual(['ACTION_ITEMS', [['actionItems.0.ownerUserId', 'tfMember']]]);
    // Both at once: refused.
    expect(
      outcome({
        text: '둘 다',
        milestones: [{ title: '가', dueDate: '2026-06-30', organisationId: 'gu' }],
        actionItems: [{ title: '나', ownerUserId: 'gu-lead', dueDate: '2026-04-01' }],
      })[1],
    ).toEqual([['actionItems', 'eitherOutcome']]);
  });

  it('a focus task’s TF is incomplete without a lead or a member of every participant', () => {
    expect(tfGaps(base)).toEqual({ missingLead: false, missingOrganisationIds: [] });
    const onlyLiaison: TfFacts = { ...base, members: [base.members[1]] };
    expect(tfGaps(onlyLiaison)).toEqual({
      missingLead: true,
      missingOrganisationIds: ['si', 'gu'],
    });
    expect(tfStatus(true, onlyLiaison)).toMatchObject({ required: true, incomplete: true });
    // Not a focus task: nothing is required, the gaps are still shown.
    expect(tfStatus(false, onlyLiaison)).toMatchObject({
      required: false,
      incomplete: false,
      missingLead: true,
      membersCount: 1,
    });
    expect(tfStatus(true, base)).toMatchObject({ required: true, incomplete: false });
  });

  it('the day’s reminders cover the due dates up to the next business day', () => {
    // Friday 2026-03-06: the weekend's due dates come along; Saturday runs none.
    expect(actionItemsDueToday('2026-03-06')).toEqual(['2026-03-06', '2026-03-07', '2026-03-08']);
    expect(actionItemsDueToday('2026-03-07')).toEqual([]);
    expect(actionItemsDueToday('2026-03-10')).toEqual(['2026-03-10']);
  });

  it('the daily rules: D-3 business days, the day itself and overdue on business days only', () => {
    const source = new TfActionItemReminders({} as never, {} as never);
    const run = (today: string) =>
      source
        .daily({ today, organisationId: 'gu', settings: {} as never })
        .map((r) => [r.rule, r.params]);
    // Tuesday 2026-11-24: D-3 is Friday the 27th; due today; overdue.
    expect(run('2026-11-24')).toEqual([
      ['tf-action.due-3', [['2026-11-27']]],
      ['tf-action.due-0', [['2026-11-24']]],
      ['tf-action.overdue', []],
    ]);
    // Saturday: nothing at all.
    expect(run('2026-11-28')).toEqual([]);
    // Every rule reminds the owner in the owner's organisation's run ($1), of open items only.
    for (const r of source.daily({
      today: '2026-11-24',
      organisationId: 'gu',
      settings: {} as never,
    }))
      expect(r.select).toMatch(/u\.organisation_id = \$1 AND a\.status = 'OPEN'/);
  });
});
