import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { AppConfig } from '@gwaje/config';
import { LedgerSealerService } from '@gwaje/audit';
import { isBusinessDay, seoulDate, weekday } from '@gwaje/calendar';
import { EmailDelivery, ReminderRunner } from '@gwaje/notifications';
import { bullConnectionOptions, QueueName } from '@gwaje/queues';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { testConfig, useTestApi } from './support/app.js';
import {
  consultationAction,
  consultationInState,
  consultationWorld,
} from './support/consultations.js';
import { login } from './support/factory.js';
import { sealSettled } from './support/ledger.js';
import { eventually } from './support/redis-server.js';
import { activeTaskSince, fillReport, openReport, reportAction } from './support/reports.js';
import { settled } from './support/settle.js';
import { SmtpSink, type SunkEmail } from './support/smtp-sink.js';
import { on, type TaskWorld, taskWorld } from './support/tasks.js';

// Reminders and email (DOMAIN.md §6) end to end: the API writes, a worker of the test's own
// (created in-process, as in production) relays the outbox and sends through a real SMTP server the
// test runs (the sink). Reminder runs are driven with FIXED business dates: the rules read "today"
// only from runReminders' argument, so deadlines are put at the wanted dates relative to that day
// straight in the database (UPDATE reports/milestones SET due_date = …), the rest through the API.
//
// Calendar used (Asia/Seoul; no public holiday in November or early December 2026):
//   D            2026-11-23  Monday, business day (Mondays also carry the weekly summary for the
//                            organisation's AUDITORs and PROACTIVE_OFFICE)
//   DUE_1        2026-11-24  Tuesday: D is the 1st business day before it        → report.due-1
//   DUE_5        2026-11-30  Monday: D is the 5th business day before it         → report.due-5
//   OVERDUE_1    2026-11-20  Friday: D is the 1st business day after it          → report.overdue+1
//   MILESTONE_7  2026-12-02  Wednesday: D is the 7th business day before it      → milestone.due-7
// and, for the tests that want no weekly summary in the way, a Tuesday:
//   T            2026-11-24  Tuesday, business day
//   T_DUE_1      2026-11-25  → report.due-1;  T_DUE_5 2026-12-01 → report.due-5;
//   T_OVERDUE_1  2026-11-23  → report.overdue+1
const D = '2026-11-23';
const DUE_1 = '2026-11-24';
const DUE_5 = '2026-11-30';
const OVERDUE_1 = '2026-11-20';
const MILESTONE_7 = '2026-12-02';
const T = '2026-11-24';
const T_DUE_1 = '2026-11-25';
const T_DUE_5 = '2026-12-01';
const T_OVERDUE_1 = '2026-11-23';
/** 09:00 on D in Seoul, the default send hour. */
const D_0900_KST = new Date('2026-11-23T00:00:00Z');
/** 10:00 on D in Seoul. */
const D_1000_KST = new Date('2026-11-23T01:00:00Z');
/** 추석 (Chuseok), Friday 2026-09-25, 09:00 in Seoul. */
const CHUSEOK_0900_KST = new Date('2026-09-25T00:00:00Z');
/** Saturday 2026-11-21, 09:00 in Seoul. */
const SATURDAY_0900_KST = new Date('2026-11-21T00:00:00Z');

/** The base of every link in the emails (config.publicUrl), distinct from the default on purpose. */
const PUBLIC_URL = 'https://gwaje.example.go.kr';

const PERIODS_2025 = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];

interface Report {
  id: string;
  taskId: string;
  /** As the email shows it: the task's title and the period. */
  title: string;
  version: number;
}

