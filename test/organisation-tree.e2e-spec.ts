import { AdminBootstrapService } from '@gwaje/identity';
import { runMigrations } from '@gwaje/db';
import { ReminderRunner } from '@gwaje/notifications';
import {
  databaseEnv,
  type HttpClient,
  startApi,
  type TestApi,
  testConfig,
  useTestApi,
} from './support/app.js';
import { consultationInState, consultationWorld } from './support/consultations.js';
import { Factory, login, type TestUser } from './support/factory.js';
import { PrivateDatabase } from './support/private-database.js';
import { SmtpSink } from './support/smtp-sink.js';
import { type TaskWorld, taskWorld, transition } from './support/tasks.js';

/**
 * Any organisation tree (issue 19, part 5): the system administrator, a stored fact, creates
 * top-level organisations (시·도, 중앙행정기관, 공공기관) and subordinate ones; every other ADMIN only
 * below what it administers. A department's head is one fact, the DEPT_HEAD role of an active user of
 * the department, named in one call. Bad input is a 400/403/404 naming the field, and changes nothing.
 */

type Token = { token: string };
const as = (user: Token) => ({ token: user.token });

async function signedIn(http: HttpClient, user: TestUser): Promise<TestUser & Token> {
  return { ...user, token: (await login(http, user)).accessToken };
}

/** What a refusal must leave as it was: the rows a request could have touched. */
async function snapshot(factory: Factory, sql: string, params: unknown[]): Promise<string> {
  return JSON.stringify((await factory.db.query(sql, params)).rows);
}

