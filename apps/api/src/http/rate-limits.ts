import { createHash } from 'node:crypto';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { DEFAULT_MESSAGES, DomainError, ErrorCode } from '@gwaje/common';
import type { AppConfig, HttpConfig } from '@gwaje/config';
import type { AuthUser } from '@gwaje/identity';
import { requestLanguage } from './language.js';

/**
 * Rate limits (SECURITY.md, Input and output): on sign-in and on expensive endpoints, keyed on the
 * route the router matched (its template, never the raw URL, which percent-encoding changes) and on
 * who the request is about, so that neither an encoding trick nor an office behind one address
 * defeats them:
 *
 * - sign-in (the API's login and the queue board's form, counted together; each attempt costs a
 *   64 MiB argon2 hash): per client address, so one address cannot try many accounts; and per
 *   account (the normalised e-mail), so many addresses cannot hammer one account. Both apply; the
 *   address limit is the higher one, because an address can be a whole office, and an attempt the
 *   address limit refuses does not count against the account.
 * - refresh: per refresh token (body `refreshToken` and the `gwaje_refresh` cookie, each counted),
 *   and per address on a counter apart from sign-in's.
 * - exports and the dashboard compile: per signed-in user and endpoint, counted after
 *   authentication, so requests without a valid token (401 anyway) use up nobody's allowance.
 *
 * The client address is Fastify's `request.ip`: X-Forwarded-For is read only from the configured
 * trusted proxies (`http.trustedProxies`).
 */

/** Whose requests one counter counts: the key of a request, or undefined when it does not count. */
type KeyOf = (request: FastifyRequest & { user?: AuthUser }) => string | undefined;

interface Limit {
  /** The counter's name; limits with the same name (on several routes) share their counts. */
  counter: string;
  max: (http: HttpConfig) => number;
  key: KeyOf;
}

/** Limits of public routes, checked before the handler; of signed-in ones, after authentication. */
interface RouteLimits {
  when: 'beforeHandler' | 'afterAuthentication';
  limits: Limit[];
}

const WINDOW_MS = 60_000;
const REFRESH_COOKIE = 'gwaje_refresh';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const field = (request: FastifyRequest, name: string): unknown =>
  request.body && typeof request.body === 'object'
    ? (request.body as Record<string, unknown>)[name]
    : undefined;

