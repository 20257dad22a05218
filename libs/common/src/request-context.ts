import { AsyncLocalStorage } from 'node:async_hooks';

/** What the current request is, for code far from the controller (access log, log lines). */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  /** The client's User-Agent header, cut to 512 characters (접속기록). */
  userAgent?: string | null;
  /** The signed-in caller's account (e-mail), once the guard has authenticated the request. */
  account?: string | null;
}

const storage = new AsyncLocalStorage<RequestMeta>();

export function runWithRequestContext<T>(meta: RequestMeta, fn: () => T): T {
  return storage.run(meta, fn);
}

/** The current request's metadata, or undefined outside a request (worker jobs, CLI). */
export function currentRequestContext(): RequestMeta | undefined {
  return storage.getStore();
}
