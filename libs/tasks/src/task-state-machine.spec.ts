import {
  ALL_TASK_ACTIONS,
  allowedTransitions,
  CLOSED_STATES,
  OPEN_STATES,
  type Standing,
  TASK_TRANSITIONS,
  TaskAction,
  transitionFor,
} from './task-state-machine.js';
import { ALL_TASK_STATUSES, TaskStatus } from './task.entity.js';

/**
 * DOMAIN.md §2, written out cell by cell: for every (state, action) the target state, who may take
 * it and whether a reason is required — or `null` when the action is not allowed from that state.
 *
 * Who, as standings: "STAFF/DEPT_HEAD of lead dept" = LEAD_STAFF, "DEPT_HEAD of lead dept" =
 * LEAD_HEAD, "owner" = OWNER, "PROACTIVE_OFFICE" = OFFICE. "(reason)" and "(evidence)" mean a reason
 * is required. "Any open state" = DRAFT, PROPOSED, SELECTED, IN_PROGRESS, SUSPENDED.
 */
type Cell = { to: TaskStatus; who: Standing[]; reason: boolean } | null;

const NO: Cell = null;
const EXPECTED: Record<TaskStatus, Record<TaskAction, Cell>> = {
  DRAFT: {
    propose: { to: 'PROPOSED', who: ['LEAD_STAFF'], reason: false },
    select: NO,
    reject: NO,
    start: NO,
    complete: NO,
    suspend: NO,
    resume: NO,
    drop: { to: 'DROPPED', who: ['OFFICE'], reason: true },
    reopen: NO,
  },
  PROPOSED: {
    propose: NO,
    select: { to: 'SELECTED', who: ['OFFICE'], reason: false },
    reject: { to: 'REJECTED', who: ['OFFICE'], reason: true },
    start: NO,
    complete: NO,
    suspend: NO,
    resume: NO,
    drop: { to: 'DROPPED', who: ['OFFICE'], reason: true },
    reopen: NO,
  },
  SELECTED: {
    propose: NO,
    select: NO,
    reject: NO,
    start: { to: 'IN_PROGRESS', who: ['OWNER', 'LEAD_HEAD'], reason: false },
    complete: NO,
    suspend: { to: 'SUSPENDED', who: ['OFFICE'], reason: true },
    resume: NO,
    drop: { to: 'DROPPED', who: ['OFFICE'], reason: true },
    reopen: NO,
  },
  REJECTED: {
    propose: NO,
    select: NO,
    reject: NO,
    start: NO,
    complete: NO,
    suspend: NO,
    resume: NO,
    drop: NO,
    reopen: NO,
  },
  IN_PROGRESS: {
    propose: NO,
    select: NO,
    reject: NO,
    start: NO,
    complete: { to: 'COMPLETED', who: ['LEAD_HEAD'], reason: true },
    suspend: { to: 'SUSPENDED', who: ['OFFICE'], reason: true },
    resume: NO,
    drop: { to: 'DROPPED', who: ['OFFICE'], reason: true },
    reopen: NO,
  },
  COMPLETED: {
    propose: NO,
    select: NO,
    reject: NO,
    start: NO,
    complete: NO,
    suspend: NO,
    resume: NO,
    drop: NO,
    reopen: { to: 'IN_PROGRESS', who: ['OFFICE'], reason: true },
  },
  SUSPENDED: {
    propose: NO,
    select: NO,
    reject: NO,
    start: NO,
    complete: NO,
    suspend: NO,
    resume: { to: 'IN_PROGRESS', who: ['OFFICE'], reason: false },
    drop: { to: 'DROPPED', who: ['OFFICE'], reason: true },
    reopen: NO,
  },
  DROPPED: {
    propose: NO,
    select: NO,
    reject: NO,
    start: NO,
    complete: NO,
    suspend: NO,
    resume: NO,
    drop: NO,
    reopen: NO,
  },
};

/** allowedTransitions(state, {standing}) for each single standing and for no standing at all. */
const ALLOWED: Record<TaskStatus, Record<Standing | 'none', TaskAction[]>> = {
  DRAFT: { LEAD_STAFF: ['propose'], LEAD_HEAD: [], OWNER: [], OFFICE: ['drop'], none: [] },
  PROPOSED: {
    LEAD_STAFF: [],
    LEAD_HEAD: [],
    OWNER: [],
    OFFICE: ['select', 'reject', 'drop'],
    none: [],
  },
  SELECTED: {
    LEAD_STAFF: [],
    LEAD_HEAD: ['start'],
    OWNER: ['start'],
    OFFICE: ['suspend', 'drop'],
    none: [],
  },
  REJECTED: { LEAD_STAFF: [], LEAD_HEAD: [], OWNER: [], OFFICE: [], none: [] },
  IN_PROGRESS: {
    LEAD_STAFF: [],
    LEAD_HEAD: ['complete'],
    OWNER: [],
    OFFICE: ['suspend', 'drop'],
    none: [],
  },
  COMPLETED: { LEAD_STAFF: [], LEAD_HEAD: [], OWNER: [], OFFICE: ['reopen'], none: [] },
  SUSPENDED: { LEAD_STAFF: [], LEAD_HEAD: [], OWNER: [], OFFICE: ['resume', 'drop'], none: [] },
  DROPPED: { LEAD_STAFF: [], LEAD_HEAD: [], OWNER: [], OFFICE: [], none: [] },
};

const STANDINGS: Standing[] = ['LEAD_STAFF', 'LEAD_HEAD', 'OWNER', 'OFFICE'];
const STATES: TaskStatus[] = [
  'DRAFT',
  'PROPOSED',
  'SELECTED',
  'REJECTED',
  'IN_PROGRESS',
  'COMPLETED',
  'SUSPENDED',
  'DROPPED',
];
const ACTIONS: TaskAction[] = [
  'propose',
  'select',
  'reject',
  'start',
  'complete',
  'suspend',
  'resume',
  'drop',
  'reopen',
];

