import { ConsultationState } from './consultation.entity.js';
import {
  consultationDeadline,
  opinionDueDate,
  overdueSql,
  screeningDueDate,
  turnaroundDays,
} from './consultation-deadlines.js';

/**
 * Every expected date below was counted by hand on a calendar against the gazette data of
 * @hyunbinseo/holidays-kr (dist/2026-*.js): 설날 2/16–2/18, 추석 9/24–9/26, 개천절 10/3 (Sat) with
 * 대체공휴일(개천절) 10/5 (Mon), 한글날 10/9 (Fri). Asia/Seoul is UTC+9 without daylight saving, so
 * the Seoul date of an instant changes at 15:00Z. Business days are numbered (1), (2)…; skipped days
 * are in [brackets].
 */

describe('screeningDueDate: the N-th business day after the Seoul day of submission', () => {
  it.each([
    // 2026-01-07 10:00 KST Wed → 1/8 Thu(1) 1/9 Fri(2) [1/10 Sat, 1/11 Sun] 1/12 Mon(3) 1/13(4)
    // 1/14 Wed(5)
    ['2026-01-07T01:00:00Z', '2026-01-14'],
    // 2026-01-10 Sat 11:00 KST → [1/11 Sun] 1/12 Mon(1) 1/13(2) 1/14(3) 1/15(4) 1/16 Fri(5)
    ['2026-01-10T02:00:00Z', '2026-01-16'],
  ])('ordinary weeks: submitted %s → due %s', (submittedAt, due) => {
    expect(screeningDueDate(new Date(submittedAt), 5)).toBe(due);
  });

  it.each([
    // 2026-09-22 23:59:59 KST Tue → 9/23 Wed(1) [9/24 Thu 추석 전날, 9/25 Fri 추석,
    // 9/26 Sat 추석 다음 날, 9/27 Sun] 9/28 Mon(2) 9/29 Tue(3) 9/30 Wed(4) 10/1 Thu(5)
    ['2026-09-22T14:59:59Z', '2026-10-01'],
    // 2026-09-22T15:30:00Z is 2026-09-23 00:30 KST Wed (UTC still says 9/22) → [9/24 추석 전날,
    // 9/25 추석, 9/26 Sat 추석 다음 날, 9/27 Sun] 9/28 Mon(1) 9/29(2) 9/30(3) 10/1 Thu(4) 10/2 Fri(5)
    ['2026-09-22T15:30:00Z', '2026-10-02'],
    // 2026-09-23 14:00 KST Wed: the same Seoul day as the case above
    ['2026-09-23T05:00:00Z', '2026-10-02'],
    // 2026-09-25 10:00 KST, on 추석 itself (Fri) → [9/26 Sat 추석 다음 날, 9/27 Sun] 9/28 Mon(1)
    // 9/29(2) 9/30(3) 10/1(4) 10/2 Fri(5)
    ['2026-09-25T01:00:00Z', '2026-10-02'],
  ])('across 추석 2026 (9/24–9/26): submitted %s → due %s', (submittedAt, due) => {
    expect(screeningDueDate(new Date(submittedAt), 5)).toBe(due);
  });

  it.each([
    // 2026-09-30 09:00 KST Wed → 10/1 Thu(1) 10/2 Fri(2) [10/3 Sat 개천절, 10/4 Sun,
    // 10/5 Mon 대체공휴일(개천절)] 10/6 Tue(3) 10/7 Wed(4) 10/8 Thu(5)
    ['2026-09-30T00:00:00Z', '2026-10-08'],
    // 2026-10-01 23:59:59 KST Thu → 10/2 Fri(1) [10/3 Sat, 10/4 Sun, 10/5 Mon 대체공휴일(개천절)]
    // 10/6(2) 10/7(3) 10/8 Thu(4) [10/9 Fri 한글날, 10/10 Sat, 10/11 Sun] 10/12 Mon(5)
    ['2026-10-01T14:59:59Z', '2026-10-12'],
    // 2026-10-01T15:00:00Z is 2026-10-02 00:00 KST Fri → [10/3 Sat, 10/4 Sun,
    // 10/5 Mon 대체공휴일(개천절)] 10/6 Tue(1) 10/7(2) 10/8 Thu(3) [10/9 Fri 한글날, 10/10 Sat,
    // 10/11 Sun] 10/12 Mon(4) 10/13 Tue(5)
    ['2026-10-01T15:00:00Z', '2026-10-13'],
    // 2026-10-05 10:00 KST, on the substitute holiday (Mon) → 10/6 Tue(1) 10/7(2) 10/8 Thu(3)
    // [10/9 한글날, 10/10 Sat, 10/11 Sun] 10/12 Mon(4) 10/13 Tue(5)
    ['2026-10-05T01:00:00Z', '2026-10-13'],
  ])('across 대체공휴일(개천절) 2026-10-05: submitted %s → due %s', (submittedAt, due) => {
    expect(screeningDueDate(new Date(submittedAt), 5)).toBe(due);
  });

  it.each([
    // 2026-02-12 23:00 KST Thu → 2/13 Fri(1) [2/14 Sat, 2/15 Sun, 2/16 Mon 설날 전날,
    // 2/17 Tue 설날, 2/18 Wed 설날 다음 날] 2/19 Thu(2) 2/20 Fri(3) [2/21 Sat, 2/22 Sun] 2/23 Mon(4)
    // 2/24 Tue(5)
    ['2026-02-12T14:00:00Z', '2026-02-24'],
    // 2026-02-12T15:00:00Z is 2026-02-13 00:00 KST Fri → [2/14 Sat … 2/18 Wed 설날 다음 날]
    // 2/19 Thu(1) 2/20 Fri(2) [2/21 Sat, 2/22 Sun] 2/23 Mon(3) 2/24 Tue(4) 2/25 Wed(5)
    ['2026-02-12T15:00:00Z', '2026-02-25'],
    // 2026-02-13 09:30 KST Fri: the same as above
    ['2026-02-13T00:30:00Z', '2026-02-25'],
    // 2026-02-17 11:00 KST, on 설날 (Tue) → [2/18 Wed 설날 다음 날] 2/19 Thu(1) 2/20 Fri(2)
    // [2/21 Sat, 2/22 Sun] 2/23 Mon(3) 2/24 Tue(4) 2/25 Wed(5)
    ['2026-02-17T02:00:00Z', '2026-02-25'],
  ])('across 설날 2026 (2/16–2/18): submitted %s → due %s', (submittedAt, due) => {
    expect(screeningDueDate(new Date(submittedAt), 5)).toBe(due);
  });

  it('uses the configured number of business days (setting), not a constant', () => {
    // 2026-09-23 00:30 KST Wed → [9/24–9/27] 9/28 Mon(1) 9/29(2) 9/30 Wed(3)
    expect(screeningDueDate(new Date('2026-09-22T15:30:00Z'), 3)).toBe('2026-09-30');
    // 2026-09-23 00:30 KST Wed → [9/24 추석 전날, 9/25 추석, 9/26 Sat, 9/27 Sun] 9/28 Mon(1)
    expect(screeningDueDate(new Date('2026-09-22T15:30:00Z'), 1)).toBe('2026-09-28');
    // 2026-01-07 Wed → 1/8(1) 1/9(2) [1/10, 1/11] 1/12(3) … 1/16(7) [1/17, 1/18] 1/19(8) 1/20(9)
    // 1/21 Wed(10)
    expect(screeningDueDate(new Date('2026-01-07T01:00:00Z'), 10)).toBe('2026-01-21');
  });
});

