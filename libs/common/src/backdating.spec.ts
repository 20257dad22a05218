import { backdateProblems, isBackdated, notBeforeYear, seoulStartOfDay } from './backdating.js';

const today = '2026-12-04';
const codes = (problems: Array<{ field: string; code: string }>) =>
  problems.map((p) => `${p.field} ${p.code}`);

describe('back-dated entries (사후 입력)', () => {
  it('today is not back-dated and needs nothing', () => {
    expect(isBackdated(today, today)).toBe(false);
    expect(backdateProblems({ date: today, field: 'occurredOn', today })).toEqual([]);
  });

  it('a day to come is refused, whatever the reason', () => {
    expect(
      codes(
        backdateProblems({
          date: '2026-12-05',
          field: 'occurredOn',
          today,
          lateEntryReason: '사유',
        }),
      ),
    ).toEqual(['occurredOn notInFuture']);
  });

  it('a past day needs a reason (blank does not count)', () => {
    expect(isBackdated('2026-12-03', today)).toBe(true);
    expect(
      codes(
        backdateProblems({ date: '2026-12-03', field: 'doneDate', today, lateEntryReason: ' ' }),
      ),
    ).toEqual(['lateEntryReason required']);
    expect(
      backdateProblems({ date: '2026-12-03', field: 'doneDate', today, lateEntryReason: '누락' }),
    ).toEqual([]);
  });

  it('names the first limit a past day breaks, beside the missing reason', () => {
    const limits = [
      notBeforeYear(2026, { ko: '과제', en: 'task' }),
      {
        date: '2026-03-02',
        code: 'notBeforePrevious',
        message: { ko: '직전 상태 변경일보다 앞섭니다.', en: 'before the previous change' },
      },
    ];
    expect(
      codes(backdateProblems({ date: '2025-12-31', field: 'occurredOn', today, limits })),
    ).toEqual(['occurredOn withinYear', 'lateEntryReason required']);
    expect(
      codes(
        backdateProblems({
          date: '2026-03-01',
          field: 'occurredOn',
          today,
          limits,
          lateEntryReason: 'x',
        }),
      ),
    ).toEqual(['occurredOn notBeforePrevious']);
    // On the limit itself is allowed (two steps on one day).
    expect(
      backdateProblems({
        date: '2026-03-02',
        field: 'occurredOn',
        today,
        limits,
        lateEntryReason: 'x',
      }),
    ).toEqual([]);
  });

  it('takes a back-dated day as its midnight in Seoul', () => {
    expect(seoulStartOfDay('2025-11-28').toISOString()).toBe('2025-11-27T15:00:00.000Z');
  });
});
