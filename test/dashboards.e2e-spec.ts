import type { INestApplicationContext } from '@nestjs/common';
import { type Job, Queue } from 'bullmq';
import type { PoolClient } from 'pg';
import type { AppConfig } from '@gwaje/config';
import { DashboardsService } from '@gwaje/dashboards';
import type { Role } from '@gwaje/identity';
import { bullConnectionOptions, DashboardJob, QueueName } from '@gwaje/queues';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { DashboardsProcessor } from '../apps/worker/src/dashboards.processor.js';
import { OutboxRelay } from '../apps/worker/src/outbox-relay.js';
import { testConfig, useTestApi } from './support/app.js';
import { eventually } from './support/redis-server.js';
import { SmtpSink } from './support/smtp-sink.js';
import {
  consultationAction,
  consultationInState,
  type ConsultationWorld,
} from './support/consultations.js';
import {
  type Actor as EvaluationActor,
  type EvaluationWorld,
  readWorkbook,
  roundInScoring,
  score,
  sheet,
} from './support/evaluations.js';
import { login, type TestDept } from './support/factory.js';
import { seatCommittee } from './support/committee.js';
import { fillReport, openReport, reportAction } from './support/reports.js';
import {
  type Actor,
  createTask,
  seoulToday,
  type State,
  type TaskWorld,
  taskWorld,
  transition,
} from './support/tasks.js';

// Progress dashboards (DOMAIN.md §7). One organisation with two departments (A = the task world's
// lead department, B = its "other" department) gets a data set built here: tasks in every status,
// milestones, reports, pre-consultations and an evaluation round of year Y. The dashboard is
// compiled through DashboardsService with a FIXED as-of date (AS_OF), never the clock, and read
// back through the API; every figure is checked against numbers counted by hand below.
//
// Dates. Y is last year (Asia/Seoul): the worker's dirty check looks at this year and last year,
// and the worker's daily job (its e2e spec may run alongside) generates expected reports of the
// CURRENT year for every organisation, so Y's reports are only the ones made here. Every date of
// the data set is in one of three bands:
//   PAST     before AS_OF (Y-09-30)                    – counts as due / overdue in the snapshot
//   BETWEEN  after AS_OF but still in Y (< today)      – not due in the snapshot, due in the
//                                                        drill-down (which is live: today)
//   LATER    Y+3-12-31 or so (after today)             – due nowhere
// The database is written directly (factory.db) only where the API cannot set a past date: report
// due dates and submission times, consultation due dates, turnaround days and year, and the
// start of a task's activity (so reports of Y's quarters are expected). Each place says so.
//
// The compile jobs: other suites' workers (same database) run a dirty check every 30 s and may
// compile this organisation with today's date while its data changes; a compile with the same
// history mark replaces the snapshot. So every figure is read from a response whose asOf is
// AS_OF, and compileFixed() compiles again when another compile got in between.

const TODAY = seoulToday();
const Y = Number(TODAY.slice(0, 4)) - 1;
const d = (monthDay: string) => `${Y}-${monthDay}`;
const AS_OF = d('09-30');
const LATER = `${Y + 3}-12-31`;
const LATER_MILESTONE = `${Y + 3}-06-30`;

const fields = (body: { details?: Array<{ field: string }> }) =>
  (body.details ?? []).map((x) => x.field).sort();