describe('opinionDueDate: N calendar days after the Seoul day of acceptance', () => {
  it.each([
    // 2026-01-15 KST + 30: 1/15 + 16 = 1/31, + 14 = 2/14 (a Saturday: calendar days, not moved)
    ['2026-01-15T01:00:00Z', '2026-02-14'],
    // 2026-01-31 23:59:59 KST + 30: 1/31 + 28 = 2/28, + 2 = 3/2 (대체공휴일, still not moved)
    ['2026-01-31T14:59:59Z', '2026-03-02'],
    // 2026-01-31T15:00:00Z is 2026-02-01 00:00 KST: 2/1 + 27 = 2/28, + 3 = 3/3
    ['2026-01-31T15:00:00Z', '2026-03-03'],
    // 2026-09-10 KST + 30: 9/10 + 20 = 9/30, + 10 = 10/10 (추석 and 개천절 are not skipped)
    ['2026-09-10T03:00:00Z', '2026-10-10'],
    // 2026-12-15 KST + 30: 12/15 + 16 = 12/31, + 14 = 2027-01-14
    ['2026-12-15T03:00:00Z', '2027-01-14'],
    // 2026-12-31T15:30:00Z is 2027-01-01 00:30 KST: 1/1 + 30 = 1/31
    ['2026-12-31T15:30:00Z', '2027-01-31'],
    // 2024-02-10 KST + 30 (leap year): 2/10 + 19 = 2/29, + 11 = 3/11
    ['2024-02-10T03:00:00Z', '2024-03-11'],
    // 2025-02-10 KST + 30 (common year): 2/10 + 18 = 2/28, + 12 = 3/12
    ['2025-02-10T03:00:00Z', '2025-03-12'],
  ])('accepted %s → due %s', (acceptedAt, due) => {
    expect(opinionDueDate(new Date(acceptedAt), 30)).toBe(due);
  });

  it('uses the configured number of days (setting)', () => {
    // 2026-04-30 KST + 10 = 5/10; + 1 = 5/1
    expect(opinionDueDate(new Date('2026-04-30T00:00:00Z'), 10)).toBe('2026-05-10');
    expect(opinionDueDate(new Date('2026-04-30T00:00:00Z'), 1)).toBe('2026-05-01');
  });
});

