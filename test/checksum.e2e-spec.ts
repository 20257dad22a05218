import { testConfig } from './support/app.js';
import { businessChecksum, changedTables, watchBusinessWrites } from './support/checksum.js';
import { Factory } from './support/factory.js';

type Changes = (
  what: () => Promise<unknown>,
  ignore?: Record<string, string[]>,
) => Promise<string[]>;

// The two ways the security suites prove a refused request changed nothing (a fingerprint of every
// table; the rows written, recorded by triggers): each must see every insert, update and delete,
// and only those.
describe.each([
  [
    'businessChecksum',
    (): Promise<[Changes, () => Promise<void>]> => {
      const factory = new Factory();
      const changes: Changes = async (what, ignore) => {
        const before = await businessChecksum(factory.db, ignore);
        await what();
        return changedTables(before, await businessChecksum(factory.db, ignore));
      };
      return Promise.resolve([changes, () => factory.close()]);
    },
  ],
  [
    'watchBusinessWrites',
    async (): Promise<[Changes, () => Promise<void>]> => {
      const writes = await watchBusinessWrites(testConfig().database.adminUrl);
      const changes: Changes = async (what, ignore) => {
        await writes.writesSince();
        await what();
        return writes.writesSince(ignore);
      };
      return [changes, () => writes.stop()];
    },
  ],
])('%s', (_name, watch) => {
  const factory = new Factory();
  let changes: Changes;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    [changes, stop] = await watch();
  });
  afterAll(async () => {
    await stop();
    await factory.close();
  });

  it('sees an insert, an update and a delete, and not a row lock or a read', async () => {
    const org = await factory.org();
    const dept = await factory.dept(org.id);
    expect(await changes(() => factory.user(dept, ['STAFF']))).toEqual(['users']);
    const user = await factory.user(dept, ['STAFF']);
    expect(
      await changes(() =>
        factory.db.query(`UPDATE users SET grade = '7급' WHERE id = $1`, [user.id]),
      ),
    ).toEqual(['users']);
    // The same value written again is a new row version: a write, so a change.
    expect(
      await changes(() =>
        factory.db.query(`UPDATE users SET grade = grade WHERE id = $1`, [user.id]),
      ),
    ).toEqual(['users']);
    expect(
      await changes(async () => {
        const client = await factory.db.connect();
        try {
          await client.query('BEGIN');
          await client.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [user.id]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }),
    ).toEqual([]);
    expect(
      await changes(() =>
        factory.db.query(`DELETE FROM departments WHERE id = $1 AND false`, [dept.id]),
      ),
    ).toEqual([]);
    const spare = await factory.dept(org.id);
    expect(
      await changes(() => factory.db.query(`DELETE FROM departments WHERE id = $1`, [spare.id])),
    ).toEqual(['departments']);
    // Ignored columns: changing only those is no change; any other column still is.
    const ignore = { users: ['failed_login_count', 'locked_until'] };
    expect(
      await changes(
        () => factory.db.query(`UPDATE users SET failed_login_count = 3 WHERE id = $1`, [user.id]),
        ignore,
      ),
    ).toEqual([]);
    expect(
      await changes(
        () => factory.db.query(`UPDATE users SET name = '바뀐 이름' WHERE id = $1`, [user.id]),
        ignore,
      ),
    ).toEqual(['users']);
  });
});
