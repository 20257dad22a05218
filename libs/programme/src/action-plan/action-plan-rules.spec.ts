import { Role } from '@gwaje/identity';
import { TaskStatus } from '@gwaje/tasks';
import {
  allowedMeasureStatuses,
  allowedPlanActions,
  dueDateProblems,
  focusProblems,
  type LinkedTaskFacts,
  mayEverSetMeasureStatus,
  mayEverTakePlanAction,
  MEASURE_STATUSES,
  type MeasureStatus,
  measurePercent,
  PLAN_ACTIONS,
  PLAN_STATUSES,
  type PlanCaller,
  planProgress,
  planTransition,
} from './action-plan-rules.js';

const ORG = 'org-1';
const caller = (roles: Role[], opts: { dept?: string; head?: boolean; org?: string } = {}) =>
  ({
    user: { id: 'u', organisationId: opts.org ?? ORG, departmentId: opts.dept ?? 'd-1', roles },
    officeHead: opts.head ?? false,
  }) satisfies PlanCaller;

const office = caller([Role.PROACTIVE_OFFICE], { dept: 'office' });
const head = caller([Role.DEPT_HEAD], { dept: 'office', head: true });
const otherHead = caller([Role.DEPT_HEAD], { dept: 'd-2' });
const staff = caller([Role.STAFF], { dept: 'd-1' });
const auditor = caller([Role.AUDITOR], { dept: 'audit' });
const outsiderOffice = caller([Role.PROACTIVE_OFFICE], { org: 'org-2' });

describe('the plan’s approval table', () => {
  it('allows exactly these (status, action) pairs, each to its state', () => {
    const table = PLAN_STATUSES.flatMap((s) =>
      PLAN_ACTIONS.map((a) => [s, a, planTransition(s, a)?.to ?? null] as const),
    ).filter(([, , to]) => to);
    expect(table).toEqual([
      ['DRAFT', 'edit', 'DRAFT'],
      ['DRAFT', 'submit', 'SUBMITTED'],
      ['SUBMITTED', 'approve', 'APPROVED'],
      ['SUBMITTED', 'return', 'DRAFT'],
      ['APPROVED', 'edit', 'DRAFT'],
    ]);
    // Only editing an approved plan opens a new version.
    expect(planTransition('APPROVED', 'edit')?.newVersion).toBe(true);
    expect(planTransition('DRAFT', 'edit')?.newVersion).toBeUndefined();
  });

  it('gives each caller the actions of each state', () => {
    const at = (c: PlanCaller) =>
      PLAN_STATUSES.map((status) => allowedPlanActions(c, { organisationId: ORG, status }));
    expect(at(office)).toEqual([['edit', 'submit'], ['return'], ['edit']]);
    expect(at(head)).toEqual([['submit'], ['approve', 'return'], []]);
    for (const c of [otherHead, staff, auditor, outsiderOffice])
      expect(at(c)).toEqual([[], [], []]);
  });

  it('approves only by the head of the proactive office (a 403 for the office itself)', () => {
    expect(mayEverTakePlanAction(head, ORG, 'approve')).toBe(true);
    expect(mayEverTakePlanAction(office, ORG, 'approve')).toBe(false);
    expect(mayEverTakePlanAction(otherHead, ORG, 'approve')).toBe(false);
    // DEPT_HEAD role required: a STAFF of the office department is no head.
    expect(
      mayEverTakePlanAction(caller([Role.STAFF], { dept: 'office', head: true }), ORG, 'approve'),
    ).toBe(false);
    expect(
      mayEverTakePlanAction(caller([Role.DEPT_HEAD], { head: true, org: 'org-2' }), ORG, 'approve'),
    ).toBe(false);
  });
});

