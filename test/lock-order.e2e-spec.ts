import { type HttpResult, startApi, type TestApi, useTestApi } from './support/app.js';
import { activeTaskSince, fillReport, openReport, reportAction } from './support/reports.js';
import { taskHistory, type TaskWorld, taskWorld } from './support/tasks.js';

// Issue 15, "no deadlocks, no stuck pool": a report acceptance writes its task's progress, so it
// locks the task row before the report's, like every write of the task (lock order documented in
// libs/db/src/transaction.service.ts). Deadlocks that remain are retried by TransactionService; a
// lock wait over lock_timeout is a 503 with Retry-After, never a 500.

/** The quarters reports are expected for, oldest first: tasks are active since 2024-01-01. */
const PERIODS = [2024, 2025].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
const TASKS = 6;
const progressOf = (periodIndex: number) => 10 * (periodIndex + 1);

/** 2xx, or a 409 (a stale version or a transition the task's new status no longer allows). */
function expectNo500(res: HttpResult, what: string) {
  const ok = (res.status >= 200 && res.status < 300) || res.status === 409;
  if (!ok) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  if (res.status === 409) {
    expect(['VERSION_CONFLICT', 'ILLEGAL_TRANSITION']).toContain(res.body.code);
  }
}

describe('lock order: report acceptance and task writes on the same task', () => {
  const { http, factory } = useTestApi();
  let w: TaskWorld;
  /** Each task with one SUBMITTED report per period, in period order. */
  let tasks: Array<{ task: any; reports: any[] }>;

  beforeAll(async () => {
    w = await taskWorld(http, factory);
    tasks = await Promise.all(
      Array.from({ length: TASKS }, async () => {
        const task = await activeTaskSince(w, factory, '2024-01-01');
        const reports: any[] = [];
        for (const [i, period] of PERIODS.entries()) {
          let report = await openReport(http, w.staff.token, task.id, period);
          report = await fillReport(http, w.staff.token, report, { progress: progressOf(i) });
          reports.push(await reportAction(http, w.head.token, report.id, 'submit'));
        }
        return { task, reports };
      }),
    );
  }, 120_000);

  it('answers every concurrent acceptance and task change with 2xx or 409, never 500, and keeps the history consistent', async () => {
    const statuses: number[] = [];
    await Promise.all(
      tasks.map(async ({ task, reports }) => {
        let version: number = task.version;
        let status: string = task.status;
        for (const [i, report] of reports.entries()) {
          // The auditor accepts a report while the office moves the task or its owner edits it.
          const taskChange =
            i % 3 === 2
              ? http.patch(
                  `/api/v1/tasks/${task.id}`,
                  { version, goal: `목표 ${i}` },
                  { token: w.head.token },
                )
              : http.post(
                  `/api/v1/tasks/${task.id}/transitions`,
                  status === 'IN_PROGRESS'
                    ? { action: 'suspend', reason: '일시 중단 사유', version }
                    : { action: 'resume', version },
                  { token: w.office.token },
                );
          const [accepted, changed] = await Promise.all([
            http.post(
              `/api/v1/reports/${report.id}/transitions`,
              { action: 'accept', version: report.version },
              { token: w.auditor.token },
            ),
            taskChange,
          ]);
          expectNo500(accepted, `accepting ${report.period}`);
          expectNo500(changed, `changing the task with ${report.period}`);
          statuses.push(accepted.status, changed.status);
          // Accepting does not depend on the task's status: it must go through.
          expect(accepted.status).toBe(200);
          // The acceptance moved the task's progress (and version) too: read both again.
          const now = await http.get(`/api/v1/tasks/${task.id}`, { token: w.office.token });
          version = now.body.version;
          status = now.body.status;
        }
      }),
    );
    expect(statuses).toHaveLength(TASKS * PERIODS.length * 2);

    for (const { task, reports } of tasks) {
      const now = await http.get(`/api/v1/tasks/${task.id}`, { token: w.office.token });
      expect(now.status).toBe(200);
      // The latest accepted report (by period) gave the task its progress.
      expect(now.body.reportedProgress).toBe(progressOf(PERIODS.length - 1));

      const history = await taskHistory(http, w.office.token, task.id);
      // Status changes form one unbroken chain that ends in the task's status.
      const moves = history.filter((h) => h.changes.status);
      for (const [k, h] of moves.entries()) {
        if (k > 0) expect(h.changes.status.from).toBe(moves[k - 1].changes.status.to);
      }
      expect(moves.at(-1)?.changes.status.to).toBe(now.body.status);
      // Each acceptance changed the progress once, in period order.
      const progress = history.filter((h) => h.action === 'progress.reported');
      expect(progress.map((h) => h.changes.reportedProgress.to)).toEqual(
        PERIODS.map((_, i) => progressOf(i)),
      );
      for (const [k, h] of progress.entries()) {
        expect(h.changes.reportedProgress.from).toBe(k === 0 ? null : progressOf(k - 1));
      }

      for (const report of reports) {
        const res = await http.get(`/api/v1/reports/${report.id}/history`, {
          token: w.office.token,
        });
        expect(res.status).toBe(200);
        expect((res.body as any[]).filter((h) => h.action === 'accept')).toHaveLength(1);
      }
    }

    const verify = await http.get('/api/v1/history/verify', { token: w.auditor.token });
    expect(verify.status).toBe(200);
    expect(verify.body.intact).toBe(true);
  }, 120_000);
});

