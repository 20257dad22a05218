import { appPath } from './links';

describe('appPath', () => {
  it('opens an absolute webUrl of the API inside the app, whatever its host', () => {
    expect(appPath('https://gwaje.nowon.go.kr/tasks/abc', 'http://localhost:5173')).toBe(
      '/tasks/abc',
    );
    expect(appPath('http://localhost:3000/dashboards?year=2026', 'http://localhost:3000')).toBe(
      '/dashboards?year=2026',
    );
  });

  it('keeps a bare path (no PUBLIC_URL configured) as it is', () => {
    expect(appPath('/reports/r1', 'http://localhost:3000')).toBe('/reports/r1');
    expect(appPath('/consultations/c1#opinion', 'http://localhost:3000')).toBe(
      '/consultations/c1#opinion',
    );
  });
});
