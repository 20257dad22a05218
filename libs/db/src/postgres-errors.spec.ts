import { createServer } from 'node:net';
import pg from 'pg';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import {
  isDatabaseBusy,
  isDatabaseUnavailable,
  isRetryableTransactionError,
  pgConstraint,
  pgErrorCode,
} from './postgres-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['ECONNREFUSED', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', withCode('ECONNRESET', 'read ECONNRESET')],
    [
      'admin shutdown (57P01)',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['crash shutdown (57P02)', withCode('57P02')],
    ['starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'a broken client',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      "TypeORM's wrapper",
      new QueryFailedError('SELECT 1', [], withCode('57P01', 'terminating connection')),
    ],
    ['an AggregateError of connects', new AggregateError([withCode('ECONNREFUSED')], 'connect')],
    [
      "a transaction's connection TypeORM released when it broke",
      new QueryRunnerProviderAlreadyReleasedError(),
    ],
    ['a statement on a query runner released that way', new QueryRunnerAlreadyReleasedError()],
  ])('is true for %s', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value')],
    ['a syntax error', withCode('42601', 'syntax error at or near')],
    ['a serialization failure', withCode('40001')],
    [
      "TypeORM's wrapper of a failed statement",
      new QueryFailedError('SELECT', [], withCode('22P02', 'invalid input syntax for type uuid')),
    ],
    ['a plain error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('is false for %s', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it('recognises what node-postgres throws when nothing listens on the port', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as { port: number };
        s.close(() => resolve(p));
      });
    });
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/x` });
    const err = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(err)).toBe(true);
  });
});

describe('pgErrorCode', () => {
  it("reads the SQLSTATE from the error or TypeORM's driverError", () => {
    expect(pgErrorCode(withCode('23505'))).toBe('23505');
    expect(pgErrorCode(new QueryFailedError('q', [], withCode('23503')))).toBe('23503');
    expect(pgErrorCode(new Error('x'))).toBeUndefined();
  });
});

const chainRace = () =>
  new QueryFailedError(
    'INSERT INTO history',
    [],
    Object.assign(withCode('23505', 'duplicate key value'), {
      constraint: 'UQ_history_record_chain',
    }),
  );

describe('pgConstraint', () => {
  it("reads the constraint from the error or TypeORM's driverError", () => {
    expect(pgConstraint(chainRace())).toBe('UQ_history_record_chain');
    expect(pgConstraint(Object.assign(withCode('23505'), { constraint: 'UQ_x' }))).toBe('UQ_x');
    expect(pgConstraint(withCode('23505'))).toBeUndefined();
    expect(pgConstraint(undefined)).toBeUndefined();
  });
});

describe('isRetryableTransactionError', () => {
  it.each([
    [
      'a deadlock (40P01)',
      new QueryFailedError('UPDATE', [], withCode('40P01', 'deadlock detected')),
    ],
    ['a serialization failure (40001)', withCode('40001')],
    ["a lost race for a record's first ledger entry", chainRace()],
  ])('is true for %s', (_name, err) => {
    expect(isRetryableTransactionError(err)).toBe(true);
  });

  it.each([
    ['another unique violation', Object.assign(withCode('23505'), { constraint: 'UQ_tasks_code' })],
    ['a unique violation without constraint', withCode('23505')],
    ['a lock timeout (55P03)', withCode('55P03')],
    ['a statement timeout (57014)', withCode('57014')],
    ['a lost connection', withCode('57P01')],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
  ])('is false for %s', (_name, err) => {
    expect(isRetryableTransactionError(err)).toBe(false);
  });
});

describe('isDatabaseBusy', () => {
  it.each([
    ['a lock timeout (55P03)', new QueryFailedError('UPDATE', [], withCode('55P03'))],
    [
      'a statement timeout (57014)',
      withCode('57014', 'canceling statement due to statement timeout'),
    ],
    ['a deadlock (40P01)', withCode('40P01')],
    ['a serialization failure (40001)', withCode('40001')],
    ["a lost race for a record's first ledger entry", chainRace()],
  ])('is true for %s', (_name, err) => {
    expect(isDatabaseBusy(err)).toBe(true);
  });

  it.each([
    ['another unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['the server down', withCode('ECONNREFUSED')],
    ['a plain error', new Error('boom')],
  ])('is false for %s', (_name, err) => {
    expect(isDatabaseBusy(err)).toBe(false);
  });
});