describe('lock order: the task row first', () => {
  const { http, factory } = useTestApi();

  /**
   * Holds the task's row lock in a transaction of its own while `write` runs; once the write waits
   * for it, reports whether `child` (a row of the task's report or milestone) is still free, i.e.
   * whether the write asked for the task before it touched the child.
   */
  async function childFreeWhileTaskLocked(
    taskId: string,
    child: { table: 'reports' | 'milestones'; id: string },
    write: () => Promise<HttpResult>,
  ): Promise<{ childFree: boolean; res: HttpResult }> {
    const holder = await factory.db.connect();
    const probe = await factory.db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE`, [taskId]);
      const {
        rows: [{ pid }],
      } = await holder.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
      const pending = write();
      // Wait until the write is blocked behind the holder (it never gets past the lock alone).
      for (let waited = 0; ; waited += 20) {
        const { rows } = await probe.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
          [pid],
        );
        if (rows[0].n > 0) break;
        if (waited > 3000) throw new Error('the write never waited for the task row');
        await new Promise((r) => setTimeout(r, 20));
      }
      let childFree = true;
      await probe.query('BEGIN');
      try {
        await probe.query(`SELECT 1 FROM ${child.table} WHERE id = $1 FOR UPDATE NOWAIT`, [
          child.id,
        ]);
      } catch {
        childFree = false;
      } finally {
        await probe.query('ROLLBACK');
      }
      await holder.query('ROLLBACK');
      return { childFree, res: await pending };
    } finally {
      holder.release();
      probe.release();
    }
  }

  it('has a report acceptance lock the task before the report', async () => {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    let report = await openReport(http, w.staff.token, task.id, '2025-Q1');
    report = await fillReport(http, w.staff.token, report, { progress: 30 });
    report = await reportAction(http, w.head.token, report.id, 'submit');
    const { childFree, res } = await childFreeWhileTaskLocked(
      task.id,
      { table: 'reports', id: report.id },
      () =>
        http.post(
          `/api/v1/reports/${report.id}/transitions`,
          { action: 'accept', version: report.version },
          { token: w.auditor.token },
        ),
    );
    expect(childFree).toBe(true);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ACCEPTED');
  });

  it('has a milestone change lock the task before the milestone', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    const added = await http.post(
      `/api/v1/tasks/${task.id}/milestones`,
      { title: '1단계', dueDate: task.dueDate },
      { token: w.head.token },
    );
    expect(added.status).toBe(201);
    const { childFree, res } = await childFreeWhileTaskLocked(
      task.id,
      { table: 'milestones', id: added.body.id },
      () =>
        http.patch(
          `/api/v1/tasks/${task.id}/milestones/${added.body.id}`,
          { version: added.body.version, status: 'DONE' },
          { token: w.head.token },
        ),
    );
    expect(childFree).toBe(true);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('DONE');
  });
});

describe('a lock wait over lock_timeout', () => {
  const { http, factory } = useTestApi();
  let impatient: TestApi;
  beforeAll(async () => {
    impatient = await startApi({ DATABASE_LOCK_TIMEOUT_MS: '300' });
  });
  afterAll(async () => {
    await impatient?.close();
  });

  it('is a 503 SERVICE_UNAVAILABLE with Retry-After and no SQL, never a 500', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    // Someone else holds the task's row lock for longer than the API's lock_timeout.
    const holder = await factory.db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE`, [task.id]);
      const res = await impatient.http.post(
        `/api/v1/tasks/${task.id}/transitions`,
        { action: 'suspend', reason: '일시 중단 사유', version: task.version },
        { token: w.office.token, headers: { 'accept-language': 'en' } },
      );
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.body).toMatchObject({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        details: [{ field: 'postgres', code: 'busy' }],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/UPDATE|tasks|lock timeout|canceling/i);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    // Once the lock is gone the same change goes through.
    const again = await impatient.http.post(
      `/api/v1/tasks/${task.id}/transitions`,
      { action: 'suspend', reason: '일시 중단 사유', version: task.version },
      { token: w.office.token },
    );
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('SUSPENDED');
  });
});
