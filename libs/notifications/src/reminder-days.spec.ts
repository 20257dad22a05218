import { addDays, isBusinessDay } from '@gwaje/calendar';
import { deadlinesRemindedOn, overdueRemindedOn } from './reminder-days.js';

/**
 * Every expected date below was counted by hand on the 2026 calendar against the gazette data of
 * @hyunbinseo/holidays-kr (dist/2026-*.js). Business days are numbered (1), (2)…; skipped days are in
 * [brackets].
 *
 * 2026 around 추석:      Mon  Tue  Wed  Thu  Fri  Sat  Sun
 *                       9/14 9/15 9/16 9/17 9/18 9/19 9/20
 *                       9/21 9/22 9/23 9/24 9/25 9/26 9/27   9/24 추석 전날, 9/25 추석, 9/26 추석 다음 날
 *                       9/28 9/29 9/30 10/1 10/2 10/3 10/4   10/3 개천절
 *                       10/5 10/6 10/7 10/8 10/9 10/10 10/11 10/5 대체공휴일(개천절), 10/9 한글날
 *                       10/12 …
 */

describe('deadlinesRemindedOn', () => {
  // 1/8 Thu → 1/7 Wed(1). 1/9 Fri → 1/8 Thu(1), so it is tomorrow's run's.
  it('on a Wednesday, D-1 is about tomorrow only', () => {
    expect(deadlinesRemindedOn('2026-01-07', 1)).toEqual(['2026-01-08']);
  });

  // 1/10 Sat → 1/9 Fri(1); 1/11 Sun → [1/10 Sat] 1/9 Fri(1); 1/12 Mon → [1/11 Sun, 1/10 Sat] 1/9 Fri(1);
  // 1/13 Tue → 1/12 Mon(1), Monday's run.
  it('on a Friday, D-1 covers the next Monday and the weekend deadlines in between', () => {
    expect(deadlinesRemindedOn('2026-01-09', 1)).toEqual([
      '2026-01-10',
      '2026-01-11',
      '2026-01-12',
    ]);
  });

  // 9/24 Thu → 9/23(1); 9/25 → [9/24] 9/23(1); 9/26 → [9/25, 9/24] 9/23(1); 9/27 Sun → [9/26 … 9/24] 9/23(1);
  // 9/28 Mon → [9/27 … 9/24] 9/23(1); 9/29 → 9/28(1), next run's.
  it('on the day before 추석 2026, D-1 covers the whole holiday and the Monday after', () => {
    expect(deadlinesRemindedOn('2026-09-23', 1)).toEqual([
      '2026-09-24',
      '2026-09-25',
      '2026-09-26',
      '2026-09-27',
      '2026-09-28',
    ]);
  });

  // 10/3 Sat 개천절 → 10/2 Fri(1); 10/4 Sun and 10/5 대체공휴일 count back to 10/2 Fri(1) too;
  // 10/6 Tue → [10/5, 10/4, 10/3] 10/2 Fri(1).
  it('on the Friday before 대체공휴일 10/5, D-1 reaches Tuesday', () => {
    expect(deadlinesRemindedOn('2026-10-02', 1)).toEqual([
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
    ]);
  });

  describe('D-5 across 추석 2026 (9/24–9/26) and 대체공휴일 10/5', () => {
    it.each([
      // 9/24 → 9/23(1) 9/22(2) 9/21(3) [9/20, 9/19] 9/18(4) 9/17(5); 9/25 … 9/28 all count back over
      // [9/24 … 9/27] to the same 9/23(1) … 9/17(5). 9/29 → 9/28(1) 9/23(2) 9/22(3) 9/21(4) 9/18(5).
      ['2026-09-17', ['2026-09-24', '2026-09-25', '2026-09-26', '2026-09-27', '2026-09-28']],
      // 9/29 → 9/28(1) [9/27 … 9/24] 9/23(2) 9/22(3) 9/21(4) [9/20, 9/19] 9/18(5); 9/30 → 9/29(1) … 9/21(5)
      ['2026-09-18', ['2026-09-29']],
      // 10/1 → 9/30(1) 9/29(2) 9/28(3) [9/27 Sun, 9/26, 9/25, 9/24 추석] 9/23(4) 9/22(5); 10/2 → 10/1(1) … 9/23(5)
      ['2026-09-22', ['2026-10-01']],
      // 10/2 → 10/1(1) 9/30(2) 9/29(3) 9/28(4) [9/27 … 9/24] 9/23(5)
      ['2026-09-23', ['2026-10-02']],
      // 10/3 Sat → 10/2(1) 10/1(2) 9/30(3) 9/29(4) 9/28(5); 10/4, 10/5 and 10/6 count back over
      // [10/5, 10/4, 10/3] to the same 10/2(1) … 9/28(5). 10/7 → 10/6(1) 10/2(2) … 9/29(5).
      ['2026-09-28', ['2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06']],
      // 10/9 한글날 → 10/8(1) 10/7(2) 10/6(3) [10/5 대체공휴일, 10/4, 10/3] 10/2(4) 10/1(5);
      // 10/10, 10/11 and 10/12 Mon count back over [… 10/9] to the same 10/8(1) … 10/1(5).
      ['2026-10-01', ['2026-10-09', '2026-10-10', '2026-10-11', '2026-10-12']],
    ])('a run on %s reminds D-5 of %j', (today, deadlines) => {
      expect(deadlinesRemindedOn(today, 5)).toEqual(deadlines);
    });
  });

  // nthBusinessDayBefore only ever lands on a business day, so it never equals a weekend or holiday
  // `today`: runs on those days owe nothing (and the scheduler does not run on them).
  it.each([
    ['2026-01-10', 'Saturday'],
    ['2026-01-11', 'Sunday'],
    ['2026-09-25', '추석'],
    ['2026-10-05', '대체공휴일(개천절)'],
  ])('on %s (%s) no deadline is reminded, for any n', (today) => {
    for (const n of [1, 3, 5, 7]) expect(deadlinesRemindedOn(today, n)).toEqual([]);
  });

  // Each deadline is reminded on exactly one run: the runs partition the deadlines. D-30 is the
  // largest the settings allow (dayListProblem: 1–30); across the longest holiday runs of the data
  // (설날 2025 with 임시공휴일 1/27, 추석 2025 with 개천절 and 한글날) it spans about 50 calendar
  // days, still inside the 60-day horizon.
  it.each([
    [1, '2026-09-01', '2026-10-31'],
    [3, '2026-09-01', '2026-10-31'],
    [5, '2026-09-01', '2026-10-31'],
    [7, '2026-09-01', '2026-10-31'],
    [30, '2026-09-01', '2026-10-31'],
    [30, '2025-01-15', '2025-02-28'],
    [30, '2025-09-20', '2025-11-15'],
  ])(
    'with D-%i, reminds every deadline from %s to %s on exactly one business day',
    (n, from, to) => {
      const seen = new Map<string, string[]>();
      for (let today = addDays(from, -70); today <= to; today = addDays(today, 1)) {
        for (const due of deadlinesRemindedOn(today, n)) {
          seen.set(due, [...(seen.get(due) ?? []), today]);
        }
      }
      for (let due = from; due <= to; due = addDays(due, 1)) {
        const runs = seen.get(due) ?? [];
        expect({ due, runs: runs.length }).toEqual({ due, runs: 1 });
        expect(isBusinessDay(runs[0])).toBe(true);
      }
    },
  );
});

