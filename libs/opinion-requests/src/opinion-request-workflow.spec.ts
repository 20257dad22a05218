import { Role } from '@gwaje/identity';
import {
  ALL_OPINION_REQUEST_STATUSES,
  type OpinionRequestStatus,
} from './opinion-request.entity.js';
import {
  allowedOpinionRequestActions,
  daysOverdue,
  OPINION_REQUEST_ACTIONS,
  type OpinionRequestAction,
  opinionDueDate,
  opinionRequestTransition,
} from './opinion-request-workflow.js';

// The whole table written out by hand: state × action × extended → next state (or refused).
type Row = [OpinionRequestStatus, OpinionRequestAction, boolean, OpinionRequestStatus | null];
const EXPECTED: Row[] = [];
const next: Partial<Record<string, OpinionRequestStatus>> = {
  'SUBMITTED/extend/false': 'EXTENDED',
  'SUBMITTED/answer/false': 'ANSWERED',
  'SUBMITTED/answer/true': 'ANSWERED',
  'SUBMITTED/refer/false': 'REFERRED',
  'SUBMITTED/refer/true': 'REFERRED',
  'SUBMITTED/withdraw/false': 'WITHDRAWN',
  'SUBMITTED/withdraw/true': 'WITHDRAWN',
  'EXTENDED/answer/true': 'ANSWERED',
  'EXTENDED/answer/false': 'ANSWERED',
  'EXTENDED/refer/true': 'REFERRED',
  'EXTENDED/refer/false': 'REFERRED',
  'EXTENDED/withdraw/true': 'WITHDRAWN',
  'EXTENDED/withdraw/false': 'WITHDRAWN',
  'REFERRED/committeeAnswer/false': 'ANSWERED',
  'REFERRED/committeeAnswer/true': 'ANSWERED',
  'REFERRED/committeeReturn/false': 'SUBMITTED',
  'REFERRED/committeeReturn/true': 'EXTENDED',
};
for (const s of ALL_OPINION_REQUEST_STATUSES)
  for (const a of OPINION_REQUEST_ACTIONS)
    for (const e of [false, true]) EXPECTED.push([s, a, e, next[`${s}/${a}/${e}`] ?? null]);

describe('의견제시 state table', () => {
  it.each(EXPECTED)('%s --%s (extended: %s)--> %s', (from, action, extended, to) => {
    expect(opinionRequestTransition(from, action, extended)?.to ?? null).toBe(to);
  });

  it('allows one extension only: an EXTENDED request cannot be extended again', () => {
    expect(opinionRequestTransition('EXTENDED', 'extend', true)).toBeUndefined();
    expect(opinionRequestTransition('REFERRED', 'extend', false)).toBeUndefined();
  });

  it('ends in ANSWERED and WITHDRAWN', () => {
    for (const a of OPINION_REQUEST_ACTIONS)
      for (const e of [false, true]) {
        expect(opinionRequestTransition('ANSWERED', a, e)).toBeUndefined();
        expect(opinionRequestTransition('WITHDRAWN', a, e)).toBeUndefined();
      }
  });
});

describe('who may act', () => {
  const org = 'org';
  const auditor = { id: 'aud', organisationId: org, roles: [Role.AUDITOR] };
  const requester = { id: 'req', organisationId: org, roles: [Role.STAFF] };
  const office = { id: 'off', organisationId: org, roles: [Role.PROACTIVE_OFFICE] };
  const foreignAuditor = { id: 'aud2', organisationId: 'other', roles: [Role.AUDITOR] };
  const r = (status: OpinionRequestStatus, extended = false) => ({
    organisationId: org,
    requesterId: 'req',
    status,
    extended,
  });

  it('lets the audit office extend, answer and refer; the requester withdraw', () => {
    expect(allowedOpinionRequestActions(auditor, r('SUBMITTED'))).toEqual([
      'extend',
      'answer',
      'refer',
    ]);
    expect(allowedOpinionRequestActions(auditor, r('EXTENDED', true))).toEqual(['answer', 'refer']);
    expect(allowedOpinionRequestActions(requester, r('SUBMITTED'))).toEqual(['withdraw']);
    expect(allowedOpinionRequestActions(requester, r('EXTENDED', true))).toEqual(['withdraw']);
  });

  it('offers nothing once referred or closed, to the office, or to another organisation', () => {
    for (const s of ['REFERRED', 'ANSWERED', 'WITHDRAWN'] as const) {
      expect(allowedOpinionRequestActions(auditor, r(s))).toEqual([]);
      expect(allowedOpinionRequestActions(requester, r(s))).toEqual([]);
    }
    expect(allowedOpinionRequestActions(office, r('SUBMITTED'))).toEqual([]);
    expect(allowedOpinionRequestActions(foreignAuditor, r('SUBMITTED'))).toEqual([]);
  });
});

describe('the due date (calendar days from the day after receipt)', () => {
  it('counts 10 days from the day after receipt', () => {
    // Received on Monday 2026-03-02: day 1 is 03-03, day 10 is 03-12.
    expect(opinionDueDate('2026-03-02', 10)).toBe('2026-03-12');
    // Across a month end; a Saturday last day stays (no roll-forward).
    expect(opinionDueDate('2026-01-24', 10)).toBe('2026-02-03');
    expect(opinionDueDate('2026-03-04', 10)).toBe('2026-03-14');
    // Extended once by 10: from the original due date.
    expect(opinionDueDate(opinionDueDate('2026-03-02', 10), 10)).toBe('2026-03-22');
  });

  it('is overdue from the day after the due date while pending', () => {
    expect(daysOverdue('SUBMITTED', '2026-03-12', '2026-03-12')).toBe(0);
    expect(daysOverdue('SUBMITTED', '2026-03-12', '2026-03-13')).toBe(1);
    expect(daysOverdue('REFERRED', '2026-03-12', '2026-03-20')).toBe(8);
    expect(daysOverdue('ANSWERED', '2026-03-12', '2026-03-20')).toBe(0);
    expect(daysOverdue('WITHDRAWN', '2026-03-12', '2026-03-20')).toBe(0);
  });
});
