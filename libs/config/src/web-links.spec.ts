import { webUrl } from './web-links.js';

describe('webUrl', () => {
  it('puts the page under the public base URL, with exactly one slash between them', () => {
    expect(webUrl({ publicUrl: 'https://gwaje.example.go.kr' }, '/tasks/1')).toBe(
      'https://gwaje.example.go.kr/tasks/1',
    );
    expect(webUrl({ publicUrl: 'https://gwaje.example.go.kr/' }, '/tasks/1')).toBe(
      'https://gwaje.example.go.kr/tasks/1',
    );
    expect(webUrl({ publicUrl: 'https://h.example/' }, 'reports/2')).toBe(
      'https://h.example/reports/2',
    );
  });

  it('keeps a base path (the app served under a prefix) and the query string', () => {
    expect(webUrl({ publicUrl: 'https://intra.example/gwaje' }, '/dashboards?year=2026')).toBe(
      'https://intra.example/gwaje/dashboards?year=2026',
    );
  });

  it('is the bare path when no public base URL is configured', () => {
    expect(webUrl({ publicUrl: '' }, '/consultations/3')).toBe('/consultations/3');
  });
});
