import { LATE_SQL, missingSql, reportTimeliness } from './report-timeliness.js';

const PENDING = { timeliness: 'PENDING', daysLate: 0, daysOverdue: 0 };
const ON_TIME = { timeliness: 'ON_TIME', daysLate: 0, daysOverdue: 0 };
const late = (daysLate: number) => ({ timeliness: 'LATE', daysLate, daysOverdue: 0 });
const missing = (daysOverdue: number) => ({ timeliness: 'MISSING', daysLate: 0, daysOverdue });

describe('reportTimeliness: not submitted', () => {
  const due = '2025-10-14';

  it('is PENDING before the due date', () => {
    expect(reportTimeliness(due, null, '2025-10-01')).toEqual(PENDING);
    expect(reportTimeliness(due, null, '2025-10-13')).toEqual(PENDING);
  });

  it('is PENDING on the due date itself', () => {
    expect(reportTimeliness(due, null, '2025-10-14')).toEqual(PENDING);
  });

  it('is MISSING the day after, with the days since the due date', () => {
    expect(reportTimeliness(due, null, '2025-10-15')).toEqual(missing(1));
    expect(reportTimeliness(due, null, '2025-10-21')).toEqual(missing(7));
  });

  it('counts overdue calendar days across a month end and a year end', () => {
    expect(reportTimeliness('2025-09-30', null, '2025-10-01')).toEqual(missing(1));
    expect(reportTimeliness('2025-09-30', null, '2025-10-31')).toEqual(missing(31));
    expect(reportTimeliness('2025-10-14', null, '2025-11-02')).toEqual(missing(19));
    expect(reportTimeliness('2025-12-31', null, '2026-01-05')).toEqual(missing(5));
  });
});

describe('reportTimeliness: submitted, judged in Asia/Seoul on the first submission', () => {
  const due = '2025-10-14';

  it('is ON_TIME at 23:59:59 KST on the due day (14:59:59 UTC)', () => {
    expect(reportTimeliness(due, new Date('2025-10-14T14:59:59Z'), '2025-10-14')).toEqual(ON_TIME);
  });

  it('is LATE by 1 day at 00:00 KST the next day (15:00 UTC on the due day)', () => {
    expect(reportTimeliness(due, new Date('2025-10-14T15:00:00Z'), '2025-10-15')).toEqual(late(1));
  });

  it('uses the Seoul date, not the UTC date, of the submission', () => {
    // Still the 14th in UTC, already the 15th in Seoul.
    expect(reportTimeliness(due, new Date('2025-10-14T16:30:00Z'), '2025-10-15')).toEqual(late(1));
    // Still the 13th in UTC, already the due day in Seoul.
    expect(reportTimeliness(due, new Date('2025-10-13T15:00:00Z'), '2025-10-14')).toEqual(ON_TIME);
  });

  it('is ON_TIME when submitted before the due date', () => {
    expect(reportTimeliness(due, new Date('2025-10-01T00:00:00Z'), '2025-10-01')).toEqual(ON_TIME);
    expect(reportTimeliness(due, new Date('2025-10-13T14:59:59Z'), '2025-10-13')).toEqual(ON_TIME);
  });

  it('does not depend on today once submitted', () => {
    const onTime = new Date('2025-10-10T01:00:00Z');
    expect(reportTimeliness(due, onTime, '2025-10-10')).toEqual(ON_TIME);
    expect(reportTimeliness(due, onTime, '2026-03-01')).toEqual(ON_TIME);
    const lateBy3 = new Date('2025-10-17T01:00:00Z');
    expect(reportTimeliness(due, lateBy3, '2025-10-17')).toEqual(late(3));
    expect(reportTimeliness(due, lateBy3, '2026-03-01')).toEqual(late(3));
  });

  it('counts late calendar days across a month end', () => {
    // Due Tuesday 30 September, submitted 10:00 KST on Thursday 2 October.
    expect(reportTimeliness('2025-09-30', new Date('2025-10-02T01:00:00Z'), '2025-10-02')).toEqual(
      late(2),
    );
    // Due Friday 27 February 2026 (not a leap year), submitted Monday 2 March: 3 calendar days.
    expect(reportTimeliness('2026-02-27', new Date('2026-03-02T00:30:00Z'), '2026-03-02')).toEqual(
      late(3),
    );
    // Leap year: 28 February → 1 March 2028 is 2 days.
    expect(reportTimeliness('2028-02-28', new Date('2028-02-29T15:00:00Z'), '2028-03-01')).toEqual(
      late(2),
    );
  });

  it('counts late days across a year end, in Seoul time', () => {
    // 2025-12-31T15:30Z is 00:30 KST on 1 January 2026.
    expect(reportTimeliness('2025-12-31', new Date('2025-12-31T15:30:00Z'), '2026-01-01')).toEqual(
      late(1),
    );
    expect(reportTimeliness('2025-12-31', new Date('2025-12-31T14:59:59Z'), '2025-12-31')).toEqual(
      ON_TIME,
    );
  });
});

describe('the same rules in SQL', () => {
  it('LATE_SQL compares the first submission in Asia/Seoul with the due date', () => {
    expect(LATE_SQL).toContain('r.first_submitted_at IS NOT NULL');
    expect(LATE_SQL).toContain("AT TIME ZONE 'Asia/Seoul'");
    expect(LATE_SQL).toMatch(
      /\(r\.first_submitted_at AT TIME ZONE 'Asia\/Seoul'\)::date > r\.due_date/,
    );
    // judged on the first submission, not the latest one
    expect(LATE_SQL).not.toMatch(/\br\.submitted_at\b/);
  });

  it('missingSql(param) is "not submitted and due before the parameter date"', () => {
    const sql = missingSql('$7');
    expect(sql).toContain('r.first_submitted_at IS NULL');
    expect(sql).toContain('r.due_date < $7::date');
    expect(sql).not.toContain('$1');
  });

  it('missingSql uses the parameter it is given, verbatim', () => {
    expect(missingSql('$12')).toContain('$12::date');
    expect(missingSql('$3')).not.toContain('$12');
  });
});
