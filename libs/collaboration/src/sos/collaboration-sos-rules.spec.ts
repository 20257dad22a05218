import { type AuthUser, Role } from '@gwaje/identity';
import {
  allowedSosActions,
  blockingProblems,
  mayEverTake,
  SOS_ACTIONS,
  SOS_STATUSES,
  sosActors,
  sosAgeDays,
  sosDueDate,
  type SosFacts,
  sosTransition,
  staffDecisionProblems,
  staffRequestProblems,
} from './collaboration-sos-rules.js';

// The 시 leads, the 구 takes part (its contact: gu-contact), the ministry coordinates; the 구 is
// named as blocking. A 구 STAFF filed the SOS.
const user = (id: string, organisationId: string, ...roles: Role[]): AuthUser => ({
  id,
  sessionId: 's',
  organisationId,
  departmentId: 'd',
  roles,
  name: '홍길동',
  email: 'x@test.kr',
  language: 'ko',
});
const filer = user('filer', 'gu', Role.STAFF);
const guContact = user('gu-contact', 'gu', Role.STAFF);
const guOffice = user('gu-office', 'gu', Role.PROACTIVE_OFFICE);
const siOffice = user('si-office', 'si', Role.PROACTIVE_OFFICE);
const siStaff = user('si-staff', 'si', Role.STAFF);
const ministryOffice = user('m-office', 'ministry', Role.PROACTIVE_OFFICE);
const ministryAuditor = user('m-auditor', 'ministry', Role.AUDITOR);

const facts = (over: Partial<SosFacts> = {}): SosFacts => ({
  status: 'OPEN',
  needKind: 'RULE_INTERPRETATION',
  staffDecided: false,
  filedBy: 'filer',
  leadOrganisationId: 'si',
  coordinatorOrganisationId: 'ministry',
  blockingOrganisationId: 'gu',
  blockingContactUserId: 'gu-contact',
  ...over,
});

