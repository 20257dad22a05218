import { receivedOnProblems } from '../shared/receipt-rules.js';
import { type AuthUser, Role } from '@gwaje/identity';
import {
  allowedPassiveReportActions,
  conclusionProblems,
  extendedDueDate,
  extensionProblems,
  mayEverTakePassiveReportAction,
  PASSIVE_REPORT_ACTIONS,
  PASSIVE_REPORT_STATUSES,
  passiveReportDueDate,
  type PassiveReportFacts,
  type PassiveReportStatus,
  passiveReportTransition,
  passiveReportVisibility,
  reporterProblems,
} from './passive-report-rules.js';

const user = (departmentId: string, organisationId: string, ...roles: Role[]): AuthUser => ({
  id: `${departmentId}-${roles.join('-')}`,
  sessionId: 's',
  organisationId,
  departmentId,
  roles,
  name: '홍길동',
  email: 'x@test.kr',
  language: 'ko',
});
// The report concerns the 청소행정과 ('cleaning') of the 구 ('gu').
const auditor = user('audit', 'gu', Role.AUDITOR);
const office = user('office', 'gu', Role.PROACTIVE_OFFICE);
const deptStaff = user('cleaning', 'gu', Role.STAFF);
const deptHead = user('cleaning', 'gu', Role.DEPT_HEAD);
const otherStaff = user('welfare', 'gu', Role.STAFF);
const committee = user('cleaning', 'gu', Role.COMMITTEE);
const admin = user('cleaning', 'gu', Role.ADMIN);
const foreignAuditor = user('audit', 'other', Role.AUDITOR);

const facts = (over: Partial<PassiveReportFacts> = {}): PassiveReportFacts => ({
  organisationId: 'gu',
  departmentId: 'cleaning',
  status: 'RECEIVED',
  extended: false,
  ...over,
});

