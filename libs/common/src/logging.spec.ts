import { createLogger, pathOnly, safeError, safeRequest, scrubPersonalData } from './logging.js';

const HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';

/** An error shaped as TypeORM's QueryFailedError around a pg DatabaseError. */
function queryFailed(): Error {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
    code: '23505',
    severity: 'ERROR',
    table: 'users',
    constraint: 'users_email_key',
    detail: 'Key (email)=(kim@gu.go.kr) already exists.',
    where: 'SQL statement "…"',
  });
  class QueryFailedError extends Error {}
  return Object.assign(new QueryFailedError(driverError.message), {
    query: 'INSERT INTO users (name, email, password_hash) VALUES ($1, $2, $3)',
    parameters: ['김철수', 'kim@gu.go.kr', HASH],
    driverError,
    code: '23505',
    detail: driverError.detail,
  });
}

describe('log redaction', () => {
  it('scrubs e-mail addresses and password hashes out of text', () => {
    expect(scrubPersonalData(`550 5.1.1 <Kim.Cheol-su+x@mail.gu.go.kr>: Recipient refused`)).toBe(
      '550 5.1.1 <[email]>: Recipient refused',
    );
    expect(scrubPersonalData(`hash "${HASH}" end`)).toBe('hash "[hash]" end');
    expect(scrubPersonalData('no personal data, 10:30 @ room 3')).toBe(
      'no personal data, 10:30 @ room 3',
    );
  });

  it('logs a failed query as its statement and value-free fields, never its parameters', () => {
    const out = safeError(queryFailed()) as Record<string, unknown>;
    expect(out).toMatchObject({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint',
      code: '23505',
      table: 'users',
      constraint: 'users_email_key',
      query: 'INSERT INTO users (name, email, password_hash) VALUES ($1, $2, $3)',
    });
    const text = JSON.stringify(out);
    for (const leak of ['kim@gu.go.kr', '김철수', 'argon2', 'parameters', 'detail', 'where'])
      expect(text).not.toContain(leak);
  });

  it('logs a request by method and path, never its query string', () => {
    expect(
      safeRequest({ method: 'GET', url: '/api/v1/tasks?q=kim@gu.go.kr', ip: '10.0.0.1' }),
    ).toEqual({ method: 'GET', url: '/api/v1/tasks', remoteAddress: '10.0.0.1' });
    expect(
      safeRequest({
        method: 'GET',
        url: '/api/v1/tasks/1?x=y',
        routeOptions: { url: '/api/v1/tasks/:id' },
      }),
    ).toMatchObject({ url: '/api/v1/tasks/:id' });
    expect(pathOnly('/a/b')).toBe('/a/b');
  });

  it('applies all of it in the logger itself, whatever key or message carries the data', () => {
    const lines: string[] = [];
    const log = createLogger('info', 'api', { write: (s: string) => lines.push(s) });
    log.error({ err: queryFailed(), requestId: 'r1' }, 'Unhandled error');
    log.warn({ parameters: ['kim@gu.go.kr'], to: 'lee@gu.go.kr' }, 'send to park@gu.go.kr failed');
    log.info({ req: { method: 'POST', url: '/login?email=choi@gu.go.kr' } }, 'request');
    const text = lines.join('');
    expect(lines).toHaveLength(3);
    for (const leak of ['@gu.go.kr', '김철수', 'argon2']) expect(text).not.toContain(leak);
    expect(JSON.parse(lines[0])).toMatchObject({
      requestId: 'r1',
      err: { table: 'users', query: expect.stringContaining('$2') },
    });
    expect(JSON.parse(lines[1])).toMatchObject({
      parameters: '[redacted]',
      to: '[email]',
      msg: 'send to [email] failed',
    });
  });
});
