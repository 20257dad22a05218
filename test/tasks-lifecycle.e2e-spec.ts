import { useTestApi } from './support/app.js';
import {
  ACTIONS,
  type Action,
  type Actor,
  on,
  STATES,
  type State,
  taskBody,
  taskHistory,
  type TaskWorld,
  taskWorld,
  withVersion,
  YEAR,
} from './support/tasks.js';

// Each test builds an organisation and logs its users in (argon2): more than Jest's 5 s default.

/** How a user stands to the task under test. */
type Who = 'staff' | 'owner' | 'head' | 'office' | 'auditor' | 'committee' | 'partner';
const WHO: readonly Who[] = ['staff', 'owner', 'head', 'office', 'auditor', 'committee', 'partner'];
const WHO_LABEL: Record<Who, string> = {
  staff: 'lead-department STAFF (not owner)',
  owner: 'lead-department STAFF who owns the task',
  head: 'lead DEPT_HEAD',
  office: 'PROACTIVE_OFFICE',
  auditor: 'AUDITOR',
  committee: 'COMMITTEE',
  partner: 'STAFF of a partner department',
};

/** DOMAIN.md §2, written out: in each state, which action each standing may take. */
const MAY: Record<State, Partial<Record<Action, readonly Who[]>>> = {
  DRAFT: { propose: ['staff', 'owner', 'head'], drop: ['office'] },
  PROPOSED: { select: ['office'], reject: ['office'], drop: ['office'] },
  SELECTED: { start: ['owner', 'head'], suspend: ['office'], drop: ['office'] },
  REJECTED: {},
  IN_PROGRESS: { complete: ['head'], suspend: ['office'], drop: ['office'] },
  COMPLETED: { reopen: ['office'] },
  SUSPENDED: { resume: ['office'], drop: ['office'] },
  DROPPED: {},
};
const TO: Record<Action, State> = {
  propose: 'PROPOSED',
  select: 'SELECTED',
  reject: 'REJECTED',
  start: 'IN_PROGRESS',
  complete: 'COMPLETED',
  suspend: 'SUSPENDED',
  resume: 'IN_PROGRESS',
  drop: 'DROPPED',
  reopen: 'IN_PROGRESS',
};
/** Non-transition rights (task-permissions.ts): the lead department plans a draft or proposal; once
 * selected only its head changes the plan, and owner and head record progress while it moves. */
const PLANNERS = {
  staff: ['edit', 'updateProgress'],
  owner: ['edit', 'updateProgress'],
  head: ['edit', 'updateProgress'],
};
const EDITS: Record<State, Partial<Record<Who, readonly string[]>>> = {
  DRAFT: PLANNERS,
  PROPOSED: PLANNERS,
  SELECTED: { owner: ['updateProgress'], head: ['edit', 'updateProgress'] },
  IN_PROGRESS: { owner: ['updateProgress'], head: ['edit', 'updateProgress'] },
  SUSPENDED: { head: ['edit'] },
  REJECTED: {},
  COMPLETED: {},
  DROPPED: {},
};
const REASONED: readonly Action[] = ['reject', 'complete', 'suspend', 'drop', 'reopen'];
const READS = (who: Who) => who !== 'committee';
/** Readers with no standing on a task: never a transition of theirs, in any state. */
const ONLY_READS = (who: Who) => who === 'auditor' || who === 'partner';

const mayTake = (state: State, who: Who): Action[] =>
  ACTIONS.filter((a) => MAY[state][a]?.includes(who));
const expectedAllowed = (state: State, who: Who): string[] =>
  [...mayTake(state, who), ...(EDITS[state][who] ?? [])].sort();
const sorted = (xs: string[]) => [...xs].sort();

