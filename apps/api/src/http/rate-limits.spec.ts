import { isRateLimitedPath, ROUTE_LIMITS } from './rate-limits.js';

describe('rate-limited routes', () => {
  it('marks the OpenAPI paths of sign-in, refresh, exports and the compile (templates, not URLs)', () => {
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/tasks/export',
      '/api/v1/dashboards/export',
      '/api/v1/dashboards/compile',
      '/api/v1/evaluation-rounds/{id}/export',
      '/api/v1/contests/rounds/{id}/export',
      '/api/v1/imports/departments',
      '/api/v1/imports/users',
      '/api/v1/imports/tasks',
      '/api/v1/imports/milestones',
      '/api/v1/action-plans/{id}/export',
    ])
      expect([path, isRateLimitedPath(path)]).toEqual([path, true]);
    for (const path of [
      '/api/v1/tasks',
      '/api/v1/tasks/{id}',
      '/api/v1/auth/logout',
      '/api/v1/evaluation-rounds/{id}',
      '/api/v1/evaluation-rounds/abc/export',
      '/api/v1/imports/tasks/template',
    ])
      expect([path, isRateLimitedPath(path)]).toEqual([path, false]);
  });

  it('counts the queue board’s login form on the same counters as the API login', () => {
    const counters = (route: string) => ROUTE_LIMITS.get(route)?.limits.map((l) => l.counter);
    expect(counters('POST /admin/queues/login')).toEqual(counters('POST /api/v1/auth/login'));
    expect(counters('GET /admin/queues/login')).toBeUndefined();
  });

  it('limits public routes before the handler and signed-in ones after authentication', () => {
    for (const [route, { when, limits }] of ROUTE_LIMITS) {
      const perUser = !/auth\/(login|refresh)$|\/login$/.test(route);
      expect([route, when]).toEqual([route, perUser ? 'afterAuthentication' : 'beforeHandler']);
      expect(limits.length).toBeGreaterThan(0);
    }
  });
});
