import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  createLogger,
  ErrorCode,
  type ErrorDetail,
  PinoNestLogger,
  validationSummary,
} from '@gwaje/common';
import type { AppConfig } from '@gwaje/config';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { requestLanguage } from './http/language.js';
import { openApiDocument as buildOpenApiDocument } from './http/openapi-document.js';
import { registerQueueBoard } from './http/queue-board.js';
import { isRateLimitedPath, registerRateLimits } from './http/rate-limits.js';
import { registerWebApp } from './http/web-app.js';
import { createValidationPipe } from './http/validation.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** No request body of ours nests deeper than a few levels; 32 leaves room and stops abuse. */
const MAX_BODY_DEPTH = 32;

/** How deep a parsed JSON value nests, counted without recursion. */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The dotted path of the first string holding a NUL character, or null (iterative). */
export function nulField(value: unknown, root: string): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path || 'body';
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        if (k.includes('\u0000')) return path ? `${path}.${k}` : k;
        stack.push([child, path ? `${path}.${k}` : k]);
      }
    }
  }
  return null;
}

/**
 * One log line per request, when it completes, instead of Fastify's two (a line per request was a
 * measurable share of the API's CPU under load): method, route (not the URL, so ids and query
 * strings stay out of the log), status and time. Errors keep Fastify's own line with the error
 * (its request and error pass the logger's serializers: no query string, no SQL parameters).
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  /** Fastify's line names the raw URL, query string included; the path is enough. */
  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ method: request.method, url: request.url.split('?')[0] }, 'route not found');
  }

  override requestCompleted(
    error: Error | null,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) return super.requestCompleted(error, request, reply);
    reply.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  }
}

/**
 * Builds the API exactly as production runs it; the e2e tests call this too (`logDestination`:
 * where its log lines go instead of stdout, for tests that read them).
 */
export async function createApiApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(config.log.level, 'api', options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new OneLinePerRequest(),
    bodyLimit: config.http.bodyLimitBytes,
    // The client address (request.ip: rate limits, the access log) comes from X-Forwarded-For only
    // when the peer is one of the configured proxies.
    trustProxy: config.http.trustedProxies.length ? config.http.trustedProxies : false,
    // One request id per request: the caller's if it looks safe, else a new one. Fastify's request
    // logs, the request context and the response header all use it.
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });

  await app.register(helmet, {
    // No inline script anywhere: the web app's index.html loads only bundled files, and the Swagger
    // UI (@nestjs/swagger) loads its initialiser from swagger-ui-init.js. Inline styles stay allowed
    // (the Swagger UI and React's style attributes use them); everything else keeps helmet's defaults.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Agency intranets often serve plain HTTP; forcing https would break every asset there.
        upgradeInsecureRequests: null,
      },
    },
  });
  await registerRateLimits(app, config);
  // Uploads: one file per request, cut at the configured ceiling; the organisation's own (lower)
  // limit is applied while the bytes are read (AttachmentsService).
  await app.register(multipart, {
    limits: {
      fileSize: config.attachments.maxFileMb * 1024 * 1024,
      files: 1,
      fields: 0,
      parts: 1,
    },
  });
  // Refused before validation, with the usual 400 body: bodies nested thousands deep (the
  // transformer recurses and would overflow the stack) and NUL characters anywhere in the body or
  // query (Postgres cannot store them in text).
  fastify.addHook('preValidation', async (request, reply) => {
    const nul = nulField(request.query, '') ?? nulField(request.body, '');
    const problem: ErrorDetail | null =
      nestingDepth(request.body) > MAX_BODY_DEPTH
        ? {
            field: 'body',
            code: 'maxDepth',
            message: {
              ko: `요청 본문은 ${MAX_BODY_DEPTH}단계보다 깊게 중첩될 수 없습니다.`,
              en: `The body must not be nested more than ${MAX_BODY_DEPTH} levels deep.`,
            },
          }
        : nul
          ? {
              field: nul,
              code: 'noNul',
              message: {
                ko: `${nul}에는 NUL 문자(\\u0000)를 넣을 수 없습니다.`,
                en: `${nul} must not contain NUL characters (\\u0000).`,
              },
            }
          : null;
    if (!problem) return;
    const language = requestLanguage(request);
    await reply.code(400).send({
      statusCode: 400,
      code: ErrorCode.VALIDATION_FAILED,
      message: validationSummary([problem])[language],
      details: [{ field: problem.field, code: problem.code, message: problem.message[language] }],
      requestId: String(request.id),
    });
  });
  app.enableCors({ origin: config.http.corsOrigins.length ? config.http.corsOrigins : false });
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  // Built on the first request for it, not at start: building it takes about a second of CPU.
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    swaggerUiEnabled: config.http.docsUi,
  });
  if (config.http.queueBoard) {
    const closeBoard = await registerQueueBoard(app, config);
    app.getHttpAdapter().getInstance().addHook('onClose', closeBoard);
  }
  if (config.http.webApp) await registerWebApp(app, config);
  return app;
}

/** The OpenAPI document of every route (served at /api/docs-json; the web app's types come from it). */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  return buildOpenApiDocument(app, {
    rateLimited: isRateLimitedPath,
  });
}