describe('reminders and email (DOMAIN.md §6)', () => {
  const sink = new SmtpSink();
  let cfg: AppConfig;
  let worker: INestApplicationContext;
  let notifications: ReminderRunner;

  beforeAll(async () => {
    await sink.start();
  });
  const { http, factory } = useTestApi({}, (config) => {
    config.smtp.url = sink.url;
    config.publicUrl = PUBLIC_URL;
  });
  beforeAll(async () => {
    cfg = testConfig();
    cfg.smtp.url = sink.url;
    cfg.smtp.outboxPollMs = 200;
    cfg.smtp.maxAttempts = 3;
    cfg.publicUrl = PUBLIC_URL;
    // The worker's queues under a prefix of this suite's own (inside the run's prefix, so the run's
    // teardown removes them): no job of another suite lands here. The outbox itself is shared (one
    // database per run), so this worker also relays other suites' events: every assertion below
    // looks only at the test's own organisation's users.
    cfg.redis.prefix = `${cfg.redis.prefix}:notifications-e2e`;
    worker = await createWorker(cfg);
    notifications = worker.get(ReminderRunner);
  });
  afterAll(async () => {
    await worker?.close();
    await sink.stop();
  });
  beforeEach(() => sink.clear());

  // ── Helpers ─────────────────────────────────────────────────────────────────────────────────

  /** Hands out (task, period) pairs of 2025 for the world: tasks active since 2025, four each. */
  function slots(w: TaskWorld, overrides: Record<string, unknown> = {}) {
    const free: Array<{ taskId: string; title: string; period: string }> = [];
    return async () => {
      if (!free.length) {
        const task = await activeTaskSince(w, factory, '2025-01-01', overrides);
        free.push(
          ...PERIODS_2025.map((period) => ({ taskId: task.id, title: task.title, period })),
        );
      }
      return free.shift()!;
    };
  }

  /**
   * A report of the world opened through the API (and filled by the lead STAFF, so it can be
   * submitted), whose deadline is then put at `dueDate` in the database: the fixed-date runs need
   * deadlines relative to D, and the API computes them from the reporting calendar.
   */
  async function reportDueOn(
    w: TaskWorld,
    next: () => Promise<{ taskId: string; title: string; period: string }>,
    dueDate: string,
  ): Promise<Report> {
    const { taskId, title, period } = await next();
    let report = await openReport(http, w.staff.token, taskId, period);
    report = await fillReport(http, w.staff.token, report);
    await factory.db.query(`UPDATE reports SET due_date = $2 WHERE id = $1`, [report.id, dueDate]);
    return { id: report.id, taskId, title: `${title} (${period})`, version: report.version };
  }

  /** A task of the world (owner `w.owner`, member `w.staff`) with one milestone due on `dueDate`. */
  async function milestoneDueOn(w: TaskWorld, dueDate: string) {
    const task = await w.task('IN_PROGRESS', {
      memberIds: [w.staff.id],
      milestones: [{ title: '실시설계 완료', dueDate: on('06-30') }],
    });
    const milestone = task.milestones[0];
    // Fixed dates: the milestone's deadline is put relative to D in the database.
    await factory.db.query(`UPDATE milestones SET due_date = $2 WHERE id = $1`, [
      milestone.id,
      dueDate,
    ]);
    return { id: milestone.id as string, taskId: task.id as string, title: task.title as string };
  }

  /** Who is who in a world, by email address (lower case). */
  function people(w: TaskWorld): Map<string, string> {
    const roles = [
      'staff',
      'owner',
      'head',
      'office',
      'auditor',
      'committee',
      'admin',
      'partner',
      'outsider',
    ] as const;
    return new Map(roles.map((r) => [w[r].email.toLowerCase(), r]));
  }

  /** The emails the sink accepted for the world's users, by role. */
  function mailOf(w: TaskWorld): Record<string, SunkEmail[]> {
    const who = people(w);
    const out: Record<string, SunkEmail[]> = {};
    for (const m of sink.toAny(who.keys())) {
      for (const to of m.to) {
        const role = who.get(to);
        if (role) (out[role] ??= []).push(m);
      }
    }
    return out;
  }

  /** How many emails each of the world's users got, e.g. { owner: 1, head: 1 }. */
  function countsOf(w: TaskWorld): Record<string, number> {
    return Object.fromEntries(Object.entries(mailOf(w)).map(([role, ms]) => [role, ms.length]));
  }

  /**
   * Waits until the organisations' e-mail work is over (outbox processed, worker's queue idle, no
   * e-mail SENDING but those of `leftSending`, nothing in flight at the sink): what has not
   * arrived by then is not coming, so the counts asserted next are final.
   */
  function quiet(orgIds: string[], leftSending: string[] = []): Promise<void> {
    return settled({
      db: factory.db,
      organisationIds: orgIds,
      worker: { config: cfg },
      sink,
      leftSending,
    });
  }

  /** Waits until the world's users have `count` emails in all, and until nothing more is coming. */
  async function settle(
    w: TaskWorld,
    count: number,
    timeoutMs = 10_000,
    leftSending: string[] = [],
  ): Promise<void> {
    const mine = new Set(people(w).keys());
    await sink.waitFor(count, timeoutMs, (m) => m.to.some((t) => mine.has(t)));
    await quiet([w.org.id], leftSending);
  }

  /** The organisation's notifications as "role rule record" lines, sorted. */
  async function notificationLines(w: TaskWorld, names: Record<string, string>) {
    const who = people(w);
    const { rows } = await factory.db.query<{ email: string; rule: string; record_id: string }>(
      `SELECT u.email, n.rule, n.record_id FROM notifications n JOIN users u ON u.id = n.recipient_id
        WHERE n.organisation_id = $1`,
      [w.org.id],
    );
    return rows
      .map(
        (r) => `${who.get(r.email.toLowerCase())} ${r.rule} ${names[r.record_id] ?? r.record_id}`,
      )
      .sort();
  }

  /** The organisation's claimed emails: recipient role, kind, status, attempts. */
  async function emailRows(w: TaskWorld) {
    const who = people(w);
    const { rows } = await factory.db.query<{
      email: string;
      kind: string;
      status: string;
      attempts: number;
      digest_date: string | null;
      error: string | null;
    }>(
      `SELECT u.email, e.kind, e.status, e.attempts, to_char(e.digest_date, 'YYYY-MM-DD') AS digest_date, e.error
         FROM notification_emails e JOIN users u ON u.id = e.recipient_id
        WHERE u.organisation_id = $1 ORDER BY e.id`,
      [w.org.id],
    );
    return rows.map((r) => ({ ...r, role: who.get(r.email.toLowerCase())! }));
  }

  /** Makes the world's refused e-mails due (as if their backoff were over) and runs the sweep. */
  async function retryNow(w: TaskWorld) {
    await factory.db.query(
      `UPDATE notification_emails e SET next_attempt_at = now() FROM users u
        WHERE u.id = e.recipient_id AND u.organisation_id = $1 AND e.status = 'RETRY'`,
      [w.org.id],
    );
    await worker.get(EmailDelivery).retryDue();
  }

  /** The database's clock (next_attempt_at and claimed_at are written with it). */
  const dbNow = async (): Promise<Date> =>
    (await factory.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`)).rows[0].now;

  const links = (text: string) => text.match(/https?:\/\/[^\s"<>]+/g) ?? [];

  // ── 1. Digest grouping ──────────────────────────────────────────────────────────────────────

  it('sends each person ONE digest for the day, grouped into overdue and due soon, in the recipient’s language (Korean by default), linking to the records', async () => {
    const w = await taskWorld(http, factory);
    const next = slots(w);
    const a = await reportDueOn(w, next, DUE_1);
    const b = await reportDueOn(w, next, DUE_5);
    const c = await reportDueOn(w, next, OVERDUE_1);
    const m = await milestoneDueOn(w, MILESTONE_7);
    // The weekly summary carries the newest signed checkpoint's root (issue 15).
    await sealSettled(worker.get(LedgerSealerService), factory.db, w.org.id, ['history']);
    const {
      rows: [checkpoint],
    } = await factory.db.query(
      `SELECT seq, tree_size, root_hash FROM ledger_checkpoints
        WHERE ledger = 'history' AND organisation_id = $1 ORDER BY seq DESC LIMIT 1`,
      [w.org.id],
    );
    expect(checkpoint).toBeDefined();

    const result = await notifications.runReminders(w.org.id, D);
    expect(result).toEqual({ notifications: 11, emails: 5 });

    // Recipients (DOMAIN.md §6): report due → owner and the lead DEPT_HEAD; overdue → also the
    // PROACTIVE_OFFICE; milestone due → owner and members; Monday → the weekly summary for the
    // AUDITORs and the PROACTIVE_OFFICE.
    expect(
      await notificationLines(w, {
        [a.id]: 'A',
        [b.id]: 'B',
        [c.id]: 'C',
        [m.id]: 'M',
        [w.org.id]: 'ORG',
      }),
    ).toEqual(
      [
        'auditor weekly.summary ORG',
        'office weekly.summary ORG',
        'owner report.due-1 A',
        'owner report.due-5 B',
        'owner report.overdue+1 C',
        'owner milestone.due-7 M',
        'head report.due-1 A',
        'head report.due-5 B',
        'head report.overdue+1 C',
        'office report.overdue+1 C',
        'staff milestone.due-7 M',
      ].sort(),
    );

    await settle(w, 5);
    expect(countsOf(w)).toEqual({ owner: 1, head: 1, office: 1, staff: 1, auditor: 1 });
    const mail = mailOf(w);

    const owner = mail.owner[0];
    expect(owner.to).toEqual([w.owner.email.toLowerCase()]);
    expect(owner.subject).toBe('[Gwaje] 오늘 확인할 일 4건');
    expect(owner.from).toBe('no-reply@gwaje.local');
    expect(owner.messageId).toMatch(/^<gwaje-\d+@gwaje\.example\.go\.kr>$/);
    // In the recipient's language only (Korean by default), overdue before due soon.
    const order = [
      '■ 기한 경과 (1)',
      `[이행실적 미제출] ${c.title} · 기한 ${OVERDUE_1}`,
      `${PUBLIC_URL}/reports/${c.id}`,
      '■ 기한 임박 (3)',
    ].map((s) => owner.text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(owner.text).not.toMatch(/English|Overdue|Due soon/);
    expect(owner.text).toContain(`[이행실적 제출 기한 임박] ${a.title} · 기한 ${DUE_1}`);
    expect(owner.text).toContain(`[이행실적 제출 기한 임박] ${b.title} · 기한 ${DUE_5}`);
    expect(owner.text).toContain(
      `[단계별 추진계획 기한 임박] ${m.title} · 실시설계 완료 · 기한 ${MILESTONE_7}`,
    );
    for (const id of [a.id, b.id, c.id])
      expect(owner.text).toContain(`${PUBLIC_URL}/reports/${id}`);
    expect(owner.text).toContain(`${PUBLIC_URL}/tasks/${m.taskId}`);
    // Every link of the email starts with the configured public URL.
    expect(links(owner.text).length).toBeGreaterThanOrEqual(5);
    // The settings link opens the web app's notifications page.
    expect(owner.text).toContain(`${PUBLIC_URL}/notifications `);
    for (const l of [...links(owner.text), ...links(owner.html)]) {
      expect(l.startsWith(`${PUBLIC_URL}/`)).toBe(true);
    }
    // The HTML part carries the same, in the same language.
    expect(owner.html).toContain('<html lang="ko">');
    expect(owner.html).toContain('기한 경과 (1)</h2>');
    expect(owner.html).toContain('기한 임박 (3)</h2>');
    expect(owner.html).not.toContain('lang="en"');
    expect(owner.html).toContain(`<a href="${PUBLIC_URL}/reports/${c.id}">`);

    const head = mail.head[0];
    expect(head.subject).toBe('[Gwaje] 오늘 확인할 일 3건');
    expect(head.text).toContain('■ 기한 경과 (1)');
    expect(head.text).toContain('■ 기한 임박 (2)');
    expect(head.text).not.toContain(`/tasks/${m.taskId}`);

    // The office: the weekly summary (action required) first, then the overdue report.
    const office = mail.office[0];
    expect(office.subject).toBe('[Gwaje] 오늘 확인할 일 2건');
    const summary = `[주간 요약] 미제출 이행실적 1건 · 기한 경과 사전컨설팅 0건 · 지연 과제 0건 · 이력 체크포인트 #${checkpoint.seq} (${checkpoint.tree_size}건, `;
    expect(office.text).toContain(`루트 ${checkpoint.root_hash}) · 기한 ${D}`);
    expect(office.text).toContain(summary);
    expect(office.text.indexOf('■ 조치 필요 (1)')).toBeGreaterThanOrEqual(0);
    expect(office.text.indexOf('■ 조치 필요 (1)')).toBeLessThan(
      office.text.indexOf('■ 기한 경과 (1)'),
    );
    expect(office.text).toContain(`${PUBLIC_URL}/reports/${c.id}`);
    expect(office.text).toContain(`${PUBLIC_URL}/dashboards`);
    expect(office.text).not.toContain('기한 임박');
    const auditor = mail.auditor[0];
    expect(auditor.subject).toBe('[Gwaje] 오늘 확인할 일 1건');
    expect(auditor.text).toContain(summary);
    expect(auditor.text).toContain('[주간 요약]');

    const staff = mail.staff[0];
    expect(staff.text).toContain(`${PUBLIC_URL}/tasks/${m.taskId}`);
    expect(staff.text).not.toContain('/reports/');

    // One claimed digest per person and day, all sent.
    expect(
      (await emailRows(w)).map((e) => [e.role, e.kind, e.digest_date, e.status]).sort(),
    ).toEqual(
      [
        ['auditor', 'DIGEST', D, 'SENT'],
        ['head', 'DIGEST', D, 'SENT'],
        ['office', 'DIGEST', D, 'SENT'],
        ['owner', 'DIGEST', D, 'SENT'],
        ['staff', 'DIGEST', D, 'SENT'],
      ].sort(),
    );
  });

  // ── 2. Exactly once ─────────────────────────────────────────────────────────────────────────

  it('sends each email exactly once: a second run of the day sends nothing, and an e-mail the server refused goes again after its backoff, once', async () => {
    const w = await taskWorld(http, factory);
    const next = slots(w);
    await reportDueOn(w, next, T_DUE_1);
    await reportDueOn(w, next, T_OVERDUE_1);

    // The SMTP server refuses the first message of the run (451, try again later): the others
    // still go, and the refused one waits for its retry (smtp.retryBaseMs, 60 s).
    sink.failNext(1, 451, people(w).keys());
    expect(await notifications.runReminders(w.org.id, T)).toEqual({ notifications: 5, emails: 2 });
    const ranAt = await dbNow();
    expect(sink.refused).toHaveLength(1);
    const refusedTo = sink.refused[0].to;
    await settle(w, 2);
    // The retry is set for 60 s after the refusal: after the claim it answered, at the latest when
    // the run had returned (events, whatever the time taken in between).
    const { rows: waiting } = await factory.db.query<{ status: string; in_window: boolean }>(
      `SELECT e.status, e.next_attempt_at - interval '60 seconds' BETWEEN e.claimed_at AND $2 AS in_window
         FROM notification_emails e JOIN users u ON u.id = e.recipient_id WHERE lower(u.email) = $1`,
      [refusedTo[0], ranAt],
    );
    expect(waiting).toEqual([{ status: 'RETRY', in_window: true }]);

    // Before its time, neither a run of the day nor the sweep sends it.
    expect(await notifications.runReminders(w.org.id, T)).toEqual({ notifications: 0, emails: 0 });
    await worker.get(EmailDelivery).retryDue();
    await quiet([w.org.id]);
    expect(Object.values(countsOf(w)).reduce((a, b) => a + b, 0)).toBe(2);

    // Once due, the sweep sends it, once.
    await factory.db.query(
      `UPDATE notification_emails e SET next_attempt_at = now() - interval '1 second'
         FROM users u WHERE u.id = e.recipient_id AND lower(u.email) = $1`,
      [refusedTo[0]],
    );
    await worker.get(EmailDelivery).retryDue();
    await settle(w, 3);
    expect(countsOf(w)).toEqual({ owner: 1, head: 1, office: 1 });
    const rows = await emailRows(w);
    expect(rows.map((e) => [e.role, e.status]).sort()).toEqual(
      [
        ['head', 'SENT'],
        ['office', 'SENT'],
        ['owner', 'SENT'],
      ].sort(),
    );
    // The refused one was attempted twice, the others once.
    expect(rows.find((e) => e.email.toLowerCase() === refusedTo[0])?.attempts).toBe(2);
    expect(rows.filter((e) => e.attempts === 1)).toHaveLength(2);

    // Running the same day again finds nothing to insert and nothing to send.
    expect(await notifications.runReminders(w.org.id, T)).toEqual({ notifications: 0, emails: 0 });
    await quiet([w.org.id]);
    expect(countsOf(w)).toEqual({ owner: 1, head: 1, office: 1 });
    const { rows: total } = await factory.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE organisation_id = $1`,
      [w.org.id],
    );
    expect(total[0].n).toBe(5);
  });

  it('retries a refused e-mail with doubling backoff up to smtp.maxAttempts, then lists it for administrators, who can resend it (same Message-ID)', async () => {
    const w = await taskWorld(http, factory);
    await reportDueOn(w, slots(w), T_DUE_1);
    const owner = w.owner.email.toLowerCase();
    sink.failNext(100, 550, [owner]); // the owner's mailbox refuses everything for now
    let before = await dbNow();
    expect(await notifications.runReminders(w.org.id, T)).toEqual({ notifications: 2, emails: 1 });
    /** The owner's e-mail; `backoff`: its retry is set that many seconds after a refusal of
     * `before` or later (the claim it answered) and of now or earlier. */
    const ownerEmail = async () =>
      (
        await factory.db.query<{
          id: string;
          status: string;
          attempts: number;
          backoff: number | null;
        }>(
          `SELECT e.id, e.status, e.attempts,
                  (SELECT s FROM unnest(ARRAY[60, 120]) s
                    WHERE e.next_attempt_at - s * interval '1 second' BETWEEN greatest(e.claimed_at, $2) AND clock_timestamp()) AS backoff
             FROM notification_emails e WHERE e.recipient_id = $1`,
          [w.owner.id, before],
        )
      ).rows;
    const due = () =>
      factory.db.query(
        `UPDATE notification_emails SET next_attempt_at = now() - interval '1 second' WHERE recipient_id = $1`,
        [w.owner.id],
      );
    // 60 s after the first refusal, 120 s after the second; the third (maxAttempts 3) gives up.
    let [row] = await ownerEmail();
    expect([row.status, row.attempts, row.backoff]).toEqual(['RETRY', 1, 60]);
    await due();
    before = await dbNow();
    await worker.get(EmailDelivery).retryDue();
    [row] = await eventually(ownerEmail, ([r]) => r.attempts === 2 && r.status === 'RETRY');
    expect(row.backoff).toBe(120);
    await due();
    await worker.get(EmailDelivery).retryDue();
    [row] = await eventually(ownerEmail, ([r]) => r.status === 'FAILED');
    expect(row.attempts).toBe(3);
    expect(sink.refused.filter((r) => r.to.includes(owner))).toHaveLength(3);
    // Given up: the sweep leaves it alone.
    await worker.get(EmailDelivery).retryDue();
    expect((await ownerEmail())[0].attempts).toBe(3);

    // Administrators of the organisation see it, with the server's answer; nobody else does.
    const list = await http.get('/api/v1/notifications/failures', { token: w.admin.token });
    expect(list.status).toBe(200);
    const mine = (list.body.items as Array<Record<string, unknown>>).filter((i) => i.id === row.id);
    expect(mine).toEqual([
      expect.objectContaining({
        id: row.id,
        status: 'FAILED',
        recipient: expect.objectContaining({ id: w.owner.id, email: w.owner.email }),
        kind: 'DIGEST',
        digestDate: T,
        attempts: 3,
        notifications: 1,
      }),
    ]);
    expect(String(mine[0].error)).toContain('550');
    // ...without the address the server's refusal quoted (the row names its recipient already).
    expect(String(mine[0].error)).toContain('[email]');
    expect(String(mine[0].error).toLowerCase()).not.toContain(w.owner.email.toLowerCase());
    for (const who of [w.office, w.owner, w.auditor])
      expect((await http.get('/api/v1/notifications/failures', { token: who.token })).status).toBe(
        403,
      );
    const other = await taskWorld(http, factory);
    const foreign = await http.get('/api/v1/notifications/failures', { token: other.admin.token });
    expect(foreign.body.items.map((i: { id: string }) => i.id)).not.toContain(row.id);
    expect(
      (
        await http.post(
          `/api/v1/notifications/failures/${row.id}/resend`,
          {},
          { token: other.admin.token },
        )
      ).status,
    ).toBe(404);
    const bad = await http.post(
      '/api/v1/notifications/failures/abc/resend',
      {},
      { token: w.admin.token },
    );
    expect([bad.status, bad.body.details?.[0]?.field]).toEqual([400, 'id']);

    // The mailbox works again; the administrator resends: the sweep delivers it with its own,
    // stable Message-ID, and the list is empty of it.
    sink.failNext(0);
    const resent = await http.post(
      `/api/v1/notifications/failures/${row.id}/resend`,
      {},
      {
        token: w.admin.token,
      },
    );
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ id: row.id, status: 'RETRY', attempts: 0 });
    const again = await http.post(
      `/api/v1/notifications/failures/${row.id}/resend`,
      {},
      {
        token: w.admin.token,
      },
    );
    expect([again.status, again.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect(again.body).toMatchObject({
      resource: 'email',
      currentStatus: 'RETRY',
      allowedActions: [],
    });
    await worker.get(EmailDelivery).retryDue();
    await settle(w, 2);
    const mail = mailOf(w).owner;
    expect(mail).toHaveLength(1);
    expect(mail[0].messageId).toBe(`<gwaje-${row.id}@${new URL(PUBLIC_URL).hostname}>`);
    expect((await ownerEmail())[0].status).toBe('SENT');
    const after = await http.get('/api/v1/notifications/failures', { token: w.admin.token });
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(row.id);
  });

  it('keeps an accepted e-mail whose SENT record failed as SENDING: sent again only after its lease, with the same Message-ID', async () => {
    const w = await taskWorld(http, factory);
    await reportDueOn(w, slots(w), T_DUE_1);
    // The server accepts the owner's digest, then recording SENT fails (as on a lost connection).
    const fn = `test_fail_sent_${w.owner.id.replace(/-/g, '')}`;
    await factory.db.query(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF NEW.status = 'SENT' AND NEW.recipient_id = '${w.owner.id}' THEN RAISE EXCEPTION 'connection lost'; END IF;
         RETURN NEW; END $$`,
    );
    await factory.db.query(
      `CREATE TRIGGER ${fn} BEFORE UPDATE ON notification_emails FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    );
    try {
      await expect(notifications.runReminders(w.org.id, T)).rejects.toThrow();
    } finally {
      await factory.db.query(`DROP TRIGGER ${fn} ON notification_emails`);
      await factory.db.query(`DROP FUNCTION ${fn}()`);
    }
    // Both accepted digests were to be recorded SENT in one statement, which failed: both claims
    // stay SENDING (their lease is not over) and are not waited on.
    const unrecorded = [w.owner.id, w.head.id];
    await settle(w, 2, 10_000, unrecorded);
    expect(countsOf(w)).toEqual({ owner: 1, head: 1 });
    const ownerRow = async () =>
      (await emailRows(w)).find((e) => e.email.toLowerCase() === w.owner.email.toLowerCase());
    expect((await ownerRow())?.status).toBe('SENDING');

    // The job's retry right away does not send it again: the claim holds for its lease.
    await notifications.runReminders(w.org.id, T);
    await quiet([w.org.id], unrecorded);
    expect(countsOf(w)).toEqual({ owner: 1, head: 1 });

    // Once the lease is over, the sweep sends it again, with the same Message-ID.
    await factory.db.query(
      `UPDATE notification_emails SET claimed_at = now() - interval '1 hour'
        WHERE recipient_id = $1 AND status = 'SENDING'`,
      [w.owner.id],
    );
    await worker.get(EmailDelivery).retryDue();
    await settle(w, 3, 10_000, [w.head.id]); // the head's lease is not over
    const owner = mailOf(w).owner;
    expect(owner).toHaveLength(2);
    expect(owner[1].messageId).toBe(owner[0].messageId);
    expect((await ownerRow())?.status).toBe('SENT');
  });

  // ── 3. Nothing for done items, no empty emails ──────────────────────────────────────────────

  it('reminds of nothing already done: a report submitted before the run gets no reminder, and an item done before delivery is dropped (no empty email)', async () => {
    const w = await taskWorld(http, factory);
    const next = slots(w);
    const submitted = await reportDueOn(w, next, T_DUE_1);
    await reportAction(http, w.head.token, submitted.id, 'submit');
    const x = await reportDueOn(w, next, T_OVERDUE_1); // owner, head, office
    const y = await reportDueOn(w, next, T_DUE_1); // owner, head

    // First run: the rules insert the reminders, but the SMTP server refuses every email of the
    // organisation, so nothing is delivered yet (the retries will deliver).
    sink.failNext(100, 451, people(w).keys());
    expect(await notifications.runReminders(w.org.id, T)).toEqual({ notifications: 5, emails: 0 });
    expect(sink.refused).toHaveLength(3);
    expect(countsOf(w)).toEqual({});
    sink.failNext(0);
    expect(await notificationLines(w, { [submitted.id]: 'S', [x.id]: 'X', [y.id]: 'Y' })).toEqual(
      [
        'owner report.overdue+1 X',
        'head report.overdue+1 X',
        'office report.overdue+1 X',
        'owner report.due-1 Y',
        'head report.due-1 Y',
      ].sort(),
    );

    // X is submitted before the retry delivers.
    await reportAction(http, w.head.token, x.id, 'submit');
    await retryNow(w);
    await settle(w, 2);

    // The office's only item is done: no email at all (skipped, not an empty one).
    expect(countsOf(w)).toEqual({ owner: 1, head: 1 });
    for (const role of ['owner', 'head'] as const) {
      const [mail] = mailOf(w)[role];
      expect(mail.subject).toBe('[Gwaje] 오늘 확인할 일 1건');
      expect(mail.text).toContain(`${PUBLIC_URL}/reports/${y.id}`);
      expect(mail.text).not.toContain(x.id);
      expect(mail.text).not.toContain(submitted.id);
      expect(mail.text).not.toContain('기한 경과');
    }
    const rows = await emailRows(w);
    expect(rows.find((e) => e.role === 'office')).toMatchObject({
      status: 'SKIPPED',
      error: 'nothing left to remind',
    });
    expect(rows.filter((e) => e.role !== 'office').map((e) => e.status)).toEqual(['SENT', 'SENT']);

    // The office sees why in its list: the reminder was not emailed.
    const office = await http.get('/api/v1/me/notifications', { token: w.office.token });
    expect(office.status).toBe(200);
    expect(office.body.items).toEqual([
      expect.objectContaining({
        rule: 'report.overdue+1',
        recordId: x.id,
        section: 'OVERDUE',
        emailStatus: 'SKIPPED',
        sentAt: null,
      }),
    ]);
  });

  // ── 4. Business days and the send hour ──────────────────────────────────────────────────────

  it(
    'runs at the send hour on business days only: nothing on 추석 or a Saturday; 09:00 on a business day runs the organisations whose hour is 9',
    async () => {
      const w = await taskWorld(http, factory);
      const a = await reportDueOn(w, slots(w), DUE_1);
      // A second organisation that sends at 10:00.
      const late = await taskWorld(http, factory);
      const lateReport = await reportDueOn(late, slots(late), DUE_1);
      const settings = await http.get('/api/v1/settings', { token: late.office.token });
      const patched = await http.patch(
        '/api/v1/settings',
        {
          version: settings.body.version,
          values: { 'notifications.sendHour': 10 },
          reason: '10시 발송',
        },
        { token: late.office.token },
      );
      expect(patched.status).toBe(200);

      const countOf = async (orgId: string) =>
        (
          await factory.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM notifications WHERE organisation_id = $1`,
            [orgId],
          )
        ).rows[0].n;

      expect(await notifications.runScheduled(CHUSEOK_0900_KST)).toEqual({
        organisations: 0,
        notifications: 0,
        emails: 0,
      });
      expect(await notifications.runScheduled(SATURDAY_0900_KST)).toEqual({
        organisations: 0,
        notifications: 0,
        emails: 0,
      });
      await quiet([w.org.id, late.org.id]);
      expect(await countOf(w.org.id)).toBe(0);
      expect(countsOf(w)).toEqual({});

      // Monday 09:00: every organisation at the default hour runs (other suites' too: only this
      // test's organisations are looked at).
      const nine = await notifications.runScheduled(D_0900_KST);
      expect(nine.organisations).toBeGreaterThanOrEqual(1);
      // Owner and head for the report; the auditor and the office for Monday's weekly summary.
      await settle(w, 4);
      expect(countsOf(w)).toEqual({ owner: 1, head: 1, auditor: 1, office: 1 });
      expect(mailOf(w).owner[0].text).toContain(`${PUBLIC_URL}/reports/${a.id}`);
      expect(await countOf(late.org.id)).toBe(0);
      expect(countsOf(late)).toEqual({});

      // 10:00: the organisation that sends at 10 runs; the one at 9 gets nothing more.
      const ten = await notifications.runScheduled(D_1000_KST);
      expect(ten.organisations).toBeGreaterThanOrEqual(1);
      await settle(late, 4);
      expect(countsOf(late)).toEqual({ owner: 1, head: 1, auditor: 1, office: 1 });
      expect(mailOf(late).head[0].text).toContain(`${PUBLIC_URL}/reports/${lateReport.id}`);
      expect(countsOf(w)).toEqual({ owner: 1, head: 1, auditor: 1, office: 1 });
    },
    // runScheduled runs every organisation of the run's database at the hour (other suites' too).
    90_000,
  );

  it('catches up hours no run happened, and one organisation whose e-mails are refused never stops the others', async () => {
    // Two organisations that send at 09:00, each with a report due tomorrow; nothing ran at 09:00
    // or 10:00 on Tuesday T (no worker). A's mail server refuses its two people.
    const a = await taskWorld(http, factory);
    const b = await taskWorld(http, factory);
    await reportDueOn(a, slots(a), T_DUE_1);
    await reportDueOn(b, slots(b), T_DUE_1);
    sink.failNext(2, 550, [a.owner.email, a.head.email]);
    const elevenOnT = new Date(`${T}T02:00:00Z`);
    const eleven = await notifications.runScheduled(elevenOnT);
    expect(eleven.organisations).toBeGreaterThanOrEqual(2);
    // B was run at 11:00 for its 09:00 hour whatever A's server answered; A's refused e-mails
    // wait for their retry.
    await settle(b, 2);
    expect(countsOf(b)).toEqual({ owner: 1, head: 1 });
    expect(countsOf(a)).toEqual({});
    expect((await emailRows(a)).map((e) => e.status)).toEqual(['RETRY', 'RETRY']);
    const { rows } = await factory.db.query(
      `SELECT organisation_id FROM reminder_run_days WHERE run_date = $1 AND organisation_id = ANY($2::uuid[])`,
      [T, [a.org.id, b.org.id]],
    );
    expect(rows).toHaveLength(2);

    // The next hour runs neither again (both days completed); A's retries deliver.
    await notifications.runScheduled(new Date(`${T}T03:00:00Z`));
    await retryNow(a);
    await settle(a, 2);
    expect(countsOf(a)).toEqual({ owner: 1, head: 1 });
    expect(countsOf(b)).toEqual({ owner: 1, head: 1 });
  }, 90_000);

  // ── 5. Preferences ──────────────────────────────────────────────────────────────────────────

  it('sends one email per reminder to whoever turned the digest off, and English only to whoever chose English', async () => {
    const w = await taskWorld(http, factory);
    const next = slots(w);
    const a = await reportDueOn(w, next, T_DUE_1);
    const b = await reportDueOn(w, next, T_DUE_5);
    const c = await reportDueOn(w, next, T_OVERDUE_1);

    const defaults = await http.get('/api/v1/me/notification-preferences', {
      token: w.owner.token,
    });
    expect(defaults.status).toBe(200);
    expect(defaults.body).toEqual({ digest: true, language: 'ko' });
    const off = await http.put(
      '/api/v1/me/notification-preferences',
      { digest: false },
      { token: w.owner.token },
    );
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ digest: false, language: 'ko' });
    const en = await http.put(
      '/api/v1/me/notification-preferences',
      { language: 'en' },
      { token: w.head.token },
    );
    expect(en.status).toBe(200);
    expect(en.body).toEqual({ digest: true, language: 'en' });
    expect(
      (await http.get('/api/v1/me/notification-preferences', { token: w.owner.token })).body,
    ).toEqual({ digest: false, language: 'ko' });
    for (const bad of [{ language: 'fr' }, { digest: 'no' }, { digest: true, extra: 1 }]) {
      const res = await http.put('/api/v1/me/notification-preferences', bad, {
        token: w.office.token,
      });
      expect([JSON.stringify(bad), res.status]).toEqual([JSON.stringify(bad), 400]);
    }

    expect(await notifications.runReminders(w.org.id, T)).toEqual({
      notifications: 7,
      emails: 5,
    });
    await settle(w, 5);
    expect(countsOf(w)).toEqual({ owner: 3, head: 1, office: 1 });

    // Digest off: one email per reminder, each with its one record.
    const owner = mailOf(w).owner;
    for (const mail of owner) {
      expect(mail.subject).toBe('[Gwaje] 오늘 확인할 일 1건');
      expect(links(mail.text).filter((l) => l.includes('/reports/'))).toHaveLength(1);
    }
    expect(
      owner.map((mail) => [a, b, c].find((r) => mail.text.includes(`/reports/${r.id}`))?.id).sort(),
    ).toEqual([a.id, b.id, c.id].sort());
    expect((await emailRows(w)).filter((e) => e.role === 'owner')).toEqual([
      expect.objectContaining({ kind: 'IMMEDIATE', status: 'SENT', digest_date: null }),
      expect.objectContaining({ kind: 'IMMEDIATE', status: 'SENT', digest_date: null }),
      expect.objectContaining({ kind: 'IMMEDIATE', status: 'SENT', digest_date: null }),
    ]);

    // English: subject and body in English only.
    const [head] = mailOf(w).head;
    expect(head.subject).toBe('[Gwaje] 3 items to look at today');
    expect(head.text).toContain('■ Overdue (1)');
    expect(head.text).not.toMatch(/기한 경과|알려 드립니다/);
    expect(head.html).toContain('<html lang="en">');
    // The office kept the defaults: Korean only.
    expect(mailOf(w).office[0].subject).toBe('[Gwaje] 오늘 확인할 일 1건');
    expect(mailOf(w).office[0].text).not.toContain('Overdue');
  });

  // ── 6. Urgent events at once ────────────────────────────────────────────────────────────────

  it('emails a report return at once to its author and the task owner, and lists it as sent', async () => {
    const w = await taskWorld(http, factory);
    const { taskId, title, period } = await slots(w)();
    let report = await openReport(http, w.staff.token, taskId, period);
    report = await fillReport(http, w.staff.token, report); // the lead STAFF is the author
    await reportAction(http, w.head.token, report.id, 'submit');
    await reportAction(http, w.office.token, report.id, 'return', '추진실적 보완 요청');

    await settle(w, 2);
    expect(countsOf(w)).toEqual({ staff: 1, owner: 1 });
    for (const mail of [mailOf(w).staff[0], mailOf(w).owner[0]]) {
      expect(mail.subject).toContain('반려');
      expect(mail.subject).toBe(`[Gwaje] 이행실적 반려: ${title} (${period})`);
      expect(mail.text).toContain('■ 조치 필요 (1)');
      // The reviewer's comment is in the e-mail.
      expect(mail.text).toContain('의견: 추진실적 보완 요청');
      expect(mail.text).toContain(`${PUBLIC_URL}/reports/${report.id}`);
    }
    const { rows: outbox } = await factory.db.query<{ relayed: boolean }>(
      `SELECT relayed_at IS NOT NULL AS relayed FROM outbox WHERE record_id = $1`,
      [report.id],
    );
    expect(outbox).toEqual([{ relayed: true }]);

    for (const who of [w.staff, w.owner]) {
      const list = await eventually(
        () => http.get('/api/v1/me/notifications', { token: who.token }),
        (res) => res.body?.items?.[0]?.emailStatus === 'SENT',
      );
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          rule: 'report.returned#0',
          label: '이행실적 반려',
          section: 'ACTION_REQUIRED',
          urgent: true,
          recordType: 'report',
          recordId: report.id,
          emailStatus: 'SENT',
        }),
      ]);
      expect(typeof list.body.items[0].sentAt).toBe('string');
    }

    // A second return is its own event: emailed again.
    await reportAction(http, w.head.token, report.id, 'submit');
    await reportAction(http, w.office.token, report.id, 'return', '다시 보완 요청');
    await settle(w, 4);
    expect(countsOf(w)).toEqual({ staff: 2, owner: 2 });
  });

  it('emails a 결재 요청 at once to the lead department’s head; the notification centre lists it unread, links it and marks it read', async () => {
    const w = await taskWorld(http, factory);
    const { taskId, title, period } = await slots(w)();
    let report = await openReport(http, w.staff.token, taskId, period);
    report = await fillReport(http, w.staff.token, report);
    const asked = await http.post(
      `/api/v1/reports/${report.id}/approval-request`,
      { version: report.version, note: '검토 후 제출 부탁드립니다.' },
      { token: w.staff.token },
    );
    expect(asked.status).toBe(200);

    await settle(w, 1);
    expect(countsOf(w)).toEqual({ head: 1 });
    const [mail] = mailOf(w).head;
    expect(mail.subject).toBe(`[Gwaje] 이행실적 결재 요청: ${title} (${period})`);
    expect(mail.text).toContain('■ 조치 필요 (1)');
    expect(mail.text).toMatch(/의견: .+ · 검토 후 제출 부탁드립니다\./);
    expect(mail.text).toContain(`${PUBLIC_URL}/reports/${report.id}`);

    // The centre: unread, with the record's title and page, still to be acted on.
    const unread = await http.get('/api/v1/me/notifications/unread-count', {
      token: w.head.token,
    });
    expect(unread.body).toEqual({ unread: 1 });
    const list = await http.get('/api/v1/me/notifications?unread=true', { token: w.head.token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, unread: 1 });
    const [n] = list.body.items;
    expect(n).toMatchObject({
      rule: 'report.approval#1',
      label: '이행실적 결재 요청',
      section: 'ACTION_REQUIRED',
      urgent: true,
      title: `${title} (${period})`,
      path: `/reports/${report.id}`,
      stillOpen: true,
      readAt: null,
    });
    // Nobody else may mark it: another user's notification is a 404, and stays unread.
    for (const other of [w.staff, w.office]) {
      const res = await http.post(`/api/v1/me/notifications/${n.id}/read`, null, {
        token: other.token,
      });
      expect(res.status).toBe(404);
    }
    expect(
      (
        await http.post(`/api/v1/me/notifications/${n.id}/read`, null, {
          token: w.head.token,
        })
      ).status,
    ).toBe(204);
    const after = await http.get('/api/v1/me/notifications', { token: w.head.token });
    expect(after.body).toMatchObject({ total: 1, unread: 0 });
    expect(typeof after.body.items[0].readAt).toBe('string');
    expect(
      (await http.get('/api/v1/me/notifications?unread=true', { token: w.head.token })).body.total,
    ).toBe(0);

    // Submitted: the request is over, which the centre shows (stillOpen false).
    await reportAction(http, w.head.token, report.id, 'submit');
    const done = await http.get('/api/v1/me/notifications', { token: w.head.token });
    expect(done.body.items[0]).toMatchObject({ stillOpen: false });
  });

  it('emails the people a comment mentions at once, linking to the comment; the centre shows who said what', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    const made = await http.post(
      '/api/v1/comments',
      {
        recordType: 'task',
        recordId: task.id,
        body: '착공 일정 확인 부탁드립니다.',
        mentionIds: [w.head.id, w.auditor.id],
      },
      { token: w.staff.token },
    );
    expect(made.status).toBe(201);
    await settle(w, 2);
    expect(countsOf(w)).toEqual({ head: 1, auditor: 1 });
    const [mail] = mailOf(w).head;
    expect(mail.subject).toBe(`[Gwaje] 댓글에서 언급: ${task.title}`);
    expect(mail.text).toContain(`${PUBLIC_URL}/tasks/${task.id}#comment-${made.body.id}`);
    expect(mail.text).toContain('착공 일정 확인 부탁드립니다.');

    const list = await http.get('/api/v1/me/notifications?unread=true', { token: w.head.token });
    expect(list.body.items[0]).toMatchObject({
      rule: 'comment.mention',
      label: '댓글에서 언급',
      title: task.title,
      path: `/tasks/${task.id}#comment-${made.body.id}`,
      stillOpen: true,
    });
    expect(list.body.items[0].note).toContain('착공 일정 확인 부탁드립니다.');
  });

  it('marks all of a user’s notifications read at once, and only theirs', async () => {
    const w = await taskWorld(http, factory);
    const next = slots(w);
    const reports: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { taskId, period } = await next();
      const report = await fillReport(
        http,
        w.staff.token,
        await openReport(http, w.staff.token, taskId, period),
      );
      const asked = await http.post(
        `/api/v1/reports/${report.id}/approval-request`,
        { version: report.version },
        { token: w.staff.token },
      );
      expect(asked.status).toBe(200);
      reports.push(report.id);
    }
    // Sent before the head submits (a request submitted meanwhile is not e-mailed: nothing to do).
    await settle(w, 2);
    for (const id of reports) {
      await reportAction(http, w.head.token, id, 'submit');
      await reportAction(http, w.office.token, id, 'return', '보완 요청');
    }
    // The head: two requests; the staff author: two returns (so does the owner).
    await settle(w, 6);
    const count = async (u: { token: string }) =>
      (await http.get('/api/v1/me/notifications/unread-count', { token: u.token })).body.unread;
    expect(await count(w.head)).toBe(2);
    expect(await count(w.staff)).toBe(2);
    const marked = await http.post('/api/v1/me/notifications/read-all', null, {
      token: w.head.token,
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ marked: 2 });
    expect(await count(w.head)).toBe(0);
    expect(await count(w.staff)).toBe(2);
    expect(
      (await http.post('/api/v1/me/notifications/read-all', null, { token: w.head.token })).body,
    ).toEqual({ marked: 0 });
  });

  it('emails a submitted consultation at once to the organisation’s auditors, and an issued opinion to the requester and the drafter', async () => {
    const cw = await consultationWorld(http, factory);
    const c = await consultationInState(http, cw, 'SUBMITTED');
    const auditors = [cw.auditor.email, cw.auditor2.email].map((e) => e.toLowerCase());
    const notAuditors = [cw.parentAuditor, cw.siblingAuditor, cw.office, cw.staff, cw.head].map(
      (u) => u.email.toLowerCase(),
    );
    // The world's organisation, its parent and its sibling: e-mails to any of them count.
    const orgIds = [cw.org.id, cw.parent.id, cw.sibling.id];
    await sink.waitFor(2, 10_000, (m) => m.to.some((t) => auditors.includes(t)));
    await quiet(orgIds);
    for (const a of auditors) {
      const [mail, ...more] = sink.to(a);
      expect(more).toEqual([]);
      expect(mail.subject).toContain('사전컨설팅 신청 접수');
      expect(mail.text).toContain(`${PUBLIC_URL}/consultations/${c.id}`);
    }
    expect(sink.toAny(notAuditors)).toEqual([]);

    for (const step of ['startScreening', 'accept', 'startReview'] as const) {
      await consultationAction(http, cw.auditor.token, c.id, step);
    }
    await consultationAction(http, cw.auditor.token, c.id, 'issueOpinion', {
      opinion: '허가 가능',
      opinionType: 'ACCEPTABLE',
    });
    // The requester is the DEPT_HEAD who submitted it, the drafter the STAFF who wrote it.
    const parties = [cw.head.email, cw.staff.email].map((e) => e.toLowerCase());
    await sink.waitFor(2, 10_000, (m) => m.to.some((t) => parties.includes(t)));
    await quiet(orgIds);
    for (const p of parties) {
      const [mail, ...more] = sink.to(p);
      expect(more).toEqual([]);
      expect(mail.subject).toContain('사전컨설팅 의견 회신');
      expect(mail.text).toContain(`${PUBLIC_URL}/consultations/${c.id}`);
    }
    expect(sink.toAny(auditors)).toHaveLength(2); // nothing more for the auditors

    for (const [who, rule] of [
      [cw.auditor2, 'consultation.submitted'],
      [cw.head, 'consultation.opinion-issued'],
      [cw.staff, 'consultation.opinion-issued'],
    ] as const) {
      const list = await eventually(
        () => http.get('/api/v1/me/notifications', { token: who.token }),
        (res) => res.body?.items?.[0]?.emailStatus === 'SENT',
      );
      expect(list.body.items).toEqual([
        expect.objectContaining({
          rule,
          urgent: true,
          recordType: 'consultation',
          recordId: c.id,
          emailStatus: 'SENT',
        }),
      ]);
    }
  });

  // ── 7. A run on request ─────────────────────────────────────────────────────────────────────

  /** Waits until the organisation's outbox rows are all relayed; returns them. */
  async function relayedOutbox(orgId: string, count: number) {
    return eventually(
      async () =>
        (
          await factory.db.query<{ id: string; event: string; relayed: boolean }>(
            `SELECT id, event, relayed_at IS NOT NULL AS relayed FROM outbox
              WHERE organisation_id = $1 ORDER BY id`,
            [orgId],
          )
        ).rows,
      (rows) => rows.length === count && rows.every((r) => r.relayed),
    );
  }

  /** Waits for the worker's job of an outbox row (deterministic id outbox-<id>) to complete. */
  async function completedJob(outboxId: string) {
    const queue = new Queue(QueueName.NOTIFICATIONS, {
      connection: bullConnectionOptions(cfg),
      prefix: cfg.redis.prefix,
    });
    try {
      const jobId = `outbox-${outboxId}`;
      const state = await eventually(
        () => queue.getJobState(jobId),
        (s) => s === 'completed',
      );
      return { state, job: await queue.getJob(jobId) };
    } finally {
      await queue.close();
    }
  }

  it('lets PROACTIVE_OFFICE ask for a run (202, the run); the worker runs it and records what it did', async () => {
    const w = await taskWorld(http, factory);
    const refused = await http.post('/api/v1/notifications/run', {}, { token: w.staff.token });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    // Unknown fields and a real run of a future day are refused with the field named.
    const unknown = await http.post(
      '/api/v1/notifications/run',
      { when: 'now' },
      { token: w.office.token },
    );
    expect([unknown.status, unknown.body.details?.[0]?.field]).toEqual([400, 'when']);
    const future = await http.post(
      '/api/v1/notifications/run',
      { date: '2099-01-05' },
      { token: w.office.token },
    );
    expect([future.status, future.body.details?.[0]?.field]).toEqual([400, 'date']);
    const { rows: none } = await factory.db.query(
      `SELECT 1 FROM outbox WHERE organisation_id = $1`,
      [w.org.id],
    );
    expect(none).toHaveLength(0);

    const res = await http.post('/api/v1/notifications/run', {}, { token: w.office.token });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ dryRun: false, status: 'QUEUED', date: seoulDate() });

    const relayed = await relayedOutbox(w.org.id, 1);
    expect(relayed).toEqual([{ id: expect.any(String), event: 'reminders.run', relayed: true }]);
    const { state } = await completedJob(relayed[0].id);
    expect(state).toBe('completed');
    const run = await http.get(`/api/v1/notifications/runs/${res.body.id}`, {
      token: w.office.token,
    });
    expect(run.status).toBe(200);
    // Nothing of its records is due for the new organisation on the real date: only what the
    // calendar alone brings, the weekly summary (to its auditors and office) on a business Monday
    // and, in the year's last weeks, the education shortfall reminders (everyone is short).
    const today = seoulDate();
    // (`rules` lists every rule of the run, those that made nothing with 0.)
    const rules = Object.fromEntries(
      Object.entries(run.body.rules as Record<string, number>).filter(([, n]) => n > 0),
    );
    expect(
      Object.keys(rules).filter((r) => r !== 'weekly.summary' && !r.startsWith('education.short.')),
    ).toEqual([]);
    expect(run.body.notifications).toBe(Object.values(rules).reduce((a, n) => a + n, 0));
    if (weekday(today) === 1 && isBusinessDay(today)) {
      const { rows } = await factory.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE organisation_id = $1 AND active
            AND ('AUDITOR' = ANY(roles) OR 'PROACTIVE_OFFICE' = ANY(roles))`,
        [w.org.id],
      );
      expect(rows[0].n).toBeGreaterThan(0);
      expect(rules['weekly.summary']).toBe(rows[0].n);
    } else {
      expect(rules['weekly.summary']).toBeUndefined();
    }
    if (run.body.notifications === 0) {
      expect(run.body.emails).toBe(0);
      expect(['NOTHING_DUE', 'NOT_A_BUSINESS_DAY']).toContain(run.body.status);
    }
    expect(run.body.finishedAt).not.toBeNull();
    // Another organisation's office cannot read it.
    const other = await taskWorld(http, factory);
    expect(
      (await http.get(`/api/v1/notifications/runs/${res.body.id}`, { token: other.office.token }))
        .status,
    ).toBe(404);
  });

  /** The world's users as the run lists them: id, name, department (from the database). */
  async function listed(w: TaskWorld, role: keyof ReturnType<typeof rolesOf>, language = 'ko') {
    const { rows } = await factory.db.query<{ name: string; department: string }>(
      `SELECT u.name, d.name AS department FROM users u JOIN departments d ON d.id = u.department_id
        WHERE u.id = $1`,
      [rolesOf(w)[role].id],
    );
    return { userId: rolesOf(w)[role].id, ...rows[0], language };
  }
  const rolesOf = (w: TaskWorld) => ({
    owner: w.owner,
    head: w.head,
    office: w.office,
    auditor: w.auditor,
  });

  it('answers "who gets what on a day" with a dry run that changes nothing: a weekday, a Saturday and 추석', async () => {
    const w = await taskWorld(http, factory);
    await reportDueOn(w, slots(w), DUE_1);
    // The head reads English: the list says so.
    const english = await http.put(
      '/api/v1/me/notification-preferences',
      { language: 'en' },
      { token: w.head.token },
    );
    expect(english.status).toBe(200);
    const dry = async (date: string) => {
      const res = await http.post(
        '/api/v1/notifications/run',
        { date, dryRun: true },
        { token: w.office.token },
      );
      expect(res.status).toBe(202);
      return res.body;
    };
    // Monday D: the report due tomorrow (owner and head) and the weekly summary (auditor, office).
    const monday = await dry(D);
    expect(monday).toMatchObject({
      date: D,
      dryRun: true,
      status: 'WOULD_SEND',
      businessDay: true,
      rules: { 'report.due-1': 2, 'weekly.summary': 2 },
      notifications: 4,
      recipients: 4,
      emails: 0,
      recipientsTruncated: false,
      delivery: null,
    });
    // Who gets what: each of the four by name, department and language, with their rule counts;
    // the same when the run is read back.
    const expected = [
      { ...(await listed(w, 'owner')), rules: { 'report.due-1': 1 } },
      { ...(await listed(w, 'head', 'en')), rules: { 'report.due-1': 1 } },
      { ...(await listed(w, 'office')), rules: { 'weekly.summary': 1 } },
      { ...(await listed(w, 'auditor')), rules: { 'weekly.summary': 1 } },
    ];
    const byUser = (list: Array<{ userId: string }>) =>
      [...list].sort((a, b) => a.userId.localeCompare(b.userId));
    expect(byUser(monday.recipientList)).toEqual(byUser(expected));
    const read = await http.get(`/api/v1/notifications/runs/${monday.id}`, {
      token: w.office.token,
    });
    expect(read.body.recipientList).toEqual(monday.recipientList);
    // Saturday and 추석 (Friday 2026-09-25): nothing is reminded, and the run says why.
    for (const day of ['2026-11-21', '2026-09-25'])
      expect(await dry(day)).toMatchObject({
        status: 'NOT_A_BUSINESS_DAY',
        businessDay: false,
        rules: {},
        notifications: 0,
        recipientList: [],
      });
    // Nothing was written or sent.
    const { rows } = await factory.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE organisation_id = $1`,
      [w.org.id],
    );
    expect(rows[0].n).toBe(0);
    await quiet([w.org.id]);
    expect(countsOf(w)).toEqual({});
  });

  it('runs a past weekday, a past Saturday and 추석 for real, each read back with its status and counts per rule and e-mail state', async () => {
    const w = await taskWorld(http, factory);
    await reportDueOn(w, slots(w), DUE_1);
    const ask = async (date: string) => {
      const res = await http.post('/api/v1/notifications/run', { date }, { token: w.office.token });
      expect([res.status, res.body.status, res.body.delivery]).toEqual([202, 'QUEUED', null]);
      return res.body.id as string;
    };
    // Saturday 2026-11-21 and 추석 (Friday 2026-09-25): nothing owed is due by then.
    const ids = [await ask('2026-11-21'), await ask('2026-09-25'), await ask(D)];
    const relayed = await relayedOutbox(w.org.id, 3);
    for (const row of relayed) expect((await completedJob(row.id)).state).toBe('completed');
    const [saturday, chuseok, monday] = await Promise.all(
      ids.map(async (id) => {
        const res = await http.get(`/api/v1/notifications/runs/${id}`, { token: w.office.token });
        expect(res.status).toBe(200);
        return res.body;
      }),
    );
    const none = { sent: 0, retrying: 0, failed: 0, pending: 0, skipped: 0 };
    for (const [run, date] of [
      [saturday, '2026-11-21'],
      [chuseok, '2026-09-25'],
    ])
      expect(run).toMatchObject({
        date,
        dryRun: false,
        status: 'NOT_A_BUSINESS_DAY',
        businessDay: false,
        rules: {},
        notifications: 0,
        recipients: 0,
        emails: 0,
        recipientList: [],
        delivery: { states: none, rules: {} },
      });
    // Monday D: the report due tomorrow (owner, head) and the weekly summary (auditor, office),
    // one digest each, all accepted by the mail server.
    expect(monday).toMatchObject({
      date: D,
      dryRun: false,
      status: 'SENT',
      businessDay: true,
      rules: { 'report.due-1': 2, 'weekly.summary': 2 },
      notifications: 4,
      recipients: 4,
      emails: 4,
      failedEmails: 0,
      recipientsTruncated: false,
      delivery: {
        states: { ...none, sent: 4 },
        rules: { 'report.due-1': { ...none, sent: 2 }, 'weekly.summary': { ...none, sent: 2 } },
      },
    });
    expect(monday.recipientList.map((r: { userId: string }) => r.userId).sort()).toEqual(
      [w.owner.id, w.head.id, w.office.id, w.auditor.id].sort(),
    );
    await quiet([w.org.id]);
    expect(countsOf(w)).toEqual({ owner: 1, head: 1, office: 1, auditor: 1 });
  });

  it('relays a run request written to the outbox and runs it in the worker', async () => {
    // The row exactly as the API's run request writes it (organisation as the record), inserted
    // here so the worker's side is checked whatever the endpoint does.
    const w = await taskWorld(http, factory);
    await factory.db.query(
      `INSERT INTO outbox (organisation_id, event, record_type, record_id, payload)
       VALUES ($1, 'reminders.run', 'organisation', $2, $3)`,
      [w.org.id, w.org.id, JSON.stringify({ requestedBy: w.office.id })],
    );
    const relayed = await relayedOutbox(w.org.id, 1);
    const { state, job } = await completedJob(relayed[0].id);
    expect(state).toBe('completed');
    // Nothing is due for the new organisation (today is the real date): an empty run.
    expect(job?.returnvalue).toEqual({
      notifications: expect.any(Number),
      emails: expect.any(Number),
    });
  });

  it('relays again a row whose job was enqueued but never processed (Redis lost it), and marks rows done only once processed', async () => {
    const w = await taskWorld(http, factory);
    // Handed to the queue an hour ago, never processed: as after a Redis restart without its data.
    const {
      rows: [lost],
    } = await factory.db.query(
      `INSERT INTO outbox (organisation_id, event, record_type, record_id, payload, relayed_at, relays)
       VALUES ($1::uuid, 'reminders.run', 'organisation', $1::text, '{}', now() - interval '1 hour', 1) RETURNING id`,
      [w.org.id],
    );
    const processed = await eventually(
      async () =>
        (
          await factory.db.query(
            `SELECT relays, processed_at IS NOT NULL AS processed FROM outbox WHERE id = $1`,
            [lost.id],
          )
        ).rows[0],
      (r) => r.processed === true,
      20_000,
    );
    expect(processed).toEqual({ relays: 2, processed: true });
  });

  it('needs a signed-in user for the notification endpoints', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/me/notifications'],
      ['GET', '/api/v1/me/notification-preferences'],
      ['PUT', '/api/v1/me/notification-preferences'],
      ['POST', '/api/v1/notifications/run'],
    ] as const) {
      const res = await http.request(method, path, method === 'PUT' ? { body: {} } : {});
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
    // A user with nothing sent to them sees an empty page.
    const { users } = await factory.world(['STAFF']);
    const { accessToken } = await login(http, users.STAFF);
    const mine = await http.get('/api/v1/me/notifications', { token: accessToken });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ items: [], total: 0, limit: 50, offset: 0 });
  });
});
