import {
  clearedRefreshCookie,
  isWebClient,
  refreshCookie,
  refreshCookieSecure,
  refreshTokenFromCookies,
} from './refresh-cookie.js';

describe('the refresh cookie', () => {
  it('is Secure everywhere but a plain-HTTP address other than this machine', () => {
    expect(refreshCookieSecure('https://gwaje.example.go.kr')).toBe(true);
    expect(refreshCookieSecure('http://localhost:3000')).toBe(true);
    expect(refreshCookieSecure('http://127.0.0.1:8080')).toBe(true);
    expect(refreshCookieSecure('http://[::1]:8080')).toBe(true);
    expect(refreshCookieSecure('http://gwaje.intra.go.kr')).toBe(false);
    expect(refreshCookieSecure('http://10.1.2.3')).toBe(false);
    expect(refreshCookieSecure('')).toBe(true);
    expect(refreshCookieSecure(undefined)).toBe(true);
  });

  it('lives until the session ends, on the auth path only, out of scripts and other sites', () => {
    const now = Date.parse('2026-03-02T00:00:00Z');
    expect(refreshCookie('abc_-1', new Date(now + 8 * 3600_000 + 900), true, now)).toBe(
      'gwaje_refresh=abc_-1; Max-Age=28800; Path=/api/v1/auth; HttpOnly; SameSite=Strict; Secure',
    );
    expect(refreshCookie('abc', new Date(now - 1000), false, now)).toBe(
      'gwaje_refresh=abc; Max-Age=0; Path=/api/v1/auth; HttpOnly; SameSite=Strict',
    );
    expect(clearedRefreshCookie(true)).toBe(
      'gwaje_refresh=; Max-Age=0; Path=/api/v1/auth; HttpOnly; SameSite=Strict; Secure',
    );
  });

  it('reads its token among other cookies and ignores anything not shaped like a token', () => {
    expect(refreshTokenFromCookies('a=1; gwaje_refresh=Zx-_9; b=2')).toBe('Zx-_9');
    expect(refreshTokenFromCookies('gwaje_refresh=ok')).toBe('ok');
    expect(refreshTokenFromCookies(undefined)).toBeUndefined();
    expect(refreshTokenFromCookies('')).toBeUndefined();
    expect(refreshTokenFromCookies('gwaje_refresh=')).toBeUndefined();
    expect(refreshTokenFromCookies('gwaje_refresh=a%20b')).toBeUndefined();
    expect(refreshTokenFromCookies('xgwaje_refresh=abc')).toBeUndefined();
    expect(refreshTokenFromCookies(`gwaje_refresh=${'a'.repeat(201)}`)).toBeUndefined();
  });

  it('knows the web app by its header', () => {
    expect(isWebClient({ 'x-gwaje-client': 'web' })).toBe(true);
    expect(isWebClient({ 'x-gwaje-client': ' Web ' })).toBe(true);
    expect(isWebClient({ 'x-gwaje-client': ['web'] })).toBe(true);
    expect(isWebClient({ 'x-gwaje-client': 'cli' })).toBe(false);
    expect(isWebClient({})).toBe(false);
  });
});
