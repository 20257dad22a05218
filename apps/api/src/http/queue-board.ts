import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@gwaje/config';
import { AccessPolicy, AuthService, type AuthUser } from '@gwaje/identity';
import { bullConnectionOptions, QueueName } from '@gwaje/queues';

export const QUEUE_BOARD_PATH = '/admin/queues';
const COOKIE = 'gwaje_queue_board';

const cookieOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers.cookie ?? '';
  return header
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === COOKIE)?.[1];
};

const LOGIN_PAGE = (message = '') => `<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>Gwaje 작업 대기열 · Queues</title></head>
<body style="font-family:'Pretendard GOV','Malgun Gothic',sans-serif;max-width:420px;margin:48px auto">
<h1>작업 대기열 (Queues)</h1><p>모든 기관을 관리하는 시스템 관리자만 볼 수 있습니다. System administrator only.</p>
${message ? `<p role="alert" style="color:#d50136">${message}</p>` : ''}
<form method="post" action="${QUEUE_BOARD_PATH}/login">
<p><label for="email">이메일 (Email)</label><br><input id="email" name="email" type="email" autocomplete="username" required></p>
<p><label for="password">비밀번호 (Password)</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">로그인 (Log in)</button></p></form></body></html>`;

/**
 * The operators' queue dashboard (Bull Board) at /admin/queues. It pauses and empties the queues of
 * every organisation, so only the system administrator may use it (a stored mark of an ADMIN,
 * AccessPolicy.isSystemAdministrator); anyone else signed in gets
 * a 403. Signed in by a bearer token or the short-lived cookie its own login form sets (the access
 * token, HttpOnly, this path only). Off in production unless `http.queueBoard` turns it on.
 * Loaded on demand: its UI plugin pulls in @fastify/static, which the Jest tests cannot load.
 */
export async function registerQueueBoard(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<() => Promise<void>> {
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter: BoardAdapter }] =
    await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/fastify'),
    ]);
  const auth = app.get(AuthService);
  const policy = app.get(AccessPolicy);
  /** Asked on every request (the session is read afresh): a grant or revocation counts at once. */
  const maySee = (user: AuthUser) => policy.isSystemAdministrator(user);
  const queues = Object.values(QueueName).map(
    (name) =>
      new Queue(name, { connection: bullConnectionOptions(config), prefix: config.redis.prefix }),
  );
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: board });

  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(
    async (scope) => {
      // The login form posts URL-encoded fields; parsed here only.
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 4096 },
        (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
      scope.get('/login', (_req, reply: FastifyReply) =>
        reply.type('text/html; charset=utf-8').send(LOGIN_PAGE()),
      );
      // Rate-limited like the API's login, on the same counters (per account and per address):
      // ROUTE_LIMITS in rate-limits.ts names this route.
      scope.post('/login', async (request, reply: FastifyReply) => {
        const body = (request.body ?? {}) as { email?: string; password?: string };
        try {
          const tokens = await auth.login(String(body.email ?? ''), String(body.password ?? ''));
          const user = await auth.authenticate(tokens.accessToken);
          if (!maySee(user)) throw new Error('not the system administrator');
          const maxAge = Math.max(
            60,
            Math.floor((tokens.accessTokenExpiresAt.getTime() - Date.now()) / 1000),
          );
          return await reply
            .header(
              'set-cookie',
              `${COOKIE}=${tokens.accessToken}; Path=${QUEUE_BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`,
            )
            .redirect(`${QUEUE_BOARD_PATH}/`, 303);
        } catch {
          return reply
            .code(401)
            .type('text/html; charset=utf-8')
            .send(LOGIN_PAGE('로그인할 수 없습니다. 관리자 계정인지 확인하세요. (Login failed.)'));
        }
      });
      scope.addHook('onRequest', async (request, reply) => {
        if (request.url.startsWith(`${QUEUE_BOARD_PATH}/login`)) return;
        const header = request.headers.authorization;
        const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? cookieOf(request);
        const user = token ? await auth.authenticate(token).catch(() => null) : null;
        if (!user) return reply.redirect(`${QUEUE_BOARD_PATH}/login`, 303);
        if (!maySee(user)) {
          return reply
            .code(403)
            .type('text/plain; charset=utf-8')
            .send('System administrator only / 시스템 관리자 전용');
        }
      });
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
  return async () => {
    await Promise.all(queues.map((q) => q.close()));
  };
}