describe('priority task lifecycle', () => {
  const { http, factory } = useTestApi();

  const transitionAs = async (u: Actor, id: string, body: Record<string, unknown>) =>
    http.post(
      `/api/v1/tasks/${id}/transitions`,
      await withVersion(http, u.token, `/api/v1/tasks/${id}`, body),
      { token: u.token },
    );

  describe('the transition table of DOMAIN.md §2', () => {
    // One organisation for the table: every case works on tasks of its own.
    let w: TaskWorld;
    beforeAll(async () => {
      w = await taskWorld(http, factory);
    });

    describe.each(STATES)('from %s', (state) => {
      it.each(WHO)('%s: allowed actions succeed, the others are refused', async (who) => {
        const user = w[who];
        const allowed = mayTake(state, who);
        const denied = ACTIONS.filter((a) => !allowed.includes(a));
        const task = await w.task(state);
        const before = await taskHistory(http, w.office.token, task.id);

        const read = await http.get(`/api/v1/tasks/${task.id}`, { token: user.token });
        if (!READS(who)) {
          expect(read.status).toBe(404);
        } else {
          expect(read.status).toBe(200);
          expect(sorted(read.body.allowedActions)).toEqual(expectedAllowed(state, who));
        }

        for (const action of denied) {
          const res = await transitionAs(user, task.id, { action, reason: '사유' });
          const label = `${WHO_LABEL[who]} ${action} on ${state}`;
          if (!READS(who)) {
            expect([label, res.status, res.body.code]).toEqual([label, 404, 'NOT_FOUND']);
            continue;
          }
          // One with no standing on the task (an auditor, a partner department) only reads it:
          // 403. Everyone else is told the state machine's "not now": 409.
          const refusal = ONLY_READS(who) ? [403, 'FORBIDDEN'] : [409, 'ILLEGAL_TRANSITION'];
          expect([label, res.status, res.body.code]).toEqual([label, ...refusal]);
          expect(res.body).toMatchObject({ resource: 'task', currentStatus: state });
          expect(sorted(res.body.allowedActions)).toEqual(expectedAllowed(state, who));
        }
        // Refusals change nothing.
        const after = await http.get(`/api/v1/tasks/${task.id}`, { token: w.office.token });
        expect(after.body).toMatchObject({ status: state, version: task.version });
        expect(await taskHistory(http, w.office.token, task.id)).toHaveLength(before.length);

        for (const action of allowed) {
          const fresh = await w.task(state);
          const reason = REASONED.includes(action) ? `${action} 근거 ${who}` : undefined;
          const res = await transitionAs(user, fresh.id, reason ? { action, reason } : { action });
          expect([action, res.status]).toEqual([action, 200]);
          expect(res.body).toMatchObject({
            id: fresh.id,
            status: TO[action],
            version: fresh.version + 1,
          });
          expect(sorted(res.body.allowedActions)).toEqual(expectedAllowed(TO[action], who));
          const history = await taskHistory(http, w.office.token, fresh.id);
          expect(history[history.length - 1]).toMatchObject({
            action,
            actorId: user.id,
            reason: reason ?? null,
            changes: { status: { from: state, to: TO[action] } },
          });
        }
      });
    });
  });

  it('shows each reader the actions they may take in GET /tasks/:id and in the list', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    for (const who of WHO) {
      const one = await http.get(`/api/v1/tasks/${task.id}`, { token: w[who].token });
      const list = await http.get('/api/v1/tasks', { token: w[who].token });
      expect(list.status).toBe(200);
      if (!READS(who)) {
        expect(one.status).toBe(404);
        expect(list.body.items).toEqual([]);
        continue;
      }
      expect(sorted(one.body.allowedActions)).toEqual(expectedAllowed('IN_PROGRESS', who));
      const listed = list.body.items.find((t: any) => t.id === task.id);
      expect(sorted(listed.allowedActions)).toEqual(expectedAllowed('IN_PROGRESS', who));
    }
  });

  it('refuses an unknown action with 400 naming the field', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('DRAFT');
    const res = await transitionAs(w.staff, task.id, { action: 'approve' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: any) => d.field)).toEqual(['action']);
  });

  describe('reasons', () => {
    /** The action, the state it is taken from, and who takes it. */
    const CASES: Array<[Action, State, Who]> = [
      ['reject', 'PROPOSED', 'office'],
      ['complete', 'IN_PROGRESS', 'head'],
      ['suspend', 'IN_PROGRESS', 'office'],
      ['suspend', 'SELECTED', 'office'],
      ['drop', 'DRAFT', 'office'],
      ['drop', 'SUSPENDED', 'office'],
      ['reopen', 'COMPLETED', 'office'],
    ];
    let w: TaskWorld;
    beforeAll(async () => {
      w = await taskWorld(http, factory);
    });

    it.each(CASES)(
      '%s from %s needs a reason: missing or blank is 400 on `reason` and changes nothing; given, it is kept in history',
      async (action, from, who) => {
        const task = await w.task(from);
        const before = await taskHistory(http, w.office.token, task.id);
        for (const body of [{ action }, { action, reason: '' }, { action, reason: '   \n ' }]) {
          const res = await transitionAs(w[who], task.id, body);
          expect(res.status).toBe(400);
          expect(res.body.code).toBe('VALIDATION_FAILED');
          expect(res.body.details).toEqual([
            expect.objectContaining({ field: 'reason', code: 'required' }),
          ]);
        }
        const unchanged = await http.get(`/api/v1/tasks/${task.id}`, { token: w.office.token });
        expect(unchanged.body).toMatchObject({ status: from, version: task.version });
        expect(await taskHistory(http, w.office.token, task.id)).toHaveLength(before.length);

        const res = await transitionAs(w[who], task.id, {
          action,
          reason: '  예산 미확보로 사업 재검토  ',
        });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(TO[action]);
        const history = await taskHistory(http, w.office.token, task.id);
        expect(history).toHaveLength(before.length + 1);
        expect(history[history.length - 1]).toMatchObject({
          action,
          actorId: w[who].id,
          reason: '예산 미확보로 사업 재검토',
          changes: { status: { from, to: TO[action] } },
        });
      },
    );
  });

  it('records the whole life of a task in its history, oldest first', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('COMPLETED');
    await transitionAs(w.office, task.id, { action: 'reopen', reason: '추가 성과 확인 필요' });
    const history = await taskHistory(http, w.auditor.token, task.id);
    expect(history.map((h) => [h.action, h.changes.status?.from, h.changes.status?.to])).toEqual([
      ['create', null, 'DRAFT'],
      ['propose', 'DRAFT', 'PROPOSED'],
      ['select', 'PROPOSED', 'SELECTED'],
      ['start', 'SELECTED', 'IN_PROGRESS'],
      ['complete', 'IN_PROGRESS', 'COMPLETED'],
      ['reopen', 'COMPLETED', 'IN_PROGRESS'],
    ]);
    expect(history.map((h) => h.actorId)).toEqual([
      w.staff.id,
      w.staff.id,
      w.office.id,
      w.head.id,
      w.head.id,
      w.office.id,
    ]);
    expect(history[5].reason).toBe('추가 성과 확인 필요');
  });

  it('lets only one of two concurrent transitions apply', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('PROPOSED');
    const [a, b] = await Promise.all([
      transitionAs(w.office, task.id, { action: 'select' }),
      transitionAs(w.office, task.id, { action: 'reject', reason: '중복 과제' }),
    ]);
    expect(sorted([String(a.status), String(b.status)])).toEqual(['200', '409']);
    const history = await taskHistory(http, w.office.token, task.id);
    expect(
      history.map((h) => h.action).filter((x) => x !== 'create' && x !== 'propose'),
    ).toHaveLength(1);
  });

  it('answers a transition with exactly what a read of the task shows afterwards', async () => {
    const w = await taskWorld(http, factory);
    // Milestones (one past due), a member and a partner: the derived progress and delay, and the
    // lists, are in the answer without a read-back.
    const created = await http.post(
      '/api/v1/tasks',
      // This year's task (the helpers default to next year), so January's milestone is past due.
      taskBody(w.owner.id, {
        year: YEAR - 1,
        startDate: on('01-02', YEAR - 1),
        dueDate: on('12-31', YEAR - 1),
        milestones: [
          { title: '착수', dueDate: on('01-31', YEAR - 1), weight: 1 },
          { title: '완료', dueDate: on('12-30', YEAR - 1), weight: 3 },
        ],
        memberIds: [w.outsider.id],
        partnerDepartmentIds: [w.partnerDept.id],
      }),
      { token: w.staff.token },
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const [actor, action] of [
      [w.staff, 'propose'],
      [w.office, 'select'],
      [w.head, 'start'],
    ] as const)
      expect((await transitionAs(actor, id, { action })).status).toBe(200);
    const read = () => http.get(`/api/v1/tasks/${id}`, { token: w.office.token });
    const suspended = await transitionAs(w.office, id, {
      action: 'suspend',
      reason: '예산 재검토',
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'SUSPENDED', delayed: false });
    expect(suspended.body).toEqual((await read()).body);
    const resumed = await transitionAs(w.office, id, { action: 'resume' });
    expect(resumed.body).toMatchObject({ status: 'IN_PROGRESS', delayed: true, progress: 0 });
    expect(resumed.body.milestones).toHaveLength(2);
    expect(resumed.body).toEqual((await read()).body);
  });
});
