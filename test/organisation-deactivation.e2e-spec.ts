import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';

describe('a deactivated organisation: its users cannot sign in and their sessions end', () => {
  const { http, factory } = useTestApi();

  const withoutRequestId = (body: Record<string, unknown>) => {
    const { requestId: _ignored, ...rest } = body;
    return rest;
  };

  it('refuses sign-in with the usual INVALID_CREDENTIALS and stops existing access and refresh tokens', async () => {
    const parent = await factory.world(['ADMIN', 'AUDITOR']);
    const child = await factory.org({ parentId: parent.org.id });
    const dept = await factory.dept(child.id);
    const staff = await factory.user(dept, ['STAFF']);

    const session = await login(http, staff);
    expect((await http.get('/api/v1/me', { token: session.accessToken })).status).toBe(200);

    const admin = await login(http, parent.users.ADMIN);
    const off = await http.post(
      `/api/v1/organisations/${child.id}/deactivate`,
      { reason: '통폐합' },
      { token: admin.accessToken },
    );
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);

    expect((await http.get('/api/v1/me', { token: session.accessToken })).status).toBe(401);
    const refresh = await http.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);

    const refused = await http.post('/api/v1/auth/login', {
      email: staff.email,
      password: staff.password,
    });
    const unknown = await http.post('/api/v1/auth/login', {
      email: 'nobody-at-all@test.gwaje.kr',
      password: staff.password,
    });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('INVALID_CREDENTIALS');
    expect(withoutRequestId(refused.body)).toEqual(withoutRequestId(unknown.body));

    // Recorded as a failed sign-in, readable by the parent organisation's auditor scope (ADMIN).
    const log = await http.get(
      `/api/v1/access-log?action=LOGIN&result=FAILURE&userId=${staff.id}`,
      {
        token: admin.accessToken,
      },
    );
    expect(log.body.items).toEqual([
      expect.objectContaining({ reason: 'ORGANISATION_INACTIVE', account: staff.email }),
    ]);

    // Reactivated: the user signs in again, but the old session stays ended.
    expect(
      (
        await http.post(
          `/api/v1/organisations/${child.id}/reactivate`,
          {},
          { token: admin.accessToken },
        )
      ).status,
    ).toBe(200);
    expect((await http.get('/api/v1/me', { token: session.accessToken })).status).toBe(401);
    const back = await login(http, staff);
    expect((await http.get('/api/v1/me', { token: back.accessToken })).status).toBe(200);
  });
});