describe('소극행정 신고 rules', () => {
  describe('who sees a report', () => {
    const seen = (u: AuthUser, status: PassiveReportStatus) =>
      passiveReportVisibility(u, facts({ status }));

    it.each(PASSIVE_REPORT_STATUSES)('%s: the audit unit and the office in every state', (s) => {
      expect(seen(auditor, s)).toBe('AUDIT');
      expect(seen(office, s)).toBe('OFFICE');
      // The audit unit's view wins over any other role the user holds.
      expect(seen(user('audit', 'gu', Role.PROACTIVE_OFFICE, Role.AUDITOR), s)).toBe('AUDIT');
    });

    it('the department concerned only once concluded; nobody else ever', () => {
      for (const status of PASSIVE_REPORT_STATUSES) {
        const concluded = status === 'CONCLUDED';
        expect(seen(deptStaff, status)).toBe(concluded ? 'DEPARTMENT' : null);
        expect(seen(deptHead, status)).toBe(concluded ? 'DEPARTMENT' : null);
        for (const u of [otherStaff, committee, admin, foreignAuditor])
          expect({ u: u.id, seen: seen(u, status) }).toEqual({ u: u.id, seen: null });
      }
    });
  });

  describe('the state machine, over the whole table', () => {
    const table: Array<[PassiveReportStatus, boolean, string[]]> = [
      ['RECEIVED', false, ['edit', 'assign', 'close']],
      ['INVESTIGATING', false, ['edit', 'assign', 'extend', 'conclude', 'close']],
      ['INVESTIGATING', true, ['edit', 'assign', 'conclude', 'close']],
      ['CONCLUDED', false, []],
      ['CLOSED', false, []],
    ];
    it.each(table)('%s (extended: %s): the audit unit may %j', (status, extended, expected) => {
      expect(allowedPassiveReportActions(auditor, facts({ status, extended }))).toEqual(expected);
      // Nobody else may do anything, in any state.
      for (const u of [office, deptStaff, deptHead, otherStaff, foreignAuditor])
        expect(allowedPassiveReportActions(u, facts({ status, extended }))).toEqual([]);
    });

    it('leads RECEIVED → INVESTIGATING → CONCLUDED, or to CLOSED before the conclusion', () => {
      expect(passiveReportTransition(facts(), 'assign')?.to).toBe('INVESTIGATING');
      expect(passiveReportTransition(facts({ status: 'INVESTIGATING' }), 'assign')?.to).toBe(
        'INVESTIGATING',
      );
      expect(passiveReportTransition(facts({ status: 'INVESTIGATING' }), 'conclude')?.to).toBe(
        'CONCLUDED',
      );
      expect(passiveReportTransition(facts(), 'conclude')).toBeUndefined();
      expect(passiveReportTransition(facts(), 'extend')).toBeUndefined();
      expect(passiveReportTransition(facts(), 'close')?.to).toBe('CLOSED');
      expect(passiveReportTransition(facts({ status: 'INVESTIGATING' }), 'edit')?.to).toBe(
        'INVESTIGATING',
      );
      for (const status of PASSIVE_REPORT_STATUSES)
        for (const action of PASSIVE_REPORT_ACTIONS) {
          const t = passiveReportTransition({ status, extended: false }, action);
          if (t) expect(PASSIVE_REPORT_STATUSES).toContain(t.to);
          if (status === 'CONCLUDED' || status === 'CLOSED') expect(t).toBeUndefined();
        }
    });

    it('tells a refusal by role (403) from a refusal by state (409)', () => {
      // The office reads the report but may never investigate it: a 403.
      expect(mayEverTakePassiveReportAction(office, facts(), 'assign')).toBe(false);
      expect(
        mayEverTakePassiveReportAction(deptHead, facts({ status: 'CONCLUDED' }), 'close'),
      ).toBe(false);
      // The audit unit may conclude, just not before an investigation: a 409.
      expect(mayEverTakePassiveReportAction(auditor, facts(), 'conclude')).toBe(true);
      expect(allowedPassiveReportActions(auditor, facts())).not.toContain('conclude');
    });
  });

  describe('the investigation deadline in business days', () => {
    it('counts business days after the day of receipt, skipping weekends', () => {
      // Monday 2026-11-02 + 14 business days: two full weeks later, Friday 2026-11-20.
      expect(passiveReportDueDate('2026-11-02', 14)).toBe('2026-11-20');
      // Received on a Saturday: counting starts on Monday 2026-11-09.
      expect(passiveReportDueDate('2026-11-07', 1)).toBe('2026-11-09');
    });

    it('skips public holidays (성탄절 2026 is a Friday)', () => {
      // Wednesday 2026-12-16 + 14: 17, 18, 21–24 (6), (25 성탄절), 28–31 (10), (1 January 2027
      // 신정), 4–7 January (14).
      expect(passiveReportDueDate('2026-12-16', 14)).toBe('2027-01-07');
    });

    it('extends from the current deadline, in business days', () => {
      expect(extendedDueDate('2026-11-20', 14)).toBe('2026-12-10');
      expect(extendedDueDate('2026-12-24', 1)).toBe('2026-12-28');
    });

    it('allows one extension of 1 to the maximum, with a reason', () => {
      expect(extensionProblems(14, 14, '자료 제출 지연')).toEqual([]);
      expect(extensionProblems(15, 14, '사유').map((d) => d.field)).toEqual(['businessDays']);
      expect(extensionProblems(0, 14, '사유').map((d) => d.field)).toEqual(['businessDays']);
      expect(extensionProblems(5, 14, '  ').map((d) => d.field)).toEqual(['reason']);
    });
  });

  describe('bad input names the field', () => {
    it('a day of receipt in the future', () => {
      expect(receivedOnProblems('2026-12-05', '2026-12-04').map((d) => d.field)).toEqual([
        'receivedOn',
      ]);
      expect(receivedOnProblems('2026-12-04', '2026-12-04')).toEqual([]);
    });

    it('a named reporter needs a name; an anonymous one takes no identity', () => {
      expect(reporterProblems(false, { name: '홍길동' })).toEqual([]);
      expect(reporterProblems(false, { contact: '010' }).map((d) => d.field)).toEqual([
        'reporter.name',
      ]);
      expect(reporterProblems(false, undefined).map((d) => d.field)).toEqual(['reporter.name']);
      expect(reporterProblems(true, undefined)).toEqual([]);
      expect(reporterProblems(true, { name: '홍길동' }).map((d) => d.field)).toEqual(['reporter']);
    });

    it('a conclusion needs its outcome and findings, on a day from the receipt to today', () => {
      const ok = { outcome: 'CAUTION', findings: '주의', concludedOn: '2026-11-20' };
      const fields = (o: { outcome?: string | null; findings?: string; concludedOn?: string }) =>
        conclusionProblems({ ...ok, ...o }, '2026-11-02', '2026-12-04').map((d) => d.field);
      expect(fields({})).toEqual([]);
      expect(fields({ outcome: null, findings: ' ' })).toEqual(['outcome', 'findings']);
      expect(fields({ outcome: 'PRAISE' })).toEqual(['outcome']);
      expect(fields({ concludedOn: '2026-11-01' })).toEqual(['concludedOn']);
      expect(fields({ concludedOn: '2026-12-05' })).toEqual(['concludedOn']);
    });
  });
});
