import type { LoggerService } from '@nestjs/common';
import { pino, type Logger as Pino, type LevelWithSilent } from 'pino';
import { currentRequestContext } from './request-context.js';

/** Keys never written to logs (SECURITY.md: no secrets, passwords or tokens). */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
];

/** Structured JSON logs; every line written during a request carries its request id. */
export function createLogger(level: LevelWithSilent, service: 'api' | 'worker' | 'cli'): Pino {
  return pino({
    level,
    base: { service },
    redact: { paths: REDACT, censor: '[redacted]' },
    mixin: () => {
      const ctx = currentRequestContext();
      return ctx ? { reqId: ctx.requestId } : {};
    },
  });
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