/** IPv6 clients are counted per /64, which one client can use whole. */
const byAddress: KeyOf = (request) => normalizeIP(request.ip);
/** The e-mail as sign-in compares it (trimmed, lower case); hashed, so counters hold no address. */
const byAccount: KeyOf = (request) => {
  const email = field(request, 'email');
  return typeof email === 'string' ? sha256(email.trim().toLowerCase()) : undefined;
};
const byBodyRefreshToken: KeyOf = (request) => {
  const token = field(request, 'refreshToken');
  return typeof token === 'string' && token ? sha256(token) : undefined;
};
const byCookieRefreshToken: KeyOf = (request) => {
  const token = (request.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${REFRESH_COOKIE}=`))
    ?.slice(REFRESH_COOKIE.length + 1);
  return token ? sha256(token) : undefined;
};
const byUser: KeyOf = (request) => request.user?.id;

const SIGN_IN: RouteLimits = {
  when: 'beforeHandler',
  limits: [
    { counter: 'sign-in address', max: (h) => h.loginAddressRateLimitPerMinute, key: byAddress },
    { counter: 'sign-in account', max: (h) => h.loginRateLimitPerMinute, key: byAccount },
  ],
};
const REFRESH: RouteLimits = {
  when: 'beforeHandler',
  limits: [
    { counter: 'refresh address', max: (h) => h.loginAddressRateLimitPerMinute, key: byAddress },
    { counter: 'refresh token', max: (h) => h.loginRateLimitPerMinute, key: byBodyRefreshToken },
    { counter: 'refresh cookie', max: (h) => h.loginRateLimitPerMinute, key: byCookieRefreshToken },
  ],
};
const perUser = (counter: string): RouteLimits => ({
  when: 'afterAuthentication',
  limits: [{ counter, max: (h) => h.exportRateLimitPerMinute, key: byUser }],
});

/** The limited routes: method and route template as Fastify matched them. */
export const ROUTE_LIMITS: ReadonlyMap<string, RouteLimits> = new Map([
  ['POST /api/v1/auth/login', SIGN_IN],
  ['POST /admin/queues/login', SIGN_IN],
  ['POST /api/v1/auth/refresh', REFRESH],
  ['GET /api/v1/tasks/export', perUser('tasks export')],
  ['GET /api/v1/reports/export', perUser('reports export')],
  ['GET /api/v1/consultations/export', perUser('consultations export')],
  ['GET /api/v1/dashboards/export', perUser('dashboards export')],
  ['POST /api/v1/dashboards/compile', perUser('dashboards compile')],
  ['GET /api/v1/evaluation-rounds/:id/export', perUser('evaluation export')],
  ['GET /api/v1/contests/rounds/:id/export', perUser('contest export')],
  ['GET /api/v1/collaborations/export.xlsx', perUser('collaboration export')],
  ['POST /api/v1/annual-reports', perUser('annual report generate')],
  ['GET /api/v1/annual-reports/:year/export.xlsx', perUser('annual report export')],
  ['GET /api/v1/annual-reports/:year/export.pdf', perUser('annual report export')],
  ['GET /api/v1/action-plans/:id/export', perUser('action plan export')],
  ['GET /api/v1/exemption-reports/export.xlsx', perUser('exemption report export')],
  // Spreadsheet imports parse whole files and hash new users' passwords: one counter for all kinds.
  ['POST /api/v1/imports/departments', perUser('imports')],
  ['POST /api/v1/imports/users', perUser('imports')],
  ['POST /api/v1/imports/tasks', perUser('imports')],
  ['POST /api/v1/imports/milestones', perUser('imports')],
]);

const routeKey = (request: FastifyRequest): string | undefined => {
  const template = request.routeOptions.url;
  if (template === undefined) return undefined;
  // Fastify answers HEAD with the GET handler: the same work, the same counter.
  return `${request.method === 'HEAD' ? 'GET' : request.method} ${template}`;
};

/** Whether an OpenAPI path (`/api/v1/evaluation-rounds/{id}/export`) is rate-limited (any method). */
export function isRateLimitedPath(openApiPath: string): boolean {
  const template = openApiPath.replace(/\{([^}]+)\}/g, ':$1');
  return [...ROUTE_LIMITS.keys()].some((key) => key.slice(key.indexOf(' ') + 1) === template);
}

/** The common error body (README, Errors), as the exception filter would write it. */
export function rateLimitedBody(request: FastifyRequest) {
  return {
    statusCode: 429,
    code: ErrorCode.RATE_LIMITED,
    message: DEFAULT_MESSAGES.RATE_LIMITED[requestLanguage(request)],
    details: [],
    requestId: String(request.id),
  };
}

type Counter = ReturnType<FastifyInstance['createRateLimit']>;

/** The counters and the check of one request against its route's limits. */
class RateLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(fastify: FastifyInstance, http: HttpConfig) {
    for (const { limits } of ROUTE_LIMITS.values()) {
      for (const limit of limits) {
        if (this.counters.has(limit.counter)) continue;
        this.counters.set(
          limit.counter,
          fastify.createRateLimit({
            timeWindow: WINDOW_MS,
            max: limit.max(http),
            keyGenerator: (request) => limit.key(request) ?? '',
            // A request without the key (no e-mail, no token, no user) does not count here.
            allowList: (_request, key) => key === '',
          }),
        );
      }
    }
  }

  /**
   * Counts the request against each limit of its route in turn (a refused request counts no
   * further). Sets the usual X-RateLimit-* headers of the tightest limit, and Retry-After when one
   * is exceeded; returns whether the request may go on.
   */
  async admit(
    request: FastifyRequest,
    reply: FastifyReply,
    when: RouteLimits['when'],
  ): Promise<boolean> {
    const route = routeKey(request);
    const limits = route ? ROUTE_LIMITS.get(route) : undefined;
    if (!limits || limits.when !== when) return true;
    let tightest: { max: number; remaining: number; reset: number } | undefined;
    for (const limit of limits.limits) {
      const result = await this.counters.get(limit.counter)!(request);
      if (result.isAllowed) continue;
      const state = { max: result.max, remaining: result.remaining, reset: result.ttlInSeconds };
      if (result.isExceeded) {
        void reply
          .header('x-ratelimit-limit', state.max)
          .header('x-ratelimit-remaining', 0)
          .header('x-ratelimit-reset', state.reset)
          .header('retry-after', state.reset);
        return false;
      }
      if (!tightest || state.remaining < tightest.remaining) tightest = state;
    }
    if (tightest) {
      void reply
        .header('x-ratelimit-limit', tightest.max)
        .header('x-ratelimit-remaining', tightest.remaining)
        .header('x-ratelimit-reset', tightest.reset);
    }
    return true;
  }
}

/**
 * After the guards (so the user is known): the limits counted per signed-in user. An exceeded
 * limit is the RATE_LIMITED domain error, which the exception filter answers with 429.
 */
class AfterAuthenticationLimits implements NestInterceptor {
  constructor(private readonly limiter: RateLimiter) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const allowed = await this.limiter.admit(
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      'afterAuthentication',
    );
    if (!allowed) throw new DomainError(ErrorCode.RATE_LIMITED);
    return next.handle();
  }
}

/**
 * Installs the limits: public routes in a preHandler hook (the body is parsed by then, the handler
 * has not run), signed-in ones in a global interceptor. Call before the routes are registered.
 */
export async function registerRateLimits(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<void> {
  await app.register(rateLimit, { global: false });
  const fastify = app.getHttpAdapter().getInstance();
  const limiter = new RateLimiter(fastify, config.http);
  fastify.addHook('preHandler', async (request, reply) => {
    if (await limiter.admit(request, reply, 'beforeHandler')) return;
    return reply.code(429).send(rateLimitedBody(request));
  });
  app.useGlobalInterceptors(new AfterAuthenticationLimits(limiter));
}
