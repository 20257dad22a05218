// The signed-in session (SECURITY.md "Accounts and sessions"). The access token lives in memory
// only; the refresh token is an HttpOnly cookie (`gwaje_refresh`, path /api/v1/auth) that no script
// here can read, shared by every tab of the browser. So a new tab, a bookmark or an e-mail link asks
// the API for an access token (POST /auth/refresh with the cookie) instead of for the password.
//
// Tabs share one session: they tell each other over a BroadcastChannel about new access tokens,
// activity and sign-out. The refresh token rotates and a reused one ends the session, so two tabs
// must never refresh at once with the same cookie: refreshes are serialised across tabs (Web Locks,
// or a localStorage lease where the page is not a secure context, e.g. a plain-HTTP intranet), and a
// tab that waited checks whether another tab's refresh already gave it a token.
//
// Only a real 401 from the refresh (REFRESH_TOKEN_INVALID / REUSED, SESSION_EXPIRED) ends the
// session; a 429, a 5xx or a network error is tried again with backoff.
import type { components } from './schema';

type Tokens = Omit<components['schemas']['TokensDto'], 'refreshToken'>;
type AccessTokens = Pick<
  Tokens,
  'accessToken' | 'accessTokenExpiresAt' | 'sessionExpiresAt' | 'idleTimeoutMinutes'
>;

/** Header that makes the API use the cookie for the refresh token (and keep it out of bodies). */
export const WEB_CLIENT_HEADERS = { 'X-Gwaje-Client': 'web' } as const;

/** Not a secret: that a session may exist in this browser, so a new tab knows to ask for one. */
const HINT_KEY = 'gwaje.session';
/** Where versions before issue 18 kept the refresh token; removed on sight. */
const LEGACY_KEY = 'gwaje.session';
const CHANNEL = 'gwaje.session';
const LOCK = 'gwaje.refresh';
const LEASE_KEY = 'gwaje.refresh.lease';
const LEASE_SETTLE_MS = 300;
const REFRESH_MARGIN_MS = 30_000;
/** How long a new tab waits for an open tab to hand it a token before refreshing itself. */
const ASK_PEERS_MS = 200;
const ATTEMPT_TIMEOUT_MS = 10_000;
/** Refresh attempts for a request waiting on a token; restoring a tab on load keeps trying. */
const ATTEMPTS = 6;
const MAX_BACKOFF_MS = 30_000;

interface Hint {
  idleTimeoutMinutes: number;
  sessionExpiresAt: string;
}

type Message =
  | { type: 'tokens'; tokens: AccessTokens }
  | { type: 'ask' }
  | { type: 'touched'; at: number }
  | { type: 'signedOut' };

export type SessionState = 'restoring' | 'signedIn' | 'signedOut';
type Listener = (event: 'expired' | 'touched' | 'changed') => void;

/** No access token now, for a reason that may pass (rate limit, network, server down). */
export class SessionUnavailableError extends Error {
  constructor() {
    super('SESSION_UNAVAILABLE');
  }
}

type Attempt = { token: string } | { ended: true } | { retryAfterMs: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff from half a second, at least the server's Retry-After, capped. */
export function backoffMs(attempt: number, retryAfterMs = 0, random = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
  return Math.min(MAX_BACKOFF_MS, Math.max(base * (0.75 + random() / 2), retryAfterMs));
}

function readHint(): Hint | null {
  try {
    const raw = localStorage.getItem(HINT_KEY);
    const hint = raw ? (JSON.parse(raw) as Partial<Hint>) : null;
    if (!hint?.sessionExpiresAt || Date.parse(hint.sessionExpiresAt) <= Date.now()) return null;
    return {
      idleTimeoutMinutes: hint.idleTimeoutMinutes ?? 30,
      sessionExpiresAt: hint.sessionExpiresAt,
    };
  } catch {
    return null;
  }
}

/**
 * Runs `fn` while no other tab of this origin runs its own: Web Locks where the browser has them
 * (secure contexts), else a lease in localStorage (write, wait, read back: the last writer wins).
 */
async function exclusively<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks?.request) return locks.request(LOCK, fn);
  const me = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const owner = () => {
    try {
      const lease = JSON.parse(localStorage.getItem(LEASE_KEY) ?? 'null') as {
        owner: string;
        until: number;
      } | null;
      return lease && lease.until > Date.now() ? lease.owner : null;
    } catch {
      return null;
    }
  };
  for (;;) {
    // Tabs opened together would all find the lease free at once: a random start spreads them out.
    await sleep(Math.random() * 150);
    if (owner() === null) {
      localStorage.setItem(
        LEASE_KEY,
        JSON.stringify({ owner: me, until: Date.now() + ATTEMPT_TIMEOUT_MS + 5_000 }),
      );
      // Other tabs' writes reach this one asynchronously (slower on a busy machine): wait for
      // them before reading back who won.
      await sleep(LEASE_SETTLE_MS);
      if (owner() === me) break;
    }
    await sleep(50 + Math.random() * 100);
  }
  try {
    return await fn();
  } finally {
    if (owner() === me) localStorage.removeItem(LEASE_KEY);
  }
}

