import type pg from 'pg';
import { type HttpResult, useTestApi } from './support/app.js';
import {
  aggregate,
  type EvaluationWorld,
  evaluationWorld,
  expectStatus,
  putScores,
  roundInScoring,
  score,
  sheet,
} from './support/evaluations.js';
import { until } from './support/settle.js';
import { addItem, castVote, heldMeeting, resolveItem } from './support/committee.js';

// Issue 18, finding 9: races in the year-end evaluation. Every state change of a round or a
// nomination is guarded in SQL and its checks run inside its transaction, under the round's (and
// the nomination's) row lock, so a request that lost a race is refused instead of undoing the
// winner's change.
//
// The window is made reliable without touching the product: the test itself holds the row lock a
// request needs (as another transaction would), queues the requests behind it in a known order
// (waiting until Postgres shows each one blocked by the holder), then lets them go.

describe('evaluation races', () => {
  const { http, factory } = useTestApi();

  /** A transaction of the test's own holding `sql`'s row lock, and who waits for it. */
  async function holdLock(sql: string, params: unknown[]) {
    const client: pg.PoolClient = await factory.db.connect();
    await client.query('BEGIN');
    await client.query(sql, params);
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    const waiting = async () => {
      const { rows } = await factory.db.query<{ n: number }>(
        // Directly, or behind one that waits (a second waiter for a row queues on the first).
        `WITH RECURSIVE w(pid) AS (
           SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))
           UNION
           SELECT a.pid FROM pg_stat_activity a JOIN w ON w.pid = ANY(pg_blocking_pids(a.pid)))
         SELECT count(*)::int AS n FROM w`,
        [pid],
      );
      return rows[0].n;
    };
    return {
      /** Resolves once `n` sessions wait for the lock. */
      waitFor: (n: number) =>
        until(
          waiting,
          (k) => k >= n,
          (k) => `${k} of ${n} requests waiting for the lock`,
          3000,
        ),
      release: async () => {
        await client.query('ROLLBACK');
        client.release();
      },
    };
  }

  /** A started request, its answer awaited later. */
  const started = <T>(p: Promise<T>) => {
    const settled = p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    return async () => {
      const r = await settled;
      if ('error' in r) throw r.error;
      return r.value;
    };
  };

  async function gradedRound(w: EvaluationWorld, count = 2) {
    const [m1, m2] = w.members;
    const { round, nominations } = await roundInScoring(
      http,
      w,
      w.staff.slice(0, count).map((s) => ({
        by: w.head,
        type: 'OFFICIAL' as const,
        source: 'DEPARTMENT' as const,
        nomineeUserIds: [s.id],
      })),
    );
    for (const [i, n] of nominations.entries()) {
      await score(http, m1, n.id, sheet(30 + i, 15, 15, 8, 8));
      await score(http, m2, n.id, sheet(32 + i, 16, 15, 8, 8));
    }
    await aggregate(http, w.office, round.id);
    return { round, nominations };
  }

  const states = async (roundId: string) =>
    (
      await factory.db.query<{ id: string; state: string; rank: number | null; version: number }>(
        `SELECT id, state, rank, version FROM nominations WHERE round_id = $1 ORDER BY id`,
        [roundId],
      )
    ).rows;
  /**
   * The round's results before the committee (the only way they are resolved): a meeting held with
   * `present`, an EVALUATION_RESULTS item, each voting for; resolving it is left to the test.
   */
  const resultsItem = async (w: EvaluationWorld, roundId: string, present = w.members) => {
    const meeting = await heldMeeting(http, w.office, present);
    const item = await addItem(http, w.office, meeting.id, 'EVALUATION_RESULTS', roundId);
    for (const m of present) {
      expectStatus(await castVote(http, m, item.id, 'FOR'), 200, `vote by ${m.name}`);
    }
    return item;
  };
  const roundStatus = async (roundId: string) =>
    (
      await factory.db.query<{ status: string }>(
        `SELECT status FROM evaluation_rounds WHERE id = $1`,
        [roundId],
      )
    ).rows[0].status;

  it('never puts confirmed nominations back to graded: an aggregation that lost to the resolution is refused', async () => {
    const w = await evaluationWorld(http, factory, { staff: 2, members: 3 });
    const { round } = await gradedRound(w);
    const item = await resultsItem(w, round.id);

    const lock = await holdLock(`SELECT 1 FROM evaluation_rounds WHERE id = $1 FOR UPDATE`, [
      round.id,
    ]);
    let resolved: () => Promise<HttpResult>;
    let aggregated: () => Promise<HttpResult>;
    try {
      // The committee's resolution of the results confirms the round under the round's lock.
      resolved = started(resolveItem(http, w.office, item.id));
      await lock.waitFor(1);
      aggregated = started(
        http.post(`/api/v1/evaluation-rounds/${round.id}/aggregate`, undefined, {
          token: w.office.token,
        }),
      );
      await lock.waitFor(2);
    } finally {
      await lock.release();
    }
    const [res, agg] = [await resolved(), await aggregated()];
    expect([res.status, res.body.outcome]).toEqual([200, 'PASSED']);
    expect(await roundStatus(round.id)).toBe('CONFIRMED');
    // The aggregation came second: every nomination stays as confirmed, and it is refused.
    const after = await states(round.id);
    expect(after.map((n) => n.state)).toEqual(['CONFIRMED', 'CONFIRMED']);
    expect([agg.status, agg.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('refuses a score that lost to the resolution', async () => {
    const w = await evaluationWorld(http, factory, { staff: 2, members: 3 });
    const { round, nominations } = await gradedRound(w);
    const [, , m3] = w.members;
    const item = await resultsItem(w, round.id);
    const sheetsBefore = (
      await factory.db.query(
        `SELECT member_id, total FROM evaluation_scores WHERE nomination_id = $1`,
        [nominations[0].id],
      )
    ).rows;

    const lock = await holdLock(`SELECT 1 FROM evaluation_rounds WHERE id = $1 FOR UPDATE`, [
      round.id,
    ]);
    let resolved: () => Promise<HttpResult>;
    let scored: () => Promise<HttpResult>;
    try {
      resolved = started(resolveItem(http, w.office, item.id));
      await lock.waitFor(1);
      scored = started(putScores(http, m3, nominations[0].id, sheet(40, 20, 20, 10, 10)));
      // The score waits for the round like the resolution (it does not slip through), or, before
      // the fix, it has already been written: give it the time to do either.
      await lock.waitFor(2).catch(() => undefined);
    } finally {
      await lock.release();
    }
    const [res, sc] = [await resolved(), await scored()];
    expect([res.status, res.body.outcome]).toEqual([200, 'PASSED']);
    expect(await roundStatus(round.id)).toBe('CONFIRMED');
    expect([sc.status, sc.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const sheetsAfter = (
      await factory.db.query(
        `SELECT member_id, total FROM evaluation_scores WHERE nomination_id = $1`,
        [nominations[0].id],
      )
    ).rows;
    expect(sheetsAfter).toEqual(sheetsBefore);
  });

  it('never confirms results a later sheet changed: re-aggregation is needed first', async () => {
    const w = await evaluationWorld(http, factory, { staff: 2, members: 3 });
    const { round, nominations } = await gradedRound(w);
    const [, , m3] = w.members;
    const item = await resultsItem(w, round.id);
    // A member revises a sheet after the aggregation: the results no longer follow from the sheets.
    await score(http, m3, nominations[1].id, sheet(40, 20, 20, 10, 10));
    // The committee's resolution is refused as a whole: the item stays open, nothing confirmed.
    const refused = await resolveItem(http, w.office, item.id);
    expect([refused.status, refused.body.code]).toEqual([409, 'RESULTS_NOT_AGGREGATED']);
    expect(await roundStatus(round.id)).toBe('SCORING');
    const open = await http.get(`/api/v1/committee/agenda-items/${item.id}`, {
      token: w.office.token,
    });
    expect(open.body).toMatchObject({ status: 'OPEN', outcome: null, resolution: null });
    await aggregate(http, w.office, round.id);
    // Aggregated again, the same item passes.
    const passed = await resolveItem(http, w.office, item.id);
    expect([passed.status, passed.body.outcome]).toEqual([200, 'PASSED']);
    const after = await states(round.id);
    // The revised sheet counted: the second nomination now ranks first.
    expect(after.find((n) => n.id === nominations[1].id)).toMatchObject({
      state: 'CONFIRMED',
      rank: 1,
    });
  });

  it('keeps no sheet of a member who declared a conflict while scoring', async () => {
    const w = await evaluationWorld(http, factory, { staff: 1, members: 3 });
    const { nominations } = await roundInScoring(http, w, [
      { by: w.head, type: 'OFFICIAL', source: 'DEPARTMENT', nomineeUserIds: [w.staff[0].id] },
    ]);
    const n = nominations[0];
    const m1 = w.members[0];

    const lock = await holdLock(`SELECT 1 FROM nominations WHERE id = $1 FOR UPDATE`, [n.id]);
    let declared: () => Promise<HttpResult>;
    let scored: () => Promise<HttpResult>;
    try {
      declared = started(
        http.post(
          `/api/v1/nominations/${n.id}/conflicts`,
          { reason: '같은 부서 근무' },
          {
            token: m1.token,
          },
        ),
      );
      await lock.waitFor(1);
      scored = started(putScores(http, m1, n.id, sheet(40, 20, 20, 10, 10)));
      await lock.waitFor(2);
    } finally {
      await lock.release();
    }
    const [dec, sc] = [await declared(), await scored()];
    expect(dec.status).toBe(200);
    expect([sc.status, sc.body.code]).toEqual([403, 'CONFLICT_OF_INTEREST']);
    const { rows } = await factory.db.query(
      `SELECT 1 FROM evaluation_scores WHERE nomination_id = $1 AND member_id = $2`,
      [n.id, m1.id],
    );
    expect(rows).toEqual([]);
  });

  it('lets two aggregations at once both finish with the same ranks', async () => {
    const w = await evaluationWorld(http, factory, { staff: 2, members: 3 });
    const { round } = await gradedRound(w);
    const before = await states(round.id);
    const both = await Promise.all([
      http.post(`/api/v1/evaluation-rounds/${round.id}/aggregate`, undefined, {
        token: w.office.token,
      }),
      http.post(`/api/v1/evaluation-rounds/${round.id}/aggregate`, undefined, {
        token: w.office.token,
      }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const after = await states(round.id);
    expect(after.map((n) => [n.state, n.rank])).toEqual(before.map((n) => [n.state, n.rank]));
  });
});
