import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@gwaje/config';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { type HttpClient, testConfig, useTestApi } from './support/app.js';
import { login, TEST_PASSWORD } from './support/factory.js';
import { decodeJwt } from './support/jwt.js';
import { eventually } from './support/redis-server.js';
import { activeTaskSince, fillReport, openReport } from './support/reports.js';
import { SmtpSink } from './support/smtp-sink.js';
import { taskWorld } from './support/tasks.js';

// Issue 24 item 5: the per-organisation settings are not only stored, they govern what the API
// does. Each test changes one setting of its own organisation through PATCH /api/v1/settings (to a
// value other than the default, so that a default used in its place shows) and checks the effect
// through the API. The clock cannot be moved in the API's process: the passage of time is played
// by moving the row's timestamps back through the owner's connection (factory.db), by amounts
// stated relative to the setting.

/** PATCH /api/v1/settings of the caller's organisation at its current version; must succeed. */
async function changeSettings(
  http: HttpClient,
  token: string,
  values: Record<string, unknown>,
): Promise<void> {
  const current = await http.get('/api/v1/settings', { token });
  const res = await http.patch(
    '/api/v1/settings',
    { version: current.body.version, values, reason: '설정 효과 확인' },
    { token },
  );
  if (res.status !== 200)
    throw new Error(`changing settings failed: ${res.status} ${JSON.stringify(res.body)}`);
}

