// The signed-in session: the access token in memory, the refresh token in sessionStorage (so a
// reload in the same tab keeps the user signed in, and closing the tab ends it). The access token
// is refreshed shortly before it expires; an ended session sends the user back to the login page.
import type { components } from './schema';

type Tokens = components['schemas']['TokensDto'];
const STORAGE_KEY = 'gwaje.session';
const REFRESH_MARGIN_MS = 30_000;

interface Stored {
  refreshToken: string;
  idleTimeoutMinutes: number;
  sessionExpiresAt: string;
}

type Listener = (event: 'expired' | 'touched' | 'changed') => void;

class Session {
  private accessToken: string | null = null;
  private accessExpiresAt = 0;
  private stored: Stored | null = null;
  private refreshing: Promise<string | null> | null = null;
  private listeners = new Set<Listener>();
  /** When the server last saw us (idle timeout counts from here). */
  lastActivity = Date.now();

  constructor() {
    try {
      const raw = sessionStorage.getItem(STORAGE_KEY);
      this.stored = raw ? (JSON.parse(raw) as Stored) : null;
    } catch {
      this.stored = null;
    }
  }

  get signedIn(): boolean {
    return this.stored !== null;
  }

  get idleTimeoutMinutes(): number {
    return this.stored?.idleTimeoutMinutes ?? 30;
  }

  start(tokens: Tokens): void {
    this.accessToken = tokens.accessToken;
    this.accessExpiresAt = Date.parse(tokens.accessTokenExpiresAt);
    this.stored = {
      refreshToken: tokens.refreshToken,
      idleTimeoutMinutes: tokens.idleTimeoutMinutes,
      sessionExpiresAt: tokens.sessionExpiresAt,
    };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(this.stored));
    this.lastActivity = Date.now();
    this.emit('changed');
  }

  clear(): void {
    this.accessToken = null;
    this.accessExpiresAt = 0;
    this.stored = null;
    sessionStorage.removeItem(STORAGE_KEY);
    this.emit('changed');
  }

  /** The server refused our token: the session ended (idle, revoked or expired). */
  expired(): void {
    if (!this.stored) return;
    this.clear();
    this.emit('expired');
  }

  touched(): void {
    this.lastActivity = Date.now();
    this.emit('touched');
  }

  /** The current access token, refreshed first when it is about to expire. */
  async validAccessToken(): Promise<string | null> {
    if (!this.stored) return null;
    if (this.accessToken && this.accessExpiresAt - Date.now() > REFRESH_MARGIN_MS) {
      return this.accessToken;
    }
    return this.refresh();
  }

  /** Rotates the refresh token; one refresh at a time (a reused refresh token ends the session). */
  refresh(): Promise<string | null> {
    this.refreshing ??= (async () => {
      try {
        const res = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken: this.stored?.refreshToken }),
        });
        if (!res.ok) {
          this.expired();
          return null;
        }
        this.start((await res.json()) as Tokens);
        return this.accessToken;
      } catch {
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

  private emit(event: 'expired' | 'touched' | 'changed'): void {
    for (const l of this.listeners) l(event);
  }
}

export const session = new Session();
