import { MilestoneStatus } from './milestone.entity.js';
import {
  DELAY_TRACKED_STATES,
  type MilestoneFacts,
  seoulToday,
  taskDelayed,
  taskProgress,
} from './task-derived.js';
import { TaskStatus } from './task.entity.js';

const { PLANNED, DONE } = MilestoneStatus;
const ms = (status: MilestoneStatus, weight = 1, dueDate = '2026-12-31'): MilestoneFacts => ({
  status,
  weight,
  dueDate,
});

describe('taskProgress', () => {
  const IP = TaskStatus.IN_PROGRESS;

  it('rounds an exact .5 share up, as Postgres does (no float error in the weight sums)', () => {
    expect(taskProgress(IP, null, [ms(DONE, 0.7), ms(PLANNED, 4.9)])).toBe(13);
    expect(taskProgress(IP, null, [ms(DONE, 2.3), ms(PLANNED, 1.7)])).toBe(58);
  });

  it('is the weighted share of done milestones (weights 1 and 3, the 3 done → 75)', () => {
    expect(taskProgress(IP, null, [ms(PLANNED, 1), ms(DONE, 3)])).toBe(75);
    expect(taskProgress(IP, null, [ms(DONE, 1), ms(PLANNED, 3)])).toBe(25);
  });

  it('rounds to a whole percent (1/3 → 33, 2/3 → 67)', () => {
    expect(taskProgress(IP, null, [ms(DONE), ms(PLANNED), ms(PLANNED)])).toBe(33);
    expect(taskProgress(IP, null, [ms(DONE), ms(DONE), ms(PLANNED)])).toBe(67);
  });

  it('is 0 and 100 at the ends', () => {
    expect(taskProgress(IP, null, [ms(PLANNED), ms(PLANNED)])).toBe(0);
    expect(taskProgress(IP, null, [ms(DONE), ms(DONE)])).toBe(100);
  });

  it('is 0 without milestones', () => {
    expect(taskProgress(IP, null, [])).toBe(0);
    expect(taskProgress(TaskStatus.DRAFT, null, [])).toBe(0);
  });

  it('takes the reported figure over the milestones, including a reported 0', () => {
    expect(taskProgress(IP, 40, [ms(DONE), ms(DONE)])).toBe(40);
    expect(taskProgress(IP, 90, [])).toBe(90);
    expect(taskProgress(IP, 0, [ms(DONE)])).toBe(0);
  });

  it('is 100 for a COMPLETED task, whatever the milestones or the report say', () => {
    expect(taskProgress(TaskStatus.COMPLETED, null, [ms(PLANNED), ms(PLANNED)])).toBe(100);
    expect(taskProgress(TaskStatus.COMPLETED, null, [])).toBe(100);
    expect(taskProgress(TaskStatus.COMPLETED, 60, [ms(PLANNED)])).toBe(100);
  });

  it('handles fractional weights (0.5 and 1.5)', () => {
    expect(taskProgress(IP, null, [ms(DONE, 0.5), ms(PLANNED, 1.5)])).toBe(25);
    expect(taskProgress(IP, null, [ms(PLANNED, 0.5), ms(DONE, 1.5)])).toBe(75);
    expect(taskProgress(IP, null, [ms(DONE, 0.5), ms(DONE, 1.5)])).toBe(100);
  });

  it('is 0 when all weights are 0', () => {
    expect(taskProgress(IP, null, [ms(DONE, 0), ms(PLANNED, 0)])).toBe(0);
  });
});

describe('taskDelayed', () => {
  const TODAY = '2026-06-15';
  const PAST = '2026-06-14';
  const FUTURE = '2026-06-16';

  it('tracks only SELECTED and IN_PROGRESS', () => {
    expect([...DELAY_TRACKED_STATES].sort()).toEqual(['IN_PROGRESS', 'SELECTED']);
  });

  it.each([TaskStatus.SELECTED, TaskStatus.IN_PROGRESS])('%s: due before today → delayed', (s) => {
    expect(taskDelayed(s, PAST, [], TODAY)).toBe(true);
    expect(taskDelayed(s, '2025-12-31', [ms(DONE, 1, '2025-01-01')], TODAY)).toBe(true);
  });

  it.each([TaskStatus.SELECTED, TaskStatus.IN_PROGRESS])('%s: due today or later → not', (s) => {
    expect(taskDelayed(s, TODAY, [], TODAY)).toBe(false);
    expect(taskDelayed(s, FUTURE, [], TODAY)).toBe(false);
  });

  it.each([TaskStatus.SELECTED, TaskStatus.IN_PROGRESS])(
    '%s: a PLANNED milestone past due → delayed; a DONE one → not; one due today → not',
    (s) => {
      expect(taskDelayed(s, FUTURE, [ms(PLANNED, 1, PAST)], TODAY)).toBe(true);
      expect(taskDelayed(s, FUTURE, [ms(DONE, 1, PAST)], TODAY)).toBe(false);
      expect(taskDelayed(s, FUTURE, [ms(PLANNED, 1, TODAY)], TODAY)).toBe(false);
      expect(
        taskDelayed(
          s,
          FUTURE,
          [ms(DONE, 1, PAST), ms(PLANNED, 1, FUTURE), ms(PLANNED, 1, PAST)],
          TODAY,
        ),
      ).toBe(true);
    },
  );

  it.each([
    TaskStatus.DRAFT,
    TaskStatus.PROPOSED,
    TaskStatus.REJECTED,
    TaskStatus.COMPLETED,
    TaskStatus.SUSPENDED,
    TaskStatus.DROPPED,
  ])('%s past due, with an overdue milestone → not delayed', (s) => {
    expect(taskDelayed(s, PAST, [ms(PLANNED, 1, PAST)], TODAY)).toBe(false);
  });

  it('compares dates across month and year boundaries', () => {
    expect(taskDelayed(TaskStatus.IN_PROGRESS, '2026-12-31', [], '2027-01-01')).toBe(true);
    expect(taskDelayed(TaskStatus.IN_PROGRESS, '2027-01-01', [], '2026-12-31')).toBe(false);
    expect(taskDelayed(TaskStatus.IN_PROGRESS, '2026-09-30', [], '2026-10-01')).toBe(true);
  });
});

describe('seoulToday', () => {
  it.each([
    ['2026-11-22T15:30:00Z', '2026-11-23'],
    ['2026-11-22T14:59:59Z', '2026-11-22'],
    ['2026-11-22T15:00:00Z', '2026-11-23'],
    ['2026-12-31T15:00:00Z', '2027-01-01'],
    ['2026-12-31T14:59:59Z', '2026-12-31'],
    ['2026-03-01T00:00:00Z', '2026-03-01'],
    ['2028-02-28T15:00:00Z', '2028-02-29'],
  ])('%s is %s in Seoul', (iso, expected) => {
    expect(seoulToday(new Date(iso))).toBe(expected);
  });

  it('defaults to now, formatted YYYY-MM-DD', () => {
    const before = seoulToday(new Date());
    const today = seoulToday();
    const after = seoulToday(new Date());
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([before, after]).toContain(today);
  });
});
