import {
  bulkNeedsReason,
  dayBefore,
  isPastDay,
  LIFECYCLE,
  stepsFrom,
  transitionBody,
} from './lifecycle';

describe('task life cycle in the web app', () => {
  it("is the API's state machine, step for step", async () => {
    // Loaded by path at run time: the web app's type check does not take in the server's code.
    const machine = '../../../../../libs/tasks/src/task-state-machine';
    const { TASK_TRANSITIONS } = (await import(machine)) as {
      TASK_TRANSITIONS: Array<{
        from: string[];
        action: string;
        to: string;
        reasonRequired: boolean;
      }>;
    };
    expect(Object.keys(LIFECYCLE).sort()).toEqual(TASK_TRANSITIONS.map((t) => t.action).sort());
    for (const t of TASK_TRANSITIONS) {
      const mine = LIFECYCLE[t.action as keyof typeof LIFECYCLE];
      expect({
        action: t.action,
        from: [...mine.from].sort(),
        to: mine.to,
        reason: mine.reason,
      }).toEqual({
        action: t.action,
        from: [...t.from].sort(),
        to: t.to,
        reason: t.reasonRequired,
      });
    }
  });

  it('offers every step of the state machine from a status, in table order', () => {
    expect(stepsFrom('DRAFT')).toEqual(['propose', 'drop']);
    expect(stepsFrom('PROPOSED')).toEqual(['select', 'reject', 'drop']);
    expect(stepsFrom('SELECTED')).toEqual(['start', 'suspend', 'drop']);
    expect(stepsFrom('IN_PROGRESS')).toEqual(['complete', 'suspend', 'drop']);
    expect(stepsFrom('SUSPENDED')).toEqual(['resume', 'drop']);
    expect(stepsFrom('COMPLETED')).toEqual(['reopen']);
    expect(stepsFrom('REJECTED')).toEqual([]);
    expect(stepsFrom('DROPPED')).toEqual([]);
  });

  it('knows which actions need a reason, also in bulk', () => {
    expect(LIFECYCLE.complete.reason).toBe(true);
    expect(LIFECYCLE.start.reason).toBe(false);
    expect(bulkNeedsReason('select')).toBe(false);
    expect(bulkNeedsReason('reject')).toBe(true);
    expect(bulkNeedsReason('drop')).toBe(true);
  });

  it('tells a past day from today, the future and what is not a date', () => {
    expect(isPastDay('2026-03-31', '2026-04-01')).toBe(true);
    expect(isPastDay('2026-04-01', '2026-04-01')).toBe(false);
    expect(isPastDay('2026-04-02', '2026-04-01')).toBe(false);
    expect(isPastDay('', '2026-04-01')).toBe(false);
    expect(isPastDay('2026-4-1', '2026-04-01')).toBe(false);
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
  });

  it('sends the day and the reason for entering it later only when they apply', () => {
    const base = { action: 'complete' as const, version: 4, reason: ' 준공검사 완료 ' };
    expect(
      transitionBody({ ...base, occurredOn: '', lateEntryReason: '옮겨 적음' }, '2026-04-01'),
    ).toEqual({ action: 'complete', version: 4, reason: ' 준공검사 완료 ' });
    expect(
      transitionBody(
        { ...base, occurredOn: '2026-04-01', lateEntryReason: '옮겨 적음' },
        '2026-04-01',
      ),
    ).toEqual({
      action: 'complete',
      version: 4,
      reason: ' 준공검사 완료 ',
      occurredOn: '2026-04-01',
    });
    expect(
      transitionBody(
        { ...base, occurredOn: '2025-11-28', lateEntryReason: '옮겨 적음' },
        '2026-04-01',
      ),
    ).toEqual({
      action: 'complete',
      version: 4,
      reason: ' 준공검사 완료 ',
      occurredOn: '2025-11-28',
      lateEntryReason: '옮겨 적음',
    });
    // A past day without a reason goes as it is: the API names the missing reason by its field.
    expect(
      transitionBody(
        {
          action: 'start',
          version: 1,
          reason: '  ',
          occurredOn: '2025-03-02',
          lateEntryReason: '',
        },
        '2026-04-01',
      ),
    ).toEqual({ action: 'start', version: 1, occurredOn: '2025-03-02' });
  });
});
