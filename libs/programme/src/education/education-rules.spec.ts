import { isBusinessDay } from '@gwaje/calendar';
import {
  attendedHoursProblem,
  completionOf,
  isEducationReminderDay,
  isHalfHours,
  rankDepartments,
  rate,
  reminderText,
} from './education-rules.js';

describe('education completion arithmetic', () => {
  it('completes at exactly the required hours and counts the shortfall in tenths', () => {
    expect(completionOf(2, 2)).toEqual({ hours: 2, required: 2, completed: true, shortfall: 0 });
    expect(completionOf(1.5, 2)).toEqual({
      hours: 1.5,
      required: 2,
      completed: false,
      shortfall: 0.5,
    });
    expect(completionOf(0, 4)).toMatchObject({ completed: false, shortfall: 4 });
    expect(completionOf(6.5, 4)).toMatchObject({ completed: true, shortfall: 0 });
    // Sums of half hours never drift (0.1 + 0.2 style).
    expect(completionOf(0.5 + 0.5 + 0.5 + 0.5, 2).completed).toBe(true);
  });

  it('rates are shares with four places, null without a denominator', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 5)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });

  it('accepts half hours above 0 up to 40 only', () => {
    expect([0.5, 1, 1.5, 40].map((h) => isHalfHours(h))).toEqual([true, true, true, true]);
    expect([0, -1, 0.25, 1.2, 40.5, Number.NaN].map((h) => isHalfHours(h))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses hours attended above the session’s, naming the field', () => {
    expect(attendedHoursProblem('attendees.0.hours', 2, 2)).toBeNull();
    expect(attendedHoursProblem('attendees.0.hours', 2.5, 2)).toMatchObject({
      field: 'attendees.0.hours',
      code: 'overSessionHours',
    });
    expect(attendedHoursProblem('attendees.1.hours', 0.3, 2)).toMatchObject({
      field: 'attendees.1.hours',
      code: 'halfHours',
    });
  });

  it('ranks departments by completion rate, then hours per user; ties share a rank', () => {
    const ranked = rankDepartments([
      { departmentId: 'a', activeUsers: 4, completedUsers: 2, attendanceHours: 8 },
      { departmentId: 'b', activeUsers: 2, completedUsers: 2, attendanceHours: 4 },
      { departmentId: 'c', activeUsers: 4, completedUsers: 2, attendanceHours: 10 },
      { departmentId: 'd', activeUsers: 0, completedUsers: 0, attendanceHours: 0 },
      { departmentId: 'e', activeUsers: 2, completedUsers: 1, attendanceHours: 5 },
    ]);
    expect(ranked.map((r) => [r.departmentId, r.completionRate, r.hoursPerUser, r.rank])).toEqual([
      ['b', 1, 2, 1],
      ['c', 0.5, 2.5, 2],
      ['e', 0.5, 2.5, 2],
      ['a', 0.5, 2, 4],
      ['d', null, null, null],
    ]);
  });

  it('says hours and shortfall in the reminder', () => {
    expect(reminderText(2026, completionOf(0.5, 2)).ko).toBe(
      '2026년 적극행정 교육 이수 안내: 이수 0.5시간 / 기준 2시간, 1.5시간 부족',
    );
  });
});

describe('the education reminder rule', () => {
  const days = (from: string, to: string, reminderFrom: string) => {
    const out: string[] = [];
    for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`);) {
      const day = d.toISOString().slice(0, 10);
      if (isEducationReminderDay(day, reminderFrom)) out.push(day);
      d = new Date(d.getTime() + 86_400_000);
    }
    return out;
  };

  it('reminds from 1 December on its first business day, then on the first business day of each week', () => {
    // 2026-12-01 is a Tuesday; Mondays follow; nothing in November or on weekends.
    expect(days('2026-11-20', '2026-12-31', '12-01')).toEqual([
      '2026-12-01',
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
    ]);
  });

  it('starts on the next business day when the start day is a weekend', () => {
    // 2026-11-14 is a Saturday: Monday 16th first, then Mondays.
    expect(days('2026-11-10', '2026-11-30', '11-14')).toEqual([
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
  });

  it('moves a week’s reminder to Tuesday when Monday is a public holiday', () => {
    // 2026-03-02 (Monday) is the substitute holiday for 삼일절 on a Sunday.
    expect(isBusinessDay('2026-03-02')).toBe(false);
    expect(days('2026-02-23', '2026-03-10', '02-20')).toEqual([
      '2026-02-23',
      '2026-03-03',
      '2026-03-09',
    ]);
  });
});
