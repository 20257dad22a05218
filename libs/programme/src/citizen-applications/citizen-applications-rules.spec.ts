import { receivedOnProblems } from '../shared/receipt-rules.js';
import { Role } from '@gwaje/identity';
import {
  allowedApplicationActions,
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  type ApplicationAction,
  applicationDueDate,
  type ApplicationStatus,
  applicationTransition,
  businessDaysBetween,
  contactProblems,
  dateProblems,
  mayEverTakeApplicationAction,
  readsApplication,
  readsPersonalData,
} from './citizen-applications-rules.js';
import { applicationStatistics } from './citizen-applications-views.js';

const ORG = 'org';
const DEPT = 'dept';
const user = (roles: Role[], departmentId = 'other', organisationId = ORG) => ({
  organisationId,
  departmentId,
  roles,
});
const office = user([Role.PROACTIVE_OFFICE], 'office');
const staff = user([Role.STAFF], DEPT);
const head = user([Role.DEPT_HEAD], DEPT);
const auditor = user([Role.AUDITOR], 'audit');
const otherStaff = user([Role.STAFF], 'other');
const outsiderOffice = user([Role.PROACTIVE_OFFICE], 'office', 'parent');
const facts = (status: ApplicationStatus, departmentId: string | null = DEPT) => ({
  status,
  organisationId: ORG,
  departmentId,
});

