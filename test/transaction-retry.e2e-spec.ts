import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions, TRANSACTION_ATTEMPTS, TransactionService, type Tx } from '@gwaje/db';
import { testConfig } from './support/app.js';
import { Factory } from './support/factory.js';
import { until } from './support/settle.js';

// TransactionService.run against the run's real PostgreSQL, as the application's role connects
// (libs/db/src/transaction.service.ts: retries of deadlocks, serialization failures and ledger
// chain races; lock order).

/** A promise and the function that resolves it. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

const withCode = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`simulated ${code}`), { code, ...extra });

describe('TransactionService.run on the real database', () => {
  const factory = new Factory();
  const config = testConfig();
  const dataSource = new DataSource(dataSourceOptions(config));
  const tx = new TransactionService(dataSource);
  let rows: [string, string];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await dataSource.initialize();
    // Two rows of a table the application's role may update: the organisations of this test.
    rows = [(await factory.org()).id, (await factory.org()).id];
  });
  afterAll(async () => {
    await dataSource.destroy();
    await factory.close();
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });

  const lockRow = (t: Tx, id: string) =>
    t.manager.query(`UPDATE organisations SET name = name WHERE id = $1`, [id]);

  it('gives the application connections the configured lock and statement timeouts', async () => {
    const [settings] = await tx.run((t) =>
      t.manager.query<Array<{ lock: string; statement: string }>>(
        `SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement`,
      ),
    );
    const ms = (v: string) =>
      v.endsWith('ms') ? Number(v.slice(0, -2)) : Number(v.slice(0, -1)) * 1000;
    expect(ms(settings.lock)).toBe(config.database.lockTimeoutMs);
    expect(ms(settings.statement)).toBe(config.database.statementTimeoutMs);
  });

  it('runs a deadlock victim again, so both transactions commit', async () => {
    const aHolds = signal();
    const bHolds = signal();
    const attempts = { a: 0, b: 0 };
    const committed: string[] = [];
    const undone: string[] = [];
    // Each locks its first row, waits until the other holds its own, then asks for the other's
    // row: a real deadlock, which Postgres breaks by rolling one of them back (40P01).
    const work = (
      name: 'a' | 'b',
      first: string,
      second: string,
      mine: typeof aHolds,
      theirs: typeof aHolds,
    ) =>
      tx.run(async (t) => {
        const attempt = ++attempts[name];
        t.afterCommit(() => committed.push(`${name}${attempt}`));
        t.afterRollback(() => {
          undone.push(`${name}${attempt}`);
          return Promise.resolve();
        });
        await lockRow(t, first);
        mine.fire();
        await theirs.fired;
        await lockRow(t, second);
        return name;
      });
    const results = await Promise.all([
      work('a', rows[0], rows[1], aHolds, bHolds),
      work('b', rows[1], rows[0], bHolds, aHolds),
    ]);
    expect(results).toEqual(['a', 'b']);
    // One of them ran twice: its first attempt was the deadlock victim.
    expect(attempts.a + attempts.b).toBe(3);
    const victim = attempts.a === 2 ? 'a' : 'b';
    // The victim's first attempt was undone (afterRollback) and never reported as committed; each
    // transaction's afterCommit ran once, for the attempt that committed.
    expect(undone).toEqual([`${victim}1`]);
    expect(committed.sort()).toEqual(victim === 'a' ? ['a2', 'b1'] : ['a1', 'b2']);
  });

  it('does not retry an error that is not a transaction conflict', async () => {
    let attempts = 0;
    const undone: number[] = [];
    const failed = await tx
      .run(async (t) => {
        attempts++;
        t.afterRollback(() => {
          undone.push(attempts);
          return Promise.resolve();
        });
        await lockRow(t, rows[0]);
        // A real unique violation of another constraint (organisations' primary key).
        await t.manager.query(
          `INSERT INTO organisations (id, name, kind) VALUES ($1, 'dup', 'LOCAL')`,
          [rows[0]],
        );
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: '23505' });
    expect(attempts).toBe(1);
    expect(undone).toEqual([1]);

    let plain = 0;
    await expect(
      tx.run(() => {
        plain++;
        return Promise.reject(new Error('boom'));
      }),
    ).rejects.toThrow('boom');
    expect(plain).toBe(1);
  });

  it.each([
    ['a deadlock', withCode('40P01')],
    ['a serialization failure', withCode('40001')],
    [
      "a lost race for a record's first ledger entry",
      withCode('23505', { constraint: 'UQ_history_record_chain' }),
    ],
  ])('gives up on %s after every attempt and lets the error through', async (_name, error) => {
    let attempts = 0;
    const undone: number[] = [];
    const committed: number[] = [];
    const failed = await tx
      .run(async (t) => {
        const attempt = ++attempts;
        t.afterCommit(() => committed.push(attempt));
        t.afterRollback(() => {
          undone.push(attempt);
          return Promise.resolve();
        });
        await lockRow(t, rows[1]);
        throw error;
      })
      .catch((e: unknown) => e);
    expect(failed).toBe(error);
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    expect(undone).toEqual([1, 2, 3, 4, 5].slice(0, TRANSACTION_ATTEMPTS));
    expect(committed).toEqual([]);
  });

  it('succeeds on a later attempt after a retryable error, with only that attempt committed', async () => {
    let attempts = 0;
    const committed: number[] = [];
    const result = await tx.run(async (t) => {
      const attempt = ++attempts;
      t.afterCommit(() => committed.push(attempt));
      await lockRow(t, rows[1]);
      if (attempt < 3) throw withCode('40001');
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(committed).toEqual([3]);
  });

  it('runs a single-statement write again when it loses the race for a record chain position', async () => {
    // Two statements that each append the first entry of the same record, started together: with
    // one snapshot each, both compute record_seq 1; the unique chain index stops the second, and
    // TransactionService.statement runs it again, now as record_seq 2.
    const { historyAppendSql } = await import('@gwaje/audit');
    const recordId = `race-${Date.now()}`;
    // A gate both statements wait at after taking their snapshot (an advisory lock the test holds),
    // opened once both are seen waiting: neither can insert before the other has its snapshot.
    const gate: number[] = [24, Math.floor(Math.random() * 2 ** 31)];
    const holder = await factory.db.connect();
    await holder.query(`SELECT pg_advisory_lock($1, $2)`, gate);
    const append = () => {
      const values: unknown[] = [];
      const sql = historyAppendSql(
        {
          organisationId: rows[0],
          recordType: 'test',
          recordId,
          action: 'update',
          actorId: null,
        },
        (v) => `$${values.push(v)}`,
        // The gate: a shared lock, so a statement run again passes once the gate is open.
        `(SELECT pg_advisory_xact_lock_shared(${gate[0]}, ${gate[1]})) gate`,
      );
      return tx.statement(sql, values);
    };
    const appended = Promise.all([append(), append()]);
    try {
      await until(
        async () =>
          (
            await holder.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks
                WHERE locktype = 'advisory' AND classid = $1::int::oid AND objid = $2::bigint::oid
                  AND objsubid = 2 AND NOT granted`,
              gate,
            )
          ).rows[0].n,
        (n) => n === 2,
        (n) => `${n} statement(s) waiting at the gate`,
      );
    } finally {
      await holder.query(`SELECT pg_advisory_unlock($1, $2)`, gate);
      holder.release();
    }
    await appended;
    const { rows: chain } = await factory.db.query(
      `SELECT record_seq FROM history WHERE organisation_id = $1 AND record_id = $2 ORDER BY record_seq`,
      [rows[0], recordId],
    );
    expect(chain.map((r) => r.record_seq)).toEqual([1, 2]);
  });
});