describe('any organisation tree', () => {
  const { http, factory } = useTestApi();

  /** The system administrator of the run's database, in an organisation of its own. */
  async function systemAdministrator() {
    const org = await factory.org({ name: `시스템 ${Date.now()}` });
    const dept = await factory.dept(org.id, { name: '정보화담당관' });
    const user = await factory.user(dept, ['ADMIN'], { systemAdministrator: true });
    return { org, dept, user: await signedIn(http, user) };
  }

  describe('top-level and subordinate organisations', () => {
    it('the system administrator creates top-level organisations of each kind and one below them, and administers them all', async () => {
      const { user: system } = await systemAdministrator();
      const me = await http.get('/api/v1/me', as(system));
      expect(me.body).toMatchObject({ roles: ['ADMIN'], systemAdministrator: true });

      const seoul = await http.post(
        '/api/v1/organisations',
        { name: '서울특별시', kind: 'METROPOLITAN' },
        as(system),
      );
      expect(seoul.status).toBe(201);
      expect(seoul.body).toMatchObject({
        name: '서울특별시',
        kind: 'METROPOLITAN',
        parentId: null,
      });
      const ministry = await http.post(
        '/api/v1/organisations',
        { name: '행정안전부', kind: 'CENTRAL_AGENCY', parentId: null },
        as(system),
      );
      expect(ministry.status).toBe(201);
      expect(ministry.body.parentId).toBeNull();
      const agency = await http.post(
        '/api/v1/organisations',
        { name: '한국지능정보사회진흥원', kind: 'PUBLIC_INSTITUTION' },
        as(system),
      );
      expect(agency.status).toBe(201);
      const nowon = await http.post(
        '/api/v1/organisations',
        { name: '노원구', kind: 'LOCAL', parentId: seoul.body.id },
        as(system),
      );
      expect(nowon.status).toBe(201);
      expect(nowon.body).toMatchObject({ kind: 'LOCAL', parentId: seoul.body.id });

      // It administers every organisation: all four are listed, and it staffs the new one.
      const listed = await http.get('/api/v1/organisations', as(system));
      const ids = listed.body.map((o: any) => o.id);
      for (const o of [seoul, ministry, agency, nowon]) expect(ids).toContain(o.body.id);
      const dept = await http.post(
        '/api/v1/departments',
        { organisationId: nowon.body.id, name: '기획예산과', kind: 'DIVISION' },
        as(system),
      );
      expect(dept.status).toBe(201);

      const history = await factory.db.query(
        `SELECT record_id, action, actor_id, changes FROM history
          WHERE record_type = 'organisation' AND record_id = ANY($1) ORDER BY id`,
        [[seoul.body.id, nowon.body.id]],
      );
      expect(history.rows).toEqual([
        expect.objectContaining({
          record_id: seoul.body.id,
          action: 'create',
          actor_id: system.id,
          changes: expect.objectContaining({ kind: { from: null, to: 'METROPOLITAN' } }),
        }),
        expect.objectContaining({
          record_id: nowon.body.id,
          action: 'create',
          changes: expect.objectContaining({ parentId: { from: null, to: seoul.body.id } }),
        }),
      ]);
    });

    it('any other ADMIN: a top-level organisation is a 403 naming parentId, only below its own organisations; nothing changes', async () => {
      const { org: systemOrg } = await systemAdministrator();
      const world = await factory.world(['ADMIN']);
      const admin = await signedIn(http, world.users.ADMIN);
      const countByName = (name: string) =>
        factory.db
          .query(`SELECT count(*)::int AS n FROM organisations WHERE name = $1`, [name])
          .then((r) => r.rows[0].n as number);

      for (const body of [
        { name: '부산광역시', kind: 'METROPOLITAN' },
        { name: '부산광역시', kind: 'METROPOLITAN', parentId: null },
      ]) {
        const refused = await http.post('/api/v1/organisations', body, as(admin));
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
        expect(refused.body.details).toEqual([
          expect.objectContaining({ field: 'parentId', code: 'systemAdministratorOnly' }),
        ]);
        expect(refused.body.message).toContain('시스템 관리자');
      }
      // A parent it does not administer (the system administrator's organisation).
      const foreign = await http.post(
        '/api/v1/organisations',
        { name: '부산광역시', kind: 'METROPOLITAN', parentId: systemOrg.id },
        as(admin),
      );
      expect(foreign.status).toBe(400);
      expect(foreign.body.code).toBe('INVALID_REFERENCE');
      expect(foreign.body.details[0]).toMatchObject({
        field: 'parentId',
        code: 'administeredOrganisation',
      });
      // An unknown kind.
      const badKind = await http.post(
        '/api/v1/organisations',
        { name: '부산광역시', kind: 'CITY', parentId: world.org.id },
        as(admin),
      );
      expect(badKind.status).toBe(400);
      expect(badKind.body.details.map((d: any) => d.field)).toEqual(['kind']);
      expect(await countByName('부산광역시')).toBe(0);

      const below = await http.post(
        '/api/v1/organisations',
        { name: '하위 기관', kind: 'PUBLIC_INSTITUTION', parentId: world.org.id },
        as(admin),
      );
      expect(below.status).toBe(201);
      // Nor does it lift one of its organisations to the top.
      const before = await snapshot(factory, `SELECT * FROM organisations WHERE id = $1`, [
        below.body.id,
      ]);
      const lifted = await http.patch(
        `/api/v1/organisations/${below.body.id}`,
        { version: 1, parentId: null },
        as(admin),
      );
      expect(lifted.status).toBe(403);
      expect(lifted.body.details[0]).toMatchObject({ field: 'parentId' });
      expect(
        await snapshot(factory, `SELECT * FROM organisations WHERE id = $1`, [below.body.id]),
      ).toBe(before);
      // …which the system administrator may.
      const { user: system } = await systemAdministrator();
      const top = await http.patch(
        `/api/v1/organisations/${below.body.id}`,
        { version: 1, parentId: null },
        as(system),
      );
      expect(top.status).toBe(200);
      expect(top.body).toMatchObject({ parentId: null, version: 2 });
    });
  });

  describe('the system administrator as a stored fact', () => {
    it('is shown on the user, granted and revoked by a system administrator only (403 otherwise), and only to an ADMIN', async () => {
      const { user: system } = await systemAdministrator();
      const world = await factory.world(['ADMIN', 'STAFF']);
      const admin = await signedIn(http, world.users.ADMIN);
      const colleague = await factory.user(world.dept, ['ADMIN']);
      const userRow = (id: string) =>
        snapshot(factory, `SELECT roles, system_administrator, version FROM users WHERE id = $1`, [
          id,
        ]);

      // Another ADMIN grants it to nobody, itself included.
      for (const id of [colleague.id, admin.id]) {
        const before = await userRow(id);
        const refused = await http.patch(
          `/api/v1/users/${id}`,
          { version: 1, systemAdministrator: true },
          as(admin),
        );
        expect(refused.status).toBe(403);
        expect(refused.body.details[0]).toMatchObject({
          field: 'systemAdministrator',
          code: 'systemAdministratorOnly',
        });
        expect(await userRow(id)).toBe(before);
      }
      const read = await http.get(`/api/v1/users/${colleague.id}`, as(system));
      expect(read.body.systemAdministrator).toBe(false);

      // Only to an ADMIN.
      const staffBefore = await userRow(world.users.STAFF.id);
      const notAdmin = await http.patch(
        `/api/v1/users/${world.users.STAFF.id}`,
        { version: 1, systemAdministrator: true },
        as(system),
      );
      expect(notAdmin.status).toBe(400);
      expect(notAdmin.body.details[0]).toMatchObject({
        field: 'systemAdministrator',
        code: 'requiresAdmin',
      });
      expect(await userRow(world.users.STAFF.id)).toBe(staffBefore);

      const granted = await http.patch(
        `/api/v1/users/${colleague.id}`,
        { version: 1, systemAdministrator: true },
        as(system),
      );
      expect(granted.status).toBe(200);
      expect(granted.body).toMatchObject({ systemAdministrator: true, version: 2 });
      const entry = await factory.db.query(
        `SELECT action, actor_id, changes FROM history WHERE record_type = 'user' AND record_id = $1 ORDER BY id DESC LIMIT 1`,
        [colleague.id],
      );
      expect(entry.rows[0]).toEqual({
        action: 'update_roles',
        actor_id: system.id,
        changes: { systemAdministrator: { from: false, to: true } },
      });

      // The new system administrator makes a top-level organisation at once (its session reads it).
      const colleagueIn = await signedIn(http, colleague);
      const top = await http.post(
        '/api/v1/organisations',
        { name: '경기도교육청', kind: 'EDUCATION_OFFICE' },
        as(colleagueIn),
      );
      expect(top.status).toBe(201);

      // Its ADMIN role stays while it holds the mark.
      const dropAdmin = await http.patch(
        `/api/v1/users/${colleague.id}`,
        { version: 2, roles: ['STAFF'] },
        as(system),
      );
      expect(dropAdmin.status).toBe(400);
      expect(dropAdmin.body.details[0]).toMatchObject({
        field: 'roles',
        code: 'systemAdministratorKeepsAdmin',
      });

      // The ADMIN of its organisation no longer manages its account: reset, deactivate, unlock.
      const before = await userRow(colleague.id);
      for (const [method, path, body] of [
        ['PATCH', `/api/v1/users/${colleague.id}`, { version: 2, password: 'a-taken-over-pass-1' }],
        ['POST', `/api/v1/users/${colleague.id}/deactivate`, { reason: '권한 탈취 시도' }],
        ['POST', `/api/v1/users/${colleague.id}/unlock`, {}],
      ] as const) {
        const refused = await http.request(method, path, { ...as(admin), body });
        expect([path, refused.status]).toEqual([path, 403]);
      }
      expect(await userRow(colleague.id)).toBe(before);

      // Revoked by a system administrator: it counts at once.
      const revoked = await http.patch(
        `/api/v1/users/${colleague.id}`,
        { version: 2, systemAdministrator: false },
        as(system),
      );
      expect(revoked.status).toBe(200);
      expect(revoked.body.systemAdministrator).toBe(false);
      const afterRevoke = await http.post(
        '/api/v1/organisations',
        { name: '충청북도교육청', kind: 'EDUCATION_OFFICE' },
        as(colleagueIn),
      );
      expect(afterRevoke.status).toBe(403);
    });
  });

  describe("a department's head is one fact (the DEPT_HEAD role)", () => {
    let w: TaskWorld;
    let admin: { token: string };
    const dept = (id: string) => http.get(`/api/v1/departments/${id}`, admin);
    const rolesOf = async (id: string) =>
      (await factory.db.query(`SELECT roles::text[] AS roles FROM users WHERE id = $1`, [id]))
        .rows[0].roles as string[];

    beforeAll(async () => {
      w = await taskWorld(http, factory);
      admin = as(w.admin);
    });

    it('derives headUserId from the role, names the head in one call, and the permissions follow', async () => {
      // A task in progress, led by the lead department: its head may complete it.
      const task = await w.task('IN_PROGRESS');
      const lead = await dept(w.lead.id);
      expect(lead.body).toMatchObject({ headUserId: w.head.id, headName: '홍길동' });
      const allowed = async (user: Token) =>
        (await http.get(`/api/v1/tasks/${task.id}`, as(user))).body.allowedActions as string[];
      expect(await allowed(w.head)).toContain('complete');
      expect(await allowed(w.staff)).not.toContain('complete');

      const named = await http.put(
        `/api/v1/departments/${w.lead.id}/head`,
        { userId: w.staff.id, version: lead.body.version, reason: '인사 발령' },
        admin,
      );
      expect(named.status).toBe(200);
      expect(named.body).toMatchObject({
        headUserId: w.staff.id,
        version: lead.body.version + 1,
      });
      // The role moved: the new head holds DEPT_HEAD, the previous one keeps STAFF.
      expect((await rolesOf(w.staff.id)).sort()).toEqual(['DEPT_HEAD', 'STAFF']);
      expect(await rolesOf(w.head.id)).toEqual(['STAFF']);
      const heads = await http.get(`/api/v1/users?departmentId=${w.lead.id}&role=DEPT_HEAD`, admin);
      expect(heads.body.items.map((u: any) => u.id)).toEqual([w.staff.id]);
      // …and the permissions with it (the same sessions: roles are read with every request).
      expect(await allowed(w.staff)).toContain('complete');
      expect(await allowed(w.head)).not.toContain('complete');
      const refused = await http.post(
        `/api/v1/tasks/${task.id}/transitions`,
        { action: 'complete', reason: '완료', version: task.version },
        as(w.head),
      );
      expect(refused.status).toBe(409);
      expect(refused.body.allowedActions).not.toContain('complete');
      await transition(http, w.staff.token, task.id, 'complete', '준공 완료');

      // In history: each user's role change and the department's change of head, with the reason.
      const entries = await factory.db.query(
        `SELECT record_type, record_id, action, actor_id, changes, reason FROM history
          WHERE record_id = ANY($1) AND action IN ('update_roles', 'set_head') ORDER BY id`,
        [[w.lead.id, w.staff.id, w.head.id]],
      );
      expect(entries.rows).toEqual([
        {
          record_type: 'user',
          record_id: w.head.id,
          action: 'update_roles',
          actor_id: w.admin.id,
          changes: { roles: { from: ['DEPT_HEAD'], to: ['STAFF'] } },
          reason: '인사 발령',
        },
        {
          record_type: 'user',
          record_id: w.staff.id,
          action: 'update_roles',
          actor_id: w.admin.id,
          changes: { roles: { from: ['STAFF'], to: ['STAFF', 'DEPT_HEAD'] } },
          reason: '인사 발령',
        },
        {
          record_type: 'department',
          record_id: w.lead.id,
          action: 'set_head',
          actor_id: w.admin.id,
          changes: { headUserId: { from: w.head.id, to: w.staff.id } },
          reason: '인사 발령',
        },
      ]);

      // Naming the head it has changes nothing; a stale version is a 409 and changes nothing.
      const same = await http.put(
        `/api/v1/departments/${w.lead.id}/head`,
        { userId: w.staff.id },
        admin,
      );
      expect(same.body.version).toBe(named.body.version);
      const stale = await http.put(
        `/api/v1/departments/${w.lead.id}/head`,
        { userId: w.head.id, version: lead.body.version },
        admin,
      );
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(named.body.version);
      expect(await rolesOf(w.head.id)).toEqual(['STAFF']);

      // Switching back through the edit form's convenience (PATCH headUserId) does the same.
      const back = await http.patch(
        `/api/v1/departments/${w.lead.id}`,
        { version: named.body.version, headUserId: w.head.id },
        admin,
      );
      expect(back.status).toBe(200);
      expect(back.body.headUserId).toBe(w.head.id);
      expect((await rolesOf(w.head.id)).sort()).toEqual(['DEPT_HEAD', 'STAFF']);
      expect(await rolesOf(w.staff.id)).toEqual(['STAFF']);

      // No head at all.
      const none = await http.put(`/api/v1/departments/${w.lead.id}/head`, { userId: null }, admin);
      expect(none.body).toMatchObject({ headUserId: null, headName: null });
      expect(await rolesOf(w.head.id)).toEqual(['STAFF']);
      await http.put(`/api/v1/departments/${w.lead.id}/head`, { userId: w.head.id }, admin);
    });

    it('refuses a head who is not an active user of the department (400 naming userId), outsiders (403/404), and changes nothing', async () => {
      const other = await factory.world(['ADMIN', 'STAFF']);
      const otherAdmin = await signedIn(http, other.users.ADMIN);
      const retired = await factory.user(w.lead, ['STAFF'], { active: false });
      const state = () =>
        snapshot(
          factory,
          `SELECT id, roles, version FROM users WHERE department_id = ANY($1) ORDER BY id`,
          [[w.lead.id, w.partnerDept.id]],
        );
      const deptVersion = () =>
        snapshot(factory, `SELECT version FROM departments WHERE id = $1`, [w.lead.id]);
      const before = [await state(), await deptVersion()];

      for (const userId of [
        w.partner.id, // of another department
        retired.id, // not active
        other.users.STAFF.id, // of another organisation
        '7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40', // nobody
      ]) {
        const res = await http.put(`/api/v1/departments/${w.lead.id}/head`, { userId }, admin);
        expect([userId, res.status, res.body.code]).toEqual([userId, 400, 'INVALID_REFERENCE']);
        expect(res.body.details).toEqual([
          expect.objectContaining({ field: 'userId', code: 'memberOfDepartment' }),
        ]);
      }
      const malformed = await http.put(
        `/api/v1/departments/${w.lead.id}/head`,
        { userId: 'not-a-uuid', extra: 1 },
        admin,
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.details.map((d: any) => d.field).sort()).toEqual(['extra', 'userId']);
      const missing = await http.put(`/api/v1/departments/${w.lead.id}/head`, {}, admin);
      expect(missing.status).toBe(400);
      expect(missing.body.details[0]).toMatchObject({ field: 'userId', code: 'required' });
      // Not an ADMIN: 403; an ADMIN of another organisation: 404 (the department stays hidden).
      const office = await http.put(
        `/api/v1/departments/${w.lead.id}/head`,
        { userId: w.staff.id },
        as(w.office),
      );
      expect(office.status).toBe(403);
      const foreign = await http.put(
        `/api/v1/departments/${w.lead.id}/head`,
        { userId: w.staff.id },
        as(otherAdmin),
      );
      expect(foreign.status).toBe(404);
      expect([await state(), await deptVersion()]).toEqual(before);
    });

    it('keeps one head per department: a second DEPT_HEAD by any other way is a 409 naming the field', async () => {
      const admin2 = admin;
      const state = () =>
        snapshot(
          factory,
          `SELECT id, department_id, roles, active, version FROM users WHERE organisation_id = $1 ORDER BY id`,
          [w.org.id],
        );
      const before = await state();
      const created = await http.post(
        '/api/v1/users',
        {
          departmentId: w.lead.id,
          name: '두번째과장',
          email: `second-head-${Date.now()}@test.gwaje.kr`,
          roles: ['DEPT_HEAD'],
          password: 'a-long-enough-passphrase',
        },
        admin2,
      );
      expect(created.status).toBe(409);
      expect(created.body.code).toBe('DUPLICATE');
      expect(created.body.details[0]).toMatchObject({ field: 'roles', code: 'departmentHasHead' });

      const granted = await http.patch(
        `/api/v1/users/${w.owner.id}`,
        { version: 1, roles: ['STAFF', 'DEPT_HEAD'] },
        admin2,
      );
      expect(granted.status).toBe(409);
      expect(granted.body.details[0]).toMatchObject({ field: 'roles', code: 'departmentHasHead' });

      // The partner department's head moving into the lead department.
      const partnerHead = await factory.user(w.partnerDept, ['DEPT_HEAD']);
      const moved = await http.patch(
        `/api/v1/users/${partnerHead.id}`,
        { version: 1, departmentId: w.lead.id },
        admin2,
      );
      expect(moved.status).toBe(409);
      expect(moved.body.details[0]).toMatchObject({
        field: 'departmentId',
        code: 'departmentHasHead',
      });

      // A former head coming back while the department has another.
      const former = await factory.user(w.lead, ['DEPT_HEAD'], { active: false });
      const back = await http.post(`/api/v1/users/${former.id}/reactivate`, {}, admin2);
      expect(back.status).toBe(409);
      expect(back.body.details[0]).toMatchObject({ code: 'departmentHasHead' });

      // Nothing above changed a user (the two made here directly aside).
      const after = JSON.parse(await state()) as Array<{ id: string }>;
      const made = new Set([partnerHead.id, former.id]);
      expect(JSON.stringify(after.filter((u) => !made.has(u.id)))).toBe(before);

      // A department without a head takes one through the users route too.
      const vacant = await factory.dept(w.org.id);
      const first = await http.post(
        '/api/v1/users',
        {
          departmentId: vacant.id,
          name: '새과장',
          email: `new-head-${Date.now()}@test.gwaje.kr`,
          roles: ['DEPT_HEAD'],
          password: 'a-long-enough-passphrase',
        },
        admin2,
      );
      expect(first.status).toBe(201);
      expect((await dept(vacant.id)).body.headUserId).toBe(first.body.id);
    });
  });
});

