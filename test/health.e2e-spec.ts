import { startApi, type TestApi } from './support/app.js';
import { eventually, freePort, OwnRedis } from './support/redis-server.js';

describe('GET /health', () => {
  let redis: OwnRedis;
  let api: TestApi;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    api = await startApi({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await api.close();
    await redis.stop();
  });

  it('answers 200 when Postgres and Redis are up, 503 naming Redis while it is down, and recovers by itself', async () => {
    const up = await eventually(
      () => api.http.get('/health'),
      (r) => r.status === 200,
    );
    expect(up.status).toBe(200);
    expect(up.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });

    await redis.stop();
    const down = await eventually(
      () => api.http.get('/health'),
      (r) => r.status === 503,
    );
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: '연결할 수 없는 서비스: redis',
      down: ['redis'],
      details: [{ field: 'redis', code: 'down', message: '응답 없음' }],
      checks: { postgres: { status: 'up' }, redis: { status: 'down' } },
    });

    // Requests that need only Postgres keep working while Redis is down.
    expect((await api.http.get('/api/v1/me')).status).toBe(401);

    await redis.start();
    const back = await eventually(
      () => api.http.get('/health'),
      (r) => r.status === 200,
    );
    expect(back.status).toBe(200);
  });
});
