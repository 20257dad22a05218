import { runMigrations } from '@gwaje/db';
import { databaseEnv, HttpClient, type HttpResult, testConfig } from '../support/app.js';
import { Factory } from '../support/factory.js';
import { eventually, freePort, OwnRedis } from '../support/redis-server.js';
import { on, type TaskWorld, taskBody, taskWorld } from '../support/tasks.js';
import { OwnPostgres } from './support/own-postgres.js';
import { remember } from './support/leftovers.js';
import { apiProcess, type ApiProcess } from './support/processes.js';

// PostgreSQL restarted while people use the API (a real process, on a private PostgreSQL cluster of
// this suite, so the machine's shared server is never touched): requests during the outage get a
// 503 with a clear body, the API serves again by itself once the server is back (same process),
// and every change is whole or absent: no task without its history or milestones, no history of
// a task that does not exist, versions matching the edits recorded, the hash chain intact.

interface Outcome {
  phase: 'before' | 'down' | 'after';
  op: 'create' | 'edit';
  res: HttpResult;
}

describe('faults: PostgreSQL restarted under load', () => {
  let cluster: OwnPostgres;
  let redis: OwnRedis;
  let forgetRedis: () => void = () => undefined;
  let dbUrl: string;
  let factory: Factory;
  let api: ApiProcess;

  beforeAll(async () => {
    cluster = await OwnPostgres.create();
    await cluster.start();
    // As the cluster's owner; the API connects as the application's role (created here).
    dbUrl = await cluster.createDatabase('gwaje_faults_restart');
    await runMigrations(testConfig(databaseEnv(dbUrl)), dbUrl);
    factory = new Factory(dbUrl);
    // The test's own pool loses its connections in the restart too: not an error of the test.
    factory.db.on('error', () => undefined);
    redis = new OwnRedis(await freePort());
    forgetRedis = remember({ kind: 'redis', port: redis.port });
    await redis.start();
    api = await apiProcess('api', {
      DATABASE_URL: databaseEnv(dbUrl).DATABASE_URL,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'gwaje-faults',
    });
    await api.boot();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await factory?.close().catch(() => undefined);
    await redis?.stop();
    forgetRedis();
    await cluster?.destroy();
  }, 60_000);

  /** Users keep creating tasks (with milestones) and editing them until `stop()`. */
  function load(http: HttpClient, w: TaskWorld, clients: number) {
    const outcomes: Outcome[] = [];
    let phase: Outcome['phase'] = 'before';
    let running = true;
    const loop = async (n: number) => {
      for (let i = 0; running; i++) {
        const create = await http.post(
          '/api/v1/tasks',
          taskBody(w.owner.id, {
            title: `재시작 부하 ${n}-${i}`,
            milestones: [
              { title: '착수', dueDate: on('03-31') },
              { title: '완료', dueDate: on('11-30') },
            ],
          }),
          { token: w.staff.token },
        );
        outcomes.push({ phase, op: 'create', res: create });
        if (create.status !== 201) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const edit = await http.patch(
          `/api/v1/tasks/${create.body.id}`,
          { version: create.body.version, goal: `목표 ${n}-${i}` },
          { token: w.staff.token },
        );
        outcomes.push({ phase, op: 'edit', res: edit });
      }
    };
    const loops = Array.from({ length: clients }, (_, n) => loop(n));
    return {
      outcomes,
      setPhase: (p: Outcome['phase']) => (phase = p),
      stop: async () => {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  it('answers 503 while it is down, recovers without a restart and leaves nothing half-written', async () => {
    const http = new HttpClient(api.url);
    const w = await taskWorld(http, factory);
    const pid = api.pid;
    const ok = (o: Outcome) => o.res.status >= 200 && o.res.status < 300;
    const traffic = load(http, w, 4);
    await eventually(
      () => Promise.resolve(traffic.outcomes.filter(ok).length),
      (n) => n >= 20,
      60_000,
    );

    // A restart by an operator: the server stops ("fast": open transactions roll back, every
    // connection is closed) while requests are in flight.
    traffic.setPhase('down');
    await cluster.stop('fast');
    await eventually(
      () =>
        Promise.resolve(
          traffic.outcomes.filter((o) => o.phase === 'down' && o.res.status === 503).length,
        ),
      (n) => n >= 10,
      30_000,
    );
    const health = await http.get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', down: ['postgres'] });

    await cluster.start();
    traffic.setPhase('after');
    await eventually(
      () => Promise.resolve(traffic.outcomes.filter((o) => o.phase === 'after' && ok(o)).length),
      (n) => n >= 20,
      60_000,
    );
    await traffic.stop();

    // During the outage: 503 with the error body, never a 500 or a hung request.
    const statuses = [...new Set(traffic.outcomes.map((o) => o.res.status))].sort();
    if (statuses.some((s) => ![200, 201, 503].includes(s))) console.log(api.errors().join('\n'));
    expect(statuses.filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    const unavailable = traffic.outcomes.filter((o) => o.res.status === 503);
    expect(unavailable.length).toBeGreaterThanOrEqual(10);
    for (const o of unavailable) {
      expect(o.res.body).toEqual({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: '데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도하세요.',
        details: [{ field: 'postgres', code: 'down', message: '응답 없음' }],
        requestId: expect.any(String),
      });
      expect(o.res.headers.get('retry-after')).toBe('5');
    }
    // Recovered by itself: the same process serves again, and its health is green.
    expect(
      traffic.outcomes.filter((o) => o.phase === 'after' && ok(o)).length,
    ).toBeGreaterThanOrEqual(20);
    expect(api.running).toBe(true);
    expect(api.pid).toBe(pid);
    expect(
      (
        await eventually(
          () => http.get('/health'),
          (r) => r.status === 200,
          15_000,
        )
      ).status,
    ).toBe(200);

    // Nothing half-written. Every task created has its two milestones and one 'create' entry in
    // the history; every task history entry belongs to a task that exists; a task's version is
    // 1 + its recorded edits; every 201 answered is in the database.
    const { rows: tasks } = await factory.db.query<{
      id: string;
      version: number;
      milestones: number;
      creates: number;
      updates: number;
    }>(
      `SELECT t.id, t.version,
              (SELECT count(*)::int FROM milestones m WHERE m.task_id = t.id) AS milestones,
              (SELECT count(*)::int FROM history h WHERE h.record_type = 'task' AND h.record_id = t.id::text AND h.action = 'create') AS creates,
              (SELECT count(*)::int FROM history h WHERE h.record_type = 'task' AND h.record_id = t.id::text AND h.action = 'update') AS updates
         FROM tasks t WHERE t.organisation_id = $1`,
      [w.org.id],
    );
    // (Also those whose answer was lost with the connection: a commit can land as the server stops.)
    expect(tasks.length).toBeGreaterThanOrEqual(
      traffic.outcomes.filter((o) => o.op === 'create' && o.res.status === 201).length,
    );
    expect(tasks.filter((t) => t.milestones !== 2 || t.creates !== 1)).toEqual([]);
    expect(tasks.filter((t) => t.version !== 1 + t.updates)).toEqual([]);
    const { rows: orphans } = await factory.db.query(
      `SELECT h.record_id, h.action FROM history h
        WHERE h.organisation_id = $1 AND h.record_type = 'task'
          AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id::text = h.record_id)`,
      [w.org.id],
    );
    expect(orphans).toEqual([]);
    const stored = new Set(tasks.map((t) => t.id));
    const answered = traffic.outcomes.filter((o) => o.op === 'create' && o.res.status === 201);
    expect(answered.filter((o) => !stored.has(o.res.body.id as string))).toEqual([]);
    const edited = traffic.outcomes.filter((o) => o.op === 'edit' && o.res.status === 200);
    for (const o of edited) {
      const t = tasks.find((x) => x.id === o.res.body.id);
      expect(t?.updates).toBe(1);
    }
    const verify = await http.get('/api/v1/history/verify', { token: w.auditor.token });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ intact: true, firstBroken: null });
  }, 300_000);
});