describe('국민신청 state machine', () => {
  // The whole table, written out: (state, action) → state and who.
  const EXPECTED: Record<string, [ApplicationStatus, string[]] | undefined> = {
    'RECEIVED assign': ['ASSIGNED', ['OFFICE']],
    'ASSIGNED assign': ['ASSIGNED', ['OFFICE']],
    'UNDER_REVIEW assign': ['ASSIGNED', ['OFFICE']],
    'COMMITTEE_OPINION_REQUESTED assign': ['ASSIGNED', ['OFFICE']],
    'ASSIGNED startReview': ['UNDER_REVIEW', ['DEPARTMENT']],
    'UNDER_REVIEW recordReview': ['UNDER_REVIEW', ['DEPARTMENT']],
    'UNDER_REVIEW requestOpinion': ['COMMITTEE_OPINION_REQUESTED', ['OFFICE']],
    'COMMITTEE_OPINION_REQUESTED recordOpinion': ['UNDER_REVIEW', ['OFFICE']],
    'UNDER_REVIEW decide': ['DECIDED', ['DEPARTMENT_HEAD', 'OFFICE']],
    'DECIDED reply': ['REPLIED', ['DEPARTMENT', 'OFFICE']],
  };

  it.each(APPLICATION_STATUSES.flatMap((s) => APPLICATION_ACTIONS.map((a) => [s, a] as const)))(
    '%s --%s-->',
    (status, action) => {
      const t = applicationTransition(status, action);
      const want = EXPECTED[`${status} ${action}`];
      expect(t ? [t.to, [...t.by]] : undefined).toEqual(want);
    },
  );

  it('has no transition out of REPLIED and none twice', () => {
    expect(APPLICATION_TRANSITIONS.filter((t) => t.from === 'REPLIED')).toEqual([]);
    const keys = APPLICATION_TRANSITIONS.map((t) => `${t.from} ${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('allows each actor what its role and the state allow', () => {
    const allowed = (u: ReturnType<typeof user>, s: ApplicationStatus, d: string | null = DEPT) =>
      allowedApplicationActions(u, facts(s, d));
    expect(allowed(office, 'RECEIVED', null)).toEqual(['assign']);
    expect(allowed(staff, 'ASSIGNED')).toEqual(['startReview']);
    expect(allowed(office, 'UNDER_REVIEW')).toEqual(['assign', 'requestOpinion', 'decide']);
    expect(allowed(staff, 'UNDER_REVIEW')).toEqual(['recordReview']);
    expect(allowed(head, 'UNDER_REVIEW')).toEqual(['recordReview', 'decide']);
    expect(allowed(office, 'COMMITTEE_OPINION_REQUESTED')).toEqual(['assign', 'recordOpinion']);
    expect(allowed(head, 'COMMITTEE_OPINION_REQUESTED')).toEqual([]);
    expect(allowed(staff, 'DECIDED')).toEqual(['reply']);
    expect(allowed(office, 'REPLIED')).toEqual([]);
    for (const u of [auditor, otherStaff, outsiderOffice])
      for (const s of APPLICATION_STATUSES) expect(allowed(u, s)).toEqual([]);
  });

  it('refuses by role (403) apart from refusing by state (409)', () => {
    const ever = (u: ReturnType<typeof user>, a: ApplicationAction) =>
      mayEverTakeApplicationAction(u, facts('DECIDED'), a);
    expect(ever(staff, 'decide')).toBe(false);
    expect(ever(head, 'decide')).toBe(true);
    expect(ever(staff, 'assign')).toBe(false);
    expect(ever(auditor, 'reply')).toBe(false);
    expect(ever(office, 'startReview')).toBe(false);
  });

  it('personal data: the office and the assigned department; auditors read masked; others nothing', () => {
    const f = facts('UNDER_REVIEW');
    expect([office, staff, head].map((u) => readsPersonalData(u, f))).toEqual([true, true, true]);
    expect([auditor, otherStaff, outsiderOffice].map((u) => readsPersonalData(u, f))).toEqual([
      false,
      false,
      false,
    ]);
    expect([auditor, otherStaff, outsiderOffice].map((u) => readsApplication(u, f))).toEqual([
      true,
      false,
      false,
    ]);
    // Before assignment, no department reads it.
    expect(readsApplication(staff, facts('RECEIVED', null))).toBe(false);
  });
});

describe('국민신청 처리기한 and dates', () => {
  it('is the n-th business day after receipt, weekends and holidays not counted', () => {
    // Monday 2026-03-02 (the day after 삼일절 on Sunday 1 March, itself 대체공휴일): 14 business days
    // from Tuesday 3 March → Friday 20 March.
    expect(applicationDueDate('2026-03-02', 14)).toBe('2026-03-20');
    // Received Friday 2026-11-27: Monday 30 is the 1st business day.
    expect(applicationDueDate('2026-11-27', 1)).toBe('2026-11-30');
    // Across 성탄절 (Friday 2026-12-25): received Wednesday 23, 3 business days → Tuesday 29.
    expect(applicationDueDate('2026-12-23', 3)).toBe('2026-12-29');
    // Received on a Saturday: counted from the Monday.
    expect(applicationDueDate('2026-11-28', 1)).toBe('2026-11-30');
  });

  it('counts business days between two dates, the first not included', () => {
    expect(businessDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(businessDaysBetween('2026-12-23', '2026-12-29')).toBe(3);
    expect(businessDaysBetween('2026-12-23', '2026-12-23')).toBe(0);
    expect(businessDaysBetween('2026-12-29', '2026-12-23')).toBe(0);
  });

  it('refuses a future receipt and dates out of order', () => {
    expect(receivedOnProblems('2026-12-07', '2026-12-06').map((p) => p.field)).toEqual([
      'receivedOn',
    ]);
    expect(receivedOnProblems('2026-12-06', '2026-12-06')).toEqual([]);
    const received = { date: '2026-12-01', ko: '접수일', en: 'the receipt date' };
    expect(dateProblems('decidedOn', '2026-11-30', received, '2026-12-06')).toEqual([
      expect.objectContaining({ field: 'decidedOn', code: 'order' }),
    ]);
    expect(dateProblems('decidedOn', '2026-12-07', received, '2026-12-06')).toEqual([
      expect.objectContaining({ field: 'decidedOn', code: 'notFuture' }),
    ]);
    expect(dateProblems('decidedOn', '2026-12-01', received, '2026-12-06')).toEqual([]);
  });

  it('needs a phone or an e-mail, each well formed', () => {
    expect(contactProblems({}).map((p) => [p.field, p.code])).toEqual([
      ['applicantPhone', 'contactRequired'],
    ]);
    expect(contactProblems({ phone: '010-1234-5678' })).toEqual([]);
    expect(contactProblems({ phone: '0221163114' })).toEqual([]);
    expect(contactProblems({ email: 'a.b@example.co.kr' })).toEqual([]);
    expect(contactProblems({ phone: '1234', email: 'not-an-address' }).map((p) => p.field)).toEqual(
      ['applicantPhone', 'applicantEmail'],
    );
    expect(contactProblems({ email: 'a@b' }).map((p) => p.field)).toEqual(['applicantEmail']);
  });
});

describe('국민신청 statistics', () => {
  it('counts states, outcomes, processing days and overdue ones', () => {
    const s = applicationStatistics(
      2026,
      [
        // Replied in 3 business days, on time.
        {
          status: 'REPLIED',
          decision: 'ACCEPTED',
          received_on: '2026-12-23',
          due_date: '2026-12-30',
          replied_on: '2026-12-29',
        },
        // Replied late (after its deadline), in 1 business day.
        {
          status: 'REPLIED',
          decision: 'REJECTED',
          received_on: '2026-11-27',
          due_date: '2026-11-27',
          replied_on: '2026-11-30',
        },
        // Decided, not replied, past its deadline today.
        {
          status: 'DECIDED',
          decision: 'REJECTED',
          received_on: '2026-11-02',
          due_date: '2026-11-20',
          replied_on: null,
        },
        // Under review, still in time.
        {
          status: 'UNDER_REVIEW',
          decision: null,
          received_on: '2026-12-01',
          due_date: '2026-12-21',
          replied_on: null,
        },
      ],
      '2026-12-06',
    );
    expect(s).toEqual({
      year: 2026,
      received: 4,
      byStatus: {
        RECEIVED: 0,
        ASSIGNED: 0,
        UNDER_REVIEW: 1,
        COMMITTEE_OPINION_REQUESTED: 0,
        DECIDED: 1,
        REPLIED: 2,
      },
      accepted: 1,
      rejected: 2,
      pending: 1,
      averageProcessingBusinessDays: 2,
      overdue: 2,
    });
    expect(applicationStatistics(2026, [], '2026-12-06').averageProcessingBusinessDays).toBeNull();
  });
});
