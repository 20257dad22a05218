import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';

describe('history: append-only, hash-chained, verifiable', () => {
  const { http, factory } = useTestApi();

  async function orgWithChanges() {
    const world = await factory.world(['ADMIN', 'AUDITOR', 'STAFF']);
    const admin = (await login(http, world.users.ADMIN)).accessToken;
    const auditor = (await login(http, world.users.AUDITOR)).accessToken;
    for (const grade of ['행정8급', '행정7급', '행정6급']) {
      const current = await http.get(`/api/v1/users/${world.users.STAFF.id}`, { token: admin });
      await http.patch(
        `/api/v1/users/${world.users.STAFF.id}`,
        { version: current.body.version, grade },
        { token: admin },
      );
    }
    return { ...world, admin, auditor };
  }

  it('verifies an intact chain and serves a record’s history with before → after', async () => {
    const { users, auditor } = await orgWithChanges();
    const report = await http.get('/api/v1/history/verify', { token: auditor });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ intact: true, checkedEntries: 3, firstBroken: null });
    const history = await http.get(`/api/v1/history?recordType=user&recordId=${users.STAFF.id}`, {
      token: auditor,
    });
    expect(history.body.map((h: any) => h.changes.grade)).toEqual([
      { from: '', to: '행정8급' },
      { from: '행정8급', to: '행정7급' },
      { from: '행정7급', to: '행정6급' },
    ]);
    expect(history.body[0]).toMatchObject({
      action: 'update',
      actorId: users.ADMIN.id,
      actorName: '홍길동',
    });
  });

  it('catches a row changed behind the API’s back and names the first broken entry', async () => {
    const { org, auditor } = await orgWithChanges();
    const { rows } = await factory.db.query(
      `SELECT id FROM history WHERE organisation_id = $1 ORDER BY seq`,
      [org.id],
    );
    const victim = rows[1].id as string;
    // A direct UPDATE is refused by the append-only trigger…
    await expect(
      factory.db.query(`UPDATE history SET reason = 'x' WHERE id = $1`, [victim]),
    ).rejects.toThrow(/append-only/);
    // …so a tamperer with superuser rights turns triggers off for their session.
    const client = await factory.db.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(
        `UPDATE history SET changes = '{"grade":{"from":"행정8급","to":"행정1급"}}' WHERE id = $1`,
        [victim],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const report = await http.get('/api/v1/history/verify', { token: auditor });
    expect(report.body.intact).toBe(false);
    expect(report.body.firstBroken).toEqual({
      organisationId: org.id,
      id: victim,
      seq: '2',
      problem: 'HASH_MISMATCH',
    });
  });

  it('catches a deleted entry in the middle of the chain', async () => {
    const { org, auditor } = await orgWithChanges();
    const { rows } = await factory.db.query(
      `SELECT id FROM history WHERE organisation_id = $1 ORDER BY seq`,
      [org.id],
    );
    const client = await factory.db.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(`DELETE FROM history WHERE id = $1`, [rows[0].id]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const report = await http.get('/api/v1/history/verify', { token: auditor });
    expect(report.body.firstBroken).toMatchObject({ id: rows[1].id, problem: 'SEQUENCE_GAP' });
  });

  it('keeps the chain gapless under concurrent writers of one organisation', async () => {
    const world = await factory.world(['ADMIN', 'AUDITOR']);
    const admin = (await login(http, world.users.ADMIN)).accessToken;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        http.post(
          '/api/v1/departments',
          { organisationId: world.org.id, name: `동시부서 ${i}`, kind: 'TEAM' },
          { token: admin },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const { rows } = await factory.db.query(
      `SELECT seq FROM history WHERE organisation_id = $1 ORDER BY seq`,
      [world.org.id],
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const auditor = (await login(http, world.users.AUDITOR)).accessToken;
    expect((await http.get('/api/v1/history/verify', { token: auditor })).body.intact).toBe(true);
  });

  it('writes nothing to history when the change itself fails', async () => {
    const world = await factory.world(['ADMIN']);
    const admin = (await login(http, world.users.ADMIN)).accessToken;
    const count = async () =>
      (
        await factory.db.query(
          `SELECT count(*)::int AS n FROM history WHERE organisation_id = $1`,
          [world.org.id],
        )
      ).rows[0].n;
    const before = await count();
    expect(
      (
        await http.post(
          '/api/v1/departments',
          { organisationId: world.org.id, name: world.dept.name, kind: 'TEAM' },
          { token: admin },
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await http.patch(
          `/api/v1/departments/${world.dept.id}`,
          { version: 7, name: '새 이름' },
          { token: admin },
        )
      ).status,
    ).toBe(409);
    expect(await count()).toBe(before);
  });

  it('lets an ADMIN verify the organisations it administers, and an AUDITOR only its own', async () => {
    const parent = await factory.world(['ADMIN', 'AUDITOR']);
    const child = await factory.org({ parentId: parent.org.id });
    const admin = (await login(http, parent.users.ADMIN)).accessToken;
    await http.post(
      '/api/v1/departments',
      { organisationId: child.id, name: '하위 부서', kind: 'TEAM' },
      { token: admin },
    );
    const adminReport = await http.get('/api/v1/history/verify', { token: admin });
    expect(adminReport.body.organisations.map((o: any) => o.organisationId).sort()).toEqual(
      [parent.org.id, child.id].sort(),
    );
    const auditor = (await login(http, parent.users.AUDITOR)).accessToken;
    const auditorReport = await http.get('/api/v1/history/verify', { token: auditor });
    expect(auditorReport.body.organisations.map((o: any) => o.organisationId)).toEqual([
      parent.org.id,
    ]);
  });
});
