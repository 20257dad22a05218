import pg from 'pg';
import { HttpClient } from '../support/app.js';
import { draftConsultation } from '../support/consultations.js';
import { Factory, login } from '../support/factory.js';
import { freePort, OwnRedis } from '../support/redis-server.js';
import { activeTaskSince, openReport } from '../support/reports.js';
import { taskBody, type TaskWorld, taskWorld, YEAR } from '../support/tasks.js';
import { apiProcess, type ApiProcess } from './support/processes.js';
import { remember } from './support/leftovers.js';
import { SuiteDatabase } from './support/suite-database.js';

// Dashboards and list reads on a read replica (DATABASE_REPLICA_URLS, TypeORM replication), every
// write and every other read on the primary. The "replica" here is a copy of the primary database
// on the same server (CREATE DATABASE … TEMPLATE), then made different on purpose: titles marked
// "[replica]" and a dashboard snapshot only it has. It stands for a replica that lags: what a
// read shows says where it was read.
describe('faults: list and dashboard reads on a read replica', () => {
  let redis: OwnRedis;
  let forgetRedis: () => void = () => undefined;
  let primary: SuiteDatabase;
  let replica: SuiteDatabase;
  let factory: Factory;
  const apis: ApiProcess[] = [];

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    forgetRedis = remember({ kind: 'redis', port: redis.port });
    await redis.start();
    primary = await SuiteDatabase.create('primary');
    factory = new Factory(primary.adminUrl);
  }, 120_000);

  afterAll(async () => {
    for (const api of apis) await api.stop();
    await factory?.close().catch(() => undefined);
    await replica?.drop();
    await primary?.drop();
    await redis?.stop();
    forgetRedis();
  }, 60_000);

  async function startApi(env: Record<string, string> = {}): Promise<ApiProcess> {
    const api = await apiProcess('api', {
      DATABASE_URL: primary.appUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'gwaje-faults',
      ...env,
    });
    apis.push(api);
    await api.boot();
    return api;
  }

  it('reads task, report and consultation lists and dashboards from the replica, and writes and everything else on the primary', async () => {
    // The data, written through an API on the primary alone.
    const first = await startApi();
    let http = new HttpClient(first.url);
    const w: TaskWorld = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const report = await openReport(http, w.staff.token, task.id, '2025-Q1');
    const consultation = await draftConsultation(http, w.staff.token);
    await first.stop();
    await factory.close();

    // The replica: a copy, then changed so that its reads are recognisable.
    replica = await primary.copy('replica');
    const r = new pg.Client({ connectionString: replica.adminUrl });
    await r.connect();
    try {
      await r.query(`UPDATE tasks SET title = title || ' [replica]' WHERE id = $1`, [task.id]);
      await r.query(`UPDATE consultations SET subject = subject || ' [replica]' WHERE id = $1`, [
        consultation.id,
      ]);
      await r.query(
        `INSERT INTO dashboard_snapshots (organisation_id, year, compiled_at, high_water_mark, as_of, duration_ms, data)
         VALUES ($1, $2, now(), 424242, now()::date, 1, '{"organisation": null, "departments": []}')`,
        [w.org.id, YEAR],
      );
    } finally {
      await r.end();
    }
    factory = new Factory(primary.adminUrl);

    const api = await startApi({ DATABASE_REPLICA_URLS: replica.appUrl });
    http = new HttpClient(api.url);
    const staff = (await login(http, w.staff)).accessToken;
    const office = (await login(http, w.office)).accessToken;
    const auditor = (await login(http, w.auditor)).accessToken;

    // Lists come from the replica...
    const tasks = await http.get(`/api/v1/tasks?year=${YEAR}`, { token: office });
    expect(tasks.status).toBe(200);
    expect(tasks.body.items.map((t: { id: string; title: string }) => [t.id, t.title])).toEqual([
      [task.id, `${task.title} [replica]`],
    ]);
    const reports = await http.get(`/api/v1/reports?taskId=${task.id}`, { token: office });
    expect(reports.status).toBe(200);
    expect(reports.body.items.map((x: { id: string }) => x.id)).toEqual([report.id]);
    expect(JSON.stringify(reports.body.items[0])).toContain('[replica]');
    const queue = await http.get('/api/v1/consultations', { token: staff });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((c: { id: string; subject: string }) => [c.id, c.subject])).toEqual(
      [[consultation.id, `${consultation.subject} [replica]`]],
    );
    // ...and so does the dashboard: only the replica has a snapshot.
    const dashboard = await http.get(`/api/v1/dashboards?year=${YEAR}`, { token: auditor });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toMatchObject({ highWaterMark: '424242' });
    expect(dashboard.body.compiledAt).not.toBeNull();

    // A record read on its own comes from the primary.
    const detail = await http.get(`/api/v1/tasks/${task.id}`, { token: office });
    expect(detail.body.title).toBe(task.title);

    // Writes go to the primary, and so does the read of a write's answer (a PATCH checks the
    // version on the primary and answers the primary's row).
    const edited = await http.patch(
      `/api/v1/tasks/${task.id}`,
      { version: detail.body.version, risk: 'HIGH' },
      { token: w.owner.token },
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      risk: 'HIGH',
      title: task.title,
      version: detail.body.version + 1,
    });
    const created = await http.post(
      '/api/v1/tasks',
      taskBody(w.owner.id, { title: '복제 서버에는 없는 과제' }),
      { token: w.staff.token },
    );
    expect(created.status).toBe(201);
    const inPrimary = await factory.db.query(`SELECT id FROM tasks WHERE id = $1`, [
      created.body.id,
    ]);
    expect(inPrimary.rows).toHaveLength(1);
    const inReplica = new pg.Client({ connectionString: replica.adminUrl });
    await inReplica.connect();
    try {
      const found = await inReplica.query(
        `SELECT id, risk, version FROM tasks WHERE id = ANY($1::uuid[])`,
        [[created.body.id, task.id]],
      );
      // The replica got none of it (nothing replicates here): the writes went to the primary.
      expect(found.rows).toEqual([{ id: task.id, risk: task.risk, version: task.version }]);
    } finally {
      await inReplica.end();
    }
    expect(
      (await http.get(`/api/v1/tasks/${created.body.id}`, { token: w.staff.token })).status,
    ).toBe(200);
    const listed = await http.get(`/api/v1/tasks?year=${YEAR}`, { token: office });
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([task.id]);

    // The API holds connections to both, each under its own application_name (and on the primary
    // the one that listens for changes of declared holidays).
    const { rows: sessions } = await factory.db.query<{
      datname: string;
      application_name: string;
    }>(
      `SELECT DISTINCT datname, application_name FROM pg_stat_activity
        WHERE datname = ANY($1::text[]) AND application_name LIKE 'gwaje%' ORDER BY 1, 2`,
      [[primary.name, replica.name]],
    );
    const sorted = (rows: typeof sessions) =>
      [...rows].sort(
        (a, b) =>
          a.datname.localeCompare(b.datname) ||
          a.application_name.localeCompare(b.application_name),
      );
    expect(sorted(sessions)).toEqual(
      sorted([
        { datname: primary.name, application_name: 'gwaje' },
        { datname: primary.name, application_name: 'gwaje-declared-days' },
        { datname: replica.name, application_name: 'gwaje-replica' },
      ]),
    );
  }, 240_000);
});
