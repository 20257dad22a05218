import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, loadConfig } from '@gwaje/config';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { assertContract } from './contract.js';
import { Factory } from './factory.js';

/**
 * The usual suite setup: a real API started before the suite's tests and closed after them, an HTTP
 * client bound to it, and a factory for the suite's own records.
 */
export function useTestApi(env: Record<string, string> = {}, adjust?: (config: AppConfig) => void) {
  const http = new HttpClient();
  const factory = new Factory();
  let api: TestApi | undefined;
  beforeAll(async () => {
    api = await startApi(env, adjust);
    http.baseUrl = api.url;
  });
  afterAll(async () => {
    await api?.close();
    await factory.close();
  });
  return { http, factory };
}

/** The test run's configuration (database and Redis prefix set by global-setup). */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({ env: { ...process.env, NODE_ENV: 'test', ...env } });
}

/**
 * The application's role (`gwaje_app`, the user of the run's DATABASE_URL) on the database that
 * `ownerUrl` (an owner's connection) names: what an API or worker under test connects with.
 */
export function applicationUrl(ownerUrl: string): string {
  const app = new URL(testConfig().database.url);
  const u = new URL(ownerUrl);
  u.username = app.username;
  u.password = app.password;
  return u.toString();
}

/**
 * Both connections to the database of `ownerUrl`: the owner's (DATABASE_ADMIN_URL: migrations,
 * arranging data) and the application role's (DATABASE_URL).
 */
export function databaseEnv(ownerUrl: string): {
  DATABASE_ADMIN_URL: string;
  DATABASE_URL: string;
} {
  return { DATABASE_ADMIN_URL: ownerUrl, DATABASE_URL: applicationUrl(ownerUrl) };
}

export interface TestApi {
  app: NestFastifyApplication;
  url: string;
  http: HttpClient;
  close(): Promise<void>;
}

/** Boots the real API (same bootstrap as production) on a random local port. */
export async function startApi(
  env: Record<string, string> = {},
  adjust: (config: AppConfig) => void = () => undefined,
): Promise<TestApi> {
  const config = testConfig(env);
  adjust(config);
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return { app, url, http: new HttpClient(url), close: () => app.close() };
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A thin fetch wrapper over real HTTP (Fastify inject does not work under Jest ESM on Node 20). */
export class HttpClient {
  constructor(public baseUrl = '') {}

  async request<T = any>(
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    return received<T>(method, path, res);
  }

  get<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('GET', path, opts);
  }
  post<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('POST', path, { ...opts, body });
  }
  patch<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...opts, body });
  }
  put<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PUT', path, { ...opts, body });
  }
  delete<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('DELETE', path, opts);
  }

  /** A multipart/form-data upload of one file in `field` (default "file"). */
  async upload<T = any>(
    path: string,
    file: { name: string; bytes: Uint8Array; type?: string },
    opts: { token?: string; field?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const form = new FormData();
    form.append(
      opts.field ?? 'file',
      new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(`${this.baseUrl}${path}`, { method: 'POST', headers, body: form });
    return received<T>('POST', path, res);
  }

  /** A GET whose body is kept as bytes (downloads). */
  async download(
    path: string,
    opts: { token?: string } = {},
  ): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(`${this.baseUrl}${path}`, { headers });
    const bytes = Buffer.from(await res.arrayBuffer());
    const contentType = res.headers.get('content-type');
    const json = contentType?.startsWith('application/json') && bytes.length;
    await assertContract({
      method: 'GET',
      url: path,
      status: res.status,
      contentType,
      body: json ? JSON.parse(bytes.toString('utf8')) : bytes.length ? bytes : undefined,
    });
    return { status: res.status, bytes, headers: res.headers };
  }
}

/** Reads a response (JSON parsed when it is JSON) and checks it against the API contract. */
async function received<T>(method: string, path: string, res: Response): Promise<HttpResult<T>> {
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  await assertContract({
    method,
    url: path,
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: parsed,
  });
  return { status: res.status, body: parsed as T, headers: res.headers };
}
