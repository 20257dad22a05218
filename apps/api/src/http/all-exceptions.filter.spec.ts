import { type ArgumentsHost, HttpException, Logger } from '@nestjs/common';
import { DEFAULT_MESSAGES, DomainError, ErrorCode } from '@gwaje/common';
import { QueryFailedError } from 'typeorm';
import {
  AllExceptionsFilter,
  DATABASE_BUSY_RETRY_AFTER_SECONDS,
  DATABASE_RETRY_AFTER_SECONDS,
} from './all-exceptions.filter.js';

/** Runs the filter on `exception` and returns what it answered. */
function answer(exception: unknown, language = 'en') {
  const sent: { status?: number; headers: Record<string, string>; body?: any } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const request = { id: 'req-12345678', headers: { 'accept-language': language } };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

const withCode = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('AllExceptionsFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  it.each([
    ['the server refusing connections', withCode('ECONNREFUSED', 'connect ECONNREFUSED')],
    [
      'the server shutting down under a statement',
      new QueryFailedError(
        'UPDATE tasks …',
        [],
        withCode('57P01', 'terminating connection due to administrator command'),
      ),
    ],
    ['a connection lost mid-request', new Error('Connection terminated unexpectedly')],
  ])('answers 503 with a clear body and Retry-After for %s', (_name, exception) => {
    const sent = answer(exception);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(sent.body).toEqual({
      statusCode: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'The database cannot be reached right now; try again in a moment.',
      details: [{ field: 'postgres', code: 'down', message: 'is down' }],
      requestId: 'req-12345678',
    });
    // Nothing of the driver's error (SQL, addresses) reaches the client.
    expect(JSON.stringify(sent.body)).not.toMatch(/UPDATE|ECONNREFUSED|terminat/);
  });

  it('answers in Korean by default', () => {
    const sent = answer(withCode('57P03', 'the database system is starting up'), 'ko');
    expect(sent.status).toBe(503);
    expect(sent.body.message).toBe('데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도하세요.');
  });

  it.each([
    [
      'a lock wait over lock_timeout (55P03)',
      new QueryFailedError(
        'UPDATE tasks SET status = $2 WHERE id = $1',
        [],
        withCode('55P03', 'canceling statement due to lock timeout'),
      ),
    ],
    [
      'a statement over statement_timeout (57014)',
      new QueryFailedError(
        'SELECT * FROM reports',
        [],
        withCode('57014', 'canceling statement due to statement timeout'),
      ),
    ],
    [
      'a deadlock still failing after the retries (40P01)',
      new QueryFailedError(
        'UPDATE reports SET state = $2',
        [],
        withCode('40P01', 'deadlock detected'),
      ),
    ],
    [
      'a serialization failure still failing after the retries (40001)',
      withCode('40001', 'could not serialize access due to concurrent update'),
    ],
    [
      "a lost race for a record's first ledger entry, after the retries",
      new QueryFailedError(
        'INSERT INTO history',
        [],
        Object.assign(withCode('23505', 'duplicate key value violates unique constraint'), {
          constraint: 'UQ_history_record_chain',
        }),
      ),
    ],
  ])('answers 503 with Retry-After, never 500, for %s', (_name, exception) => {
    const sent = answer(exception);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe(String(DATABASE_BUSY_RETRY_AFTER_SECONDS));
    expect(sent.body).toEqual({
      statusCode: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message:
        'The request could not finish because of concurrent changes to the same records; try again in a moment.',
      details: [{ field: 'postgres', code: 'busy', message: 'is busy' }],
      requestId: 'req-12345678',
    });
    expect(JSON.stringify(sent.body)).not.toMatch(
      /UPDATE|SELECT|INSERT|deadlock|timeout|serialize|duplicate|history/i,
    );
    expect(answer(exception, 'ko').body.message).toBe(
      '동시에 처리 중인 다른 변경이 많아 요청을 완료하지 못했습니다. 잠시 후 다시 시도하세요.',
    );
  });

  it('keeps other unique violations a generic 500', () => {
    const sent = answer(
      new QueryFailedError(
        'INSERT',
        [],
        Object.assign(withCode('23505', 'duplicate key'), { constraint: 'UQ_other' }),
      ),
    );
    expect(sent.status).toBe(500);
    expect(sent.headers['retry-after']).toBeUndefined();
  });

  it('keeps a failed statement a generic 500, and domain errors their own status', () => {
    const failed = answer(
      new QueryFailedError('SELECT', [], withCode('22P02', 'invalid input syntax')),
    );
    expect(failed.status).toBe(500);
    expect(failed.body.code).toBe(ErrorCode.INTERNAL);
    expect(failed.headers['retry-after']).toBeUndefined();
    expect(answer(DomainError.conflict(3)).status).toBe(409);
  });

  it('answers a domain error with {field, code, message} details in the language asked, and its context', () => {
    const refusal = DomainError.illegalTransition({
      resource: 'report',
      currentStatus: 'SUBMITTED',
      allowedActions: [],
    });
    expect(answer(refusal).body).toEqual({
      statusCode: 409,
      code: 'ILLEGAL_TRANSITION',
      message: DEFAULT_MESSAGES.ILLEGAL_TRANSITION.en,
      details: [],
      requestId: 'req-12345678',
      resource: 'report',
      currentStatus: 'SUBMITTED',
      allowedActions: [],
    });
    const invalid = DomainError.invalidField('reason', 'required', {
      ko: '사유를 입력하세요.',
      en: 'a reason is required',
    });
    expect(answer(invalid, 'ko').body).toMatchObject({
      statusCode: 400,
      message: '사유를 입력하세요.',
      details: [{ field: 'reason', code: 'required', message: '사유를 입력하세요.' }],
    });
  });

  it('names the body when Fastify could not read it as JSON, in the same shape', () => {
    const malformed = Object.assign(
      new Error("Body is not valid JSON but content-type is set to 'application/json'"),
      {
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
        statusCode: 400,
      },
    );
    const sent = answer(malformed, 'ko');
    expect(sent.status).toBe(400);
    expect(sent.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '요청 본문이 올바른 JSON이 아닙니다.',
      details: [
        { field: 'body', code: 'invalidJson', message: '요청 본문이 올바른 JSON이 아닙니다.' },
      ],
      requestId: 'req-12345678',
    });
    // As Nest hands it on: an HttpException with Fastify's error as its cause.
    const empty = new HttpException('empty', 400, {
      cause: Object.assign(new Error('empty'), {
        code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
        statusCode: 400,
      }),
    });
    expect(answer(empty).body.details).toEqual([
      { field: 'body', code: 'required', message: 'The request body is empty; send a JSON body.' },
    ]);
  });

  it('answers an unsupported Content-Type as 415 UNSUPPORTED_MEDIA_TYPE', () => {
    const sent = answer(
      Object.assign(new Error('Unsupported Media Type'), {
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        statusCode: 415,
      }),
    );
    expect(sent.status).toBe(415);
    expect(sent.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: [] });
  });
});