/** Rows sorted by their first cell, for comparisons where the order does not matter. */
const sorted = (rows: unknown[][]) =>
  [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

/** The path from DRAFT to each state and who takes each step (DOMAIN.md §2). */
const PATH: Record<State, Array<['creator' | 'head' | 'office', string]>> = {
  DRAFT: [],
  PROPOSED: [['creator', 'propose']],
  SELECTED: [
    ['creator', 'propose'],
    ['office', 'select'],
  ],
  REJECTED: [
    ['creator', 'propose'],
    ['office', 'reject'],
  ],
  IN_PROGRESS: [
    ['creator', 'propose'],
    ['office', 'select'],
    ['head', 'start'],
  ],
  COMPLETED: [
    ['creator', 'propose'],
    ['office', 'select'],
    ['head', 'start'],
    ['head', 'complete'],
  ],
  SUSPENDED: [
    ['creator', 'propose'],
    ['office', 'select'],
    ['head', 'start'],
    ['office', 'suspend'],
  ],
  DROPPED: [['office', 'drop']],
};
const WITH_REASON = ['reject', 'complete', 'suspend', 'drop', 'reopen'];

/** A department as the data set uses it: who drafts and owns its tasks, and its head. */
interface Dept {
  dept: TestDept;
  creator: Actor;
  owner: Actor;
  head: Actor;
}

interface MilestoneSpec {
  dueDate: string;
  weight?: number;
  /** Marked DONE (through the API) on this date. */
  doneOn?: string;
}

/** Turnaround percentiles come from float arithmetic: compare them to 6 decimals. */
function roundTurnarounds<T>(figures: T): T {
  const copy = structuredClone(figures) as any;
  const fix = (c: any) => {
    if (!c) return;
    for (const k of ['medianTurnaroundDays', 'p90TurnaroundDays'])
      if (typeof c[k] === 'number') c[k] = Math.round(c[k] * 1e6) / 1e6;
  };
  fix(copy?.consultations);
  for (const dep of copy?.departments ?? []) fix(dep.consultations);
  if (Array.isArray(copy)) for (const row of copy) fix(row?.consultations);
  return copy as T;
}

/** The base of the web app's links (config.publicUrl), distinct from the default on purpose. */
const PUBLIC_URL = 'https://gwaje.dashboards.test';

describe('progress dashboards (DOMAIN.md §7)', () => {
  const { http, factory } = useTestApi({}, (config) => {
    config.publicUrl = PUBLIC_URL;
  });

  let worker: INestApplicationContext;
  let dashboards: DashboardsService;
  let processor: DashboardsProcessor;
  let dashboardsQueue: Queue;
  const otherQueues: Queue[] = [];

  let w: TaskWorld;
  let A: Dept;
  let B: Dept;
  let bHead: Actor;
  /** An organisation of its own (AUDITOR, STAFF, PROACTIVE_OFFICE): sees none of w's figures. */
  let other: { orgId: string; auditor: Actor; staff: Actor; office: Actor };
  /** The first read of the dashboard, before any compile and before any record existed. */
  let beforeCompile: { auditor: any; staff: any };

  const tasks: Record<string, any> = {};
  const reports: Record<string, string> = {};
  const consultations: Record<string, any> = {};
  let round: any;

  async function actor(dept: TestDept, roles: Role[]): Promise<Actor> {
    const user = await factory.user(dept, roles);
    return { ...user, token: (await login(http, user)).accessToken };
  }

  // ── The data set ────────────────────────────────────────────────────────────────────────────

  /** A task of year Y through the API: created, milestones marked done, driven to `state`. */
  async function task(
    dept: Dept,
    state: State,
    dueDate: string,
    milestones: MilestoneSpec[] = [],
  ): Promise<any> {
    const created = await createTask(http, dept.creator.token, dept.owner.id, {
      year: Y,
      startDate: d('01-02'),
      dueDate,
      milestones: milestones.map((m, i) => ({
        title: `단계 ${i + 1}`,
        dueDate: m.dueDate,
        weight: m.weight ?? 1,
      })),
    });
    for (const [i, m] of milestones.entries()) {
      if (!m.doneOn) continue;
      const ms = created.milestones.find((x: any) => x.title === `단계 ${i + 1}`);
      // A draft's milestones are the lead department's STAFF's to record.
      const res = await http.patch(
        `/api/v1/tasks/${created.id}/milestones/${ms.id}`,
        {
          version: ms.version,
          status: 'DONE',
          doneDate: m.doneOn,
          // Last year's work, entered now (사후 입력).
          lateEntryReason: '지난해 실적 입력',
        },
        { token: dept.creator.token },
      );
      if (res.status !== 200)
        throw new Error(`milestone done: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const tokens = { creator: dept.creator.token, head: dept.head.token, office: w.office.token };
    let t = created;
    for (const [who, action] of PATH[state]) {
      t = await transition(
        http,
        tokens[who],
        created.id,
        action as any,
        WITH_REASON.includes(action) ? `${action} 사유` : undefined,
      );
    }
    if (t.status !== state) throw new Error(`expected ${state}, got ${t.status}`);
    return t;
  }

  /**
   * Dates a task's activity back to Y-01-01 09:00 Asia/Seoul (database: the API records the
   * selection as of now), so every quarter of Y expects a report of it.
   */
  async function activeSinceStartOfY(taskId: string) {
    await factory.db.query(
      `UPDATE task_active_spans SET active_from = ($2::date + time '09:00') AT TIME ZONE 'Asia/Seoul'
        WHERE task_id = $1`,
      [taskId, d('01-01')],
    );
  }

  /**
   * A report opened through the API; its due date set in the database (a fixed date of Y, not the
   * calendar's); optionally filled and submitted through the API, its submission time then moved
   * to `submitted.at` (Asia/Seoul wall time) in the database, and reviewed through the API.
   */
  async function report(
    dept: Dept,
    taskId: string,
    period: string,
    dueDate: string,
    submitted?: { at: string; progress: number; review?: 'accept' | 'return' },
  ): Promise<string> {
    const opened = await openReport(http, dept.creator.token, taskId, period);
    await factory.db.query(`UPDATE reports SET due_date = $2 WHERE id = $1`, [opened.id, dueDate]);
    if (submitted) {
      await fillReport(http, dept.creator.token, opened, { progress: submitted.progress });
      await reportAction(http, dept.head.token, opened.id, 'submit');
      await factory.db.query(
        `UPDATE reports SET first_submitted_at = ($2::timestamp AT TIME ZONE 'Asia/Seoul'),
                            submitted_at = ($2::timestamp AT TIME ZONE 'Asia/Seoul')
          WHERE id = $1`,
        [opened.id, submitted.at],
      );
      if (submitted.review === 'accept')
        await reportAction(http, w.auditor.token, opened.id, 'accept');
      if (submitted.review === 'return') {
        await reportAction(http, w.auditor.token, opened.id, 'return', '실적 보완 필요');
        // Returned the day after the submission, in year Y (the year's count of returns).
        await factory.db.query(
          `UPDATE report_returns SET returned_at = ($2::timestamp AT TIME ZONE 'Asia/Seoul') + interval '1 day'
            WHERE report_id = $1`,
          [opened.id, submitted.at],
        );
      }
    }
    return opened.id;
  }

  /** A pre-consultation of the department through the API, in `state`. */
  function consult(dept: Dept, state: string, subject: string) {
    const cw = { staff: dept.creator, head: dept.head, auditor: w.auditor };
    return consultationInState(http, cw as unknown as ConsultationWorld, state, { subject });
  }

  async function buildDataSet() {
    // ── Tasks (year Y) ──
    // Dept A: every status. progress = 100 when COMPLETED, else the latest accepted report's
    // figure, else the weighted share of done milestones.
    tasks.A1 = await task(A, 'DRAFT', LATER);
    tasks.A2 = await task(A, 'PROPOSED', LATER);
    tasks.A3 = await task(A, 'REJECTED', LATER);
    tasks.A4 = await task(A, 'DROPPED', LATER);
    // SELECTED, a PAST milestone still planned → delayed; progress 0/2 = 0
    tasks.A5 = await task(A, 'SELECTED', LATER, [
      { dueDate: d('06-30') },
      { dueDate: LATER_MILESTONE },
    ]);
    // IN_PROGRESS, both milestones done; progress from its accepted Q1 report: 30
    tasks.A6 = await task(A, 'IN_PROGRESS', LATER, [
      { dueDate: d('03-31'), doneOn: d('03-28') },
      { dueDate: d('08-31'), doneOn: d('08-29') },
    ]);
    // IN_PROGRESS, a milestone due ON the as-of date (done) and one due BETWEEN (planned):
    // not delayed at AS_OF, delayed today; progress 1/2 = 50
    tasks.A7 = await task(A, 'IN_PROGRESS', LATER, [
      { dueDate: AS_OF, doneOn: d('09-25') },
      { dueDate: d('11-30') },
    ]);
    tasks.A8 = await task(A, 'COMPLETED', d('06-30'), [
      { dueDate: d('05-31'), doneOn: d('05-30') },
    ]);
    tasks.A9 = await task(A, 'COMPLETED', d('12-31'));
    // SUSPENDED past its due date with a planned PAST milestone: not delayed (not running)
    tasks.A10 = await task(A, 'SUSPENDED', d('07-31'), [{ dueDate: d('04-30') }]);
    // Dept B
    tasks.B1 = await task(B, 'DRAFT', LATER);
    tasks.B2 = await task(B, 'SELECTED', LATER); // progress 0
    // due BETWEEN: not delayed at AS_OF, delayed today; progress from its accepted Q2 report: 70
    tasks.B3 = await task(B, 'IN_PROGRESS', d('12-15'));
    // due PAST → delayed; progress 1 of weight 1 + 3 → 25
    tasks.B4 = await task(B, 'IN_PROGRESS', d('06-30'), [
      { dueDate: d('03-31'), doneOn: d('03-30') },
      { dueDate: d('06-30'), weight: 3 },
    ]);
    tasks.B5 = await task(B, 'COMPLETED', d('10-31'));
    tasks.B6 = await task(B, 'DROPPED', LATER);
    for (const t of [tasks.A5, tasks.A6, tasks.A7, tasks.B2, tasks.B3, tasks.B4])
      await activeSinceStartOfY(t.id);

    // ── Reports of Y (due dates and submission times fixed in the database, see report()) ──
    // A due date is always after its period's end (a database constraint): Q1 ends 03-31, Q2 06-30,
    // Q3 09-30.
    // Dept A
    reports.R1 = await report(A, tasks.A6.id, `${Y}-Q1`, d('04-08'), {
      at: `${d('04-07')} 10:00`, // on time
      progress: 30,
      review: 'accept',
    });
    reports.R2 = await report(A, tasks.A6.id, `${Y}-Q2`, d('07-08'), {
      // 00:30 in Seoul on the day after the due date (still the due date in UTC): late
      at: `${d('07-09')} 00:30`,
      progress: 45,
      review: 'return',
    });
    reports.R3 = await report(A, tasks.A6.id, `${Y}-Q3`, d('10-14')); // due BETWEEN, not submitted
    reports.R4 = await report(A, tasks.A7.id, `${Y}-Q1`, d('04-08')); // PAST, not submitted: missing
    reports.R5 = await report(A, tasks.A7.id, `${Y}-Q2`, d('07-08'), {
      at: `${d('07-08')} 23:30`, // on the due date itself, late evening in Seoul: on time
      progress: 50,
    });
    // A5 is SELECTED: it owes reports too. Due ON the as-of date: not yet due, not missing.
    reports.R6 = await report(A, tasks.A5.id, `${Y}-Q2`, AS_OF);
    // Dept B
    reports.R7 = await report(B, tasks.B3.id, `${Y}-Q1`, d('04-08'), {
      at: `${d('04-01')} 09:00`,
      progress: 60,
      review: 'accept',
    });
    reports.R8 = await report(B, tasks.B3.id, `${Y}-Q2`, d('07-08'), {
      at: `${d('07-20')} 15:00`, // late, still accepted
      progress: 70,
      review: 'accept',
    });
    reports.R9 = await report(B, tasks.B4.id, `${Y}-Q1`, d('04-08')); // missing
    reports.R10 = await report(B, tasks.B4.id, `${Y}-Q2`, d('07-08'), {
      at: `${d('07-07')} 18:00`,
      progress: 20,
    });
    reports.R11 = await report(B, tasks.B2.id, `${Y}-Q1`, d('04-08'), {
      at: `${d('04-03')} 11:00`,
      progress: 10,
    });

    // ── Pre-consultations ──
    consultations.C1 = await consult(A, 'DRAFT', 'C1 초안');
    consultations.C2 = await consult(A, 'SUBMITTED', 'C2 신청');
    consultations.C3 = await consult(A, 'SCREENING', 'C3 접수 검토');
    consultations.C4 = await consult(A, 'UNDER_REVIEW', 'C4 검토 중 (연장)');
    await consultationAction(http, w.auditor.token, consultations.C4.id, 'extend', {
      days: 30,
      reason: '관계기관 협의',
    });
    consultations.C5 = await consult(A, 'OPINION_ISSUED', 'C5 의견 회신');
    consultations.C6 = await consult(A, 'CLOSED', 'C6 종결 (이행)'); // followed: immunity presumed
    consultations.C7 = await consult(A, 'REJECTED', 'C7 반려');
    consultations.C8 = await consult(B, 'DRAFT', 'C8 초안');
    consultations.C9 = await consult(B, 'ACCEPTED', 'C9 접수');
    consultations.C10 = await consult(B, 'COMMITTEE_ADVICE', 'C10 위원회 자문');
    consultations.C11 = await consult(B, 'OPINION_ISSUED', 'C11 종결 (미이행)');
    await consultationAction(http, B.creator.token, consultations.C11.id, 'close', {
      followUp: 'NOT_FOLLOWED',
      reason: '예산 사정으로 이행하지 못함',
    });
    consultations.C12 = await consult(B, 'CLOSED', 'C12 종결 (이행)');
    // Database: the API stamps the year of creation (today's) and dates the deadlines from now; the
    // data set belongs to Y with fixed deadlines and turnarounds.
    await factory.db.query(`UPDATE consultations SET year = $2 WHERE organisation_id = $1`, [
      w.org.id,
      Y,
    ]);
    const set = (id: string, column: string, value: string | number) =>
      factory.db.query(`UPDATE consultations SET ${column} = $2 WHERE id = $1`, [id, value]);
    await set(consultations.C2.id, 'screening_due_date', d('09-20')); // PAST: overdue
    // Y-09-20 + 30 days extension = Y-10-20 (BETWEEN): not overdue at AS_OF, overdue today
    await set(consultations.C4.id, 'opinion_due_date', d('09-20'));
    await set(consultations.C9.id, 'opinion_due_date', d('08-31')); // overdue
    await set(consultations.C10.id, 'opinion_due_date', d('09-29')); // the day before AS_OF: overdue
    await set(consultations.C5.id, 'turnaround_days', 3);
    await set(consultations.C6.id, 'turnaround_days', 40);
    await set(consultations.C11.id, 'turnaround_days', 10);
    await set(consultations.C12.id, 'turnaround_days', 20);

    // ── Evaluation round of Y: 2 members, 4 nominations (one excluded), 3 sheets, 1 conflict ──
    const [committee2, nominee3, nominee4] = await Promise.all([
      actor(w.partnerDept, ['COMMITTEE']),
      actor(A.dept, ['STAFF']),
      actor(A.dept, ['STAFF']),
    ]);
    const m1: EvaluationActor = { ...w.committee, name: '위원가' };
    const m2: EvaluationActor = { ...committee2, name: '위원나' };
    const head: EvaluationActor = { ...w.head, name: '주관과장' };
    const ew = { office: { ...w.office, name: '적극행정담당' }, members: [m1, m2] };
    // The round's scorers sit on the organisation's standing committee.
    await seatCommittee(http, ew.office, [m1, m2]);
    const made = await roundInScoring(
      http,
      ew as unknown as EvaluationWorld,
      [w.owner, w.staff, nominee3, nominee4].map((n) => ({
        by: head,
        type: 'OFFICIAL' as const,
        source: 'DEPARTMENT' as const,
        nomineeUserIds: [n.id],
      })),
      {
        members: [m1, m2],
        exclude: [3],
        round: {
          year: Y,
          title: `${Y}년 적극행정 우수공무원 선발`,
          nominationsOpen: d('11-01'),
          nominationsClose: d('11-20'),
          scoringDue: d('12-05'),
          resolutionDate: d('12-12'),
        },
      },
    );
    round = made.round;
    const [n1, n2, n3] = made.nominations;
    await score(http, m1, n1.id, sheet(30, 15, 15, 8, 8));
    await score(http, m2, n1.id, sheet(32, 16, 14, 8, 7));
    await score(http, m1, n2.id, sheet(28, 14, 14, 7, 7));
    const conflict = await http.post(
      `/api/v1/nominations/${n3.id}/conflicts`,
      { reason: '후보자와 같은 팀에서 근무함' },
      { token: m2.token },
    );
    if (conflict.status !== 200)
      throw new Error(`conflict: ${conflict.status} ${JSON.stringify(conflict.body)}`);
  }

  beforeAll(async () => {
    // The worker context, for DashboardsService and DashboardsProcessor. Its queues live under a
    // prefix of this suite's own (inside the run's, so teardown removes them) and are paused before
    // it starts: it processes no job at all, so the queue can be inspected and no compile with
    // today's date lands in this suite's snapshot. Its outbox relay is stopped before its first
    // round (the relay lock is held while it boots), so it never takes other suites' outbox rows.
    const cfg = testConfig();
    cfg.redis.prefix = `${cfg.redis.prefix}:dashboards-e2e`;
    const connection = bullConnectionOptions(cfg);
    for (const name of Object.values(QueueName)) {
      const q = new Queue(name, { connection, prefix: cfg.redis.prefix });
      await q.pause();
      if (name === QueueName.DASHBOARDS) dashboardsQueue = q;
      else otherQueues.push(q);
    }
    const lock = await factory.db.connect();
    try {
      await lock.query(`SELECT pg_advisory_lock(hashtextextended('outbox-relay', 0))`);
      worker = await createWorker(cfg);
      await worker.get(OutboxRelay).beforeApplicationShutdown();
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtextextended('outbox-relay', 0))`);
      lock.release();
    }
    dashboards = worker.get(DashboardsService);
    processor = worker.get(DashboardsProcessor);

    w = await taskWorld(http, factory);
    bHead = await actor(w.otherDept, ['DEPT_HEAD']);
    A = { dept: w.lead, creator: w.staff, owner: w.owner, head: w.head };
    B = { dept: w.otherDept, creator: w.outsider, owner: w.outsider, head: bHead };
    const o = await factory.world(['AUDITOR', 'STAFF', 'PROACTIVE_OFFICE']);
    const token = async (u: (typeof o.users)['STAFF']) => ({
      ...u,
      token: (await login(http, u)).accessToken,
    });
    other = {
      orgId: o.org.id,
      auditor: await token(o.users.AUDITOR),
      staff: await token(o.users.STAFF),
      office: await token(o.users.PROACTIVE_OFFICE),
    };

    // Before anything: no record, no history, so no compile of anyone's can have run yet.
    beforeCompile = {
      auditor: (await http.get(`/api/v1/dashboards?year=${Y}`, { token: w.auditor.token })).body,
      staff: (await http.get(`/api/v1/dashboards?year=${Y}`, { token: w.staff.token })).body,
    };

    await buildDataSet();
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    for (const q of [dashboardsQueue, ...otherQueues]) await q?.close();
  });

  // ── Reading ──────────────────────────────────────────────────────────────────────────────────

  function read(token: string, query = '') {
    return http.get(`/api/v1/dashboards?year=${Y}${query}`, { token });
  }

  /**
   * Compiles with a fixed as-of date and returns the auditor's read of it; compiles again when
   * another compile (another suite's worker, with today's date) replaced it in between.
   */
  async function compileAt(asOf: string): Promise<any> {
    for (let attempt = 0; attempt < 5; attempt++) {
      await dashboards.compile(w.org.id, Y, asOf);
      const res = await read(w.auditor.token);
      expect(res.status).toBe(200);
      if (res.body.asOf === asOf && res.body.stale === false) return res.body;
    }
    throw new Error(`the snapshot as of ${asOf} kept being replaced`);
  }
  const compileFixed = () => compileAt(AS_OF);

  async function historyMark(): Promise<string> {
    const { rows } = await factory.db.query<{ seq: string }>(
      `SELECT max(id)::text AS seq FROM history WHERE organisation_id = $1`,
      [w.org.id],
    );
    return rows[0].seq;
  }

  // ── The expected figures, counted by hand ───────────────────────────────────────────────────

  const TASKS_A = {
    total: 10, // A1…A10
    byStatus: {
      DRAFT: 1, // A1
      PROPOSED: 1, // A2
      SELECTED: 1, // A5
      REJECTED: 1, // A3
      IN_PROGRESS: 2, // A6, A7
      COMPLETED: 2, // A8, A9
      SUSPENDED: 1, // A10
      DROPPED: 1, // A4
    },
    priority: 6, // SELECTED 1 + IN_PROGRESS 2 + COMPLETED 2 + SUSPENDED 1
    completed: 2,
    inProgress: 2,
    delayed: 1, // A5 (milestone Y-06-30 planned); A7's planned one is due after AS_OF
    completionRate: 33.3, // 2 / 6 = 33.33…%
    // A5 0 + A6 30 + A7 50 + A8 100 + A9 100 + A10 0 = 280; 280 / 6 = 46.66… → 46.7
    averageProgress: 46.7,
    milestones: {
      total: 8, // A5 2 + A6 2 + A7 2 + A8 1 + A10 1
      done: 4, // A6 2 + A7 1 + A8 1
      due: 6, // due ≤ AS_OF: A5 06-30, A6 03-31 + 08-31, A7 09-30 (= AS_OF), A8 05-31, A10 04-30
      doneOfDue: 4, // A6 2 + A7's 09-30 + A8 05-31
    },
  };
  const TASKS_B = {
    total: 6, // B1…B6
    byStatus: {
      DRAFT: 1, // B1
      PROPOSED: 0,
      SELECTED: 1, // B2
      REJECTED: 0,
      IN_PROGRESS: 2, // B3, B4
      COMPLETED: 1, // B5
      SUSPENDED: 0,
      DROPPED: 1, // B6
    },
    priority: 4, // 1 + 2 + 1
    completed: 1,
    inProgress: 2,
    delayed: 1, // B4 (due Y-06-30); B3 is due Y-12-15, after AS_OF
    completionRate: 25, // 1 / 4
    // B2 0 + B3 70 + B4 25 + B5 100 = 195; 195 / 4 = 48.75 → 48.8
    averageProgress: 48.8,
    milestones: { total: 2, done: 1, due: 2, doneOfDue: 1 }, // B4: 03-31 done, 06-30 planned
  };
  const TASKS_ORG = {
    total: 16, // 10 + 6
    byStatus: {
      DRAFT: 2,
      PROPOSED: 1,
      SELECTED: 2,
      REJECTED: 1,
      IN_PROGRESS: 4,
      COMPLETED: 3,
      SUSPENDED: 1,
      DROPPED: 2,
    },
    priority: 10, // 6 + 4
    completed: 3,
    inProgress: 4,
    delayed: 2, // A5, B4
    completionRate: 30, // 3 / 10
    averageProgress: 47.5, // (280 + 195) / 10
    milestones: { total: 10, done: 5, due: 8, doneOfDue: 5 },
  };

  const REPORTS_A = {
    expected: 6, // R1…R6
    due: 4, // due < AS_OF: R1, R2, R4, R5 (R3 due 10-14; R6 due ON AS_OF is not yet past)
    submitted: 3, // R1, R2, R5
    onTime: 2, // R1 (04-07 ≤ 04-08), R5 (07-08 23:30 Seoul ≤ 07-08)
    late: 1, // R2 (07-09 00:30 Seoul > 07-08)
    missing: 1, // R4
    awaitingReview: 1, // R5
    accepted: 1, // R1
    returned: 1, // R2, returned during Y
    returnedNow: 1, // R2, not resubmitted since
    onTimeRate: 50, // 2 / 4
  };
  const REPORTS_B = {
    expected: 5, // R7…R11
    due: 5, // R7 04-08, R8 07-08, R9 04-08, R10 07-08, R11 04-08: all < AS_OF
    submitted: 4, // R7, R8, R10, R11
    onTime: 3, // R7, R10, R11
    late: 1, // R8
    missing: 1, // R9
    awaitingReview: 2, // R10, R11
    accepted: 2, // R7, R8
    returned: 0,
    returnedNow: 0,
    onTimeRate: 60, // 3 / 5
  };
  const REPORTS_ORG = {
    expected: 11,
    due: 9,
    submitted: 7,
    onTime: 5,
    late: 2,
    missing: 2,
    awaitingReview: 3,
    accepted: 3,
    returned: 1,
    returnedNow: 1,
    onTimeRate: 55.6, // 5 / 9 = 55.55…%
  };

  const NO_STATES = {
    SUBMITTED: 0,
    SCREENING: 0,
    REJECTED: 0,
    ACCEPTED: 0,
    UNDER_REVIEW: 0,
    ESCALATED: 0,
    COMMITTEE_ADVICE: 0,
    OPINION_ISSUED: 0,
    CLOSED: 0,
  };
  const CONSULTATIONS_A = {
    total: 6, // C2…C7 (the draft C1 stays out)
    byState: {
      ...NO_STATES,
      SUBMITTED: 1, // C2
      SCREENING: 1, // C3
      UNDER_REVIEW: 1, // C4
      OPINION_ISSUED: 1, // C5
      CLOSED: 1, // C6
      REJECTED: 1, // C7
    },
    overdue: 1, // C2 (screening due 09-20); C4's opinion is due 09-20 + 30 = 10-20
    immunityPresumed: 1, // C6
    medianTurnaroundDays: 21.5, // [3, 40]: (3 + 40) / 2
    p90TurnaroundDays: 36.3, // 3 + 0.9 × (40 − 3)
  };
  const CONSULTATIONS_B = {
    total: 4, // C9…C12
    byState: { ...NO_STATES, ACCEPTED: 1, COMMITTEE_ADVICE: 1, CLOSED: 2 },
    overdue: 2, // C9 (opinion due 08-31), C10 (09-29)
    immunityPresumed: 1, // C12 (C11 was not followed)
    medianTurnaroundDays: 15, // [10, 20]
    p90TurnaroundDays: 19, // 10 + 0.9 × 10
  };
  const CONSULTATIONS_ORG = {
    total: 10,
    byState: {
      SUBMITTED: 1,
      SCREENING: 1,
      REJECTED: 1,
      ACCEPTED: 1,
      UNDER_REVIEW: 1,
      ESCALATED: 0,
      COMMITTEE_ADVICE: 1,
      OPINION_ISSUED: 1,
      CLOSED: 3,
    },
    overdue: 3,
    immunityPresumed: 2,
    // percentile_cont over [3, 10, 20, 40]: median (10 + 20) / 2 = 15;
    // p90 at position 0.9 × 3 = 2.7 → 20 + 0.7 × (40 − 20) = 34
    medianTurnaroundDays: 15,
    p90TurnaroundDays: 34,
  };

  const evaluationsExpected = () => ({
    rounds: [
      {
        id: round.id,
        kind: 'ANNUAL',
        title: `${Y}년 적극행정 우수공무원 선발`,
        status: 'SCORING',
        // n1 and n2 scored, n3 verified, n4 excluded
        nominationsByState: { SCORED: 2, VERIFIED: 1, EXCLUDED: 1 },
        // 2 members × 3 verified-or-scored nominations − m2's conflict on n3 = 5
        sheetsOwed: 5,
        sheetsScored: 3, // m1 on n1 and n2, m2 on n1
        scoringCompletion: 60, // 3 / 5
      },
    ],
  });

  const deptA = () => ({
    departmentId: A.dept.id,
    departmentName: A.dept.name,
    tasks: TASKS_A,
    reports: REPORTS_A,
    consultations: CONSULTATIONS_A,
  });
  const deptB = () => ({
    departmentId: B.dept.id,
    departmentName: B.dept.name,
    tasks: TASKS_B,
    reports: REPORTS_B,
    consultations: CONSULTATIONS_B,
  });

  // ── 1. The figures ──────────────────────────────────────────────────────────────────────────

  describe('figures compiled as of a fixed date', () => {
    it('counts every figure of the organisation as of AS_OF', async () => {
      const view = await compileFixed();
      expect(view).toMatchObject({
        organisationId: w.org.id,
        year: Y,
        scope: 'ORGANISATION',
        asOf: AS_OF,
        stale: false,
        highWaterMark: await historyMark(),
      });
      expect(roundTurnarounds(view.figures)).toEqual({
        tasks: TASKS_ORG,
        reports: REPORTS_ORG,
        consultations: CONSULTATIONS_ORG,
        evaluations: evaluationsExpected(),
      });
    });

    it('counts every figure per department: only the departments with records, each its own', async () => {
      const view = await compileFixed();
      // The proactive office, the audit unit and the partner department have no task, report or
      // consultation of their own: they are not listed.
      expect(view.departments).toHaveLength(2);
      const byId = Object.fromEntries(view.departments.map((x: any) => [x.departmentId, x]));
      expect(roundTurnarounds(byId[A.dept.id])).toEqual(deptA());
      expect(roundTurnarounds(byId[B.dept.id])).toEqual(deptB());
    });

    it('follows the as-of date it is given, not the clock', async () => {
      // As of Y-05-01 (still in the PAST band for nothing after it):
      //   milestones due ≤ 05-01: A6 03-31, A10 04-30, B4 03-31 = 3; done of those: A6, B4 = 2
      //   delayed: none (A5's milestone 06-30 and B4's due date 06-30 are still ahead)
      //   reports due < 05-01 (the Q1 ones): R1, R4, R7, R9, R11 = 5; on time of those R1, R7,
      //   R11 → 3 / 5 = 60; missing R4, R9 = 2
      //   consultations overdue: none (the earliest deadline is 08-31)
      const early = await compileAt(d('05-01'));
      expect(early.figures.tasks.milestones).toEqual({ total: 10, done: 5, due: 3, doneOfDue: 2 });
      expect(early.figures.tasks.delayed).toBe(0);
      expect(early.figures.reports).toMatchObject({ due: 5, missing: 2, onTimeRate: 60 });
      expect(early.figures.consultations.overdue).toBe(0);
      // Back to AS_OF for the other tests.
      const view = await compileFixed();
      expect(view.figures.tasks.delayed).toBe(2);
    });
  });

  // ── 3. Who sees what ────────────────────────────────────────────────────────────────────────

  describe('scope per role', () => {
    /** The snapshot this block reads: compiled between these two moments. */
    const compiled = { from: 0, to: 0 };
    beforeAll(async () => {
      compiled.from = Date.now();
      await compileFixed();
      compiled.to = Date.now();
    });

    it('before any compile: no snapshot, no figures', () => {
      expect(beforeCompile.auditor).toMatchObject({
        organisationId: w.org.id,
        year: Y,
        scope: 'ORGANISATION',
        compiledAt: null,
        ageSeconds: null,
        asOf: null,
        highWaterMark: null,
        figures: null,
        departments: [],
      });
      expect(beforeCompile.staff).toMatchObject({
        scope: 'DEPARTMENT',
        compiledAt: null,
        figures: null,
        departments: [],
      });
    });

    it('AUDITOR and PROACTIVE_OFFICE see the organisation with its departments, and any department', async () => {
      for (const who of [w.auditor, w.office]) {
        const asked = Date.now();
        const org = await read(who.token);
        const answered = Date.now();
        expect(org.status).toBe(200);
        expect(org.body.asOf).toBe(AS_OF);
        expect(org.body.scope).toBe('ORGANISATION');
        expect(org.body.figures.tasks).toEqual(TASKS_ORG);
        expect(org.body.departments.map((x: any) => x.departmentId).sort()).toEqual(
          [A.dept.id, B.dept.id].sort(),
        );
        // The snapshot shown is the one compiled before this block, and its age is counted from
        // then to the moment of the read (ordered by events, not by how long the suite takes).
        const compiledAt = new Date(org.body.compiledAt).getTime();
        expect(compiledAt).toBeGreaterThanOrEqual(compiled.from);
        expect(compiledAt).toBeLessThanOrEqual(compiled.to);
        expect(typeof org.body.ageSeconds).toBe('number');
        expect(org.body.ageSeconds).toBeGreaterThanOrEqual(Math.round((asked - compiledAt) / 1000));
        expect(org.body.ageSeconds).toBeLessThanOrEqual(Math.round((answered - compiledAt) / 1000));

        for (const [dept, expected] of [
          [A, deptA()],
          [B, deptB()],
        ] as const) {
          const one = await read(who.token, `&departmentId=${dept.dept.id}`);
          expect(one.status).toBe(200);
          expect(one.body).toMatchObject({ scope: 'DEPARTMENT', asOf: AS_OF, departments: [] });
          expect(roundTurnarounds(one.body.figures)).toEqual({
            tasks: expected.tasks,
            reports: expected.reports,
            consultations: expected.consultations,
          });
        }
      }
    });

    it("STAFF and DEPT_HEAD see only their own department's figures", async () => {
      for (const [who, expected] of [
        [w.staff, deptA()],
        [w.head, deptA()],
        [w.outsider, deptB()],
        [bHead, deptB()],
      ] as const) {
        for (const query of ['', `&departmentId=${expected.departmentId}`]) {
          const res = await read(who.token, query);
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject({
            organisationId: w.org.id,
            scope: 'DEPARTMENT',
            asOf: AS_OF,
            stale: false,
            departments: [],
          });
          expect(roundTurnarounds(res.body.figures)).toEqual({
            tasks: expected.tasks,
            reports: expected.reports,
            consultations: expected.consultations,
          });
          // No organisation-wide section for a department.
          expect(res.body.figures.evaluations).toBeUndefined();
        }
      }
    });

    it("STAFF and DEPT_HEAD asking for another department's figures get 403", async () => {
      for (const [who, otherDept] of [
        [w.staff, B.dept.id],
        [w.head, B.dept.id],
        [w.outsider, A.dept.id],
        [bHead, A.dept.id],
      ] as const) {
        const res = await read(who.token, `&departmentId=${otherDept}`);
        expect([who.email, res.status]).toEqual([who.email, 403]);
      }
    });

    it('COMMITTEE and ADMIN get 403; no token 401', async () => {
      expect((await read(w.committee.token)).status).toBe(403);
      expect((await read(w.admin.token)).status).toBe(403);
      expect((await read(w.committee.token, `&departmentId=${A.dept.id}`)).status).toBe(403);
      expect((await http.get(`/api/v1/dashboards?year=${Y}`)).status).toBe(401);
    });

    it("a user of another organisation never sees this organisation's figures", async () => {
      const own = await read(other.auditor.token);
      expect(own.status).toBe(200);
      expect(own.body.organisationId).toBe(other.orgId);
      // Their organisation has no record of Y: nothing, or zeros, never w's numbers.
      expect(own.body.figures?.tasks?.total ?? 0).toBe(0);
      expect(own.body.departments.map((x: any) => x.departmentId)).not.toContain(A.dept.id);
      // Naming w's department changes nothing: it is not in their snapshot.
      const named = await read(other.auditor.token, `&departmentId=${A.dept.id}`);
      expect(named.status).toBe(200);
      expect(named.body.organisationId).toBe(other.orgId);
      expect(named.body.figures).toBeNull();
      // Their staff may not even ask for it.
      expect((await read(other.staff.token, `&departmentId=${A.dept.id}`)).status).toBe(403);
      // Nor do the drill-downs show w's records.
      for (const kind of [
        'delayedTasks',
        'missingReports',
        'lateReports',
        'overdueConsultations',
      ]) {
        for (const q of ['', `&departmentId=${A.dept.id}`]) {
          const res = await http.get(`/api/v1/dashboards/drilldown?year=${Y}&kind=${kind}${q}`, {
            token: other.auditor.token,
          });
          expect([kind, q, res.status, res.body.total, res.body.items]).toEqual([
            kind,
            q,
            200,
            0,
            [],
          ]);
        }
      }
    });

    it('rejects a missing or malformed year or department with 400 on the field', async () => {
      const cases: Array<[string, string[]]> = [
        ['', ['year']],
        ['?year=abc', ['year']],
        ['?year=1999', ['year']],
        [`?year=${Y}&departmentId=not-a-uuid`, ['departmentId']],
      ];
      for (const [query, expected] of cases) {
        const res = await http.get(`/api/v1/dashboards${query}`, { token: w.auditor.token });
        expect([query, res.status, fields(res.body)]).toEqual([query, 400, expected]);
      }
    });
  });

  // ── 4. Drill-down (live: as of today, where every date of Y has passed) ──────────────────────

  describe('drill-down', () => {
    function drill(token: string, query: string) {
      return http.get(`/api/v1/dashboards/drilldown?year=${Y}&${query}`, { token });
    }
    const ids = (res: { body: { items: Array<{ id: string }> } }) =>
      res.body.items.map((i) => i.id);

    it('delayedTasks lists exactly the delayed tasks, by due date, each with its web page and API resource', async () => {
      const res = await drill(w.auditor.token, 'kind=delayedTasks');
      expect(res.status).toBe(200);
      // Today every PAST and BETWEEN date has passed: A5 (milestone 06-30), A7 (milestone 11-30),
      // B3 (due 12-15), B4 (due 06-30). Not A6 (all milestones done, due LATER), B2 (due LATER), nor
      // A10 (suspended). Ordered by due date, then code (A5 was created before A7).
      expect(res.body).toMatchObject({ kind: 'delayedTasks', total: 4, limit: 50, offset: 0 });
      expect(ids(res)).toEqual([tasks.B4.id, tasks.B3.id, tasks.A5.id, tasks.A7.id]);
      expect(res.body.items[0]).toEqual({
        id: tasks.B4.id,
        recordType: 'task',
        title: `${tasks.B4.code} ${tasks.B4.title}`,
        departmentName: B.dept.name,
        dueDate: d('06-30'),
        // The page a person opens, as e-mails link to it (under PUBLIC_URL), and the API resource.
        webUrl: `${PUBLIC_URL}/tasks/${tasks.B4.id}`,
        href: `/api/v1/tasks/${tasks.B4.id}`,
      });
      for (const item of res.body.items) {
        expect(item.webUrl).toBe(`${PUBLIC_URL}/tasks/${item.id}`);
        expect(item.href).toBe(`/api/v1/tasks/${item.id}`);
        expect(item).not.toHaveProperty('link');
      }
      expect(res.body.items.map((i: any) => i.dueDate)).toEqual([
        d('06-30'),
        d('12-15'),
        LATER,
        LATER,
      ]);
      // The task resource the href names says the same.
      const linked = await http.get(res.body.items[0].href, { token: w.auditor.token });
      expect(linked.status).toBe(200);
      expect(linked.body.delayed).toBe(true);
    });

    it('missingReports and lateReports list exactly those reports, with the web page and API resource of each', async () => {
      const missing = await drill(w.auditor.token, 'kind=missingReports');
      expect(missing.status).toBe(200);
      // Not submitted and due before today: R4 and R9 (04-08; A7's code before B4's), R6 (A5's,
      // 09-30), R3 (10-14).
      expect(missing.body.total).toBe(4);
      expect(ids(missing)).toEqual([reports.R4, reports.R9, reports.R6, reports.R3]);
      expect(missing.body.items[0]).toEqual({
        id: reports.R4,
        recordType: 'report',
        title: `${tasks.A7.code} ${tasks.A7.title} (${Y}-Q1)`,
        departmentName: A.dept.name,
        dueDate: d('04-08'),
        webUrl: `${PUBLIC_URL}/reports/${reports.R4}`,
        href: `/api/v1/reports/${reports.R4}`,
      });
      for (const item of missing.body.items) {
        expect(item.webUrl).toBe(`${PUBLIC_URL}/reports/${item.id}`);
        expect(item.href).toBe(`/api/v1/reports/${item.id}`);
      }
      const report = await http.get(missing.body.items[0].href, { token: w.auditor.token });
      expect([report.status, report.body.id]).toEqual([200, reports.R4]);

      const late = await drill(w.auditor.token, 'kind=lateReports');
      expect(late.status).toBe(200);
      // Submitted after the due date (Seoul dates): R2 (A6) and R8 (B3), both due 07-08.
      expect(late.body.total).toBe(2);
      expect(ids(late)).toEqual([reports.R2, reports.R8]);
      expect(late.body.items.map((i: any) => [i.recordType, i.dueDate, i.webUrl, i.href])).toEqual([
        [
          'report',
          d('07-08'),
          `${PUBLIC_URL}/reports/${reports.R2}`,
          `/api/v1/reports/${reports.R2}`,
        ],
        [
          'report',
          d('07-08'),
          `${PUBLIC_URL}/reports/${reports.R8}`,
          `/api/v1/reports/${reports.R8}`,
        ],
      ]);
    });

    it('overdueConsultations lists exactly the overdue requests with their deadline', async () => {
      const res = await drill(w.auditor.token, 'kind=overdueConsultations');
      expect(res.status).toBe(200);
      // C9 opinion 08-31, C2 screening 09-20, C10 opinion 09-29, C4 opinion 09-20 + 30 = 10-20.
      // Not C3 (screening due after today), nor drafts, closed or issued ones.
      expect(res.body.total).toBe(4);
      expect(res.body.items.map((i: any) => [i.id, i.title, i.dueDate])).toEqual([
        [consultations.C9.id, 'C9 접수', d('08-31')],
        [consultations.C2.id, 'C2 신청', d('09-20')],
        [consultations.C10.id, 'C10 위원회 자문', d('09-29')],
        [consultations.C4.id, 'C4 검토 중 (연장)', d('10-20')],
      ]);
      for (const item of res.body.items) {
        expect(item.recordType).toBe('consultation');
        expect(item.webUrl).toBe(`${PUBLIC_URL}/consultations/${item.id}`);
        expect(item.href).toBe(`/api/v1/consultations/${item.id}`);
      }
    });

    it('filters by department for the organisation-wide roles and pages', async () => {
      const a = await drill(w.office.token, `kind=delayedTasks&departmentId=${A.dept.id}`);
      expect(ids(a)).toEqual([tasks.A5.id, tasks.A7.id]);
      const b = await drill(w.office.token, `kind=overdueConsultations&departmentId=${B.dept.id}`);
      expect(ids(b)).toEqual([consultations.C9.id, consultations.C10.id]);
      const page = await drill(w.auditor.token, 'kind=delayedTasks&limit=2&offset=1');
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(ids(page)).toEqual([tasks.B3.id, tasks.A5.id]);
      const past = await drill(w.auditor.token, 'kind=delayedTasks&offset=10');
      expect(past.body.items).toEqual([]);
    });

    it("a department's staff get only their department's records; another department → 403", async () => {
      const cases: Array<[Actor, string, string[]]> = [
        [w.staff, 'delayedTasks', [tasks.A5.id, tasks.A7.id]],
        [w.head, 'missingReports', [reports.R4, reports.R6, reports.R3]],
        [w.staff, 'lateReports', [reports.R2]],
        [w.staff, 'overdueConsultations', [consultations.C2.id, consultations.C4.id]],
        [w.outsider, 'delayedTasks', [tasks.B4.id, tasks.B3.id]],
        [bHead, 'missingReports', [reports.R9]],
        [w.outsider, 'lateReports', [reports.R8]],
        [bHead, 'overdueConsultations', [consultations.C9.id, consultations.C10.id]],
      ];
      for (const [who, kind, expected] of cases) {
        const res = await drill(who.token, `kind=${kind}`);
        expect([kind, res.status, ids(res)]).toEqual([kind, 200, expected]);
        const own = await drill(who.token, `kind=${kind}&departmentId=${who.departmentId}`);
        expect([kind, own.status, ids(own)]).toEqual([kind, 200, expected]);
      }
      for (const [who, otherDept] of [
        [w.staff, B.dept.id],
        [w.outsider, A.dept.id],
      ] as const) {
        const res = await drill(who.token, `kind=delayedTasks&departmentId=${otherDept}`);
        expect(res.status).toBe(403);
      }
      expect((await drill(w.committee.token, 'kind=delayedTasks')).status).toBe(403);
      expect((await drill(w.admin.token, 'kind=delayedTasks')).status).toBe(403);
    });

    it('rejects an invalid kind, limit or offset with 400 on the field', async () => {
      const cases: Array<[string, string[]]> = [
        ['kind=everything', ['kind']],
        ['', ['kind']],
        ['kind=delayedTasks&limit=0', ['limit']],
        ['kind=delayedTasks&limit=201', ['limit']],
        ['kind=delayedTasks&limit=abc', ['limit']],
        ['kind=delayedTasks&limit=1.5', ['limit']],
        ['kind=delayedTasks&offset=-1', ['offset']],
        ['kind=delayedTasks&departmentId=x', ['departmentId']],
      ];
      for (const [query, expected] of cases) {
        const res = await drill(w.auditor.token, query);
        expect([query, res.status, fields(res.body)]).toEqual([query, 400, expected]);
      }
      const noYear = await http.get('/api/v1/dashboards/drilldown?kind=delayedTasks', {
        token: w.auditor.token,
      });
      expect([noYear.status, fields(noYear.body)]).toEqual([400, ['year']]);
    });
  });

  // ── 5. Export ───────────────────────────────────────────────────────────────────────────────

  describe('XLSX export', () => {
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

    it('writes every section with Korean headers and the figures of the snapshot', async () => {
      await compileFixed();
      const res = await http.download(`/api/v1/dashboards/export?year=${Y}`, {
        token: w.auditor.token,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(XLSX);
      const disposition = res.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment;/);
      const star = /filename\*=UTF-8''([^;]+)/.exec(disposition);
      expect(star).not.toBeNull();
      expect(decodeURIComponent(star![1])).toBe(`${Y} 적극행정 추진 현황.xlsx`);

      const book = await readWorkbook(res.bytes);
      expect(Object.keys(book)).toEqual([
        '개요',
        '과제 현황',
        '과제 상태',
        '이행실적',
        '사전컨설팅',
        '사전컨설팅 상태',
        '성과평가',
      ]);
      const overview = book['개요'];
      expect(overview[0]).toEqual(['항목', '값']);
      expect(overview.slice(1).map((r) => r[0])).toEqual(['연도', '범위', '집계 시각', '기준일']);
      expect(overview[1][1]).toBe(Y);
      expect(overview[2][1]).toBe('기관 전체');
      expect(overview[4][1]).toBe(AS_OF);

      /** The sheet's rows by their first cell (the organisation and each department). */
      const rowsOf = (name: string) =>
        Object.fromEntries(book[name].slice(1).map((r) => [String(r[0]), r]));

      expect(book['과제 현황'][0]).toEqual([
        '구분',
        '중점과제',
        '완료',
        '추진 중',
        '지연',
        '완료율(%)',
        '평균 추진률(%)',
        '기한 도래 단계 완료',
        '기한 도래 단계',
      ]);
      const taskRows = rowsOf('과제 현황');
      expect(Object.keys(taskRows)).toHaveLength(3);
      expect(taskRows['기관 전체']).toEqual(['기관 전체', 10, 3, 4, 2, 30, 47.5, 5, 8]);
      expect(taskRows[A.dept.name]).toEqual([A.dept.name, 6, 2, 2, 1, 33.3, 46.7, 4, 6]);
      expect(taskRows[B.dept.name]).toEqual([B.dept.name, 4, 1, 2, 1, 25, 48.8, 1, 2]);

      // Every status with its Korean name and count (the order is not part of the contract).
      expect(book['과제 상태'][0]).toEqual(['상태', '과제 수']);
      expect(sorted(book['과제 상태'].slice(1))).toEqual(
        sorted([
          ['작성 중', 2],
          ['제안', 1],
          ['선정', 2],
          ['미선정', 1],
          ['추진 중', 4],
          ['완료', 3],
          ['중단', 1],
          ['취소', 2],
        ]),
      );

      expect(book['이행실적'][0]).toEqual([
        '구분',
        '대상',
        '기한 도래',
        '제출',
        '기한 내',
        '지연 제출',
        '미제출',
        '승인',
        '반려(연중 건수)',
        '반려 후 재제출 대기',
        '기한 내 제출률(%)',
      ]);
      const reportRows = rowsOf('이행실적');
      expect(reportRows['기관 전체']).toEqual(['기관 전체', 11, 9, 7, 5, 2, 2, 3, 1, 1, 55.6]);
      expect(reportRows[A.dept.name]).toEqual([A.dept.name, 6, 4, 3, 2, 1, 1, 1, 1, 1, 50]);
      expect(reportRows[B.dept.name]).toEqual([B.dept.name, 5, 5, 4, 3, 1, 1, 2, 0, 0, 60]);

      expect(book['사전컨설팅'][0]).toEqual([
        '구분',
        '신청',
        '기한 경과',
        '회신 소요일 중앙값',
        '회신 소요일 90백분위',
        '면책 추정',
      ]);
      const consultationRows = rowsOf('사전컨설팅');
      const near = (r: unknown[]) => r.map((v) => (typeof v === 'number' ? +v.toFixed(6) : v));
      expect(near(consultationRows['기관 전체'])).toEqual(['기관 전체', 10, 3, 15, 34, 2]);
      expect(near(consultationRows[A.dept.name])).toEqual([A.dept.name, 6, 1, 21.5, 36.3, 1]);
      expect(near(consultationRows[B.dept.name])).toEqual([B.dept.name, 4, 2, 15, 19, 1]);

      expect(book['사전컨설팅 상태'][0]).toEqual(['상태', '건수']);
      expect(sorted(book['사전컨설팅 상태'].slice(1))).toEqual(
        sorted([
          ['신청', 1],
          ['접수 검토', 1],
          ['반려', 1],
          ['접수', 1],
          ['검토 중', 1],
          ['상급기관 의뢰', 0],
          ['위원회 자문', 1],
          ['의견 회신', 1],
          ['종결', 3],
        ]),
      );

      expect(book['성과평가']).toEqual([
        ['평가', '상태', '후보', '채점 완료', '채점 대상', '채점률(%)'],
        [`${Y}년 적극행정 우수공무원 선발`, 'SCORING', 4, 3, 5, 60],
      ]);
    });

    it("gives a department's staff their department only (no evaluation sheet)", async () => {
      const res = await http.download(`/api/v1/dashboards/export?year=${Y}`, {
        token: w.outsider.token,
      });
      expect(res.status).toBe(200);
      const book = await readWorkbook(res.bytes);
      expect(Object.keys(book)).not.toContain('성과평가');
      expect(book['개요'][2]).toEqual(['범위', '부서']);
      expect(book['과제 현황'].slice(1)).toEqual([['부서', 4, 1, 2, 1, 25, 48.8, 1, 2]]);
      expect(book['이행실적'].slice(1)).toEqual([['부서', 5, 5, 4, 3, 1, 1, 2, 0, 0, 60]]);
    });

    it('refuses COMMITTEE (403), another department (403) and a bad year (400)', async () => {
      const committee = await http.get(`/api/v1/dashboards/export?year=${Y}`, {
        token: w.committee.token,
      });
      expect(committee.status).toBe(403);
      const otherDept = await http.get(
        `/api/v1/dashboards/export?year=${Y}&departmentId=${A.dept.id}`,
        { token: w.outsider.token },
      );
      expect(otherDept.status).toBe(403);
      const bad = await http.get('/api/v1/dashboards/export?year=soon', {
        token: w.auditor.token,
      });
      expect([bad.status, fields(bad.body)]).toEqual([400, ['year']]);
    });
  });

  // ── 2. Debounce: many changes, one compile ──────────────────────────────────────────────────

  describe('dirty check', () => {
    const compileJobsOfY = async (): Promise<Job[]> => {
      const jobs = await dashboardsQueue.getJobs([
        // a paused queue's jobs are 'waiting' in BullMQ 6
        'waiting',
        'prioritized',
        'delayed',
        'active',
        'completed',
        'failed',
      ]);
      // Other suites' organisations are dirty too: only this organisation's year Y counts here.
      return jobs.filter(
        (j) =>
          j?.name === DashboardJob.COMPILE &&
          j.data?.organisationId === w.org.id &&
          j.data?.year === Y,
      );
    };
    const ourDirty = async () =>
      (await dashboards.dirty(TODAY)).filter((x) => x.organisationId === w.org.id);
    let mark: string;

    it('after a compile the year is clean; 30+ changes make it dirty once, with the latest mark, and stale', async () => {
      await compileFixed();
      expect((await ourDirty()).filter((x) => x.year === Y)).toEqual([]);
      expect(await compileJobsOfY()).toEqual([]);

      // 32 edits of A1 (a draft: its department's STAFF edit it) through the API.
      let version = tasks.A1.version;
      for (let i = 1; i <= 32; i++) {
        const res = await http.patch(
          `/api/v1/tasks/${tasks.A1.id}`,
          { version, summary: `개요 수정 ${i}` },
          { token: w.staff.token },
        );
        expect(res.status).toBe(200);
        version = res.body.version;
        if (i === 1) {
          // A change after the snapshot: the dashboard says it is stale (figures still shown).
          const stale = await read(w.auditor.token);
          expect(stale.body.stale).toBe(true);
          expect(stale.body.figures.tasks.total).toBe(16);
          expect(typeof stale.body.ageSeconds).toBe('number');
          const staffView = await read(w.staff.token);
          expect(staffView.body.stale).toBe(true);
        }
      }
      mark = await historyMark();
      // One entry for (organisation, Y), however many changes: the mark of the last one.
      const dirty = (await ourDirty()).filter((x) => x.year === Y);
      expect(dirty).toEqual([{ organisationId: w.org.id, year: Y, highWaterMark: mark }]);
    });

    it('the 30 s check, run twice over the same burst, leaves ONE compile job for the organisation-year', async () => {
      await processor.enqueueDirty();
      await processor.enqueueDirty();
      const jobs = await compileJobsOfY();
      expect(jobs).toHaveLength(1);
      expect(jobs[0].id).toContain(w.org.id);
      expect(jobs[0].id).toContain(String(Y));
      expect(jobs[0].id).toContain(mark);
      expect(jobs[0].data).toEqual({ organisationId: w.org.id, year: Y });
    });

    it('a compile makes the year clean and the dashboard fresh again, with the new mark', async () => {
      const view = await compileFixed();
      expect(view.stale).toBe(false);
      expect(view.highWaterMark).toBe(mark);
      expect((await ourDirty()).filter((x) => x.year === Y)).toEqual([]);
      // Nothing changed in the figures (only a draft's summary was edited).
      expect(view.figures.tasks).toEqual(TASKS_ORG);
      const staffView = await read(w.staff.token);
      expect(staffView.body.stale).toBe(false);
    });
  });

  // ── 6. Compile on request: a handle ─────────────────────────────────────────────────────────

  describe('POST /dashboards/compile and its handle', () => {
    // A worker of this describe's own that runs jobs (its queues under a prefix of their own, its
    // outbox relay on), so a compile asked for through the API is really relayed and compiled. It
    // also relays the rest of the shared outbox, so its e-mails go to a sink. The handle is read
    // through the API only: whichever worker of the run takes the job, the handle says so.
    const sink = new SmtpSink();
    let live: INestApplicationContext;
    let liveCfg: AppConfig;
    /** An organisation of its own for the compiles (STAFF, AUDITOR, PROACTIVE_OFFICE). */
    let c: { orgId: string; deptId: string; staff: Actor; auditor: Actor; office: Actor };

    beforeAll(async () => {
      await sink.start();
      liveCfg = testConfig();
      liveCfg.redis.prefix = `${liveCfg.redis.prefix}:dashboards-compile-e2e`;
      liveCfg.smtp.url = sink.url;
      // A compile that waits on a lock this long fails with a passing error (55P03) and is retried.
      liveCfg.database.lockTimeoutMs = 1_000;
      live = await createWorker(liveCfg);
      const o = await factory.world(['STAFF', 'AUDITOR', 'PROACTIVE_OFFICE']);
      const token = async (u: (typeof o.users)['STAFF']) => ({
        ...u,
        token: (await login(http, u)).accessToken,
      });
      c = {
        orgId: o.org.id,
        deptId: o.dept.id,
        staff: await token(o.users.STAFF),
        auditor: await token(o.users.AUDITOR),
        office: await token(o.users.PROACTIVE_OFFICE),
      };
    }, 60_000);
    afterAll(async () => {
      await live?.close();
      await sink.stop();
    });

    async function outboxRows(orgId: string) {
      const { rows } = await factory.db.query(
        `SELECT event, record_type, record_id, payload, processed_at IS NOT NULL AS processed
           FROM outbox WHERE organisation_id = $1 AND event = 'dashboard.compile' ORDER BY id`,
        [orgId],
      );
      return rows;
    }
    const handleOf = (id: string, token: string) =>
      http.get(`/api/v1/dashboards/compiles/${id}`, { token });
    /** Reads the handle until `accept` holds (or 30 s passed); returns the last answer. */
    const follow = (id: string, accept: (body: any) => boolean, token = c.office.token) =>
      eventually(
        () => handleOf(id, token),
        (res) => res.status === 200 && accept(res.body),
        30_000,
      );
    /** Holds the outbox relay lock of every worker of the run (they skip a round while it is held). */
    async function withoutRelay<T>(fn: () => Promise<T>): Promise<T> {
      const lock = await factory.db.connect();
      try {
        await lock.query(`SELECT pg_advisory_lock(hashtextextended('outbox-relay', 0))`);
        return await fn();
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtextextended('outbox-relay', 0))`);
        lock.release();
      }
    }
    const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

    it('is refused to STAFF and AUDITOR (403) and validates the year (400), recording nothing', async () => {
      for (const who of [c.staff, c.auditor]) {
        const res = await http.post(
          '/api/v1/dashboards/compile',
          { year: Y },
          { token: who.token },
        );
        expect(res.status).toBe(403);
      }
      for (const body of [{}, { year: 'soon' }, { year: 1999 }, { year: 2026.5 }]) {
        const res = await http.post('/api/v1/dashboards/compile', body, {
          token: c.office.token,
        });
        expect([JSON.stringify(body), res.status, fields(res.body)]).toEqual([
          JSON.stringify(body),
          400,
          ['year'],
        ]);
      }
      expect(await outboxRows(c.orgId)).toEqual([]);
      const { rows } = await factory.db.query(
        `SELECT 1 FROM dashboard_compile_requests WHERE organisation_id = $1`,
        [c.orgId],
      );
      expect(rows).toEqual([]);
    });

    let first: any;
    /**
     * An open transaction holding the snapshot row of (c's organisation, Y): a compile of it, once
     * started, waits for it to store its snapshot, so RUNNING can be seen. Rolled back as soon as
     * RUNNING is (well within the application's lock timeout).
     */
    let holder: PoolClient | undefined;
    async function releaseHolder() {
      const h = holder;
      holder = undefined;
      if (!h) return;
      await h.query('ROLLBACK').catch(() => undefined);
      h.release();
    }
    afterAll(releaseHolder);

    it('answers 202 with the handle (id, status, href, Location) and records the request with its outbox row; asking again while it waits answers the same one', async () => {
      // Something to count: a draft task of Y (its department's STAFF create it).
      await createTask(http, c.staff.token, c.staff.id, {
        year: Y,
        startDate: d('01-02'),
        dueDate: d('12-31'),
      });
      // No worker may take the request while it is asked twice and checked (the relay lock is held).
      await withoutRelay(async () => {
        holder = await factory.db.connect();
        await holder.query('BEGIN');
        await holder.query(
          `INSERT INTO dashboard_snapshots (organisation_id, year, compiled_at, high_water_mark, as_of, duration_ms, data)
           VALUES ($1, $2, now(), 0, $3, 0, '{}')
           ON CONFLICT (organisation_id, year) DO UPDATE SET duration_ms = dashboard_snapshots.duration_ms`,
          [c.orgId, Y, TODAY],
        );
        const a = await http.post(
          '/api/v1/dashboards/compile',
          { year: Y },
          { token: c.office.token },
        );
        expect(a.status).toBe(202);
        first = a.body;
        expect(first).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          organisationId: c.orgId,
          year: Y,
          status: 'QUEUED',
          coalesced: false,
          requestedAt: expect.stringMatching(ISO),
          startedAt: null,
          finishedAt: null,
          attempts: 0,
          error: null,
          href: `/api/v1/dashboards/compiles/${first.id}`,
          webUrl: `${PUBLIC_URL}/dashboards?year=${Y}`,
          snapshot: null,
        });
        expect(a.headers.get('location')).toBe(first.href);
        // The second request, made while the first still waits, is the first one (said so).
        const b = await http.post(
          '/api/v1/dashboards/compile',
          { year: Y },
          { token: c.office.token },
        );
        expect(b.status).toBe(202);
        expect(b.body).toEqual({ ...first, coalesced: true });
        expect(b.headers.get('location')).toBe(first.href);
        // One request, one outbox row naming it.
        const rows = await outboxRows(c.orgId);
        expect(rows).toEqual([
          {
            event: 'dashboard.compile',
            record_type: 'dashboard_compile_request',
            record_id: first.id,
            payload: { requestId: first.id, year: Y },
            processed: false,
          },
        ]);
        // The handle reads the same for the organisation's AUDITOR.
        const read = await handleOf(first.id, c.auditor.token);
        expect(read.status).toBe(200);
        const { coalesced: _, ...handle } = first;
        expect(read.body).toEqual(handle);
      });
    });

    it('goes RUNNING (recorded while it compiles), then DONE with the snapshot it produced', async () => {
      expect(first?.id).toBeDefined();
      expect(holder).toBeDefined();
      let running: any;
      try {
        running = await follow(first.id, (h) => h.status !== 'QUEUED');
      } finally {
        await releaseHolder();
      }
      expect(running.body).toMatchObject({
        status: 'RUNNING',
        startedAt: expect.stringMatching(ISO),
        finishedAt: null,
        attempts: 1,
        snapshot: null,
      });

      const done = await follow(first.id, (h) => h.status === 'DONE' || h.status === 'FAILED');
      expect(done.body).toMatchObject({
        id: first.id,
        status: 'DONE',
        startedAt: running.body.startedAt,
        finishedAt: expect.stringMatching(ISO),
        attempts: 1,
        error: null,
        href: first.href,
        webUrl: `${PUBLIC_URL}/dashboards?year=${Y}`,
      });
      const snap = done.body.snapshot;
      expect(snap).toMatchObject({
        compiledAt: expect.stringMatching(ISO),
        asOf: TODAY,
        highWaterMark: expect.stringMatching(/^\d+$/),
        durationMs: expect.any(Number),
        href: `/api/v1/dashboards?year=${Y}`,
      });
      // Its figures: the organisation's one draft task of Y, in its one department.
      expect(snap.figures.tasks).toMatchObject({ total: 1, priority: 0 });
      expect(snap.figures.tasks.byStatus.DRAFT).toBe(1);
      expect(snap.figures.evaluations).toEqual({ rounds: [] });
      expect(snap.departments.map((x: any) => [x.departmentId, x.tasks.total])).toEqual([
        [c.deptId, 1],
      ]);
      // The dashboard shows that snapshot or a later one; while it is that one, the figures agree.
      const dashboard = await http.get(`/api/v1/dashboards?year=${Y}`, { token: c.auditor.token });
      expect(Date.parse(dashboard.body.compiledAt)).toBeGreaterThanOrEqual(
        Date.parse(snap.compiledAt),
      );
      if (dashboard.body.compiledAt === snap.compiledAt) {
        expect(snap.current).toBe(true);
        expect(dashboard.body.figures).toEqual(snap.figures);
      }
      // Its outbox row is done.
      expect((await outboxRows(c.orgId)).map((r: any) => r.processed)).toEqual([true]);

      // Compiled again: the handle keeps what it produced and says it is no longer the latest.
      await dashboards.compile(c.orgId, Y);
      const later = await handleOf(first.id, c.auditor.token);
      expect(later.body.snapshot).toEqual({ ...snap, current: false });

      // A new request after it finished is a new compile, not coalesced.
      const again = await http.post(
        '/api/v1/dashboards/compile',
        { year: Y },
        { token: c.office.token },
      );
      expect(again.status).toBe(202);
      expect(again.body.id).not.toBe(first.id);
      expect(again.body.coalesced).toBe(false);
      const doneAgain = await follow(
        again.body.id,
        (h) => h.status === 'DONE' || h.status === 'FAILED',
      );
      expect(doneAgain.body.status).toBe('DONE');
    });

    it('is readable only by the organisation’s AUDITOR and PROACTIVE_OFFICE; another organisation gets 404', async () => {
      expect(first?.id).toBeDefined();
      expect((await handleOf(first.id, c.auditor.token)).status).toBe(200);
      expect((await handleOf(first.id, c.office.token)).status).toBe(200);
      // Their own department's staff read the department's dashboard, not the organisation's.
      expect((await handleOf(first.id, c.staff.token)).status).toBe(403);
      // Another organisation's auditor and office: not found, like an unknown id.
      for (const who of [w.auditor, w.office, other.auditor, other.office]) {
        const res = await handleOf(first.id, who.token);
        expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
      }
      const unknown = await handleOf('00000000-0000-4000-8000-000000000000', c.auditor.token);
      expect(unknown.status).toBe(404);
      const malformed = await handleOf('not-a-uuid', c.auditor.token);
      expect([malformed.status, fields(malformed.body)]).toEqual([400, ['id']]);
      expect((await http.get(`/api/v1/dashboards/compiles/${first.id}`)).status).toBe(401);
    });

    it('ends FAILED with the error when the compile fails (not retried: it would fail the same way)', async () => {
      // A database that refuses this organisation's snapshot: a trigger of the test's own.
      const failing = await factory.world(['PROACTIVE_OFFICE', 'AUDITOR']);
      const office = { token: (await login(http, failing.users.PROACTIVE_OFFICE)).accessToken };
      const fn = `test_refuse_snapshot_${failing.org.id.replace(/-/g, '')}`;
      await factory.db.query(
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'snapshot refused by the test'; END $$`,
      );
      await factory.db.query(
        `CREATE TRIGGER ${fn} BEFORE INSERT OR UPDATE ON dashboard_snapshots FOR EACH ROW
           WHEN (NEW.organisation_id = '${failing.org.id}') EXECUTE FUNCTION ${fn}()`,
      );
      try {
        const res = await http.post(
          '/api/v1/dashboards/compile',
          { year: Y },
          { token: office.token },
        );
        expect(res.status).toBe(202);
        const failed = await follow(
          res.body.id,
          (h) => h.status === 'DONE' || h.status === 'FAILED',
          office.token,
        );
        expect(failed.body).toMatchObject({
          id: res.body.id,
          status: 'FAILED',
          startedAt: expect.stringMatching(ISO),
          finishedAt: expect.stringMatching(ISO),
          attempts: 1,
          error: expect.stringContaining('snapshot refused by the test'),
          snapshot: null,
        });
        // Given up for good: its outbox row is done (not relayed again), and it stays FAILED. The
        // worker marks the row just after recording the failure, so the handle can show it first.
        const rows = await eventually(
          () => outboxRows(failing.org.id),
          (r) => r.length === 1 && r[0].processed === true,
        );
        expect(rows.map((r: any) => [r.record_id, r.processed])).toEqual([[res.body.id, true]]);
        const still = await handleOf(res.body.id, office.token);
        expect(still.body).toEqual(failed.body);
      } finally {
        await factory.db.query(`DROP TRIGGER IF EXISTS ${fn} ON dashboard_snapshots`);
        await factory.db.query(`DROP FUNCTION IF EXISTS ${fn}()`);
      }
    });

    it('stays RUNNING with the error while a passing failure is retried, then ends DONE', async () => {
      const year = Y - 1;
      // The snapshot row of (organisation, year) held longer than the worker's lock timeout: its
      // compile fails with 55P03 (lock_not_available), which a later attempt may not meet.
      const held = await factory.db.connect();
      let retrying: any;
      let id: string | undefined;
      try {
        await held.query('BEGIN');
        await held.query(
          `INSERT INTO dashboard_snapshots (organisation_id, year, compiled_at, high_water_mark, as_of, duration_ms, data)
           VALUES ($1, $2, now(), 0, $3, 0, '{}')`,
          [c.orgId, year, TODAY],
        );
        const res = await http.post(
          '/api/v1/dashboards/compile',
          { year },
          { token: c.office.token },
        );
        expect(res.status).toBe(202);
        id = res.body.id;
        retrying = await follow(
          res.body.id,
          (h) => h.error !== null || h.status === 'DONE' || h.status === 'FAILED',
        );
      } finally {
        await held.query('ROLLBACK');
        held.release();
      }
      expect(retrying.body).toMatchObject({
        status: 'RUNNING',
        attempts: 1,
        finishedAt: null,
        error: expect.stringContaining('lock timeout'),
        snapshot: null,
      });
      // Its job waits out its backoff (5 s); when this worker holds it, it is run at once.
      const queue = new Queue(QueueName.DASHBOARDS, {
        connection: bullConnectionOptions(liveCfg),
        prefix: liveCfg.redis.prefix,
      });
      try {
        const { rows } = await factory.db.query<{ id: string }>(
          `SELECT id FROM outbox WHERE record_id = $1`,
          [id!],
        );
        const job = await eventually(
          () => queue.getJob(`outbox-${rows[0].id}`),
          (j) => !!j,
          3_000,
        );
        if (
          job &&
          (await eventually(
            () => job.isDelayed(),
            (d) => d,
            3_000,
          ))
        )
          await job.promote().catch(() => undefined);
      } finally {
        await queue.close();
      }
      const done = await follow(id!, (h) => h.status === 'DONE' || h.status === 'FAILED');
      expect(done.body).toMatchObject({ status: 'DONE', attempts: 2, error: null });
      expect(done.body.snapshot).toMatchObject({
        asOf: TODAY,
        href: `/api/v1/dashboards?year=${year}`,
      });
    });
  });
});
