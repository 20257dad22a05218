import type { INestApplicationContext } from '@nestjs/common';
import { AdminBootstrapService, IdentityDemoSeed } from '@gwaje/identity';
import { createSeedContext } from '../apps/api/src/cli/seed-context.js';
import { startApi, testConfig, type TestApi } from './support/app.js';
import { Factory } from './support/factory.js';

describe('demo data', () => {
  let context: INestApplicationContext;
  let api: TestApi;
  const factory = new Factory();
  beforeAll(async () => {
    context = await createSeedContext(testConfig());
    api = await startApi();
  });
  afterAll(async () => {
    await context.close();
    await api.close();
    await factory.close();
  });

  const counts = async () =>
    (
      await factory.db.query(
        `SELECT (SELECT count(*) FROM organisations)::int AS orgs, (SELECT count(*) FROM departments)::int AS depts,
                (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM history)::int AS history`,
      )
    ).rows[0];

  it('seeds 서울특별시 › 노원구 with one user per role, and a second run changes nothing', async () => {
    const seed = context.get(IdentityDemoSeed);
    const first = await seed.run();
    expect(first.created).toBeGreaterThan(0);
    expect(first.logins.map((l) => l.role).sort()).toEqual([
      'ADMIN',
      'AUDITOR',
      'COMMITTEE',
      'DEPT_HEAD',
      'PROACTIVE_OFFICE',
      'STAFF',
    ]);
    const after = await counts();

    const second = await seed.run();
    expect(second.created).toBe(0);
    expect(await counts()).toEqual(after);

    const { rows } = await factory.db.query(
      `SELECT o.name, p.name AS parent FROM organisations o JOIN organisations p ON p.id = o.parent_id WHERE o.name = '노원구' AND p.name = '서울특별시'`,
    );
    expect(rows).toHaveLength(1);
    // Every demo login works with the printed password.
    for (const l of first.logins) {
      const res = await api.http.post('/api/v1/auth/login', {
        email: l.email,
        password: 'gwaje-demo-2026!',
      });
      expect(res.status).toBe(200);
      expect(res.body.user.roles).toEqual([l.role]);
    }
  });

  it('does not create a bootstrap administrator when one exists', async () => {
    expect(await context.get(AdminBootstrapService).ensureAdministrator()).toBe('exists');
  });
});
