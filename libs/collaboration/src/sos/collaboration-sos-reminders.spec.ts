import type { HistoryService } from '@gwaje/audit';
import type { TransactionService } from '@gwaje/db';
import type { SettingValues } from '@gwaje/identity';
import type { ReminderSources } from '@gwaje/notifications';
import type { DataSource } from 'typeorm';
import { CollaborationSosReminders, SosEvent } from './collaboration-sos-reminders.js';

// The source's rules as the runner sees them (which rules run on which day, with which deadlines);
// what they select is covered through the reminder engine in test/collaboration-sos.e2e-spec.ts.
describe('협업SOS reminder rules', () => {
  const source = new CollaborationSosReminders(
    {} as ReminderSources,
    {} as DataSource,
    {} as TransactionService,
    {} as HistoryService,
  );
  const rules = (today: string) =>
    source
      .daily({ organisationId: 'o', today, settings: {} as SettingValues })
      .map((r) => [r.rule, r.params]);

  it('on a business day: D-1 of the next business day’s deadlines, overdue and escalation', () => {
    // Wednesday 2026-11-25: D-1 of Thursday's deadline.
    expect(rules('2026-11-25')).toEqual([
      ['collaboration-sos.due-1', [['2026-11-26']]],
      ['collaboration-sos.overdue', []],
      ['collaboration-sos.escalated', []],
    ]);
    // Friday 2026-11-27: D-1 of the weekend's and Monday's deadlines.
    expect(rules('2026-11-27')[0]).toEqual([
      'collaboration-sos.due-1',
      [['2026-11-28', '2026-11-29', '2026-11-30']],
    ]);
  });

  it('before a public holiday the D-1 reminder is the business day before it', () => {
    // Thursday 2026-12-24: Friday 25 is 성탄절, so Monday 28's deadline (and the days off) are D-1.
    const [due] = rules('2026-12-24');
    expect(due[0]).toBe('collaboration-sos.due-1');
    expect((due[1] as string[][])[0]).toContain('2026-12-28');
  });

  it('on a day off nothing is owed', () => {
    expect(rules('2026-11-28')).toEqual([]);
    expect(rules('2026-12-25')).toEqual([]);
  });

  it('its urgent events notify, and others are not its own', () => {
    for (const event of Object.values(SosEvent))
      expect(source.event(event, 'id')).toEqual({
        owed: { rule: event, select: expect.any(String), params: ['id'] },
        rules: [event],
      });
    expect(source.event('report.returned', 'id')).toBeNull();
  });
});
