import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HistoryVerifierService } from '@gwaje/audit';
import { ALL_MIGRATIONS, dataSourceOptions, runMigrations } from '@gwaje/db';
import { createSeedContext } from '../apps/api/src/cli/seed-context.js';
import { databaseEnv, testConfig } from './support/app.js';
import { PrivateDatabase } from './support/private-database.js';

/**
 * An installation from before the organisation tree (migration OrganisationTree) is upgraded: the
 * ADMINs who were the system administrator by the old definition (of the only top-level
 * organisation) are marked so; each department's head_user_id becomes the DEPT_HEAD role of that
 * user, one head per department; the column goes; every change is a verifiable history entry.
 */
describe('upgrade to the organisation tree (system administrator, head as one fact)', () => {
  async function migratedBefore(db: PrivateDatabase): Promise<void> {
    await db.create();
    const before = ALL_MIGRATIONS.findIndex((m) => m.name === 'OrganisationTree1796200000000');
    expect(before).toBeGreaterThan(0);
    const old = new DataSource({
      ...dataSourceOptions(testConfig(databaseEnv(db.url)), db.url, { admin: true }),
      migrations: ALL_MIGRATIONS.slice(0, before),
    });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    await old.destroy();
    await db.connect();
  }

  /** Rows as the old code wrote them, straight as the owner. */
  function writer(db: PrivateDatabase) {
    return {
      org: async (name: string, parentId: string | null = null) => {
        const id = randomUUID();
        await db.owner.query(
          `INSERT INTO organisations (id, name, kind, parent_id) VALUES ($1, $2, 'LOCAL', $3)`,
          [id, name, parentId],
        );
        return id;
      },
      dept: async (organisationId: string, name: string) => {
        const id = randomUUID();
        await db.owner.query(
          `INSERT INTO departments (id, organisation_id, name, kind) VALUES ($1, $2, $3, 'DIVISION')`,
          [id, organisationId, name],
        );
        return id;
      },
      user: async (
        organisationId: string,
        departmentId: string,
        roles: string[],
        opts: { active?: boolean; age?: number } = {},
      ) => {
        const id = randomUUID();
        await db.owner.query(
          `INSERT INTO users (id, organisation_id, department_id, email, name, password_hash, roles, active, created_at)
           VALUES ($1, $2, $3, $4, '홍길동', 'x', $5::user_role[], $6, now() - make_interval(days => $7))`,
          [
            id,
            organisationId,
            departmentId,
            `${id}@upgrade.gwaje.kr`,
            roles,
            opts.active ?? true,
            opts.age ?? 0,
          ],
        );
        return id;
      },
      head: (departmentId: string, userId: string) =>
        db.owner.query(`UPDATE departments SET head_user_id = $2 WHERE id = $1`, [
          departmentId,
          userId,
        ]),
    };
  }

  const rolesOf = async (db: PrivateDatabase, id: string) =>
    (
      await db.owner.query(
        `SELECT roles::text[] AS roles, system_administrator, version FROM users WHERE id = $1`,
        [id],
      )
    ).rows[0] as { roles: string[]; system_administrator: boolean; version: number };

  it('marks the ADMIN of the only top-level organisation, moves each head to the role (one per department) and records it all', async () => {
    const db = new PrivateDatabase('treeup');
    try {
      await migratedBefore(db);
      const w = writer(db);
      const seoul = await w.org('서울특별시');
      const nowon = await w.org('노원구', seoul);
      const itDept = await w.dept(seoul, '정보기획관');
      const welfare = await w.dept(nowon, '복지정책과');
      const cleaning = await w.dept(nowon, '청소행정과');
      const parks = await w.dept(nowon, '공원녹지과');
      const housing = await w.dept(nowon, '주택관리과');
      const rootAdmin = await w.user(seoul, itDept, ['ADMIN']);
      const lowerAdmin = await w.user(nowon, welfare, ['ADMIN']);
      // 복지정책과: head_user_id names a STAFF member; another user also held DEPT_HEAD.
      const named = await w.user(nowon, welfare, ['STAFF']);
      const alsoHead = await w.user(nowon, welfare, ['DEPT_HEAD', 'COMMITTEE'], { age: 10 });
      await w.head(welfare, named);
      // 청소행정과: no head_user_id, two DEPT_HEADs: the older account stays head.
      const older = await w.user(nowon, cleaning, ['DEPT_HEAD'], { age: 30 });
      const newer = await w.user(nowon, cleaning, ['STAFF', 'DEPT_HEAD'], { age: 1 });
      // 공원녹지과: head_user_id names a deactivated user; 주택관리과: one who moved away.
      const retired = await w.user(nowon, parks, ['STAFF'], { active: false });
      await w.head(parks, retired);
      const movedAway = await w.user(nowon, cleaning, ['STAFF']);
      await w.head(housing, movedAway);

      const config = testConfig(databaseEnv(db.url));
      await runMigrations(config, db.url);

      expect(await rolesOf(db, rootAdmin)).toMatchObject({
        system_administrator: true,
        version: 2,
      });
      expect(await rolesOf(db, lowerAdmin)).toMatchObject({
        system_administrator: false,
        version: 1,
      });
      expect(await rolesOf(db, named)).toMatchObject({ roles: ['STAFF', 'DEPT_HEAD'], version: 2 });
      expect(await rolesOf(db, alsoHead)).toMatchObject({
        roles: ['STAFF', 'COMMITTEE'],
        version: 2,
      });
      expect(await rolesOf(db, older)).toMatchObject({ roles: ['DEPT_HEAD'], version: 1 });
      expect(await rolesOf(db, newer)).toMatchObject({ roles: ['STAFF'], version: 2 });
      expect(await rolesOf(db, retired)).toMatchObject({ roles: ['STAFF'], version: 1 });
      expect(await rolesOf(db, movedAway)).toMatchObject({ roles: ['STAFF'], version: 1 });
      const column = await db.owner.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'departments' AND column_name = 'head_user_id'`,
      );
      expect(column.rowCount).toBe(0);
      // A mark on a user without ADMIN is refused by the database itself.
      await expect(
        db.owner.query(`UPDATE users SET system_administrator = true WHERE id = $1`, [named]),
      ).rejects.toThrow(/CHK_users_system_administrator_is_admin/);

      const history = await db.owner.query(
        `SELECT record_id, action, actor_id, changes FROM history WHERE record_type = 'user' ORDER BY id`,
      );
      expect(history.rows).toEqual([
        {
          record_id: rootAdmin,
          action: 'grant_system_administrator',
          actor_id: null,
          changes: { systemAdministrator: { from: false, to: true } },
        },
        {
          record_id: named,
          action: 'update_roles',
          actor_id: null,
          changes: { roles: { from: ['STAFF'], to: ['STAFF', 'DEPT_HEAD'] } },
        },
        {
          record_id: alsoHead,
          action: 'update_roles',
          actor_id: null,
          changes: { roles: { from: ['DEPT_HEAD', 'COMMITTEE'], to: ['STAFF', 'COMMITTEE'] } },
        },
        {
          record_id: newer,
          action: 'update_roles',
          actor_id: null,
          changes: { roles: { from: ['STAFF', 'DEPT_HEAD'], to: ['STAFF'] } },
        },
      ]);
      const context = await createSeedContext(config);
      try {
        const report = await context.get(HistoryVerifierService).verify([seoul, nowon]);
        expect(report).toMatchObject({ intact: true, checkedEntries: 4, problems: [] });
      } finally {
        await context.close();
      }
    } finally {
      await db.drop();
    }
  }, 120_000);

  it('marks nobody when there are several top-level organisations (nobody met the old definition)', async () => {
    const db = new PrivateDatabase('treeup2');
    try {
      await migratedBefore(db);
      const w = writer(db);
      const seoul = await w.org('서울특별시');
      const busan = await w.org('부산광역시');
      const admins = [
        await w.user(seoul, await w.dept(seoul, '정보기획관'), ['ADMIN']),
        await w.user(busan, await w.dept(busan, '정보화담당관'), ['ADMIN']),
      ];
      await runMigrations(testConfig(databaseEnv(db.url)), db.url);
      for (const id of admins)
        expect(await rolesOf(db, id)).toMatchObject({ system_administrator: false, version: 1 });
    } finally {
      await db.drop();
    }
  }, 120_000);
});
