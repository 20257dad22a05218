import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';

/**
 * Separation of duties (SECURITY.md): the security settings are the administrator's, the business
 * settings the proactive-administration office's; and no administrator hands itself a business role.
 */
describe('separation of duties', () => {
  const { http, factory } = useTestApi();

  const settingsOf = async (token: string) => {
    const res = await http.get('/api/v1/settings', { token });
    expect(res.status).toBe(200);
    return res.body as {
      version: number;
      settings: Array<{ key: string; value: unknown; isDefault: boolean }>;
    };
  };

  describe('settings', () => {
    it('PROACTIVE_OFFICE may not change a security setting: 403 naming each one, nothing written, not even the business keys beside them', async () => {
      const { users } = await factory.world(['PROACTIVE_OFFICE']);
      const { accessToken } = await login(http, users.PROACTIVE_OFFICE);
      const res = await http.patch(
        '/api/v1/settings',
        {
          version: 1,
          values: {
            'security.lockoutThreshold': 3,
            'security.idleTimeoutMinutes': 20,
            'reports.dueBusinessDays': 6,
          },
        },
        { token: accessToken },
      );
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(res.body.details.map((d: any) => [d.field, d.code])).toEqual([
        ['values.security.lockoutThreshold', 'adminOnlySetting'],
        ['values.security.idleTimeoutMinutes', 'adminOnlySetting'],
      ]);
      expect(res.body.message).toContain('관리자');

      const after = await settingsOf(accessToken);
      expect(after.version).toBe(1);
      expect(after.settings.every((s) => s.isDefault)).toBe(true);
      const { rows } = await factory.db.query(
        `SELECT count(*)::int AS n FROM history WHERE record_type = 'settings' AND record_id = $1`,
        [users.PROACTIVE_OFFICE.organisationId],
      );
      expect(rows[0].n).toBe(0);

      // In English too.
      const en = await http.patch(
        '/api/v1/settings',
        { version: 1, values: { 'security.lockoutMinutes': 10 } },
        { token: accessToken, headers: { 'accept-language': 'en' } },
      );
      expect(en.status).toBe(403);
      expect(en.body.message).toMatch(/administrator/i);
      expect(en.body.details[0].message).toMatch(/ADMIN/);
    });

    it('every security.* key is the administrator’s alone; PROACTIVE_OFFICE keeps the business settings', async () => {
      const { users } = await factory.world(['PROACTIVE_OFFICE', 'ADMIN']);
      const office = await login(http, users.PROACTIVE_OFFICE);
      const admin = await login(http, users.ADMIN);
      const current = await settingsOf(office.accessToken);
      const security = current.settings.filter((s) => s.key.startsWith('security.'));
      expect(security.map((s) => s.key).sort()).toEqual([
        'security.accessLogRetentionYears',
        'security.accessTokenMinutes',
        'security.idleTimeoutMinutes',
        'security.lockoutMinutes',
        'security.lockoutThreshold',
        'security.passwordMinLength',
        'security.permissionLogRetentionYears',
      ]);
      for (const s of security) {
        const res = await http.patch(
          '/api/v1/settings',
          { version: 1, values: { [s.key]: s.value } },
          { token: office.accessToken },
        );
        expect([s.key, res.status]).toEqual([s.key, 403]);
        expect(res.body.details).toEqual([
          expect.objectContaining({ field: `values.${s.key}`, code: 'adminOnlySetting' }),
        ]);
      }

      const business = await http.patch(
        '/api/v1/settings',
        {
          version: 1,
          values: { 'reports.dueBusinessDays': 6, 'notifications.sendHour': 8 },
          reason: '보고 기한 조정',
        },
        { token: office.accessToken },
      );
      expect(business.status).toBe(200);
      expect(business.body.version).toBe(2);

      const secured = await http.patch(
        '/api/v1/settings',
        { version: 2, values: { 'security.lockoutThreshold': 3, 'reports.dueBusinessDays': 7 } },
        { token: admin.accessToken },
      );
      expect(secured.status).toBe(200);
      expect(
        secured.body.settings.find((s: any) => s.key === 'security.lockoutThreshold').value,
      ).toBe(3);
    });
  });

  describe('roles', () => {
    const BUSINESS_ROLES = ['AUDITOR', 'COMMITTEE', 'PROACTIVE_OFFICE'] as const;

    it('an ADMIN may not grant itself a business role (403 on roles, nothing changed); another ADMIN may, and dropping it again is fine', async () => {
      const { dept, users } = await factory.world(['ADMIN']);
      const second = await factory.user(dept, ['ADMIN']);
      const self = await login(http, users.ADMIN);
      const other = await login(http, second);
      const me = `/api/v1/users/${users.ADMIN.id}`;

      for (const role of BUSINESS_ROLES) {
        const res = await http.patch(
          me,
          { version: 1, roles: ['ADMIN', role] },
          { token: self.accessToken },
        );
        expect([role, res.status]).toEqual([role, 403]);
        expect(res.body.code).toBe('FORBIDDEN');
        expect(res.body.details).toEqual([
          expect.objectContaining({ field: 'roles', code: 'selfGrant' }),
        ]);
        expect(res.body.details[0].message.length).toBeGreaterThan(0);
      }
      const unchanged = await http.get(me, { token: self.accessToken });
      expect(unchanged.body).toMatchObject({ roles: ['ADMIN'], version: 1 });

      // The separation: a second administrator grants it, and the change is on record.
      const granted = await http.patch(
        me,
        { version: 1, roles: ['ADMIN', 'AUDITOR'] },
        { token: other.accessToken },
      );
      expect(granted.status).toBe(200);
      expect(granted.body.roles).toEqual(['ADMIN', 'AUDITOR']);
      const { rows } = await factory.db.query(
        `SELECT actor_id FROM history WHERE record_type = 'user' AND record_id = $1 AND action = 'update_roles'`,
        [users.ADMIN.id],
      );
      expect(rows).toEqual([{ actor_id: second.id }]);

      // Keeping a role one already holds is no grant; removing one is always allowed.
      const renamed = await http.patch(
        me,
        { version: 2, name: '김관리', roles: ['AUDITOR', 'ADMIN'] },
        { token: self.accessToken },
      );
      expect(renamed.status).toBe(200);
      const dropped = await http.patch(
        me,
        { version: 3, roles: ['ADMIN'] },
        { token: self.accessToken },
      );
      expect(dropped.status).toBe(200);
      expect(dropped.body.roles).toEqual(['ADMIN']);
    });
  });
});
