import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dueRules, type ReminderSource, ReminderSources } from './reminder-port.js';

const source = (order: number, labels: ReminderSource['labels']): ReminderSource => ({
  order,
  recordTypes: [`type-${order}`],
  labels,
  describe: () => Promise.resolve(new Map()),
});

describe('ReminderSources', () => {
  it('labels a rule by its longest registered prefix, whichever source registered it', () => {
    const sources = new ReminderSources();
    sources.register(
      source(2, [
        ['consultation.opinion', { ko: '의견 기한 임박', en: 'Opinion due soon' }],
        ['consultation.opinion-overdue', { ko: '의견 기한 경과', en: 'Opinion overdue' }],
      ]),
    );
    sources.register(source(1, [['report.due', { ko: '제출 기한 임박', en: 'Report due soon' }]]));
    expect(sources.label('consultation.opinion-overdue+3').en).toBe('Opinion overdue');
    expect(sources.label('consultation.opinion-due-5').en).toBe('Opinion due soon');
    expect(sources.label('report.due-1').ko).toBe('제출 기한 임박');
    expect(sources.label('unknown.rule')).toEqual({ ko: '알림', en: 'Notice' });
  });

  it('runs sources in their declared order, not the order they registered in', () => {
    const sources = new ReminderSources();
    sources.register(source(30, []));
    sources.register(source(10, []));
    sources.register(source(20, []));
    expect(sources.all().map((s) => s.order)).toEqual([10, 20, 30]);
    expect(sources.forRecordType('type-20')?.order).toBe(20);
    expect(sources.forRecordType('nothing')).toBeUndefined();
  });
});

describe('dueRules', () => {
  it('makes one rule per configured day count, with the deadlines it reminds of as $3', () => {
    // Monday 2026-11-23: D-1 is Tuesday 24th; five business days before Monday 30th is today, and
    // so is it for the weekend between (a deadline on a weekend counts back from there).
    const rules = dueRules('2026-11-23', [5, 1], 'report.due', (rule) => `SELECT '${rule}'`);
    expect(rules).toEqual([
      {
        rule: 'report.due-5',
        select: "SELECT 'report.due-5'",
        params: [['2026-11-28', '2026-11-29', '2026-11-30']],
      },
      { rule: 'report.due-1', select: "SELECT 'report.due-1'", params: [['2026-11-24']] },
    ]);
  });

  it('leaves out a day count that reminds of no deadline today (a Saturday run)', () => {
    expect(dueRules('2026-11-21', [1], 'report.due', () => 'SELECT 1')).toEqual([]);
  });
});

describe('notifications as a port', () => {
  it('reads none of the capabilities’ tables (they describe their own records)', () => {
    const dir = import.meta.dirname;
    const code = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const table of [
      'reports',
      'tasks',
      'milestones',
      'task_members',
      'consultations',
      'evaluation_rounds',
      'nominations',
      'ledger_checkpoints',
    ])
      expect(code).not.toMatch(new RegExp(`\\b(FROM|JOIN)\\s+${table}\\b`, 'i'));
  });
});
