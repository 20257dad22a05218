import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { accessEntryHash, HistoryVerifierService, LedgerSealerService } from '@gwaje/audit';
import { runMigrations } from '@gwaje/db';
import { createSeedContext } from '../apps/api/src/cli/seed-context.js';
import { applicationUrl, databaseEnv, testConfig } from './support/app.js';
import { sealSettled } from './support/ledger.js';
import { PrivateDatabase } from './support/private-database.js';

/**
 * The access log keeps at least 2 years and then leaves by whole sealed months, through the one
 * SECURITY DEFINER function the application role may call; the checkpoint stays and verify tells
 * an expired month from a deleted one. Its own database: retention is global to a database.
 */
describe('access log retention by sealed monthly partitions', () => {
  const db = new PrivateDatabase('retention');
  const owner = db.owner;
  const config = testConfig(databaseEnv(db.url));
  let context: Awaited<ReturnType<typeof createSeedContext>>;
  let org: string;
  let user: string;

  beforeAll(async () => {
    await db.create();
    await runMigrations(config, db.url);
    await db.connect();
    ({ org, user } = await db.organisation('보관 기관', 'keep@retention.gwaje.kr'));
    context = await createSeedContext(config);
  });
  afterAll(async () => {
    await context?.close();
    await db.drop();
  });

  /** An access record written at `at`, in a month partition made for it if missing. */
  async function accessAt(at: Date) {
    const month = `${at.getUTCFullYear()}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
    const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
    const to = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
    await owner.query(
      `CREATE TABLE IF NOT EXISTS access_log_${month} PARTITION OF access_log FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
    );
    const entry = {
      organisationId: org,
      userId: user,
      action: 'READ',
      recordType: 'task',
      recordId: randomUUID(),
      filter: null,
      reason: null,
      requestId: null,
      ip: null,
      occurredAt: at,
    };
    await owner.query(
      `INSERT INTO access_log (occurred_at, organisation_id, user_id, action, record_type, record_id, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [at, org, user, entry.action, entry.recordType, entry.recordId, accessEntryHash(entry)],
    );
    return `access_log_${month}`;
  }

  const monthsAgo = (n: number) => {
    const d = new Date();
    d.setUTCDate(15);
    d.setUTCMonth(d.getUTCMonth() - n);
    return d;
  };

  it('drops only sealed months past retention (never under 24 months), keeps the checkpoint, and verify stays green', async () => {
    const sealer = context.get(LedgerSealerService);
    const old = await accessAt(monthsAgo(30));
    const kept = await accessAt(monthsAgo(20));

    // Not sealed yet: nothing is dropped.
    let result = await sealer.maintainAccessLog();
    expect(result.dropped).toEqual([]);

    // Other databases' transactions on the same server can hold the sealing horizon back a moment.
    await sealSettled(sealer, owner, org, ['access_log']);
    // An organisation asking for 1 year still keeps 2 (the statute's floor, also in the function).
    await owner.query(
      `INSERT INTO organisation_settings (organisation_id, key, value) VALUES ($1, 'security.accessLogRetentionYears', '1')`,
      [org],
    );
    result = await sealer.maintainAccessLog();
    expect(result.dropped).toEqual([old]);
    const parts = await owner.query(`SELECT to_regclass($1) AS old, to_regclass($2) AS kept`, [
      old,
      kept,
    ]);
    expect(parts.rows[0]).toEqual({ old: null, kept: kept });
    const retention = await owner.query(`SELECT partition_name, entries FROM ledger_retention`);
    expect(retention.rows).toEqual([{ partition_name: old, entries: '1' }]);

    // The next months exist ahead of time.
    const next = monthsAgo(-1);
    const nextName = `access_log_${next.getUTCFullYear()}${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
    expect((await owner.query(`SELECT to_regclass($1) AS t`, [nextName])).rows[0].t).toBe(nextName);

    const verifier = context.get(HistoryVerifierService);
    let report = await verifier.verify([org]);
    expect(report.intact).toBe(true);
    expect(report.ledgers.find((l) => l.ledger === 'access_log')).toMatchObject({
      checkpoints: 1,
      expiredCheckpoints: 1,
      intact: true,
    });

    // The application role cannot drop a month itself, nor forge a retention record.
    const app = new pg.Client({ connectionString: applicationUrl(db.url) });
    await app.connect();
    try {
      await expect(app.query(`DROP TABLE ${kept}`)).rejects.toThrow(/must be owner|permission/);
      await expect(
        app.query(
          `INSERT INTO ledger_retention (ledger, partition_name, range_from, range_to, entries) VALUES ('access_log', 'x', now(), now(), 0)`,
        ),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }

    // A superuser who claims a recent month expired is caught.
    await owner.query(
      `INSERT INTO ledger_retention (ledger, partition_name, range_from, range_to, entries)
       VALUES ('access_log', $1, now() - interval '1 month', now(), 1)`,
      [kept],
    );
    report = await verifier.verify([org]);
    expect(report.firstBroken).toMatchObject({ problem: 'RETENTION_FORGED', ledger: 'access_log' });
  });
});