class Session {
  private accessToken: string | null = null;
  private accessExpiresAt = 0;
  private hint: Hint | null;
  private current: SessionState;
  private restoring: Promise<void> | null = null;
  private refreshing: Promise<string | null> | null = null;
  private listeners = new Set<Listener>();
  private readonly channel: BroadcastChannel | null;
  /** When the server last saw us, in any tab (the idle timeout counts from here). */
  lastActivity = Date.now();

  constructor() {
    try {
      sessionStorage.removeItem(LEGACY_KEY);
    } catch {
      // storage disabled: nothing to clean
    }
    this.hint = readHint();
    this.current = this.hint ? 'restoring' : 'signedOut';
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    this.channel?.addEventListener('message', (e: MessageEvent<Message>) => this.receive(e.data));
    if (this.hint) this.restoring = this.restore();
  }

  get state(): SessionState {
    return this.current;
  }

  get signedIn(): boolean {
    return this.current === 'signedIn';
  }

  get idleTimeoutMinutes(): number {
    return this.hint?.idleTimeoutMinutes ?? 30;
  }

  /** After login (or another tab's refresh): the access token in memory, the hint in storage. */
  start(tokens: Tokens): void {
    this.adopt(tokens);
    this.lastActivity = Date.now();
    this.post({ type: 'tokens', tokens: this.accessTokens(tokens) });
  }

  /** Signed out here (logout): every other tab signs out too. */
  clear(): void {
    this.end();
    this.post({ type: 'signedOut' });
  }

  /** The session ended (idle, revoked or expired): back to the login page, saying why. */
  expired(): void {
    if (this.current === 'signedOut') return;
    this.clear();
    this.emit('expired');
  }

  touched(): void {
    this.lastActivity = Date.now();
    this.post({ type: 'touched', at: this.lastActivity });
    this.emit('touched');
  }

  /**
   * The current access token, refreshed first when it is about to expire; null when signed out.
   * Throws SessionUnavailableError when no token could be had for a reason that may pass.
   */
  async validAccessToken(): Promise<string | null> {
    if (this.restoring) await this.restoring;
    if (this.ended()) return null;
    if (this.fresh()) return this.accessToken;
    const token = await this.refresh();
    if (token) return token;
    // (asked again: the refresh may have ended the session)
    if (this.ended()) return null;
    throw new SessionUnavailableError();
  }