describe('per-organisation settings take effect', () => {
  const { http, factory } = useTestApi();

  const loginStatus = async (email: string, password: string) =>
    (await http.post('/api/v1/auth/login', { email, password })).status;

  /** The database's clock, the one locked_until and the session times are written with. */
  const dbNow = async (): Promise<Date> =>
    (await factory.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`)).rows[0].now;

  it('security.lockoutMinutes: the lock lasts the organisation’s minutes: still locked just before, open just after', async () => {
    const LOCKOUT_MINUTES = 7; // default 30
    const { users } = await factory.world(['STAFF', 'ADMIN']);
    const admin = await login(http, users.ADMIN);
    await changeSettings(http, admin.accessToken, { 'security.lockoutMinutes': LOCKOUT_MINUTES });

    // lockoutThreshold is the default 5.
    const before = await dbNow();
    for (let i = 0; i < 5; i++)
      expect(await loginStatus(users.STAFF.email, `wrong-password-${i}`)).toBe(401);
    const after = await dbNow();
    expect(await loginStatus(users.STAFF.email, TEST_PASSWORD)).toBe(401);

    // The administrator sees the lock end LOCKOUT_MINUTES after the failure that set it.
    const view = await http.get(`/api/v1/users/${users.STAFF.id}`, { token: admin.accessToken });
    expect(view.body.locked).toBe(true);
    const lockedUntil = new Date(view.body.lockedUntil).getTime();
    expect(lockedUntil).toBeGreaterThanOrEqual(before.getTime() + LOCKOUT_MINUTES * 60_000 - 1);
    expect(lockedUntil).toBeLessThanOrEqual(after.getTime() + LOCKOUT_MINUTES * 60_000 + 1);

    // As if LOCKOUT_MINUTES less 30 seconds had passed since the lock: still locked.
    await factory.db.query(
      `UPDATE users SET locked_until = locked_until - make_interval(mins => $2) + interval '30 seconds'
        WHERE id = $1`,
      [users.STAFF.id, LOCKOUT_MINUTES],
    );
    expect(await loginStatus(users.STAFF.email, TEST_PASSWORD)).toBe(401);
    // 31 seconds later (LOCKOUT_MINUTES and one second after the lock): the right password works.
    await factory.db.query(
      `UPDATE users SET locked_until = locked_until - interval '31 seconds' WHERE id = $1`,
      [users.STAFF.id],
    );
    expect(await loginStatus(users.STAFF.email, TEST_PASSWORD)).toBe(200);
  });

  it('security.accessTokenMinutes: tokens issued at login and at refresh live the organisation’s minutes; another organisation keeps the default', async () => {
    const ACCESS_MINUTES = 3; // default 15
    const { users } = await factory.world(['STAFF', 'ADMIN']);
    const other = await factory.world(['STAFF']);
    const admin = await login(http, users.ADMIN);
    await changeSettings(http, admin.accessToken, {
      'security.accessTokenMinutes': ACCESS_MINUTES,
    });

    const res = await http.post('/api/v1/auth/login', {
      email: users.STAFF.email,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    const claims = decodeJwt(res.body.accessToken);
    expect(claims.exp - claims.iat).toBe(ACCESS_MINUTES * 60);
    // The expiry the response states is the token's.
    expect(Math.floor(new Date(res.body.accessTokenExpiresAt).getTime() / 1000)).toBe(claims.exp);

    const refreshed = await http.post('/api/v1/auth/refresh', {
      refreshToken: res.body.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    const again = decodeJwt(refreshed.body.accessToken);
    expect(again.exp - again.iat).toBe(ACCESS_MINUTES * 60);

    const elsewhere = decodeJwt((await login(http, other.users.STAFF)).accessToken);
    expect(elsewhere.exp - elsewhere.iat).toBe(15 * 60);
  });

  it('security.passwordMinLength: one character short is refused (PASSWORD_POLICY), exactly the length accepted, on creation and on reset', async () => {
    const { dept, users } = await factory.world(['ADMIN']);
    const admin = await login(http, users.ADMIN);
    // Distinct characters, none of them the user's name or e-mail.
    const password = (n: number) => 'Qx7#mWp2$kLzR9!vTb4&nHs'.slice(0, n);

    // Above the default (10): 11 characters, enough by default, are now too few.
    await changeSettings(http, admin.accessToken, { 'security.passwordMinLength': 12 });
    const create = (pw: string, email: string) =>
      http.post(
        '/api/v1/users',
        { departmentId: dept.id, name: '박설정', email, roles: ['STAFF'], password: pw },
        { token: admin.accessToken },
      );
    const short = await create(password(11), `short-${dept.id.slice(0, 8)}@test.gwaje.kr`);
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('PASSWORD_POLICY');
    expect(short.body.details).toEqual([
      expect.objectContaining({ field: 'password', code: 'minLength' }),
    ]);
    const email = `exact-${dept.id.slice(0, 8)}@test.gwaje.kr`;
    const exact = await create(password(12), email);
    expect(exact.status).toBe(201);
    expect(await loginStatus(email, password(12))).toBe(200);

    // Below the default: 8 characters, too few by default, are now enough for a reset.
    await changeSettings(http, admin.accessToken, { 'security.passwordMinLength': 8 });
    const reset = async (pw: string) => {
      const current = await http.get(`/api/v1/users/${exact.body.id}`, {
        token: admin.accessToken,
      });
      return http.patch(
        `/api/v1/users/${exact.body.id}`,
        { version: current.body.version, password: pw },
        { token: admin.accessToken },
      );
    };
    const tooShort = await reset(password(7));
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.code).toBe('PASSWORD_POLICY');
    expect(tooShort.body.details).toEqual([
      expect.objectContaining({ field: 'password', code: 'minLength' }),
    ]);
    expect((await reset(password(8))).status).toBe(200);
    expect(await loginStatus(email, password(8))).toBe(200);
    expect(await loginStatus(email, password(12))).toBe(401);
  });
});

describe('absolute session lifetime (auth.refreshTokenDays, configuration only)', () => {
  // There is no per-organisation setting for it: the longest a session lives is the
  // configuration's auth.refreshTokenDays (14 by default), here 2.
  const DAYS = 2;
  const { http, factory } = useTestApi({}, (c) => {
    c.auth.refreshTokenDays = DAYS;
  });

  it('ends an active session refreshTokenDays after login, whatever its activity; refreshing neither extends nor revives it', async () => {
    const { users } = await factory.world(['STAFF']);
    const before = (await factory.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`))
      .rows[0].now;
    const res = await http.post('/api/v1/auth/login', {
      email: users.STAFF.email,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    const expiresAt = new Date(res.body.sessionExpiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before.getTime() + DAYS * 86_400_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + DAYS * 86_400_000);
    const { sid } = decodeJwt(res.body.accessToken);

    // Refreshing keeps the session's end.
    const refreshed = await http.post('/api/v1/auth/refresh', {
      refreshToken: res.body.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.sessionExpiresAt).toBe(res.body.sessionExpiresAt);

    // As if DAYS less a minute had passed, the user active all along (seen just now): still in.
    const age = async (interval: string) =>
      factory.db.query(
        `UPDATE auth_sessions SET created_at = created_at - $2::interval,
                expires_at = expires_at - $2::interval, last_seen_at = now()
          WHERE id = $1`,
        [sid, interval],
      );
    await age(`${DAYS} days -1 minute`);
    expect((await http.get('/api/v1/me', { token: refreshed.body.accessToken })).status).toBe(200);
    // Two minutes later the session is over, however recently used.
    await age('2 minutes');
    const me = await http.get('/api/v1/me', { token: refreshed.body.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('SESSION_EXPIRED');
    const revived = await http.post('/api/v1/auth/refresh', {
      refreshToken: refreshed.body.refreshToken,
    });
    expect(revived.status).toBe(401);
    expect(revived.body.code).toBe('SESSION_EXPIRED');
  });
});

describe('per-organisation reminder days (notifications.reportDueDays)', () => {
  // A Tuesday to Friday week of 2026 with no public holiday: a report due Friday DUE is reminded
  // on the 3rd business day before it (THIRD_BEFORE), the 1st (FIRST_BEFORE) and the 5th
  // (FIFTH_BEFORE); the default [5, 1] reminds on the last two, an organisation set to [3] on the
  // first only.
  const DUE = '2026-11-27';
  const THIRD_BEFORE = '2026-11-24';
  const FIRST_BEFORE = '2026-11-26';
  const FIFTH_BEFORE = '2026-11-20';

  const sink = new SmtpSink();
  let worker: INestApplicationContext;
  beforeAll(async () => {
    await sink.start();
  });
  const { http, factory } = useTestApi({}, (c) => {
    c.smtp.url = sink.url;
  });
  beforeAll(async () => {
    const cfg: AppConfig = testConfig();
    cfg.smtp.url = sink.url;
    cfg.smtp.outboxPollMs = 200;
    // Queues of this suite's own (inside the run's prefix, removed by the run's teardown).
    cfg.redis.prefix = `${cfg.redis.prefix}:settings-effects-e2e`;
    worker = await createWorker(cfg);
  });
  afterAll(async () => {
    await worker?.close();
    await sink.stop();
  });

  /** An organisation with one report, filled but not submitted, due on DUE. */
  async function worldWithReportDue() {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    let report = await openReport(http, w.staff.token, task.id, '2025-Q1');
    report = await fillReport(http, w.staff.token, report);
    await factory.db.query(`UPDATE reports SET due_date = $2 WHERE id = $1`, [report.id, DUE]);
    return { w, reportId: report.id as string };
  }

  const run = async (token: string, date: string, dryRun: boolean) => {
    const res = await http.post('/api/v1/notifications/run', { date, dryRun }, { token });
    expect(res.status).toBe(202);
    return res.body;
  };

  it('a dry run reminds on the organisation’s days, not on the default ones; an organisation on the defaults is reminded on those', async () => {
    const custom = await worldWithReportDue();
    await changeSettings(http, custom.w.office.token, { 'notifications.reportDueDays': [3] });
    const plain = await worldWithReportDue();

    expect(await run(custom.w.office.token, THIRD_BEFORE, true)).toMatchObject({
      status: 'WOULD_SEND',
      rules: { 'report.due-3': 2 },
      notifications: 2,
    });
    for (const day of [FIRST_BEFORE, FIFTH_BEFORE])
      expect(await run(custom.w.office.token, day, true)).toMatchObject({
        status: 'NOTHING_DUE',
        rules: {},
        notifications: 0,
      });

    expect(await run(plain.w.office.token, THIRD_BEFORE, true)).toMatchObject({
      status: 'NOTHING_DUE',
      rules: {},
    });
    expect(await run(plain.w.office.token, FIRST_BEFORE, true)).toMatchObject({
      status: 'WOULD_SEND',
      rules: { 'report.due-1': 2 },
    });
    expect(await run(plain.w.office.token, FIFTH_BEFORE, true)).toMatchObject({
      status: 'WOULD_SEND',
      rules: { 'report.due-5': 2 },
    });
  });

  it('a real run sends nothing on the default day and the reminder on the organisation’s day, to the owner and the head', async () => {
    const { w, reportId } = await worldWithReportDue();
    await changeSettings(http, w.office.token, { 'notifications.reportDueDays': [3] });

    /** Requests a real run of `date` and waits for the worker to finish it. */
    const realRun = async (date: string) => {
      const queued = await run(w.office.token, date, false);
      expect(queued.status).toBe('QUEUED');
      const done = await eventually(
        () => http.get(`/api/v1/notifications/runs/${queued.id}`, { token: w.office.token }),
        (res) => res.body?.finishedAt != null,
        20_000,
      );
      expect(done.status).toBe(200);
      return done.body;
    };

    // The default day (D-1): nothing for this organisation.
    expect(await realRun(FIRST_BEFORE)).toMatchObject({
      status: 'NOTHING_DUE',
      rules: {},
      notifications: 0,
      emails: 0,
    });
    const { rows } = await factory.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE organisation_id = $1`,
      [w.org.id],
    );
    expect(rows[0].n).toBe(0);

    // The organisation's day (D-3): the reminder, e-mailed to the owner and the lead head.
    expect(await realRun(THIRD_BEFORE)).toMatchObject({
      status: 'SENT',
      rules: { 'report.due-3': 2 },
      notifications: 2,
      emails: 2,
    });
    for (const who of [w.owner, w.head]) {
      const mine = await http.get('/api/v1/me/notifications', { token: who.token });
      expect(mine.body.items).toEqual([
        expect.objectContaining({ rule: 'report.due-3', recordId: reportId }),
      ]);
    }
    const recipients = [w.owner.email, w.head.email].map((e) => e.toLowerCase());
    await sink.waitFor(2, 10_000, (m) => m.to.some((t) => recipients.includes(t)));
    for (const to of recipients) {
      const [mail, ...more] = sink.to(to);
      expect(more).toEqual([]);
      expect(mail.text).toContain(`/reports/${reportId}`);
    }
  });
});
