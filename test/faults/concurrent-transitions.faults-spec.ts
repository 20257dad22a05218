import { HttpClient } from '../support/app.js';
import { Factory } from '../support/factory.js';
import { freePort, OwnRedis } from '../support/redis-server.js';
import { taskHistory, taskWorld } from '../support/tasks.js';
import { apiProcess, type ApiProcess } from './support/processes.js';
import { remember } from './support/leftovers.js';
import { SuiteDatabase } from './support/suite-database.js';

// Two hundred transitions of one task sent at the same moment (suspend and resume, alternately,
// by the proactive-administration office, through HTTP with real tokens, to the API as a real
// process): each is applied whole or refused with a 409, never a 5xx; the history holds exactly
// the applied ones, in a chain where each starts from the state the previous one left; every
// applied transition answers a version of its own.
const REQUESTS = 200;

describe('faults: two hundred concurrent transitions of one task', () => {
  let redis: OwnRedis;
  let forgetRedis: () => void = () => undefined;
  let db: SuiteDatabase;
  let factory: Factory;
  let api: ApiProcess;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    forgetRedis = remember({ kind: 'redis', port: redis.port });
    await redis.start();
    db = await SuiteDatabase.create('race');
    factory = new Factory(db.adminUrl);
    api = await apiProcess('api', {
      DATABASE_URL: db.appUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'gwaje-faults',
    });
    await api.boot();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await factory?.close();
    await db?.drop();
    await redis?.stop();
    forgetRedis();
  }, 60_000);

  it('applies each transition whole or answers 409, with a history of exactly the applied ones', async () => {
    const http = new HttpClient(api.url);
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    const before = await taskHistory(http, w.owner.token, task.id);

    const results = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        http.post(
          `/api/v1/tasks/${task.id}/transitions`,
          // Request i is the one that follows i - 1 (the version it would have made): a chain
          // of them may apply, and each request racing for the same step is a 409.
          i % 2 === 0
            ? { action: 'suspend', reason: `동시 중지 ${i}`, version: task.version + i }
            : { action: 'resume', version: task.version + i },
          { token: w.office.token },
        ),
      ),
    );

    const applied = results.filter((r) => r.status === 200);
    // A 5xx below: the API's own account of it.
    if (results.some((r) => r.status >= 500)) console.log(api.errors().join('\n'));
    const refused = results.filter((r) => r.status !== 200);
    expect(applied.length).toBeGreaterThanOrEqual(1);
    // Refused: a 409 naming the conflict, never a 5xx or anything else.
    expect([...new Set(refused.map((r) => r.status))].filter((s) => s !== 409)).toEqual([]);
    for (const r of refused) {
      expect(['ILLEGAL_TRANSITION', 'VERSION_CONFLICT']).toContain(r.body.code);
    }
    // Each applied transition answers the version it made: all different, one after another.
    const versions = applied.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(applied.length);
    expect(versions).toEqual(applied.map((_, i) => task.version + 1 + i));
    // ...and the state it made (suspend leaves SUSPENDED, resume IN_PROGRESS).
    results.forEach((r, i) => {
      if (r.status === 200)
        expect([i, r.body.status]).toEqual([i, i % 2 === 0 ? 'SUSPENDED' : 'IN_PROGRESS']);
    });

    // The history has exactly the applied transitions, chained state to state.
    const after = await taskHistory(http, w.owner.token, task.id);
    const added = after.slice(before.length);
    expect(added).toHaveLength(applied.length);
    expect(added.every((h) => h.action === 'suspend' || h.action === 'resume')).toBe(true);
    let state = 'IN_PROGRESS';
    for (const h of added) {
      expect(h.changes.status.from).toBe(state);
      expect(h.changes.status.to).toBe(h.action === 'suspend' ? 'SUSPENDED' : 'IN_PROGRESS');
      state = h.changes.status.to as string;
    }
    expect(added.filter((h) => h.action === 'suspend').map((h) => h.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^동시 중지 \d+$/)]),
    );
    const now = await http.get(`/api/v1/tasks/${task.id}`, { token: w.owner.token });
    expect(now.body.status).toBe(state);
    expect(now.body.version).toBe(task.version + applied.length);
    const { rows } = await factory.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM history WHERE record_type = 'task' AND record_id = $1 AND action IN ('suspend', 'resume')`,
      [task.id],
    );
    expect(rows[0].n).toBe(applied.length);
    const verify = await http.get('/api/v1/history/verify', { token: w.auditor.token });
    expect(verify.body).toMatchObject({ intact: true, firstBroken: null });
  }, 180_000);
});