describe('consultationDeadline', () => {
  const SCREENING_DUE = '2026-10-02';
  const OPINION_DUE = '2026-10-30';
  const deadline = (status: ConsultationState, today: string, extensionDays = 0) =>
    consultationDeadline(
      { status, screeningDueDate: SCREENING_DUE, opinionDueDate: OPINION_DUE, extensionDays },
      today,
    );

  // Which deadline runs, written out per state from DOMAIN.md §4 (screening after submission,
  // opinion after acceptance, none before submission or once answered/rejected).
  const RUNNING: Record<ConsultationState, 'screening' | 'opinion' | null> = {
    DRAFT: null,
    SUBMITTED: 'screening',
    SCREENING: 'screening',
    REJECTED: null,
    ACCEPTED: 'opinion',
    UNDER_REVIEW: 'opinion',
    ESCALATED: 'opinion',
    COMMITTEE_ADVICE: 'opinion',
    OPINION_ISSUED: null,
    CLOSED: null,
  };
  const states = Object.keys(RUNNING) as ConsultationState[];

  it('covers the ten states', () => {
    expect(states).toHaveLength(10);
  });

  it.each(states)('%s: the right deadline, not overdue on the due day itself', (state) => {
    const kind = RUNNING[state];
    const due = kind === 'screening' ? SCREENING_DUE : kind === 'opinion' ? OPINION_DUE : null;
    expect(deadline(state, due ?? '2026-10-01')).toEqual({
      dueDate: due,
      overdue: false,
      daysOverdue: 0,
    });
  });

  it.each(states)('%s: overdue by 1 the day after, only while a deadline runs', (state) => {
    const kind = RUNNING[state];
    if (kind === 'screening') {
      // 10/2 + 1 = 10/3
      expect(deadline(state, '2026-10-03')).toEqual({
        dueDate: SCREENING_DUE,
        overdue: true,
        daysOverdue: 1,
      });
    } else if (kind === 'opinion') {
      // 10/30 + 1 = 10/31
      expect(deadline(state, '2026-10-31')).toEqual({
        dueDate: OPINION_DUE,
        overdue: true,
        daysOverdue: 1,
      });
    } else {
      // long after both dates: still nothing runs
      expect(deadline(state, '2027-06-30')).toEqual({
        dueDate: null,
        overdue: false,
        daysOverdue: 0,
      });
    }
  });

  it.each(states)('%s: not overdue before the due date', (state) => {
    expect(deadline(state, '2026-09-30')).toMatchObject({ overdue: false, daysOverdue: 0 });
  });

  it.each(['ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE'] as const)(
    '%s: the extension moves the opinion deadline',
    (state) => {
      // 10/30 + 14 = 10/31, 11/1 … 11/13 (1 + 13 days)
      expect(deadline(state, '2026-10-31', 14)).toEqual({
        dueDate: '2026-11-13',
        overdue: false,
        daysOverdue: 0,
      });
      expect(deadline(state, '2026-11-13', 14)).toMatchObject({ overdue: false, daysOverdue: 0 });
      expect(deadline(state, '2026-11-14', 14)).toEqual({
        dueDate: '2026-11-13',
        overdue: true,
        daysOverdue: 1,
      });
    },
  );

  it.each(['SUBMITTED', 'SCREENING'] as const)(
    '%s: the extension does not touch the screening deadline',
    (state) => {
      expect(deadline(state, '2026-10-03', 14)).toEqual({
        dueDate: SCREENING_DUE,
        overdue: true,
        daysOverdue: 1,
      });
    },
  );

  it('counts days overdue in calendar days, across month and year ends', () => {
    // opinion due 10/30: 10/31(1) 11/1(2) 11/2(3)
    expect(deadline('UNDER_REVIEW', '2026-11-02')).toMatchObject({ overdue: true, daysOverdue: 3 });
    // screening due 10/2 Fri: 10/3 Sat(1) 10/4 Sun(2) 10/5 Mon 대체공휴일(3)
    expect(deadline('SCREENING', '2026-10-05')).toMatchObject({ overdue: true, daysOverdue: 3 });
    // opinion due 2026-12-30: 12/31(1) 2027-01-01(2) 1/2(3)
    expect(
      consultationDeadline(
        {
          status: 'ESCALATED',
          screeningDueDate: '2026-11-20',
          opinionDueDate: '2026-12-30',
          extensionDays: 0,
        },
        '2027-01-02',
      ),
    ).toEqual({ dueDate: '2026-12-30', overdue: true, daysOverdue: 3 });
    // opinion due 2026-12-20 + 15 = 2027-01-04: 1/5 is one day late
    expect(
      consultationDeadline(
        {
          status: 'ACCEPTED',
          screeningDueDate: null,
          opinionDueDate: '2026-12-20',
          extensionDays: 15,
        },
        '2027-01-05',
      ),
    ).toEqual({ dueDate: '2027-01-04', overdue: true, daysOverdue: 1 });
  });

  it('a running state without its date has no deadline', () => {
    const blank = { screeningDueDate: null, opinionDueDate: null, extensionDays: 30 };
    for (const status of ['SUBMITTED', 'SCREENING', 'ACCEPTED', 'UNDER_REVIEW'] as const) {
      expect(consultationDeadline({ status, ...blank }, '2030-01-01')).toEqual({
        dueDate: null,
        overdue: false,
        daysOverdue: 0,
      });
    }
  });
});