describe('a measure’s statuses', () => {
  const of = (c: PlanCaller, status: MeasureStatus, owner = 'd-1') =>
    allowedMeasureStatuses(c, ORG, { status, ownerDepartmentId: owner });

  it('lets the owner department move it, the office also drop and restore it', () => {
    expect(MEASURE_STATUSES.map((s) => of(staff, s))).toEqual([
      ['IN_PROGRESS', 'DONE'],
      ['DONE', 'PLANNED'],
      ['IN_PROGRESS'],
      [],
    ]);
    expect(MEASURE_STATUSES.map((s) => of(office, s))).toEqual([
      ['IN_PROGRESS', 'DONE', 'DROPPED'],
      ['DONE', 'PLANNED', 'DROPPED'],
      ['IN_PROGRESS'],
      ['PLANNED'],
    ]);
  });

  it('gives another department nothing (403), the owner no drop (403)', () => {
    expect(MEASURE_STATUSES.flatMap((s) => of(staff, s, 'd-2'))).toEqual([]);
    expect(mayEverSetMeasureStatus(staff, ORG, 'd-2', 'DONE')).toBe(false);
    expect(mayEverSetMeasureStatus(staff, ORG, 'd-1', 'DONE')).toBe(true);
    expect(mayEverSetMeasureStatus(staff, ORG, 'd-1', 'DROPPED')).toBe(false);
    expect(mayEverSetMeasureStatus(auditor, ORG, 'audit', 'DONE')).toBe(false);
    expect(mayEverSetMeasureStatus(outsiderOffice, ORG, 'd-1', 'DONE')).toBe(false);
  });
});

describe('input rules', () => {
  it('keeps due dates inside the plan’s year', () => {
    expect(dueDateProblems(2027, '2027-01-01')).toEqual([]);
    expect(dueDateProblems(2027, '2027-12-31')).toEqual([]);
    expect(dueDateProblems(2027, '2026-12-31').map((d) => [d.field, d.code])).toEqual([
      ['dueDate', 'outsidePlanYear'],
    ]);
    expect(dueDateProblems(2027, '2028-01-01')).toHaveLength(1);
  });

  it('links tasks to focus measures only, and at least one', () => {
    expect(focusProblems(true, ['t'])).toEqual([]);
    expect(focusProblems(false, [])).toEqual([]);
    expect(focusProblems(true, []).map((d) => d.code)).toEqual(['required']);
    expect(focusProblems(false, ['t']).map((d) => d.code)).toEqual(['focusOnly']);
  });
});

describe('progress', () => {
  const task = (id: string, status: TaskStatus, progress: number): LinkedTaskFacts => ({
    id,
    status,
    progress,
  });
  const m = (status: MeasureStatus) => ({ status });

  it('is the share of measures done, dropped ones left out', () => {
    const p = planProgress(
      [m('DONE'), m('DONE'), m('IN_PROGRESS'), m('DROPPED'), m('PLANNED')],
      [],
    );
    expect(p).toEqual({
      measures: 4,
      measuresDone: 2,
      measuresDropped: 1,
      measureShare: 0.5,
      linkedTasks: 0,
      linkedTasksCompleted: 0,
      linkedTaskShare: null,
      linkedTaskProgress: null,
      share: 0.5,
      percent: 50,
    });
  });

  it('counts a completed linked task as done, each task once, dropped tasks not at all', () => {
    const tasks = [
      task('a', TaskStatus.COMPLETED, 100),
      task('a', TaskStatus.COMPLETED, 100), // linked by two measures
      task('b', TaskStatus.IN_PROGRESS, 40),
      task('c', TaskStatus.DROPPED, 10),
    ];
    const p = planProgress([m('DONE'), m('PLANNED'), m('IN_PROGRESS')], tasks);
    expect(p.linkedTasks).toBe(2);
    expect(p.linkedTasksCompleted).toBe(1);
    expect(p.linkedTaskShare).toBe(0.5);
    expect(p.linkedTaskProgress).toBe(70);
    // (1 measure + 1 task) of (3 measures + 2 tasks)
    expect(p.share).toBe(0.4);
    expect(p.percent).toBe(40);
    expect(p.measureShare).toBe(0.3333);
  });

  it('has no share when nothing counts', () => {
    expect(planProgress([], []).share).toBeNull();
    expect(planProgress([m('DROPPED')], []).measureShare).toBeNull();
    expect(planProgress([m('DROPPED')], []).percent).toBeNull();
  });

  it('gives a measure 100 when done, none when dropped, else its tasks’ mean progress', () => {
    expect(measurePercent('DONE', [])).toBe(100);
    expect(measurePercent('DROPPED', [task('a', TaskStatus.COMPLETED, 100)])).toBeNull();
    expect(measurePercent('PLANNED', [])).toBe(0);
    expect(
      measurePercent('IN_PROGRESS', [
        task('a', TaskStatus.IN_PROGRESS, 30),
        task('b', TaskStatus.SELECTED, 0),
        task('c', TaskStatus.REJECTED, 90),
      ]),
    ).toBe(15);
  });
});
