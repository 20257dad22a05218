/**
 * The web app's refresh token travels in a cookie (SECURITY.md "Accounts and sessions"): HttpOnly,
 * so no script of the page can read it; SameSite=Strict, so no other site's page makes the browser
 * send it; scoped to the auth paths, so no other request carries it; Secure wherever the browser
 * allows it. Set and read by hand (one cookie; @fastify/cookie is not installed).
 */

export const REFRESH_COOKIE = 'gwaje_refresh';
/** login, refresh and logout live here; no other route sees the cookie. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/**
 * Sent by the web app on its auth calls. It marks a browser client: its refresh token goes in the
 * cookie only, never in the JSON body; and only a request carrying it may refresh from the cookie.
 * A page of another site cannot add a custom header without a CORS preflight, which the API refuses
 * (CORS closed unless configured), so this header is also the CSRF guard beside SameSite=Strict.
 */
export const WEB_CLIENT_HEADER = 'x-gwaje-client';
export const WEB_CLIENT = 'web';

/** Our refresh tokens are 32 random bytes in base64url; anything else in the cookie is ignored. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,200}$/;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether the cookie is marked Secure: always, except when the public address (PUBLIC_URL) is a
 * plain-HTTP one other than the machine itself. Browsers drop a Secure cookie set over http://
 * except on localhost and 127.0.0.1, and agency intranets often serve plain HTTP; there the cookie
 * would be lost and every tab would ask for the password again.
 */
export function refreshCookieSecure(publicUrl: string | undefined): boolean {
  try {
    const url = new URL(publicUrl ?? '');
    return url.protocol !== 'http:' || LOOPBACK.test(url.hostname);
  } catch {
    return true;
  }
}

const attributes = (secure: boolean) =>
  `Path=${REFRESH_COOKIE_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;

/** The Set-Cookie value holding a refresh token until the session's absolute expiry. */
export function refreshCookie(
  token: string,
  sessionExpiresAt: Date,
  secure: boolean,
  now = Date.now(),
): string {
  const maxAge = Math.max(0, Math.floor((sessionExpiresAt.getTime() - now) / 1000));
  return `${REFRESH_COOKIE}=${token}; Max-Age=${maxAge}; ${attributes(secure)}`;
}

/** The Set-Cookie value that removes the cookie (logout). */
export function clearedRefreshCookie(secure: boolean): string {
  return `${REFRESH_COOKIE}=; Max-Age=0; ${attributes(secure)}`;
}

/** The refresh token from a Cookie header, or undefined when absent or not shaped like one. */
export function refreshTokenFromCookies(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (TOKEN_SHAPE.test(value)) return value;
  }
  return undefined;
}

/** Whether the request comes from the web app (its header, see WEB_CLIENT_HEADER). */
export function isWebClient(headers: Record<string, string | string[] | undefined>): boolean {
  const value = headers[WEB_CLIENT_HEADER];
  return (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase() === WEB_CLIENT;
}
