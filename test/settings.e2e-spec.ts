import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';

describe('per-organisation settings', () => {
  const { http, factory } = useTestApi();

  const threshold = (body: any) =>
    body.settings.find((s: any) => s.key === 'security.lockoutThreshold');

  it('are readable by every user of the organisation, with defaults and bounds', async () => {
    const { users } = await factory.world(['STAFF']);
    const { accessToken } = await login(http, users.STAFF);
    const res = await http.get('/api/v1/settings', { token: accessToken });
    expect(res.status).toBe(200);
    expect(res.body.organisationId).toBe(users.STAFF.organisationId);
    expect(res.body.version).toBe(1);
    expect(threshold(res.body)).toMatchObject({
      value: 5,
      defaultValue: 5,
      isDefault: true,
      kind: 'integer',
      min: 3,
      max: 20,
    });
    // A structured setting says what it holds, so the web app offers a form instead of JSON.
    const formats = Object.fromEntries(
      res.body.settings.filter((s: any) => s.kind === 'json').map((s: any) => [s.key, s.format]),
    );
    expect(formats).toMatchObject({
      'evaluations.criteria': 'criteria',
      'evaluations.grades': 'grades',
      'notifications.reportDueDays': 'dayList',
      'education.reminderFrom': 'monthDay',
    });
    expect(Object.values(formats).every((f) => typeof f === 'string')).toBe(true);
  });

  it('security settings are changed by ADMIN with a version check, recorded in history, and take effect', async () => {
    const { users } = await factory.world(['STAFF', 'ADMIN', 'AUDITOR']);
    const admin = await login(http, users.ADMIN);
    const res = await http.patch(
      '/api/v1/settings',
      { version: 1, values: { 'security.lockoutThreshold': 3 }, reason: '보안 강화' },
      { token: admin.accessToken },
    );
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(threshold(res.body)).toMatchObject({ value: 3, isDefault: false });

    const auditor = await login(http, users.AUDITOR);
    const history = await http.get(
      `/api/v1/history?recordType=settings&recordId=${users.STAFF.organisationId}`,
      { token: auditor.accessToken },
    );
    expect(history.body).toEqual([
      expect.objectContaining({
        action: 'update',
        actorId: users.ADMIN.id,
        changes: { 'security.lockoutThreshold': { from: 5, to: 3 } },
        reason: '보안 강화',
      }),
    ]);

    // The new threshold governs lockout: three failures now lock the account.
    for (let i = 0; i < 3; i++)
      await http.post('/api/v1/auth/login', {
        email: users.STAFF.email,
        password: `wrong-password-${i}`,
      });
    const { rows } = await factory.db.query(`SELECT locked_until FROM users WHERE id = $1`, [
      users.STAFF.id,
    ]);
    expect(rows[0].locked_until).not.toBeNull();
  });

  it('refuse a stale version with 409 and the current version', async () => {
    const { users } = await factory.world(['PROACTIVE_OFFICE']);
    const { accessToken } = await login(http, users.PROACTIVE_OFFICE);
    await http.patch(
      '/api/v1/settings',
      { version: 1, values: { 'reports.dueBusinessDays': 6 } },
      { token: accessToken },
    );
    const stale = await http.patch(
      '/api/v1/settings',
      { version: 1, values: { 'reports.dueBusinessDays': 7 } },
      { token: accessToken },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const now = await http.get('/api/v1/settings', { token: accessToken });
    expect(now.body.settings.find((s: any) => s.key === 'reports.dueBusinessDays').value).toBe(6);
  });

  it('validate every value before writing anything, naming each bad field', async () => {
    const { users } = await factory.world(['ADMIN']);
    const { accessToken } = await login(http, users.ADMIN);
    const res = await http.patch(
      '/api/v1/settings',
      {
        version: 1,
        values: {
          'security.lockoutMinutes': 15,
          'security.lockoutThreshold': 99,
          'security.nope': 1,
        },
      },
      { token: accessToken },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([
      expect.objectContaining({
        field: 'values.security.lockoutThreshold',
        code: 'settingValue',
        message: '계정 잠금까지 연속 로그인 실패 횟수는 3부터 20까지의 정수여야 합니다.',
      }),
      expect.objectContaining({ field: 'values.security.nope', code: 'knownSetting' }),
    ]);
    const after = await http.get('/api/v1/settings', { token: accessToken });
    expect(after.body.version).toBe(1);
    expect(after.body.settings.every((s: any) => s.isDefault)).toBe(true);
    const { rows } = await factory.db.query(
      `SELECT count(*)::int AS n FROM history WHERE record_type = 'settings' AND record_id = $1`,
      [users.ADMIN.organisationId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('cannot be changed by other roles (403), nor seen across organisations (404)', async () => {
    const { users } = await factory.world([
      'STAFF',
      'DEPT_HEAD',
      'AUDITOR',
      'COMMITTEE',
      'PROACTIVE_OFFICE',
    ]);
    const other = await factory.world(['STAFF']);
    for (const role of ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'COMMITTEE'] as const) {
      const { accessToken } = await login(http, users[role]);
      const res = await http.patch(
        '/api/v1/settings',
        { version: 1, values: { 'security.lockoutMinutes': 10 } },
        { token: accessToken },
      );
      expect(res.status).toBe(403);
    }
    const office = await login(http, users.PROACTIVE_OFFICE);
    const foreign = await http.get(`/api/v1/settings?organisationId=${other.org.id}`, {
      token: office.accessToken,
    });
    expect(foreign.status).toBe(404);
    const foreignWrite = await http.patch(
      `/api/v1/settings?organisationId=${other.org.id}`,
      { version: 1, values: { 'security.lockoutMinutes': 10 } },
      { token: office.accessToken },
    );
    expect(foreignWrite.status).toBe(404);
  });

  it('of an organisation below can be changed by the ADMIN of the one above', async () => {
    const parent = await factory.world(['ADMIN']);
    const child = await factory.org({ parentId: parent.org.id });
    const { accessToken } = await login(http, parent.users.ADMIN);
    const res = await http.patch(
      `/api/v1/settings?organisationId=${child.id}`,
      { version: 1, values: { 'security.idleTimeoutMinutes': 20 } },
      { token: accessToken },
    );
    expect(res.status).toBe(200);
    expect(res.body.organisationId).toBe(child.id);
    // ...but not the other way round.
    const sibling = await factory.world(['ADMIN']);
    const siblingAdmin = await login(http, sibling.users.ADMIN);
    expect(
      (
        await http.get(`/api/v1/settings?organisationId=${child.id}`, {
          token: siblingAdmin.accessToken,
        })
      ).status,
    ).toBe(404);
  });

  it('reject unknown fields and a missing version', async () => {
    const { users } = await factory.world(['PROACTIVE_OFFICE']);
    const { accessToken } = await login(http, users.PROACTIVE_OFFICE);
    const res = await http.patch(
      '/api/v1/settings',
      { values: { 'security.lockoutMinutes': 10 }, sneaky: true },
      { token: accessToken },
    );
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: any) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['sneaky', 'version']));
  });
});
