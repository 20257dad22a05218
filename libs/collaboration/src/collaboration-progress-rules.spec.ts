import { type AuthUser, Role } from '@gwaje/identity';
import {
  type CoordinatedTaskFacts,
  coordinatorFigures,
  mayWriteContribution,
  reviewingOrganisation,
} from './collaboration-progress-rules.js';
import type { CollaborationFacts } from './collaboration-rules.js';

// The lead 시 (dept L), a 구 (dept P) taking part; the ministry coordinates.
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

describe('collaboration shared progress rules', () => {
  describe('who writes a participant’s contribution', () => {
    const cases: Array<[string, AuthUser, string, boolean]> = [
      ['the 구’s responsible STAFF, its own', user('gu', 'P', Role.STAFF), 'gu', true],
      ['the 구’s responsible DEPT_HEAD, its own', user('gu', 'P', Role.DEPT_HEAD), 'gu', true],
      ['the 구’s office, its own', user('gu', 'X', Role.PROACTIVE_OFFICE), 'gu', true],
      ['the 구’s STAFF of another department', user('gu', 'Q', Role.STAFF), 'gu', false],
      ['the 구’s auditor', user('gu', 'A', Role.AUDITOR), 'gu', false],
      ['the 구’s STAFF, the lead’s part', user('gu', 'P', Role.STAFF), 'si', false],
      ['the lead’s STAFF, the 구’s part', user('si', 'L', Role.STAFF), 'gu', false],
      ['the lead’s office, the 구’s part', user('si', 'O', Role.PROACTIVE_OFFICE), 'gu', false],
      ['the lead’s STAFF, its own', user('si', 'L', Role.STAFF), 'si', true],
      ['the coordinator’s office', user('ministry', 'O', Role.PROACTIVE_OFFICE), 'ministry', false],
      ['an outsider, in its own name', user('other', 'O', Role.PROACTIVE_OFFICE), 'other', false],
    ];
    it.each(cases)('%s', (_name, u, org, expected) => {
      expect(mayWriteContribution(u, facts, org)).toBe(expected);
    });
  });

  it('the review goes to the lead (LEAD_AUDITOR) or the coordinator (COORDINATOR)', () => {
    expect(reviewingOrganisation('LEAD_AUDITOR', facts)).toBe('si');
    expect(reviewingOrganisation('COORDINATOR', facts)).toBe('ministry');
  });

  describe('the coordinator’s figures', () => {
    const t = (over: Partial<CoordinatedTaskFacts>): CoordinatedTaskFacts => ({
      leadOrganisationId: 'si',
      leadOrganisationName: '서울특별시',
      focus: false,
      status: 'IN_PROGRESS',
      delayed: false,
      agreementsMissing: 0,
      ...over,
    });

    it('no task: every count zero, every status listed, no lead', () => {
      const f = coordinatorFigures([]);
      expect(f).toMatchObject({
        total: 0,
        focus: 0,
        agencyManaged: 0,
        delayed: 0,
        focusDelayed: 0,
        awaitingAgreement: 0,
        agreementsMissing: 0,
        byLead: [],
        extensions: {},
      });
      expect(Object.keys(f.byStatus).sort()).toEqual(
        [
          'COMPLETED',
          'DRAFT',
          'DROPPED',
          'IN_PROGRESS',
          'PROPOSED',
          'REJECTED',
          'SELECTED',
          'SUSPENDED',
        ].sort(),
      );
      expect(Object.values(f.byStatus).every((n) => n === 0)).toBe(true);
    });

    it('counts focus and agency-managed, status, delay and agreements, in all and per lead', () => {
      const gu = { leadOrganisationId: 'gu', leadOrganisationName: '노원구' };
      const f = coordinatorFigures(
        [
          t({ focus: true, delayed: true, agreementsMissing: 2 }),
          t({ focus: true, status: 'COMPLETED' }),
          t({ status: 'SELECTED', agreementsMissing: 1 }),
          t({ ...gu, delayed: true }),
          t({ ...gu, status: 'SUSPENDED', agreementsMissing: 3 }),
        ],
        { sos: { open: 1 } },
      );
      expect(f).toMatchObject({
        total: 5,
        focus: 2,
        agencyManaged: 3,
        delayed: 2,
        focusDelayed: 1,
        awaitingAgreement: 3,
        agreementsMissing: 6,
        extensions: { sos: { open: 1 } },
      });
      expect(f.byStatus).toMatchObject({ IN_PROGRESS: 2, COMPLETED: 1, SELECTED: 1, SUSPENDED: 1 });
      expect(f.byStatus.DRAFT).toBe(0);
      expect(f.byLead).toEqual([
        {
          organisationId: 'si',
          organisationName: '서울특별시',
          total: 3,
          focus: 2,
          agencyManaged: 1,
          delayed: 1,
          awaitingAgreement: 2,
          agreementsMissing: 3,
        },
        {
          organisationId: 'gu',
          organisationName: '노원구',
          total: 2,
          focus: 0,
          agencyManaged: 2,
          delayed: 1,
          awaitingAgreement: 1,
          agreementsMissing: 3,
        },
      ]);
    });
  });
});
