import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';

/**
 * The API on a database pool of ONE connection. Code that asks the pool for a second connection
 * while its transaction holds one waits forever here; under load it waits forever on any pool,
 * once every connection is held that way (concurrent sign-ins did: the sign-in transaction read
 * the organisation's settings through the pool).
 */
describe('the API on a single database connection (no transaction waits for a second one)', () => {
  const { http, factory } = useTestApi({}, (config) => {
    config.database.poolSize = 1;
  });

  it('signs in, refreshes, reads and writes, and signs out', async () => {
    const { users, dept } = await factory.world(['STAFF', 'PROACTIVE_OFFICE']);
    const session = await login(http, users.STAFF);
    const token = session.accessToken;
    expect((await http.get('/api/v1/me', { token })).status).toBe(200);

    const refreshed = await http.post('/api/v1/auth/refresh', {
      refreshToken: session.refreshToken,
    });
    expect(refreshed.status).toBe(200);

    const created = await http.post(
      '/api/v1/tasks',
      {
        year: 2026,
        title: '단일 연결 점검 과제',
        category: 'PROACTIVE',
        leadDepartmentId: dept.id,
        ownerId: users.STAFF.id,
        startDate: '2026-03-01',
        dueDate: '2026-11-30',
        milestones: [{ title: '착수', dueDate: '2026-04-30' }],
      },
      { token: refreshed.body.accessToken },
    );
    expect(created.status).toBe(201);

    const out = await http.post(
      '/api/v1/auth/logout',
      { refreshToken: refreshed.body.refreshToken },
      { token: refreshed.body.accessToken },
    );
    expect(out.status).toBeLessThan(300);
  });
});