const PAIRS = STATES.flatMap((state) => ACTIONS.map((action) => [state, action] as const));

describe('task state machine: the table of DOMAIN.md §2', () => {
  it('covers exactly the 8 states and 9 actions of the domain', () => {
    expect([...ALL_TASK_STATUSES].sort()).toEqual([...STATES].sort());
    expect([...ALL_TASK_ACTIONS].sort()).toEqual([...ACTIONS].sort());
    expect(PAIRS).toHaveLength(72);
  });

  it.each(PAIRS)('%s × %s', (state, action) => {
    const expected = EXPECTED[state][action];
    const t = transitionFor(state, action);
    if (expected === null) {
      expect(t).toBeUndefined();
    } else {
      expect(t).toBeDefined();
      expect({ to: t!.to, who: [...t!.who].sort(), reason: t!.reasonRequired }).toEqual({
        ...expected,
        who: [...expected.who].sort(),
      });
    }
    // TASK_TRANSITIONS itself: at most one transition per (state, action), and the same one.
    const rows = TASK_TRANSITIONS.filter((r) => r.action === action && r.from.includes(state));
    expect(rows).toHaveLength(expected === null ? 0 : 1);
    if (rows[0]) expect(rows[0]).toBe(t);
  });

  it('has no transition the table does not list (one row per action, table order)', () => {
    expect(TASK_TRANSITIONS.map((t) => t.action)).toEqual(ACTIONS);
    for (const t of TASK_TRANSITIONS) {
      const fromExpected = STATES.filter((s) => EXPECTED[s][t.action] !== null);
      expect([...t.from].sort()).toEqual(fromExpected.sort());
    }
  });
});

describe('allowedTransitions', () => {
  const CASES = STATES.flatMap((state) =>
    [...STANDINGS, 'none' as const].map((standing) => [state, standing] as const),
  );

  it.each(CASES)('%s with standing %s', (state, standing) => {
    const set = new Set<Standing>(standing === 'none' ? [] : [standing]);
    expect(allowedTransitions(state, set)).toEqual(ALLOWED[state][standing]);
  });

  it('agrees with the table for every combination of standings, in table order', () => {
    for (let mask = 0; mask < 1 << STANDINGS.length; mask++) {
      const set = new Set(STANDINGS.filter((_, i) => mask & (1 << i)));
      for (const state of STATES) {
        const expected = ACTIONS.filter((a) => {
          const cell = EXPECTED[state][a];
          return cell !== null && cell.who.some((w) => set.has(w));
        });
        expect(allowedTransitions(state, set)).toEqual(expected);
      }
    }
  });

  it('gives everything the table allows to a caller holding every standing', () => {
    const all = new Set(STANDINGS);
    expect(allowedTransitions(TaskStatus.DRAFT, all)).toEqual(['propose', 'drop']);
    expect(allowedTransitions(TaskStatus.PROPOSED, all)).toEqual(['select', 'reject', 'drop']);
    expect(allowedTransitions(TaskStatus.SELECTED, all)).toEqual(['start', 'suspend', 'drop']);
    expect(allowedTransitions(TaskStatus.IN_PROGRESS, all)).toEqual([
      'complete',
      'suspend',
      'drop',
    ]);
    expect(allowedTransitions(TaskStatus.SUSPENDED, all)).toEqual(['resume', 'drop']);
    expect(allowedTransitions(TaskStatus.COMPLETED, all)).toEqual(['reopen']);
    expect(allowedTransitions(TaskStatus.REJECTED, all)).toEqual([]);
    expect(allowedTransitions(TaskStatus.DROPPED, all)).toEqual([]);
  });
});

describe('final and open states', () => {
  it('REJECTED and DROPPED have no way out', () => {
    for (const state of [TaskStatus.REJECTED, TaskStatus.DROPPED]) {
      for (const action of ACTIONS) expect(transitionFor(state, action)).toBeUndefined();
    }
  });

  it('COMPLETED leaves only by reopen, back to IN_PROGRESS', () => {
    const ways = ACTIONS.filter((a) => transitionFor(TaskStatus.COMPLETED, a) !== undefined);
    expect(ways).toEqual(['reopen']);
    expect(transitionFor(TaskStatus.COMPLETED, TaskAction.REOPEN)?.to).toBe(TaskStatus.IN_PROGRESS);
  });

  it('drop is possible from every open state and from none of the closed ones', () => {
    expect([...OPEN_STATES].sort()).toEqual(
      ['DRAFT', 'PROPOSED', 'SELECTED', 'IN_PROGRESS', 'SUSPENDED'].sort(),
    );
    expect([...CLOSED_STATES].sort()).toEqual(['COMPLETED', 'DROPPED', 'REJECTED']);
    for (const state of OPEN_STATES) {
      expect(transitionFor(state, TaskAction.DROP)).toMatchObject({
        to: 'DROPPED',
        who: ['OFFICE'],
        reasonRequired: true,
      });
    }
    for (const state of CLOSED_STATES)
      expect(transitionFor(state, TaskAction.DROP)).toBeUndefined();
  });

  it('open and closed states partition the states', () => {
    expect([...OPEN_STATES, ...CLOSED_STATES].sort()).toEqual([...STATES].sort());
  });

  it('the actions that need a reason are reject, complete (evidence), suspend, drop and reopen', () => {
    const reasoned = TASK_TRANSITIONS.filter((t) => t.reasonRequired).map((t) => t.action);
    expect(reasoned).toEqual(['reject', 'complete', 'suspend', 'drop', 'reopen']);
  });
});