/**
 * From a fresh installation: the first administrator `setup` (or the API start) creates is the
 * system administrator, who builds the tree from the top and can never revoke the last system
 * administrator.
 */
describe('the first administrator of a fresh installation is the system administrator', () => {
  const db = new PrivateDatabase('orgtree');
  let api: TestApi | undefined;
  const email = 'root@gwaje.example';
  const password = 'first-admin-passphrase';

  beforeAll(async () => {
    await db.create();
    await runMigrations(testConfig(databaseEnv(db.url)), db.url);
    api = await startApi({
      ...databaseEnv(db.url),
      ADMIN_EMAIL: email,
      ADMIN_PASSWORD: password,
    });
    expect(
      await api.app
        .get(AdminBootstrapService)
        .ensureAdministrator({ name: '서울특별시', kind: 'METROPOLITAN' }),
    ).toBe('created');
  });
  afterAll(async () => {
    await api?.close();
    await db.drop();
  });

  it('creates top-level organisations, names another system administrator, and never revokes the last one', async () => {
    const client = api!.http;
    const first = await client.post('/api/v1/auth/login', { email, password });
    const token = first.body.accessToken as string;
    await client.post(
      '/api/v1/me/password',
      { currentPassword: password, newPassword: 'my-own-admin-passphrase-2' },
      { token },
    );
    const me = await client.get('/api/v1/me', { token });
    expect(me.body).toMatchObject({ systemAdministrator: true, roles: ['ADMIN'] });

    const busan = await client.post(
      '/api/v1/organisations',
      { name: '부산광역시', kind: 'METROPOLITAN' },
      { token },
    );
    expect(busan.status).toBe(201);
    expect(busan.body.parentId).toBeNull();
    const dept = await client.post(
      '/api/v1/departments',
      { organisationId: busan.body.id, name: '정보화담당관', kind: 'OFFICER' },
      { token },
    );
    const second = await client.post(
      '/api/v1/users',
      {
        departmentId: dept.body.id,
        name: '부산관리자',
        email: 'admin@busan.example',
        roles: ['ADMIN'],
        password: 'Haeundae#Proactive2026',
      },
      { token },
    );
    expect(second.status).toBe(201);
    expect(second.body.systemAdministrator).toBe(false);

    // The only system administrator cannot revoke itself (400 naming the field); nothing changes.
    const self = me.body.id as string;
    const last = await client.patch(
      `/api/v1/users/${self}`,
      { version: me.body.version, systemAdministrator: false },
      { token },
    );
    expect(last.status).toBe(400);
    expect(last.body.details[0]).toMatchObject({
      field: 'systemAdministrator',
      code: 'lastSystemAdministrator',
    });
    expect((await client.get('/api/v1/me', { token })).body).toMatchObject({
      systemAdministrator: true,
      version: me.body.version,
    });

    // With a second one, it may step down.
    const granted = await client.patch(
      `/api/v1/users/${second.body.id}`,
      { version: second.body.version, systemAdministrator: true },
      { token },
    );
    expect(granted.body.systemAdministrator).toBe(true);
    const stepped = await client.patch(
      `/api/v1/users/${self}`,
      { version: me.body.version, systemAdministrator: false },
      { token },
    );
    expect(stepped.status).toBe(200);
    expect(stepped.body.systemAdministrator).toBe(false);
    // Now an ADMIN of 서울특별시 only: the new top-level organisation is out of its reach.
    expect((await client.get(`/api/v1/organisations/${busan.body.id}`, { token })).status).toBe(
      404,
    );
  });
});

