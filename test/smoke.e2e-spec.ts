import { Factory, login } from './support/factory.js';
import { startApi, type TestApi } from './support/app.js';

describe('smoke', () => {
  let api: TestApi;
  const factory = new Factory();
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
    await factory.close();
  });

  it('logs in and reads /me', async () => {
    const { users } = await factory.world(['STAFF']);
    const { accessToken } = await login(api.http, users.STAFF);
    const me = await api.http.get('/api/v1/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(users.STAFF.email);
  });
});
