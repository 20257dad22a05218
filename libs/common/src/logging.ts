import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger as Pino, type LevelWithSilent } from 'pino';
import { currentRequestContext } from './request-context.js';

/**
 * Keys never written to logs (SECURITY.md: no secrets, passwords or tokens, and no personal data:
 * the values a failed SQL statement was run with hold names, e-mail addresses and password hashes).
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  'parameters',
  '*.parameters',
  '*.*.parameters',
  'detail',
  '*.detail',
  '*.*.detail',
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** argon2 (and bcrypt/scrypt-style) hashes in PHC string format. */
const PASSWORD_HASH = /\$(?:argon2(?:id|i|d)|2[aby]|scrypt)\$[^\s"'\\]+/g;

/**
 * `text` without e-mail addresses and password hashes: the last line of defence for messages that
 * quote a value (a driver's "invalid input syntax … "x@y.kr"", an SMTP refusal naming the recipient).
 */
export function scrubPersonalData(text: string): string {
  return text.replace(PASSWORD_HASH, '[hash]').replace(EMAIL, '[email]');
}

/**
 * `error` with e-mail addresses and password hashes scrubbed from its message and stack, and a
 * failed query's parameters dropped: what may become a BullMQ job's failedReason and stacktrace
 * (stored in Redis and shown on the queue board) or a log line. Changes the error in place.
 */
export function withoutPersonalData<E extends Error>(error: E): E {
  error.message = scrubPersonalData(error.message);
  if (typeof error.stack === 'string') error.stack = scrubPersonalData(error.stack);
  const e = error as E & { parameters?: unknown; driverError?: Record<string, unknown> };
  if (e.parameters !== undefined) e.parameters = undefined;
  if (e.driverError) {
    e.driverError.detail = undefined;
    e.driverError.where = undefined;
  }
  return error;
}

/** Fields of a driver (pg) error that name the failure without quoting any value. */
const SAFE_DB_FIELDS = ['code', 'severity', 'table', 'constraint', 'column', 'schema', 'routine'];

/**
 * An error as it may be logged: its type, message and stack (scrubbed), code, the parameter-free
 * SQL text of a failed query and the driver's value-free fields, and its cause the same way. Never
 * the statement's parameters, the driver's `detail` ("Key (email)=(…) already exists") or `where`.
 */
export function safeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? scrubPersonalData(err) : err;
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: e.constructor?.name ?? 'Error',
    message: scrubPersonalData(e.message ?? ''),
  };
  if (typeof e.stack === 'string') out.stack = scrubPersonalData(e.stack);
  const driver = (e.driverError ?? e) as Record<string, unknown>;
  for (const key of SAFE_DB_FIELDS) {
    const value = driver[key] ?? e[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  // TypeORM's QueryFailedError: the statement with its $n placeholders, never the values.
  if (typeof e.query === 'string') out.query = scrubPersonalData(e.query);
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/**
 * A request as logged: method, the matched route (or the path without its query string, whose
 * values may be search terms, names or addresses) and the peer. Never the query string or headers.
 */
export function safeRequest(req: {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
  ip?: string;
  socket?: { remoteAddress?: string };
}): Record<string, unknown> {
  return {
    method: req.method,
    url: req.routeOptions?.url ?? pathOnly(req.url ?? ''),
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  };
}

/** `url` without its query string. */
export function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Structured JSON logs; every line written during a request carries its request id. Personal data
 * stays out by configuration: the serializers above for errors and requests, `redact` for known
 * keys, and a last scrub of e-mail addresses and password hashes over every line written.
 * `destination`: where lines go (stdout by default; the tests capture them).
 */
export function createLogger(
  level: LevelWithSilent,
  service: 'api' | 'worker' | 'cli',
  destination?: DestinationStream,
): Pino {
  const options = {
    level,
    base: { service },
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      err: safeError,
      error: safeError,
      req: safeRequest,
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
    hooks: { streamWrite: scrubPersonalData },
    mixin: () => {
      const ctx = currentRequestContext();
      return ctx ? { reqId: ctx.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's logger interface on top of pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context (class name) last; objects become fields, strings the message. */
  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const msg = typeof rest[0] === 'string' ? rest[0] : undefined;
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) }, msg);
    } else {
      if (rest.length && typeof rest[0] === 'string' && level === 'error') fields.stack = rest[0];
      this.pino[level](fields, String(message));
    }
  }
}
