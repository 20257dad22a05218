import { type AuthUser, Role } from '@gwaje/identity';
import {
  allowedCollaborationActions,
  type AgreedPlan,
  canReadCollaboration,
  type CollaborationFacts,
  mayAgree,
  mayCompleteShare,
  mayDesignateFocus,
  mayEdit,
  participantListProblems,
  planChanged,
  shareProblems,
} from './collaboration-rules.js';

// Three organisations take part: the lead 시 (dept L), a 구 (dept P); the ministry coordinates;
// an outsider organisation has nothing to do with it.
const facts: CollaborationFacts = {
  leadOrganisationId: 'si',
  coordinatorOrganisationId: 'ministry',
  participants: [
    { organisationId: 'si', departmentId: 'L' },
    { organisationId: 'gu', departmentId: 'P' },
  ],
};

const user = (organisationId: string, departmentId: string, ...roles: Role[]): AuthUser => ({
  id: `${organisationId}-${departmentId}-${roles.join('+')}`,
  sessionId: 's',
  organisationId,
  departmentId,
  roles,
  name: '홍길동',
  email: 'x@test.kr',
  language: 'ko',
});

describe('collaboration rules', () => {
  describe('who reads', () => {
    const cases: Array<[string, AuthUser, boolean]> = [
      ['lead PROACTIVE_OFFICE', user('si', 'O', Role.PROACTIVE_OFFICE), true],
      ['lead AUDITOR', user('si', 'A', Role.AUDITOR), true],
      ['lead department STAFF', user('si', 'L', Role.STAFF), true],
      ['another department of the lead (STAFF)', user('si', 'X', Role.STAFF), false],
      ['participant PROACTIVE_OFFICE', user('gu', 'O', Role.PROACTIVE_OFFICE), true],
      ['participant AUDITOR', user('gu', 'A', Role.AUDITOR), true],
      ['participant responsible department DEPT_HEAD', user('gu', 'P', Role.DEPT_HEAD), true],
      ['participant responsible department STAFF', user('gu', 'P', Role.STAFF), true],
      ['another department of the participant', user('gu', 'Q', Role.DEPT_HEAD), false],
      ['participant COMMITTEE', user('gu', 'P', Role.COMMITTEE), false],
      ['participant ADMIN', user('gu', 'O', Role.ADMIN), false],
      ['coordinator PROACTIVE_OFFICE', user('ministry', 'O', Role.PROACTIVE_OFFICE), true],
      ['coordinator AUDITOR', user('ministry', 'A', Role.AUDITOR), true],
      ['coordinator STAFF', user('ministry', 'M', Role.STAFF), false],
      ['outsider PROACTIVE_OFFICE', user('other', 'O', Role.PROACTIVE_OFFICE), false],
      ['outsider STAFF in a department id equal by chance', user('other', 'Z', Role.STAFF), false],
    ];
    it.each(cases)('%s: %s', (_name, u, expected) => {
      expect(canReadCollaboration(u, facts)).toBe(expected);
    });
  });

  describe('who may do what', () => {
    // [who, edit, agree, designateFocus, completes own share]
    const table: Array<[string, AuthUser, boolean, boolean, boolean, boolean]> = [
      ['lead PROACTIVE_OFFICE', user('si', 'O', Role.PROACTIVE_OFFICE), true, true, false, true],
      ['lead AUDITOR', user('si', 'A', Role.AUDITOR), false, false, false, false],
      ['lead department STAFF', user('si', 'L', Role.STAFF), false, false, false, true],
      ['lead department DEPT_HEAD', user('si', 'L', Role.DEPT_HEAD), false, true, false, true],
      [
        'participant PROACTIVE_OFFICE',
        user('gu', 'O', Role.PROACTIVE_OFFICE),
        false,
        true,
        false,
        true,
      ],
      ['participant AUDITOR', user('gu', 'A', Role.AUDITOR), false, false, false, false],
      ['participant department STAFF', user('gu', 'P', Role.STAFF), false, false, false, true],
      [
        'participant department DEPT_HEAD',
        user('gu', 'P', Role.DEPT_HEAD),
        false,
        true,
        false,
        true,
      ],
      [
        'participant other department DEPT_HEAD',
        user('gu', 'Q', Role.DEPT_HEAD),
        false,
        false,
        false,
        false,
      ],
      [
        'coordinator PROACTIVE_OFFICE',
        user('ministry', 'O', Role.PROACTIVE_OFFICE),
        false,
        false,
        true,
        false,
      ],
      ['coordinator AUDITOR', user('ministry', 'A', Role.AUDITOR), false, false, false, false],
      [
        'outsider PROACTIVE_OFFICE',
        user('other', 'O', Role.PROACTIVE_OFFICE),
        false,
        false,
        false,
        false,
      ],
    ];
    it.each(table)('%s', (_name, u, edit, agree, focus, complete) => {
      expect(mayEdit(u, facts)).toBe(edit);
      expect(mayAgree(u, facts)).toBe(agree);
      expect(mayDesignateFocus(u, facts)).toBe(focus);
      expect(mayCompleteShare(u, facts, u.organisationId)).toBe(complete);
      const actions = allowedCollaborationActions(u, facts);
      expect(actions.includes('edit')).toBe(edit);
      expect(actions.includes('agree')).toBe(agree);
      expect(actions.includes('designateFocus')).toBe(focus);
      expect(actions.includes('completeShare')).toBe(complete);
    });

    it('a participant completes only its own share, never another participant’s', () => {
      const guStaff = user('gu', 'P', Role.STAFF);
      const guOffice = user('gu', 'O', Role.PROACTIVE_OFFICE);
      const siHead = user('si', 'L', Role.DEPT_HEAD);
      expect(mayCompleteShare(guStaff, facts, 'gu')).toBe(true);
      expect(mayCompleteShare(guStaff, facts, 'si')).toBe(false);
      expect(mayCompleteShare(guOffice, facts, 'si')).toBe(false);
      expect(mayCompleteShare(siHead, facts, 'gu')).toBe(false);
      // Not a participant at all (the coordinator), or an unknown share organisation.
      expect(
        mayCompleteShare(user('ministry', 'O', Role.PROACTIVE_OFFICE), facts, 'ministry'),
      ).toBe(false);
      expect(mayCompleteShare(guStaff, facts, 'nobody')).toBe(false);
    });

    it('a coordinator that is also the lead edits and designates', () => {
      const same = { ...facts, coordinatorOrganisationId: 'si' };
      const office = user('si', 'O', Role.PROACTIVE_OFFICE);
      expect(allowedCollaborationActions(office, same)).toEqual([
        'edit',
        'agree',
        'designateFocus',
        'completeShare',
      ]);
    });
  });

  describe('the agreement reset rule', () => {
    const plan: AgreedPlan = {
      goals: '목표',
      plan: '계획',
      shares: new Map([
        ['m1', 'si'],
        ['m2', 'gu'],
      ]),
    };
    it('nothing agreed to changed: agreements stay', () => {
      expect(planChanged(plan, { ...plan, shares: new Map(plan.shares) })).toBe(false);
    });
    it.each<[string, Partial<AgreedPlan>]>([
      ['goals', { goals: '새 목표' }],
      ['plan', { plan: '새 계획' }],
      [
        'a share moved to another participant',
        {
          shares: new Map([
            ['m1', 'gu'],
            ['m2', 'gu'],
          ]),
        },
      ],
      ['a share removed', { shares: new Map([['m1', 'si']]) }],
      [
        'a share added',
        {
          shares: new Map([
            ['m1', 'si'],
            ['m2', 'gu'],
            ['m3', 'gu'],
          ]),
        },
      ],
      [
        'the same count, other milestones',
        {
          shares: new Map([
            ['m1', 'si'],
            ['m3', 'gu'],
          ]),
        },
      ],
    ])('%s: agreements reset', (_name, change) => {
      expect(planChanged(plan, { ...plan, ...change })).toBe(true);
    });
  });

  describe('validation of shares and participant lists', () => {
    const milestones = new Set(['m1', 'm2']);
    const participants = new Set(['si', 'gu']);
    const fields = (d: Array<{ field: string; code: string }>) => d.map((x) => [x.field, x.code]);

    it('accepts every milestone of the task to a participant, and none at all', () => {
      expect(
        shareProblems(
          [
            { milestoneId: 'm1', organisationId: 'si' },
            { milestoneId: 'm2', organisationId: 'gu' },
          ],
          milestones,
          participants,
        ),
      ).toEqual([]);
      expect(shareProblems([], milestones, participants)).toEqual([]);
    });

    it('names each bad item: another task’s milestone, a repeat, a non-participant', () => {
      const problems = shareProblems(
        [
          { milestoneId: 'other-task', organisationId: 'si' },
          { milestoneId: 'm1', organisationId: 'gu' },
          { milestoneId: 'm1', organisationId: 'si' },
          { milestoneId: 'm2', organisationId: 'outsider' },
        ],
        milestones,
        participants,
      );
      expect(fields(problems)).toEqual([
        ['shares.0.milestoneId', 'taskMilestone'],
        ['shares.2.milestoneId', 'unique'],
        ['shares.3.organisationId', 'participant'],
      ]);
      for (const p of problems) expect(p.message.ko).toMatch(/\S/);
    });

    it('a participant list names each organisation once and never the lead', () => {
      expect(
        participantListProblems('si', [{ organisationId: 'gu' }, { organisationId: 'x' }]),
      ).toEqual({
        problems: [],
        toCheck: [0, 1],
      });
      const { problems, toCheck } = participantListProblems('si', [
        { organisationId: 'si' },
        { organisationId: 'gu' },
        { organisationId: 'gu' },
      ]);
      expect(fields(problems)).toEqual([
        ['participants.0.organisationId', 'unique'],
        ['participants.2.organisationId', 'unique'],
      ]);
      expect(toCheck).toEqual([1]);
    });
  });
});