  /**
   * A new access token from the refresh cookie: one refresh at a time in this tab and across tabs.
   * `rejected`, when given, is a token the API refused: one that looks fresh but equals it is not
   * taken as another tab's newer token. Resolves null when the session ended or could not be
   * reached after a few tries (then the session stays, and the next request tries again).
   */
  refresh(rejected?: string, attempts = ATTEMPTS): Promise<string | null> {
    this.refreshing ??= (async () => {
      try {
        for (let attempt = 0; attempt < attempts; attempt++) {
          const outcome = await exclusively(() => this.refreshOnce(rejected));
          if ('token' in outcome) return outcome.token;
          if ('ended' in outcome) return null;
          await sleep(backoffMs(attempt, outcome.retryAfterMs));
        }
        return null;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** On load with a session hint: a token from an open tab, else from the refresh cookie. */
  private async restore(): Promise<void> {
    try {
      const handed = await this.askPeers();
      if (!handed) await this.refresh(undefined, Number.POSITIVE_INFINITY);
    } finally {
      this.restoring = null;
    }
  }

  private askPeers(): Promise<boolean> {
    if (!this.channel) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve(this.fresh());
      };
      const unsubscribe = this.subscribe((event) => event === 'changed' && this.fresh() && done());
      const timer = setTimeout(done, ASK_PEERS_MS);
      this.post({ type: 'ask' });
    });
  }

  private async refreshOnce(rejected?: string): Promise<Attempt> {
    // Another tab may have refreshed while this one waited for the lock: its token came over the
    // channel, and the cookie it was given has already replaced the one this tab would have sent.
    if (this.fresh() && this.accessToken !== rejected) return { token: this.accessToken! };
    if (this.ended() && !this.restoring) return { ended: true };
    let res: Response;
    try {
      res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', ...WEB_CLIENT_HEADERS },
        body: '{}',
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
    } catch {
      return { retryAfterMs: 0 };
    }
    if (res.status === 401) {
      // The session is over for every tab: the cookie they share is spent or revoked. A tab that
      // was only restoring ends just itself (the others learn it from their own next refresh).
      if (this.current === 'signedIn') this.expired();
      else this.end();
      return { ended: true };
    }
    if (!res.ok) {
      const seconds = Number(res.headers.get('retry-after'));
      return { retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0 };
    }
    try {
      this.start((await res.json()) as Tokens);
    } catch {
      return { retryAfterMs: 0 };
    }
    return { token: this.accessToken! };
  }

  private receive(message: Message): void {
    switch (message.type) {
      case 'tokens':
        if (Date.parse(message.tokens.accessTokenExpiresAt) > this.accessExpiresAt) {
          this.adopt(message.tokens);
        }
        break;
      case 'ask':
        if (this.fresh() && this.hint) {
          this.post({
            type: 'tokens',
            tokens: {
              accessToken: this.accessToken!,
              accessTokenExpiresAt: new Date(this.accessExpiresAt).toISOString(),
              ...this.hint,
            },
          });
        }
        break;
      case 'touched':
        if (message.at > this.lastActivity) {
          this.lastActivity = message.at;
          this.emit('touched');
        }
        break;
      case 'signedOut':
        this.end();
        break;
    }
  }

  private adopt(tokens: AccessTokens): void {
    this.accessToken = tokens.accessToken;
    this.accessExpiresAt = Date.parse(tokens.accessTokenExpiresAt);
    this.hint = {
      idleTimeoutMinutes: tokens.idleTimeoutMinutes,
      sessionExpiresAt: tokens.sessionExpiresAt,
    };
    try {
      localStorage.setItem(HINT_KEY, JSON.stringify(this.hint));
    } catch {
      // storage disabled: this tab still works, new tabs ask for the password
    }
    this.current = 'signedIn';
    this.emit('changed');
  }

  private end(): void {
    const was = this.current;
    this.accessToken = null;
    this.accessExpiresAt = 0;
    this.hint = null;
    this.current = 'signedOut';
    try {
      localStorage.removeItem(HINT_KEY);
    } catch {
      // storage disabled
    }
    if (was !== 'signedOut') this.emit('changed');
  }

  private ended(): boolean {
    return this.current === 'signedOut';
  }

  private fresh(): boolean {
    return !!this.accessToken && this.accessExpiresAt - Date.now() > REFRESH_MARGIN_MS;
  }

  private accessTokens(t: AccessTokens): AccessTokens {
    return {
      accessToken: t.accessToken,
      accessTokenExpiresAt: t.accessTokenExpiresAt,
      sessionExpiresAt: t.sessionExpiresAt,
      idleTimeoutMinutes: t.idleTimeoutMinutes,
    };
  }

  private post(message: Message): void {
    this.channel?.postMessage(message);
  }

  private emit(event: 'expired' | 'touched' | 'changed'): void {
    for (const l of this.listeners) l(event);
  }
}

export const session = new Session();
