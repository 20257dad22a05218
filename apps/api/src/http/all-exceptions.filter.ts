import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DEFAULT_MESSAGES,
  DomainError,
  ErrorCode,
  type ErrorDetail,
  type Language,
  type LocalText,
} from '@gwaje/common';
import { isDatabaseBusy, isDatabaseUnavailable } from '@gwaje/db';
import { codeOfStatus, httpStatusOf } from './error-status.js';
import { requestLanguage } from './language.js';

interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details: Array<{ field: string; code: string; message: string }>;
  requestId: string;
  [extra: string]: unknown;
}

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const DATABASE_UNAVAILABLE = {
  ko: '데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도하세요.',
  en: 'The database cannot be reached right now; try again in a moment.',
};

/** Seconds a client is asked to wait when the database was too contended to finish the request. */
export const DATABASE_BUSY_RETRY_AFTER_SECONDS = 2;

const DATABASE_BUSY = {
  ko: '동시에 처리 중인 다른 변경이 많아 요청을 완료하지 못했습니다. 잠시 후 다시 시도하세요.',
  en: 'The request could not finish because of concurrent changes to the same records; try again in a moment.',
};

/**
 * Fastify's own error code (FST_ERR_…) on an error it raised, or ''. Nest hands Fastify's 4xx errors
 * on as an HttpException with the original as its cause.
 */
const frameworkCode = (exception: unknown): string => {
  for (const e of [exception, (exception as { cause?: unknown } | null)?.cause]) {
    const code = (e as { code?: unknown } | null | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('FST_')) return code;
  }
  return '';
};

/** Bodies Fastify refuses before any route runs: what is wrong, as a detail on `body`. */
const BODY_PROBLEMS: Record<string, { code: string; message: LocalText }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'invalidJson',
    message: {
      ko: '요청 본문이 올바른 JSON이 아닙니다.',
      en: 'The request body is not valid JSON.',
    },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'required',
    message: {
      ko: '요청 본문이 비어 있습니다. JSON 본문을 보내세요.',
      en: 'The request body is empty; send a JSON body.',
    },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'contentLength',
    message: {
      ko: '요청 본문의 길이가 Content-Length와 다릅니다.',
      en: 'The request body does not match its Content-Length.',
    },
  },
};

/**
 * Every error leaves the API as `{statusCode, code, message, details[]}` (plus the request id and,
 * for some codes, extra data such as the current version on a conflict). Unknown errors are logged
 * with the request id and answered as a generic 500: no stack, SQL or path ever reaches a client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest & { user?: { language?: Language } }>();
    const reply = ctx.getResponse<FastifyReply>();
    const lang = requestLanguage(request);
    // The database down or restarting: a 503 the client may retry (its transaction rolled back
    // with the connection), not an unexplained 500. The pool reconnects by itself once it is back.
    const unavailable = !(exception instanceof DomainError) && isDatabaseUnavailable(exception);
    // Reachable but contended: a lock wait over lock_timeout, a statement over statement_timeout,
    // or a deadlock/serialization failure still failing after TransactionService's retries. Also
    // a 503 the client may retry, never a 500; the body names no SQL, table or lock.
    const busy = !unavailable && !(exception instanceof DomainError) && isDatabaseBusy(exception);
    const body = unavailable
      ? this.databaseUnavailable(lang, String(request.id))
      : busy
        ? this.databaseBusy(lang, String(request.id))
        : this.toBody(exception, lang, String(request.id));
    if (unavailable) {
      this.logger.warn(
        { requestId: request.id, error: (exception as Error).message },
        'Database unavailable',
      );
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (busy) {
      this.logger.warn(
        { requestId: request.id, code: (exception as { code?: unknown }).code },
        'Database busy (lock timeout, statement timeout or repeated deadlock)',
      );
      void reply.header('retry-after', String(DATABASE_BUSY_RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500 && body.code === ErrorCode.INTERNAL) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    }
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  private databaseUnavailable(lang: Language, requestId: string): ErrorBody {
    return {
      statusCode: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: DATABASE_UNAVAILABLE[lang],
      details: [
        {
          field: 'postgres',
          code: 'down',
          message: lang === 'en' ? 'is down' : '응답 없음',
        },
      ],
      requestId,
    };
  }

  private databaseBusy(lang: Language, requestId: string): ErrorBody {
    return {
      statusCode: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: DATABASE_BUSY[lang],
      details: [
        {
          field: 'postgres',
          code: 'busy',
          message: lang === 'en' ? 'is busy' : '처리 지연',
        },
      ],
      requestId,
    };
  }

  private toBody(exception: unknown, lang: Language, requestId: string): ErrorBody {
    const detail = (d: ErrorDetail) => ({
      field: d.field,
      code: d.code,
      message: d.message[lang],
    });
    if (exception instanceof DomainError) {
      return {
        statusCode: httpStatusOf(exception.code),
        code: exception.code,
        message: exception.text[lang],
        details: exception.details.map(detail),
        requestId,
        ...exception.extra,
      };
    }
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : typeof (exception as { statusCode?: unknown })?.statusCode === 'number'
          ? (exception as { statusCode: number }).statusCode
          : 500;
    const code = codeOfStatus(status);
    // Framework 4xx errors (malformed JSON, unknown route, body too large) keep the code's message;
    // a body Fastify could not read names the body as the field at fault.
    const fastifyCode = frameworkCode(exception);
    const bodyProblem =
      status === 400 && Object.hasOwn(BODY_PROBLEMS, fastifyCode)
        ? BODY_PROBLEMS[fastifyCode]
        : undefined;
    return {
      statusCode: status >= 400 && status < 600 ? status : 500,
      code,
      message: (bodyProblem?.message ?? DEFAULT_MESSAGES[code])[lang],
      details: bodyProblem ? [detail({ field: 'body', ...bodyProblem })] : [],
      requestId,
    };
  }
}