describe('turnaroundDays: calendar days between the Seoul dates of submission and opinion', () => {
  it.each([
    // 3/2 23:59 KST → 3/3 00:01 KST: two minutes, but the next Seoul day
    ['2026-03-02T14:59:00Z', '2026-03-02T15:01:00Z', 1],
    // 3/3 00:00 KST → 3/3 23:59:59 KST: almost a day, the same Seoul day (UTC dates differ)
    ['2026-03-02T15:00:00Z', '2026-03-03T14:59:59Z', 0],
    // 1/20 10:00 KST → 2/19 17:00 KST: 1/20 + 11 = 1/31, + 19 = 2/19 → 30
    ['2026-01-20T01:00:00Z', '2026-02-19T08:00:00Z', 30],
    // 2026-12-31 23:30 KST → 2027-01-01 00:30 KST (12/31T15:30Z): across the year end → 1
    ['2026-12-31T14:30:00Z', '2026-12-31T15:30:00Z', 1],
    // 2/28 KST → 3/1 KST in a common year → 1
    ['2026-02-28T03:00:00Z', '2026-03-01T03:00:00Z', 1],
  ])('submitted %s, opinion %s → %i', (submittedAt, opinionAt, days) => {
    expect(turnaroundDays(new Date(submittedAt), new Date(opinionAt))).toBe(days);
  });
});

describe('overdueSql', () => {
  const sql = overdueSql('$7');

  it('compares both deadlines with the date parameter only', () => {
    expect(sql.match(/\$7::date/g)).toHaveLength(2);
    expect(sql.match(/\$\d+/g)).toEqual(['$7', '$7']);
    expect(sql).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(sql).not.toMatch(/now\(\)|current_date/i);
  });

  it('screening states against the screening due date, strictly after it', () => {
    expect(sql).toMatch(
      /c\.state IN \('SUBMITTED', 'SCREENING'\) AND c\.screening_due_date < \$7::date/,
    );
  });

  it('opinion states against the opinion due date plus the extension, strictly after it', () => {
    expect(sql).toMatch(
      /c\.state IN \('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE'\)\s+AND c\.opinion_due_date \+ c\.extension_days < \$7::date/,
    );
    expect(sql).not.toContain('<=');
  });

  it('leaves out the states without a running deadline and is one parenthesised condition', () => {
    for (const state of ['DRAFT', 'REJECTED', 'OPINION_ISSUED', 'CLOSED']) {
      expect(sql).not.toContain(`'${state}'`);
    }
    expect(sql.startsWith('(')).toBe(true);
    expect(sql.endsWith(')')).toBe(true);
    expect(sql).toMatch(/\)\s+OR \(/);
  });
});
