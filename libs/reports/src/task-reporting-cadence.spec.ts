import { registerTaskReportingCadence, taskReportingCadenceSql } from './task-reporting-cadence.js';

describe('the reports’ cadence port', () => {
  it('without an override the task owes its calendar’s cadence (the fallback as is)', () => {
    expect(taskReportingCadenceSql('t', 'p.period_start', '$9::text')).toBe('$9::text');
  });

  it('overrides get the task alias and the period start, come first, the calendar last; registering again replaces', () => {
    registerTaskReportingCadence('x', {
      cadenceSql: (t, start) => `SELECT 'QUARTERLY' FROM a WHERE a.t = ${t}.id AND a.d < ${start}`,
    });
    registerTaskReportingCadence('x', {
      cadenceSql: (t, start) => `SELECT 'MONTHLY' FROM b WHERE b.t = ${t}.id AND b.d < ${start}`,
    });
    registerTaskReportingCadence('y', {
      cadenceSql: (t) => `SELECT c.cadence FROM c WHERE c.t = ${t}.id`,
    });
    expect(taskReportingCadenceSql('tk', 'p.period_start', '$9::text')).toBe(
      "COALESCE((SELECT 'MONTHLY' FROM b WHERE b.t = tk.id AND b.d < p.period_start), " +
        '(SELECT c.cadence FROM c WHERE c.t = tk.id), $9::text)',
    );
  });
});
