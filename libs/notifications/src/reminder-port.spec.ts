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

/**
 * Every table the migrations create (libs/db/src/migrations/*.ts), so a new context's tables are
 * covered as soon as its migration exists.
 */
function migratedTables(): string[] {
  const dir = join(import.meta.dirname, '../../db/src/migrations');
  const tables = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts')))
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(
      /CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi,
    ))
      tables.add(m[1].toLowerCase());
  return [...tables].sort();
}

/** The notifications context's own tables. */
const OWN_TABLES = [
  'notifications',
  'notification_emails',
  'notification_preferences',
  'notification_runs',
  'reminder_run_days',
];

/** Other tables notifications may read, and why. */
const MAY_READ: Record<string, string> = {
  users: 'identity: the recipient’s e-mail address, name, language and whether still active',
  departments: 'identity: the recipient’s department, listed with a run’s recipients',
  organisations: 'identity: the active organisations the hourly run goes through',
  outbox: 'the outbox rows relayed to notifications (event, record and payload)',
};

/** SQL in `code` that reads or writes `table` (FROM, JOIN, INTO, UPDATE; quoted or not). */
const names = (code: string, table: string) =>
  new RegExp(`\\b(FROM|JOIN|INTO|UPDATE)\\s+"?${table}"?(?![\\w"])`, 'i').test(code);

describe('notifications as a port', () => {
  const tables = migratedTables();

  it('finds the tables of every context in the migrations, its own and those it may read among them', () => {
    expect(tables.length).toBeGreaterThan(50);
    for (const t of ['reports', 'tasks', 'consultations', 'collaboration_sos', 'contest_entries'])
      expect(tables).toContain(t);
    for (const t of [...OWN_TABLES, ...Object.keys(MAY_READ)]) expect(tables).toContain(t);
  });

  it('reads none of the other contexts’ tables (they describe their own records)', () => {
    const dir = import.meta.dirname;
    const code = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const allowed = new Set([...OWN_TABLES, ...Object.keys(MAY_READ)]);
    const named = tables.filter((t) => !allowed.has(t) && names(code, t));
    expect(named).toEqual([]);
  });

  it('would see a table named in any of the forms SQL uses', () => {
    expect(names('SELECT 1 FROM reports r', 'reports')).toBe(true);
    expect(names('LEFT JOIN "tasks" t ON', 'tasks')).toBe(true);
    expect(names('UPDATE milestones SET', 'milestones')).toBe(true);
    expect(names('INSERT INTO history (id)', 'history')).toBe(true);
    expect(names('FROM reports_archive', 'reports')).toBe(false);
    expect(names('FROM task_members', 'tasks')).toBe(false);
  });
});