describe('overdueRemindedOn', () => {
  it.each([
    ['2026-11-21', 'Saturday'],
    ['2026-11-22', 'Sunday'],
    ['2026-09-24', '추석 전날'],
    ['2026-10-05', '대체공휴일(개천절)'],
  ])('sends nothing on %s (%s)', (today) => {
    expect(overdueRemindedOn(today, 5)).toEqual([]);
    expect(overdueRemindedOn(today, 1)).toEqual([]);
  });

  // Today 11/23 Mon. Late = business days after the deadline up to and including today.
  // 11/20 Fri: 11/23(1). 11/21 Sat, 11/22 Sun: also 11/23(1) — a weekend deadline is overdue from the
  // next business day. 11/19 Thu: 11/20(1) 11/23(2) … not 1 + 5k. 11/16 Mon: 11/17(1) … 11/23(5).
  // 11/13 Fri: 11/16(1) 11/17(2) 11/18(3) 11/19(4) 11/20(5) 11/23(6); 11/14 Sat and 11/15 Sun: the same 6.
  // 11/6 Fri: 11/9(1) … 11/13(5) 11/16(6) … 11/20(10) 11/23(11); 11/7 Sat, 11/8 Sun: the same 11.
  // 10/30 Fri: 11/2(1) … 11/6(5) 11/9(6) … 11/13(10) 11/16(11) … 11/23(16); 10/31 Sat, 11/1 Sun: 16.
  it('on Monday 2026-11-23, every 5: late 1, 6, 11, 16… with weekend deadlines', () => {
    expect(overdueRemindedOn('2026-11-23', 5).slice(0, 12)).toEqual([
      { dueDate: '2026-11-22', businessDaysLate: 1 },
      { dueDate: '2026-11-21', businessDaysLate: 1 },
      { dueDate: '2026-11-20', businessDaysLate: 1 },
      { dueDate: '2026-11-15', businessDaysLate: 6 },
      { dueDate: '2026-11-14', businessDaysLate: 6 },
      { dueDate: '2026-11-13', businessDaysLate: 6 },
      { dueDate: '2026-11-08', businessDaysLate: 11 },
      { dueDate: '2026-11-07', businessDaysLate: 11 },
      { dueDate: '2026-11-06', businessDaysLate: 11 },
      { dueDate: '2026-11-01', businessDaysLate: 16 },
      { dueDate: '2026-10-31', businessDaysLate: 16 },
      { dueDate: '2026-10-30', businessDaysLate: 16 },
    ]);
  });

  // Today 11/24 Tue: 11/23 Mon is late 1; 11/20 Fri and the weekend after are late 2, so not reminded.
  // 11/17 Tue: 11/18(1) 11/19(2) 11/20(3) 11/23(4) 11/24(5) → no; 11/16 Mon: 11/17(1) … 11/24(6) → yes.
  it('on Tuesday 2026-11-24, every 5: only Monday is late 1, then 11/16 is late 6', () => {
    expect(overdueRemindedOn('2026-11-24', 5).slice(0, 3)).toEqual([
      { dueDate: '2026-11-23', businessDaysLate: 1 },
      { dueDate: '2026-11-16', businessDaysLate: 6 },
      { dueDate: '2026-11-09', businessDaysLate: 11 },
    ]);
  });

  // Today 10/6 Tue. 10/5 대체공휴일, 10/4 Sun, 10/3 Sat 개천절, 10/2 Fri: all 10/6(1).
  // 9/23 Wed: 9/28(1) 9/29(2) 9/30(3) 10/1(4) 10/2(5) [10/3, 10/4, 10/5] 10/6(6) — 13 calendar days, 6
  // business days; 9/24–9/27 (추석 and the Sunday) count the same 6. 9/22 Tue: 9/23(1) … 10/6(7) → no.
  // 9/16 Wed: 9/17(1) 9/18(2) 9/21(3) 9/22(4) 9/23(5) [9/24–9/27] 9/28(6) … 10/2(10) [10/3–10/5] 10/6(11).
  it('across 추석 2026 and 대체공휴일 10/5 the count skips holidays', () => {
    expect(overdueRemindedOn('2026-10-06', 5).slice(0, 10)).toEqual([
      { dueDate: '2026-10-05', businessDaysLate: 1 },
      { dueDate: '2026-10-04', businessDaysLate: 1 },
      { dueDate: '2026-10-03', businessDaysLate: 1 },
      { dueDate: '2026-10-02', businessDaysLate: 1 },
      { dueDate: '2026-09-27', businessDaysLate: 6 },
      { dueDate: '2026-09-26', businessDaysLate: 6 },
      { dueDate: '2026-09-25', businessDaysLate: 6 },
      { dueDate: '2026-09-24', businessDaysLate: 6 },
      { dueDate: '2026-09-23', businessDaysLate: 6 },
      { dueDate: '2026-09-16', businessDaysLate: 11 },
    ]);
  });

  // Deadline 9/23 Wed: 9/28(1) 9/29(2) 9/30(3) 10/1(4) 10/2(5) 10/6(6) 10/7(7) 10/8(8)
  // [10/9 한글날, 10/10, 10/11] 10/12(9) 10/13(10) 10/14(11): reminded on 9/28, 10/6 and 10/14 only.
  it('reminds one deadline on D+1, D+6 and D+11 business days and on no other day', () => {
    const runs: Array<[string, number]> = [];
    for (let today = '2026-09-24'; today <= '2026-10-14'; today = addDays(today, 1)) {
      const hit = overdueRemindedOn(today, 5).find((o) => o.dueDate === '2026-09-23');
      if (hit) runs.push([today, hit.businessDaysLate]);
    }
    expect(runs).toEqual([
      ['2026-09-28', 1],
      ['2026-10-06', 6],
      ['2026-10-14', 11],
    ]);
  });

  // Today 1/7 Wed, daily: 1/6 Tue: 1/7(1). 1/5 Mon: 1/6(1) 1/7(2). 1/4 Sun, 1/3 Sat, 1/2 Fri: 1/5(1) 1/6(2)
  // 1/7(3). 1/1 Thu 1월 1일: 1/2(1) … 1/7(4). 2025-12-31 Wed: [1/1] 1/2(1) … 1/7(4).
  it('every 1 reminds every overdue deadline with its count', () => {
    expect(overdueRemindedOn('2026-01-07', 1).slice(0, 7)).toEqual([
      { dueDate: '2026-01-06', businessDaysLate: 1 },
      { dueDate: '2026-01-05', businessDaysLate: 2 },
      { dueDate: '2026-01-04', businessDaysLate: 3 },
      { dueDate: '2026-01-03', businessDaysLate: 3 },
      { dueDate: '2026-01-02', businessDaysLate: 3 },
      { dueDate: '2026-01-01', businessDaysLate: 4 },
      { dueDate: '2025-12-31', businessDaysLate: 4 },
    ]);
  });

  // horizon 10 looks back to 11/23 − 10 = 11/13 inclusive.
  it('looks back only `horizon` calendar days', () => {
    expect(overdueRemindedOn('2026-11-23', 5, 10).map((o) => o.dueDate)).toEqual([
      '2026-11-22',
      '2026-11-21',
      '2026-11-20',
      '2026-11-15',
      '2026-11-14',
      '2026-11-13',
    ]);
  });
});