/**
 * What hangs on a department's head follows the role: the audit unit's head, reminded of an overdue
 * opinion (DOMAIN.md §6), is whoever holds DEPT_HEAD there now.
 */
describe("reminders follow the audit unit's head (the DEPT_HEAD role)", () => {
  const sink = new SmtpSink();
  const factory = new Factory();
  let api: TestApi;

  beforeAll(async () => {
    await sink.start();
    api = await startApi({}, (config) => {
      config.smtp.url = sink.url;
    });
  });
  afterAll(async () => {
    await api?.close();
    await factory.close();
    await sink.stop();
  });

  it('reminds the head named through the API, and after a change of head the new one only', async () => {
    const w = await consultationWorld(api.http, factory);
    const c = await consultationInState(api.http, w, 'UNDER_REVIEW');
    await factory.db.query(
      `UPDATE consultations SET opinion_due_date = '2026-11-10', extension_days = 0 WHERE id = $1`,
      [c.id],
    );
    const audit = { id: w.auditor.departmentId, organisationId: w.org.id, name: '감사담당관' };
    const [first, second] = [
      await factory.user(audit, ['AUDITOR'], { name: '감사관장' }),
      await factory.user(audit, ['AUDITOR'], { name: '새감사관장' }),
    ];
    const name = (userId: string) =>
      api.http.put(`/api/v1/departments/${audit.id}/head`, { userId }, { token: w.admin.token });
    const recipients = async (rule: string) =>
      (
        await factory.db.query(
          `SELECT recipient_id FROM notifications WHERE record_id = $1 AND rule = $2`,
          [c.id, rule],
        )
      ).rows.map((r) => r.recipient_id as string);
    const runner = api.app.get(ReminderRunner);

    expect((await name(first.id)).status).toBe(200);
    // Tuesday 2026-11-24 and Wednesday 2026-11-25: business days, 14 and 15 days late.
    await runner.runReminders(w.org.id, '2026-11-24');
    const day1 = await recipients('consultation.opinion-overdue+14');
    expect(day1).toContain(first.id);
    expect(day1).not.toContain(second.id);

    expect((await name(second.id)).status).toBe(200);
    await runner.runReminders(w.org.id, '2026-11-25');
    const day2 = await recipients('consultation.opinion-overdue+15');
    expect(day2).toContain(second.id);
    expect(day2).not.toContain(first.id);
  });
});
