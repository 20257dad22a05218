import { useTestApi } from './support/app.js';
import { login, TEST_PASSWORD } from './support/factory.js';

describe('administration of organisations, departments and users', () => {
  const { http, factory } = useTestApi();

  async function adminWorld() {
    const world = await factory.world(['ADMIN', 'AUDITOR', 'STAFF']);
    const admin = await login(http, world.users.ADMIN);
    return { ...world, token: admin.accessToken };
  }

  it('creates an organisation below its own, a department in it, and a user who can log in', async () => {
    const { org, token } = await adminWorld();
    const child = await http.post(
      '/api/v1/organisations',
      { name: '  하위기관  ', kind: 'LOCAL', parentId: org.id },
      { token },
    );
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({
      name: '하위기관',
      parentId: org.id,
      active: true,
      version: 1,
    });

    const dept = await http.post(
      '/api/v1/departments',
      { organisationId: child.body.id, name: '복지정책과', kind: 'DIVISION' },
      { token },
    );
    expect(dept.status).toBe(201);
    expect(dept.body).toMatchObject({
      organisationId: child.body.id,
      isAuditUnit: false,
      isProactiveOffice: false,
    });

    const email = `new-${Date.now()}@Test.Gwaje.kr`;
    const user = await http.post(
      '/api/v1/users',
      {
        departmentId: dept.body.id,
        name: '새직원',
        email,
        grade: '행정8급',
        roles: ['STAFF', 'DEPT_HEAD'],
        password: 'a-long-enough-passphrase',
      },
      { token },
    );
    expect(user.status).toBe(201);
    expect(user.body).toMatchObject({
      email: email.toLowerCase(),
      organisationId: child.body.id,
      roles: ['STAFF', 'DEPT_HEAD'],
      active: true,
    });
    // No password and no hash; only the flag that says whether it must be changed.
    const { passwordChangeRequired, ...rest } = user.body as Record<string, unknown>;
    expect(passwordChangeRequired).toBe(false);
    expect(JSON.stringify(rest)).not.toMatch(/password|argon2/i);
    const { rows } = await factory.db.query(`SELECT password_hash FROM users WHERE id = $1`, [
      user.body.id,
    ]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(
      (await http.post('/api/v1/auth/login', { email, password: 'a-long-enough-passphrase' }))
        .status,
    ).toBe(200);

    const history = await factory.db.query(
      `SELECT record_type, action, actor_id FROM history WHERE organisation_id = $1 ORDER BY id`,
      [child.body.id],
    );
    expect(history.rows.map((r) => `${r.record_type}:${r.action}`)).toEqual([
      'organisation:create',
      'department:create',
      'user:create',
    ]);
    expect(JSON.stringify(history.rows)).not.toContain('passphrase');
  });

  it('never shows or changes records outside the organisations it administers (404)', async () => {
    const mine = await adminWorld();
    const theirs = await factory.world(['STAFF']);
    const stranger = await factory.user(theirs.dept, ['STAFF']);
    expect((await http.get(`/api/v1/users/${stranger.id}`, { token: mine.token })).status).toBe(
      404,
    );
    expect(
      (
        await http.patch(
          `/api/v1/users/${stranger.id}`,
          { version: 1, name: 'x' },
          { token: mine.token },
        )
      ).status,
    ).toBe(404);
    expect(
      (await http.post(`/api/v1/users/${stranger.id}/deactivate`, {}, { token: mine.token }))
        .status,
    ).toBe(404);
    expect(
      (await http.get(`/api/v1/organisations/${theirs.org.id}`, { token: mine.token })).status,
    ).toBe(404);
    const list = await http.get(`/api/v1/users?limit=100`, { token: mine.token });
    expect(list.body.items.every((u: any) => u.organisationId === mine.org.id)).toBe(true);
    expect(list.body.total).toBe(3);
    const intoTheirs = await http.post(
      '/api/v1/users',
      {
        departmentId: theirs.dept.id,
        name: '침입',
        email: `x-${Date.now()}@test.gwaje.kr`,
        roles: ['STAFF'],
        password: 'a-long-enough-passphrase',
      },
      { token: mine.token },
    );
    expect(intoTheirs.status).toBe(400);
    expect(intoTheirs.body.details[0].field).toBe('departmentId');
  });

  it('detects a stale version (409 with the current version) and changes nothing', async () => {
    const { users, token } = await adminWorld();
    const noVersion = await http.patch(
      `/api/v1/users/${users.STAFF.id}`,
      { email: 'new@test.gwaje.kr', name: '' },
      { token },
    );
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.details.map((d: any) => `${d.field}:${d.code}`).sort()).toEqual([
      'email:whitelistValidation',
      'name:required',
      'version:required',
    ]);
    expect(noVersion.body.message).toMatch(/^입력값 3개가 올바르지 않습니다: /);
    expect(noVersion.body.details.find((d: any) => d.field === 'version').message).toBe(
      '버전을 입력하세요.',
    );
    const first = await http.patch(
      `/api/v1/users/${users.STAFF.id}`,
      { version: 1, grade: '행정7급' },
      { token },
    );
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await http.patch(
      `/api/v1/users/${users.STAFF.id}`,
      { version: 1, grade: '행정6급' },
      { token },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const now = await http.get(`/api/v1/users/${users.STAFF.id}`, { token });
    expect(now.body.grade).toBe('행정7급');
  });

  it('records role changes in history (kept as permission-change log)', async () => {
    const { users, token } = await adminWorld();
    const res = await http.patch(
      `/api/v1/users/${users.STAFF.id}`,
      { version: 1, roles: ['STAFF', 'DEPT_HEAD'] },
      { token },
    );
    expect(res.status).toBe(200);
    const { rows } = await factory.db.query(
      `SELECT action, changes, actor_id FROM history WHERE record_type = 'user' AND record_id = $1`,
      [users.STAFF.id],
    );
    expect(rows).toEqual([
      {
        action: 'update_roles',
        actor_id: users.ADMIN.id,
        changes: { roles: { from: ['STAFF'], to: ['STAFF', 'DEPT_HEAD'] } },
      },
    ]);
    // A role change applies to the user's next request, without a new login.
    const staff = await login(http, users.STAFF);
    expect((await http.get('/api/v1/me', { token: staff.accessToken })).body.roles).toEqual([
      'STAFF',
      'DEPT_HEAD',
    ]);
  });

  it('rejects a duplicate email and a weak password with field-level errors', async () => {
    const { dept, users, token } = await adminWorld();
    const dup = await http.post(
      '/api/v1/users',
      {
        departmentId: dept.id,
        name: '중복',
        email: users.STAFF.email.toUpperCase(),
        roles: ['STAFF'],
        password: 'a-long-enough-passphrase',
      },
      { token },
    );
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      code: 'DUPLICATE',
      details: [expect.objectContaining({ field: 'email', code: 'unique' })],
    });
    const short = await http.post(
      '/api/v1/users',
      {
        departmentId: dept.id,
        name: '짧은',
        email: `s-${Date.now()}@test.gwaje.kr`,
        roles: ['STAFF'],
        password: 'short',
      },
      { token },
    );
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({
      code: 'PASSWORD_POLICY',
      details: [
        expect.objectContaining({
          field: 'password',
          code: 'minLength',
          message: '비밀번호는 10자 이상이어야 합니다.',
        }),
      ],
    });
    const personal = await http.post(
      '/api/v1/users',
      {
        departmentId: dept.id,
        name: '홍길순',
        email: `gildong@t${Date.now()}.gwaje.kr`,
        roles: ['STAFF'],
        password: 'my-GilDong-pw-2026',
      },
      { token },
    );
    expect(personal.status).toBe(400);
    expect(personal.body.details[0].code).toBe('notPersonal');
    const badRole = await http.post(
      '/api/v1/users',
      {
        departmentId: dept.id,
        name: 'x',
        email: 'not-an-email',
        roles: ['KING'],
        password: 'a-long-enough-passphrase',
      },
      { token },
    );
    expect(badRole.status).toBe(400);
    expect(badRole.body.details.map((d: any) => d.field).sort()).toEqual(['email', 'roles']);
  });

  it('resets a password: the old one stops working and sessions end', async () => {
    const { users, token } = await adminWorld();
    const staff = await login(http, users.STAFF);
    const reset = await http.patch(
      `/api/v1/users/${users.STAFF.id}`,
      { version: 1, password: 'a-brand-new-passphrase' },
      { token },
    );
    expect(reset.status).toBe(200);
    expect((await http.get('/api/v1/me', { token: staff.accessToken })).status).toBe(401);
    expect(
      (
        await http.post('/api/v1/auth/login', {
          email: users.STAFF.email,
          password: TEST_PASSWORD,
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await http.post('/api/v1/auth/login', {
          email: users.STAFF.email,
          password: 'a-brand-new-passphrase',
        })
      ).status,
    ).toBe(200);
  });

  it('deactivates instead of deleting, cannot deactivate itself, and can reactivate', async () => {
    const { users, token } = await adminWorld();
    expect(
      (await http.post(`/api/v1/users/${users.ADMIN.id}/deactivate`, {}, { token })).body.code,
    ).toBe('SELF_DEACTIVATION');
    const off = await http.post(
      `/api/v1/users/${users.STAFF.id}/deactivate`,
      { reason: '전출' },
      { token },
    );
    expect(off.body.active).toBe(false);
    const list = await http.get('/api/v1/users?active=false', { token });
    expect(list.body.items.map((u: any) => u.id)).toEqual([users.STAFF.id]);
    const on = await http.post(`/api/v1/users/${users.STAFF.id}/reactivate`, {}, { token });
    expect(on.body.active).toBe(true);
    expect(
      (
        await http.post('/api/v1/auth/login', {
          email: users.STAFF.email,
          password: TEST_PASSWORD,
        })
      ).status,
    ).toBe(200);
  });

  it('manages departments: unique names, a head from the department, deactivation', async () => {
    const { org, dept, users, token } = await adminWorld();
    const dup = await http.post(
      '/api/v1/departments',
      { organisationId: org.id, name: dept.name, kind: 'TEAM' },
      { token },
    );
    expect(dup.status).toBe(409);
    expect(dup.body.details[0].field).toBe('name');
    const other = await factory.world(['STAFF']);
    const foreignHead = await http.patch(
      `/api/v1/departments/${dept.id}`,
      { version: 1, headUserId: other.users.STAFF.id },
      { token },
    );
    expect(foreignHead.status).toBe(400);
    expect(foreignHead.body.details[0].field).toBe('headUserId');
    const head = await http.patch(
      `/api/v1/departments/${dept.id}`,
      { version: 1, headUserId: users.STAFF.id, isAuditUnit: true },
      { token },
    );
    expect(head.body).toMatchObject({ headUserId: users.STAFF.id, isAuditUnit: true, version: 2 });
    // Every user of the organisation sees its departments; a STAFF member cannot change them.
    const staff = await login(http, users.STAFF);
    const seen = await http.get('/api/v1/departments', { token: staff.accessToken });
    expect(seen.body.map((d: any) => d.id)).toEqual([dept.id]);
    expect(
      (
        await http.patch(
          `/api/v1/departments/${dept.id}`,
          { version: 2, name: 'x' },
          { token: staff.accessToken },
        )
      ).status,
    ).toBe(403);
    expect(
      (await http.get(`/api/v1/departments/${other.dept.id}`, { token: staff.accessToken })).status,
    ).toBe(404);
    const off = await http.post(
      `/api/v1/departments/${dept.id}/deactivate`,
      { reason: '통폐합' },
      { token },
    );
    expect(off.body.active).toBe(false);
  });

  it('prevents cycles when moving an organisation', async () => {
    const { org, token } = await adminWorld();
    const child = (
      await http.post(
        '/api/v1/organisations',
        { name: '하위1', kind: 'LOCAL', parentId: org.id },
        { token },
      )
    ).body;
    const grandchild = (
      await http.post(
        '/api/v1/organisations',
        { name: '하위2', kind: 'LOCAL', parentId: child.id },
        { token },
      )
    ).body;
    const cycle = await http.patch(
      `/api/v1/organisations/${child.id}`,
      { version: 1, parentId: grandchild.id },
      { token },
    );
    expect(cycle.status).toBe(400);
    expect(cycle.body.details[0]).toMatchObject({ field: 'parentId', code: 'noCycle' });
  });

  it('writes reads and list reads of personal data to the access log, readable by AUDITOR and ADMIN only', async () => {
    const { users, token } = await adminWorld();
    await http.get(`/api/v1/users?role=STAFF`, {
      token,
      headers: { 'x-request-id': 'trace-list-0001' },
    });
    await http.get(`/api/v1/users/${users.STAFF.id}`, { token });
    const auditor = await login(http, users.AUDITOR);
    // Reads of records (sign-ins are in the same log: recordType session).
    const log = await http.get('/api/v1/access-log?limit=10&recordType=user', {
      token: auditor.accessToken,
    });
    expect(log.status).toBe(200);
    expect(log.body.items.slice(0, 2)).toEqual([
      expect.objectContaining({
        action: 'READ',
        recordType: 'user',
        recordId: users.STAFF.id,
        userId: users.ADMIN.id,
      }),
      expect.objectContaining({
        action: 'LIST',
        recordType: 'user',
        recordId: null,
        requestId: 'trace-list-0001',
        filter: expect.objectContaining({ role: 'STAFF' }),
      }),
    ]);
    const staff = await login(http, users.STAFF);
    expect((await http.get('/api/v1/access-log', { token: staff.accessToken })).status).toBe(403);
    // Append-only: the database itself refuses to change or delete entries.
    await expect(factory.db.query(`UPDATE access_log SET reason = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(factory.db.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
  });
});
