import type { SettingValues } from '@gwaje/identity';
import type { ReminderSources } from '@gwaje/notifications';
import type { DataSource } from 'typeorm';
import { PassiveReportEvent, PassiveReportReminders } from './passive-report-reminders.js';

// The source's rules as the runner sees them; what they select is covered through the reminder
// engine in test/programme-passive-reports.e2e-spec.ts.
describe('소극행정 신고 reminder rules', () => {
  const source = new PassiveReportReminders({} as ReminderSources, {} as DataSource);
  const rules = (today: string) =>
    source
      .daily({ organisationId: 'o', today, settings: {} as SettingValues })
      .map((r) => [r.rule, r.params]);

  it('on a business day: D-3 and D-1 of the deadlines ahead, and overdue', () => {
    // Monday 2026-11-23: D-3 is Thursday 26, D-1 Tuesday 24.
    expect(rules('2026-11-23')).toEqual([
      ['passive-report.due-3', [['2026-11-26']]],
      ['passive-report.due-1', [['2026-11-24']]],
      ['passive-report.overdue', []],
    ]);
  });

  it('on a day off nothing is owed', () => {
    expect(rules('2026-11-28')).toEqual([]);
    expect(rules('2026-12-25')).toEqual([]);
  });

  it('its urgent events notify; others are not its own', () => {
    expect(source.event(PassiveReportEvent.RECEIVED, 'id')).toEqual({
      owed: { rule: PassiveReportEvent.RECEIVED, select: expect.any(String), params: ['id'] },
      rules: [PassiveReportEvent.RECEIVED],
    });
    expect(source.event(PassiveReportEvent.ASSIGNED, 'id', { by: 'u' })?.owed.params).toEqual([
      'id',
      'u',
    ]);
    expect(source.event('collaboration-sos.filed', 'id')).toBeNull();
  });
});