describe('협업SOS rules', () => {
  describe('who stands how to an SOS', () => {
    it.each([
      ['the filer', filer, ['FILER']],
      ['the blocking participant’s contact', guContact, ['ANSWERER']],
      ['the blocking organisation’s office', guOffice, ['ANSWERER']],
      ['the lead’s office', siOffice, ['LEAD']],
      ['the lead’s staff', siStaff, []],
      ['the coordinator’s office', ministryOffice, ['COORDINATOR', 'ANSWERER']],
      ['the coordinator’s auditor', ministryAuditor, []],
    ] as const)('%s', (_name, u, expected) => {
      expect([...sosActors(u, facts())].sort()).toEqual([...expected].sort());
    });

    it('without a blocking organisation only the coordinator answers', () => {
      const f = facts({ blockingOrganisationId: null, blockingContactUserId: null });
      expect(sosActors(guOffice, f).has('ANSWERER')).toBe(false);
      expect(sosActors(guContact, f).has('ANSWERER')).toBe(false);
      expect(sosActors(ministryOffice, f).has('ANSWERER')).toBe(true);
    });
  });

  describe('the state machine, over the whole table', () => {
    // [status, user, allowed actions]
    const table: Array<[string, string, AuthUser, string[]]> = [
      ['OPEN', 'filer', filer, ['edit', 'resolve', 'close']],
      ['OPEN', 'guContact', guContact, ['answer']],
      ['OPEN', 'guOffice', guOffice, ['answer']],
      ['OPEN', 'siOffice', siOffice, ['resolve']],
      ['OPEN', 'ministryOffice', ministryOffice, ['answer', 'close']],
      ['OPEN', 'ministryAuditor', ministryAuditor, []],
      ['ANSWERED', 'filer', filer, ['resolve', 'reopen', 'close']],
      ['ANSWERED', 'guOffice', guOffice, []],
      ['ANSWERED', 'siOffice', siOffice, ['resolve', 'reopen']],
      ['ANSWERED', 'ministryOffice', ministryOffice, ['close']],
      ['RESOLVED', 'filer', filer, []],
      ['RESOLVED', 'ministryOffice', ministryOffice, []],
      ['CLOSED', 'filer', filer, []],
      ['CLOSED', 'siOffice', siOffice, []],
    ];
    it.each(table)('%s: what %s may do', (status, _name, u, expected) => {
      expect(allowedSosActions(u, facts({ status: status as SosFacts['status'] }))).toEqual(
        expected,
      );
    });

    it('every transition leads to a known state, and RESOLVED and CLOSED are final', () => {
      for (const status of SOS_STATUSES)
        for (const action of SOS_ACTIONS) {
          const t = sosTransition({ status, needKind: 'STAFF', staffDecided: false }, action);
          if (t) expect(SOS_STATUSES).toContain(t.to);
          if (status === 'RESOLVED' || status === 'CLOSED') expect(t).toBeUndefined();
        }
    });

    it('the 협업정원 decision: the coordinator, once, on a STAFF request only', () => {
      const staff = facts({ needKind: 'STAFF' });
      expect(allowedSosActions(ministryOffice, staff)).toEqual(['answer', 'decideStaff', 'close']);
      expect(allowedSosActions(ministryOffice, { ...staff, status: 'ANSWERED' })).toEqual([
        'decideStaff',
        'close',
      ]);
      expect(allowedSosActions(ministryOffice, { ...staff, staffDecided: true })).toEqual([
        'answer',
        'close',
      ]);
      expect(allowedSosActions(ministryOffice, facts())).not.toContain('decideStaff');
      expect(allowedSosActions(guOffice, staff)).toEqual(['answer']);
      expect(sosTransition({ ...staff, status: 'OPEN' }, 'decideStaff')?.to).toBe('ANSWERED');
    });

    it('tells a refusal by role (403) from a refusal by state (409)', () => {
      // The filer may answer in no state: a 403.
      expect(mayEverTake(filer, facts(), 'answer')).toBe(false);
      // The coordinator may answer, just not once answered: a 409.
      expect(mayEverTake(ministryOffice, facts({ status: 'ANSWERED' }), 'answer')).toBe(true);
      expect(allowedSosActions(ministryOffice, facts({ status: 'ANSWERED' }))).not.toContain(
        'answer',
      );
      expect(mayEverTake(siStaff, facts(), 'resolve')).toBe(false);
    });
  });

  describe('the answer deadline in business days', () => {
    it('counts business days after the filing day, skipping the weekend', () => {
      // Thursday 2026-11-26: Friday 27, (weekend), Monday 30, Tuesday 1 December.
      expect(sosDueDate('2026-11-26', 3)).toBe('2026-12-01');
      // Filed on a Saturday: Monday, Tuesday, Wednesday.
      expect(sosDueDate('2026-11-28', 3)).toBe('2026-12-02');
    });

    it('skips public holidays (Christmas 2026 falls on a Friday)', () => {
      // Wednesday 2026-12-23: Thursday 24, (Friday 25 성탄절, weekend), Monday 28.
      expect(sosDueDate('2026-12-23', 2)).toBe('2026-12-28');
      // Across 추석 2026 (24–26 September; the 26th a Saturday): filed on Wednesday the 23rd.
      expect(sosDueDate('2026-09-23', 1)).toBe('2026-09-28');
    });

    it('ages in calendar days', () => {
      expect(sosAgeDays('2026-11-26', '2026-11-26')).toBe(0);
      expect(sosAgeDays('2026-11-26', '2026-12-03')).toBe(7);
      expect(sosAgeDays('2026-11-26', '2026-11-20')).toBe(0);
    });
  });

  describe('the blocking organisation', () => {
    it('must take part or coordinate; the field is named', () => {
      expect(blockingProblems(undefined, ['si', 'gu'], 'ministry')).toEqual([]);
      expect(blockingProblems('gu', ['si', 'gu'], 'ministry')).toEqual([]);
      expect(blockingProblems('ministry', ['si', 'gu'], 'ministry')).toEqual([]);
      expect(blockingProblems('outsider', ['si', 'gu'], 'ministry').map((d) => d.field)).toEqual([
        'blockingOrganisationId',
      ]);
    });
  });

  describe('협업정원 requests', () => {
    const ok = { count: 2, grade: '행정6급', months: 12, reason: '현장 인력 부족' };
    const fields = (kind: 'STAFF' | 'BUDGET', s: object | undefined) =>
      staffRequestProblems(kind, s, '2026-11-26').map((d) => `${d.field}:${d.code}`);

    it('needs how many, which grade, how long (months or an end date, one of them) and why', () => {
      expect(fields('STAFF', ok)).toEqual([]);
      expect(fields('STAFF', { ...ok, months: undefined, untilDate: '2027-12-31' })).toEqual([]);
      expect(fields('STAFF', undefined)).toEqual(['staffRequest:required']);
      expect(fields('STAFF', { count: 0, grade: ' ', reason: '' })).toEqual([
        'staffRequest.count:range',
        'staffRequest.grade:required',
        'staffRequest.reason:required',
        'staffRequest.months:oneTerm',
      ]);
      expect(fields('STAFF', { ...ok, untilDate: '2027-12-31' })).toEqual([
        'staffRequest.months:oneTerm',
      ]);
      expect(fields('STAFF', { ...ok, months: 61 })).toEqual(['staffRequest.months:range']);
      expect(fields('STAFF', { ...ok, months: undefined, untilDate: '2026-11-26' })).toEqual([
        'staffRequest.untilDate:afterFiling',
      ]);
    });

    it('belong to STAFF requests only', () => {
      expect(fields('BUDGET', undefined)).toEqual([]);
      expect(fields('BUDGET', ok)).toEqual(['staffRequest:staffOnly']);
    });

    it('are decided as all, part (1 to one less than asked) or none', () => {
      expect(staffDecisionProblems('APPROVED', undefined, 3)).toEqual({ problems: [], granted: 3 });
      expect(staffDecisionProblems('APPROVED', 3, 3).granted).toBe(3);
      expect(staffDecisionProblems('APPROVED', 2, 3).problems.map((d) => d.field)).toEqual([
        'approvedCount',
      ]);
      expect(staffDecisionProblems('PARTLY_APPROVED', 2, 3)).toEqual({ problems: [], granted: 2 });
      for (const n of [undefined, 0, 3])
        expect(staffDecisionProblems('PARTLY_APPROVED', n, 3).problems).toHaveLength(1);
      expect(staffDecisionProblems('REJECTED', undefined, 3)).toEqual({ problems: [], granted: 0 });
      expect(staffDecisionProblems('REJECTED', 1, 3).problems).toHaveLength(1);
    });
  });
});
