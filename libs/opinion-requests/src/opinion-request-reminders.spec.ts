import { dueTodayDates } from './opinion-request-reminders.js';

describe('D-day reminders of opinion requests', () => {
  it('remind of today on a business day, and of the days off that follow it', () => {
    // Wednesday 2026-11-25: only itself.
    expect(dueTodayDates('2026-11-25')).toEqual(['2026-11-25']);
    // Friday 2026-11-27: Saturday's and Sunday's deadlines too.
    expect(dueTodayDates('2026-11-27')).toEqual(['2026-11-27', '2026-11-28', '2026-11-29']);
  });

  it('remind of nothing on a day off', () => {
    expect(dueTodayDates('2026-11-28')).toEqual([]);
  });
});
