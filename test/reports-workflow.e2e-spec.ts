import { randomUUID } from 'node:crypto';
import type { Role } from '@gwaje/identity';
import { type HttpClient, useTestApi } from './support/app.js';
import { type Factory, login, type TestDept } from './support/factory.js';
import { activeTaskSince, fillReport, openReport, reportAction } from './support/reports.js';
import {
  type Actor,
  on,
  seoulToday,
  taskHistory,
  type TaskWorld,
  taskWorld,
  withVersion,
} from './support/tasks.js';

// Milestone reports (이행실적), DOMAIN.md §1 and §3, through the real HTTP API.

const R_STATES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'] as const;
type RState = (typeof R_STATES)[number];
const R_ACTIONS = ['submit', 'accept', 'return'] as const;
type RAction = (typeof R_ACTIONS)[number];
const TO: Record<RAction, RState> = { submit: 'SUBMITTED', accept: 'ACCEPTED', return: 'RETURNED' };

/** How a user stands to the report's task. */
type Who =
  | 'staff'
  | 'owner'
  | 'head'
  | 'office'
  | 'auditor'
  | 'committee'
  | 'admin'
  | 'partner'
  | 'outsider'
  | 'partnerHead'
  | 'foreignAuditor';
const WHO: readonly Who[] = [
  'staff',
  'owner',
  'head',
  'office',
  'auditor',
  'committee',
  'admin',
  'partner',
  'outsider',
  'partnerHead',
  'foreignAuditor',
];

/**
 * DOMAIN.md §3 (and §1 for reading), written out: the status of each action by each user in each
 * state. submit: DEPT_HEAD of the lead department, from DRAFT or RETURNED; accept/return: AUDITOR or
 * PROACTIVE_OFFICE of the organisation, from SUBMITTED. Users who cannot read the task (committee,
 * admin, an unrelated department, another organisation) get 404; readers who may not act (the lead
 * department's STAFF, the partner department's STAFF and DEPT_HEAD, reviewers outside SUBMITTED,
 * the head outside DRAFT/RETURNED) get 409 ILLEGAL_TRANSITION with what they may do.
 */
// prettier-ignore
const TABLE: Record<RState, Record<Who, readonly [submit: number, accept: number, ret: number]>> = {
  DRAFT: {
    staff:          [409, 409, 409],
    owner:          [409, 409, 409],
    head:           [200, 409, 409],
    office:         [409, 409, 409],
    auditor:        [409, 409, 409],
    committee:      [404, 404, 404],
    admin:          [404, 404, 404],
    partner:        [409, 409, 409],
    outsider:       [404, 404, 404],
    partnerHead:    [409, 409, 409],
    foreignAuditor: [404, 404, 404],
  },
  SUBMITTED: {
    staff:          [409, 409, 409],
    owner:          [409, 409, 409],
    head:           [409, 409, 409],
    office:         [409, 200, 200],
    auditor:        [409, 200, 200],
    committee:      [404, 404, 404],
    admin:          [404, 404, 404],
    partner:        [409, 409, 409],
    outsider:       [404, 404, 404],
    partnerHead:    [409, 409, 409],
    foreignAuditor: [404, 404, 404],
  },
  RETURNED: {
    staff:          [409, 409, 409],
    owner:          [409, 409, 409],
    head:           [200, 409, 409],
    office:         [409, 409, 409],
    auditor:        [409, 409, 409],
    committee:      [404, 404, 404],
    admin:          [404, 404, 404],
    partner:        [409, 409, 409],
    outsider:       [404, 404, 404],
    partnerHead:    [409, 409, 409],
    foreignAuditor: [404, 404, 404],
  },
  ACCEPTED: {
    staff:          [409, 409, 409],
    owner:          [409, 409, 409],
    head:           [409, 409, 409],
    office:         [409, 409, 409],
    auditor:        [409, 409, 409],
    committee:      [404, 404, 404],
    admin:          [404, 404, 404],
    partner:        [409, 409, 409],
    outsider:       [404, 404, 404],
    partnerHead:    [409, 409, 409],
    foreignAuditor: [404, 404, 404],
  },
};

/** The lead department's STAFF and DEPT_HEAD edit a DRAFT or RETURNED report. */
const EDITORS: readonly Who[] = ['staff', 'owner', 'head'];
const EDITABLE: readonly RState[] = ['DRAFT', 'RETURNED'];
const REQUESTERS: readonly Who[] = ['staff', 'owner'];

const statusOf = (state: RState, who: Who, action: RAction): number =>
  TABLE[state][who][R_ACTIONS.indexOf(action)];
const readsReport = (who: Who): boolean =>
  R_STATES.every((s) => R_ACTIONS.every((a) => statusOf(s, who, a) !== 404));
const expectedAllowed = (state: RState, who: Who): string[] =>
  [
    ...R_ACTIONS.filter((a) => statusOf(state, who, a) === 200),
    ...(EDITORS.includes(who) && EDITABLE.includes(state) ? ['edit'] : []),
    // Lead-department staff who cannot submit ask their head to (결재 요청).
    ...(REQUESTERS.includes(who) && EDITABLE.includes(state) ? ['requestApproval'] : []),
  ].sort();
const sorted = (xs: string[]) => [...xs].sort();
const fields = (body: { details?: Array<{ field: string }> }) =>
  (body.details ?? []).map((d) => d.field).sort();

/** Whole calendar days from one YYYY-MM-DD to another. */
const daysFrom = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The quarter label containing a YYYY-MM-DD date, and the one after it. */
const quarterOf = (date: string) => {
  const year = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  return {
    current: `${year}-Q${q}`,
    next: q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`,
  };
};

/**
 * Due dates of 2025 hand-counted (5th business day after the period ends, Korean holidays):
 * 2025-Q2 ends Mon 06-30 → Jul 1, 2, 3, 4, 7 → 2025-07-07.
 * 2025-Q3 ends Tue 09-30 → Oct 1, 2, (3 개천절, 5–7 추석, 8 대체공휴일, 9 한글날) 10, 13, 14 → 2025-10-14.
 */
const DUE_2025_Q2 = '2025-07-07';
const DUE_2025_Q3 = '2025-10-14';

interface World extends TaskWorld {
  /** DEPT_HEAD of the partner department (same organisation, can read the tasks) */
  partnerHead: Actor;
  /** DEPT_HEAD of the unrelated department */
  outsiderHead: Actor;
  /** AUDITOR of another organisation */
  foreignAuditor: Actor;
}

async function actorIn(
  http: HttpClient,
  factory: Factory,
  dept: TestDept,
  roles: Role[],
): Promise<Actor> {
  const user = await factory.user(dept, roles);
  return { ...user, token: (await login(http, user)).accessToken };
}

async function reportWorld(http: HttpClient, factory: Factory): Promise<World> {
  const w = await taskWorld(http, factory);
  const foreignOrg = await factory.org();
  const foreignAudit = await factory.dept(foreignOrg.id, { isAuditUnit: true });
  const [partnerHead, outsiderHead, foreignAuditor] = await Promise.all([
    actorIn(http, factory, w.partnerDept, ['DEPT_HEAD']),
    actorIn(http, factory, w.otherDept, ['DEPT_HEAD']),
    actorIn(http, factory, foreignAudit, ['AUDITOR']),
  ]);
  return { ...w, partnerHead, outsiderHead, foreignAuditor };
}

const PERIODS_2025 = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];

describe('milestone reports (이행실적) workflow', () => {
  const { http, factory } = useTestApi();

  const act = async (u: Actor, id: string, body: Record<string, unknown>) =>
    http.post(
      `/api/v1/reports/${id}/transitions`,
      await withVersion(http, u.token, `/api/v1/reports/${id}`, body),
      { token: u.token },
    );
  const patch = (u: Actor, id: string, body: Record<string, unknown>) =>
    http.patch(`/api/v1/reports/${id}`, body, { token: u.token });
  const open = (u: Actor, taskId: string, period: string) =>
    http.post('/api/v1/reports', { taskId, period }, { token: u.token });

  async function readReport(w: TaskWorld, id: string): Promise<any> {
    const res = await http.get(`/api/v1/reports/${id}`, { token: w.office.token });
    expect(res.status).toBe(200);
    return res.body;
  }
  async function reportHistory(w: TaskWorld, id: string): Promise<any[]> {
    const res = await http.get(`/api/v1/reports/${id}/history`, { token: w.office.token });
    expect(res.status).toBe(200);
    return res.body as any[];
  }
  /** A refused call changed nothing: same state, version, content and history. */
  async function expectUnchanged(w: TaskWorld, before: any, historyLength: number) {
    const now = await readReport(w, before.id);
    expect(now).toMatchObject({
      status: before.status,
      version: before.version,
      progress: before.progress,
      achievements: before.achievements,
      resubmissionCount: before.resubmissionCount,
    });
    expect(await reportHistory(w, before.id)).toHaveLength(historyLength);
  }

  /** Hands out (task, period) pairs of 2025: tasks active since 2025-01-01, four quarters each. */
  function slots(w: TaskWorld) {
    const free: Array<{ taskId: string; period: string }> = [];
    return async () => {
      if (!free.length) {
        const task = await activeTaskSince(w, factory, '2025-01-01');
        free.push(...PERIODS_2025.map((period) => ({ taskId: task.id, period })));
      }
      return free.shift()!;
    };
  }

  /** A filled report driven to `state`: staff writes, head submits, office reviews. */
  async function reportIn(
    w: TaskWorld,
    next: () => Promise<{ taskId: string; period: string }>,
    state: RState,
  ): Promise<any> {
    const { taskId, period } = await next();
    let report = await openReport(http, w.staff.token, taskId, period);
    report = await fillReport(http, w.staff.token, report);
    if (state === 'DRAFT') return report;
    report = await reportAction(http, w.head.token, report.id, 'submit');
    if (state === 'SUBMITTED') return report;
    if (state === 'ACCEPTED') return reportAction(http, w.office.token, report.id, 'accept');
    return reportAction(http, w.office.token, report.id, 'return', '보완 요청');
  }

  // One organisation for the suite (its users log in once); every test works on tasks of its own.
  let w: World;
  let next: () => Promise<{ taskId: string; period: string }>;
  beforeAll(async () => {
    w = await reportWorld(http, factory);
    next = slots(w);
  });

  describe('the transition table of DOMAIN.md §3, by state, action and user', () => {
    describe.each(R_STATES)('from %s', (state) => {
      // Refused calls all go to one report per state; each allowed call gets a fresh one.
      let shared: any;
      beforeAll(async () => {
        shared = await reportIn(w, next, state);
        expect(shared.status).toBe(state);
      });

      it.each(WHO)('%s', async (who) => {
        const user = w[who];
        const historyBefore = (await reportHistory(w, shared.id)).length;

        const read = await http.get(`/api/v1/reports/${shared.id}`, { token: user.token });
        if (readsReport(who)) {
          expect(read.status).toBe(200);
          expect(sorted(read.body.allowedActions)).toEqual(expectedAllowed(state, who));
        } else {
          expect(read.status).toBe(404);
        }

        for (const action of R_ACTIONS) {
          const expected = statusOf(state, who, action);
          const label = `${who} ${action} on ${state}`;
          const body = action === 'return' ? { action, comment: '검토 의견' } : { action };
          if (expected === 200) {
            const fresh = await reportIn(w, next, state);
            const res = await act(user, fresh.id, body);
            expect([label, res.status]).toEqual([label, 200]);
            expect(res.body).toMatchObject({
              id: fresh.id,
              status: TO[action],
              version: fresh.version + 1,
            });
            expect(sorted(res.body.allowedActions)).toEqual(expectedAllowed(TO[action], who));
            const history = await reportHistory(w, fresh.id);
            expect(history[history.length - 1]).toMatchObject({
              action,
              actorId: user.id,
              changes: { state: { from: state, to: TO[action] } },
            });
            continue;
          }
          const res = await act(user, shared.id, body);
          if (expected === 404) {
            expect([label, res.status, res.body.code]).toEqual([label, 404, 'NOT_FOUND']);
          } else {
            expect([label, res.status, res.body.code]).toEqual([label, 409, 'ILLEGAL_TRANSITION']);
            expect(res.body).toMatchObject({ resource: 'report', currentStatus: state });
            expect(sorted(res.body.allowedActions)).toEqual(expectedAllowed(state, who));
          }
        }
        // Refusals change nothing.
        await expectUnchanged(w, shared, historyBefore);
      });
    });
  });

  describe('refusals', () => {
    it("refuses submitting another department's report: partner DEPT_HEAD 409, unrelated DEPT_HEAD 404", async () => {
      for (const state of ['DRAFT', 'RETURNED'] as const) {
        const report = await reportIn(w, next, state);
        const historyLength = (await reportHistory(w, report.id)).length;

        const partner = await act(w.partnerHead, report.id, { action: 'submit' });
        expect([state, partner.status, partner.body.code]).toEqual([
          state,
          409,
          'ILLEGAL_TRANSITION',
        ]);
        expect(partner.body.allowedActions).toEqual([]);
        const outsider = await act(w.outsiderHead, report.id, { action: 'submit' });
        expect([state, outsider.status, outsider.body.code]).toEqual([state, 404, 'NOT_FOUND']);

        // Nor may they edit it: readable → 403, unreadable → 404.
        const body = { version: report.version, progress: 99, achievements: '남의 보고서' };
        const partnerEdit = await patch(w.partnerHead, report.id, body);
        expect([state, partnerEdit.status, partnerEdit.body.code]).toEqual([
          state,
          403,
          'FORBIDDEN',
        ]);
        const outsiderEdit = await patch(w.outsiderHead, report.id, body);
        expect([state, outsiderEdit.status]).toEqual([state, 404]);

        await expectUnchanged(w, report, historyLength);
      }
    });

    it('opens reports only for the lead department: other readers 403, non-readers 400 INVALID_REFERENCE', async () => {
      const task = await activeTaskSince(w, factory, '2025-01-01');
      for (const who of ['office', 'auditor', 'partner', 'partnerHead'] as const) {
        const res = await open(w[who], task.id, '2025-Q3');
        expect([who, res.status, res.body.code]).toEqual([who, 403, 'FORBIDDEN']);
      }
      for (const who of [
        'outsider',
        'outsiderHead',
        'committee',
        'admin',
        'foreignAuditor',
      ] as const) {
        const res = await open(w[who], task.id, '2025-Q3');
        expect([who, res.status, res.body.code]).toEqual([who, 400, 'INVALID_REFERENCE']);
        expect(fields(res.body)).toEqual(['taskId']);
      }
      const unknown = await open(w.staff, randomUUID(), '2025-Q3');
      expect([unknown.status, unknown.body.code]).toEqual([400, 'INVALID_REFERENCE']);
      expect(fields(unknown.body)).toEqual(['taskId']);

      // None of that created a report; the lead department's STAFF and DEPT_HEAD open the same one.
      const list = await http.get(`/api/v1/reports?taskId=${task.id}`, { token: w.office.token });
      expect(list.body.items).toEqual([]);
      const byStaff = await open(w.staff, task.id, '2025-Q3');
      const byHead = await open(w.head, task.id, '2025-Q3');
      expect(byStaff.status).toBe(200);
      expect(byStaff.body).toMatchObject({
        taskId: task.id,
        period: '2025-Q3',
        status: 'DRAFT',
        progress: null,
      });
      expect(byHead.status).toBe(200);
      expect(byHead.body).toMatchObject({ id: byStaff.body.id, version: byStaff.body.version });
    });

    /** Each refused period as [period, status, code, field:detail code], for one comparison per list. */
    const tryPeriods = async (taskId: string, periods: string[]) => {
      const seen: Array<[string, number, string, string[]]> = [];
      for (const period of periods) {
        const res = await open(w.staff, taskId, period);
        seen.push([
          period,
          res.status,
          res.body.code,
          res.body.details.map((d: any) => `${d.field}:${d.code}`),
        ]);
      }
      return seen;
    };
    const refused = (periods: string[], code: string, detail: string) =>
      periods.map((p) => [p, 400, code, [`period:${detail}`]]);

    it('refuses periods that are malformed, not of the calendar, or before the task was active, each with its cause', async () => {
      const task = await activeTaskSince(w, factory, '2025-07-01');
      const malformed = ['2025-Q5', '2025Q3', 'Q3-2025', '2025-M13'];
      // Monthly or half-yearly, but the calendar is QUARTERLY by default.
      const notInCalendar = ['2025-M03', '2025-H1'];
      // The task became active on 2025-07-01.
      const notActive = ['2025-Q1', '2025-Q2'];
      expect(await tryPeriods(task.id, [...malformed, '', ...notInCalendar, ...notActive])).toEqual(
        [
          ...refused(malformed, 'VALIDATION_FAILED', 'matches'),
          ...refused([''], 'VALIDATION_FAILED', 'required'),
          ...refused(notInCalendar, 'PERIOD_NOT_OPEN', 'notInCalendar'),
          ...refused(notActive, 'PERIOD_NOT_OPEN', 'taskNotActive'),
        ],
      );
      // Each cause in words of its own, and as `cause` beside the period.
      const monthly = await open(w.staff, task.id, '2025-M03');
      expect(monthly.body).toMatchObject({
        statusCode: 400,
        code: 'PERIOD_NOT_OPEN',
        cause: 'notInCalendar',
        period: '2025-M03',
        cadence: 'QUARTERLY',
        message: '2025-M03은 2025년 보고 주기(분기별)의 기간이 아닙니다.',
      });
      const early = await open(w.staff, task.id, '2025-Q2');
      expect(early.body).toMatchObject({
        cause: 'taskNotActive',
        period: '2025-Q2',
        message: '이 과제는 2025-Q2 기간에 선정되었거나 추진 중인 적이 없어 보고 대상이 아닙니다.',
      });
      expect(early.body.details).toEqual([
        { field: 'period', code: 'taskNotActive', message: early.body.message },
      ]);
      const malformedMessage = (await open(w.staff, task.id, '2025-Q5')).body.message;
      expect(malformedMessage).toBe(
        '보고 기간은 2026-Q2, 2026-M07, 2026-H1 같은 보고 기간(2000~2100년)이어야 합니다.',
      );
      const list = await http.get(`/api/v1/reports?taskId=${task.id}`, { token: w.office.token });
      expect(list.body.items).toEqual([]);

      const q3 = await open(w.staff, task.id, '2025-Q3');
      expect(q3.status).toBe(200);
      expect(q3.body).toMatchObject({
        period: '2025-Q3',
        periodStart: '2025-07-01',
        periodEnd: '2025-09-30',
        dueDate: DUE_2025_Q3,
      });
      const after = await http.get(`/api/v1/reports?taskId=${task.id}`, { token: w.office.token });
      expect(after.body.items.map((r: any) => r.period)).toEqual(['2025-Q3']);
    });

    it('refuses a period that has not begun (the quarter after today): PERIOD_NOT_OPEN, notStarted', async () => {
      const task = await activeTaskSince(w, factory, '2025-01-01');
      const future = quarterOf(seoulToday()).next;
      const seen = await tryPeriods(task.id, [future]);
      expect(seen).toEqual(refused([future], 'PERIOD_NOT_OPEN', 'notStarted'));
      const english = await http.post(
        '/api/v1/reports',
        { taskId: task.id, period: future },
        { token: w.staff.token, headers: { 'accept-language': 'en' } },
      );
      expect(english.body).toMatchObject({ cause: 'notStarted', period: future });
      expect(english.body.periodStart).toMatch(/^\d{4}-\d{2}-01$/);
      expect(english.body.message).toBe(
        `${future} has not begun yet (it starts on ${english.body.periodStart}).`,
      );
      const list = await http.get(`/api/v1/reports?taskId=${task.id}`, { token: w.office.token });
      expect(list.body.items).toEqual([]);
    });

    it('needs a non-blank comment to return: 400 on `comment`, the report stays SUBMITTED', async () => {
      const report = await reportIn(w, next, 'SUBMITTED');
      const historyLength = (await reportHistory(w, report.id)).length;
      for (const reviewer of [w.auditor, w.office]) {
        for (const body of [
          { action: 'return' },
          { action: 'return', comment: '' },
          { action: 'return', comment: '   \n\t ' },
        ]) {
          const res = await act(reviewer, report.id, body);
          expect([JSON.stringify(body), res.status, res.body.code]).toEqual([
            JSON.stringify(body),
            400,
            'VALIDATION_FAILED',
          ]);
          expect(fields(res.body)).toEqual(['comment']);
        }
      }
      await expectUnchanged(w, report, historyLength);
      const returned = await act(w.auditor, report.id, { action: 'return', comment: '근거 보완' });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ status: 'RETURNED', reviewComment: '근거 보완' });
    });

    it('keeps SUBMITTED and ACCEPTED reports read-only: authors 409, other readers 403, non-readers 404', async () => {
      for (const state of ['SUBMITTED', 'ACCEPTED'] as const) {
        const report = await reportIn(w, next, state);
        const historyLength = (await reportHistory(w, report.id)).length;
        const body = { version: report.version, progress: 90, achievements: '고쳐 쓴 실적' };
        const expected: Array<[Who, number, string]> = [
          ['staff', 409, 'ILLEGAL_TRANSITION'],
          ['owner', 409, 'ILLEGAL_TRANSITION'],
          ['head', 409, 'ILLEGAL_TRANSITION'],
          ['office', 403, 'FORBIDDEN'],
          ['auditor', 403, 'FORBIDDEN'],
          ['partner', 403, 'FORBIDDEN'],
          ['partnerHead', 403, 'FORBIDDEN'],
          ['committee', 404, 'NOT_FOUND'],
          ['admin', 404, 'NOT_FOUND'],
          ['outsider', 404, 'NOT_FOUND'],
          ['foreignAuditor', 404, 'NOT_FOUND'],
        ];
        for (const [who, status, code] of expected) {
          const res = await patch(w[who], report.id, body);
          expect([state, who, res.status, res.body.code]).toEqual([state, who, status, code]);
        }
        // Attaching a file is editing too.
        const upload = await http.upload(
          `/api/v1/reports/${report.id}/attachments`,
          { name: '추가자료.txt', bytes: new TextEncoder().encode('추가 자료입니다.\n') },
          { token: w.staff.token },
        );
        expect([state, upload.status, upload.body.code]).toEqual([
          state,
          409,
          'ILLEGAL_TRANSITION',
        ]);
        await expectUnchanged(w, report, historyLength);
      }
    });

    it('refuses to submit without progress and achievements: 400 naming each missing field', async () => {
      const { taskId, period } = await next();
      const report = await openReport(http, w.staff.token, taskId, period);
      const historyLength = (await reportHistory(w, report.id)).length;
      const both = await act(w.head, report.id, { action: 'submit' });
      expect([both.status, both.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(fields(both.body)).toEqual(['achievements', 'progress']);
      await expectUnchanged(w, report, historyLength);

      // Blank achievements are missing achievements.
      const blank = await fillReport(http, w.staff.token, report, {
        progress: null,
        achievements: '   ',
      });
      const stillBoth = await act(w.head, report.id, { action: 'submit' });
      expect(stillBoth.status).toBe(400);
      expect(fields(stillBoth.body)).toEqual(['achievements', 'progress']);

      const noProgress = await fillReport(http, w.staff.token, blank, {
        progress: null,
        achievements: '실적 있음',
      });
      const onlyProgress = await act(w.head, report.id, { action: 'submit' });
      expect(onlyProgress.status).toBe(400);
      expect(fields(onlyProgress.body)).toEqual(['progress']);

      const noAchievements = await fillReport(http, w.staff.token, noProgress, {
        progress: 0,
        achievements: '',
      });
      const onlyAchievements = await act(w.head, report.id, { action: 'submit' });
      expect(onlyAchievements.status).toBe(400);
      expect(fields(onlyAchievements.body)).toEqual(['achievements']);
      await expectUnchanged(w, noAchievements, historyLength + 3);

      const complete = await fillReport(http, w.staff.token, noAchievements, {
        progress: 0,
        achievements: '착수 준비',
      });
      const submitted = await act(w.head, report.id, { action: 'submit' });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        status: 'SUBMITTED',
        progress: 0,
        version: complete.version + 1,
      });
    });

    it('validates edits: progress, milestone results, unknown fields and stale versions change nothing', async () => {
      const task = await activeTaskSince(w, factory, '2025-01-01', {
        milestones: [
          { title: '실시설계', dueDate: on('06-30') },
          { title: '공사 착공', dueDate: on('09-30') },
        ],
      });
      const other = await activeTaskSince(w, factory, '2025-01-01', {
        milestones: [{ title: '다른 과제의 단계', dueDate: on('06-30') }],
      });
      const [m1, m2] = task.milestones;
      const foreignMilestone = other.milestones[0];
      const report = await fillReport(
        http,
        w.staff.token,
        await openReport(http, w.staff.token, task.id, '2025-Q3'),
        { progress: 40 },
      );
      const historyLength = (await reportHistory(w, report.id)).length;
      const v = report.version;

      const cases: Array<[string, Record<string, unknown>, string[]]> = [
        ['progress 101', { version: v, progress: 101 }, ['progress']],
        ['progress -1', { version: v, progress: -1 }, ['progress']],
        ['progress 50.5', { version: v, progress: 50.5 }, ['progress']],
        ['progress "50"', { version: v, progress: '50' }, ['progress']],
        [
          "another task's milestone",
          {
            version: v,
            milestoneResults: [
              { milestoneId: foreignMilestone.id, planned: '계획', actual: '실적' },
            ],
          },
          ['milestoneResults.0.milestoneId'],
        ],
        [
          'an unknown milestone in second place',
          {
            version: v,
            milestoneResults: [
              { milestoneId: m1.id, planned: '계획', actual: '실적' },
              { milestoneId: randomUUID(), planned: '계획', actual: '실적' },
            ],
          },
          ['milestoneResults.1.milestoneId'],
        ],
        [
          'a milestone id that is not a uuid',
          {
            version: v,
            milestoneResults: [{ milestoneId: 'm-1', planned: '계획', actual: '실적' }],
          },
          ['milestoneResults.0.milestoneId'],
        ],
        ['an unknown field', { version: v, state: 'ACCEPTED' }, ['state']],
      ];
      for (const [label, body, expected] of cases) {
        const res = await patch(w.staff, report.id, body);
        expect([label, res.status, res.body.code]).toEqual([label, 400, 'VALIDATION_FAILED']);
        expect([label, fields(res.body)]).toEqual([label, expected]);
      }
      await expectUnchanged(w, report, historyLength);

      const stale = await patch(w.staff, report.id, { version: v - 1, progress: 45 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: v });
      await expectUnchanged(w, report, historyLength);

      const results = [
        { milestoneId: m1.id, planned: '9월 실시설계 완료', actual: '9월 20일 완료' },
        { milestoneId: m2.id, planned: '10월 착공', actual: '미착수' },
      ];
      const ok = await patch(w.head, report.id, {
        version: v,
        progress: 100,
        milestoneResults: results,
        issuesAndRisks: '자재 수급 지연',
        nextSteps: '11월 착공',
        supportNeeded: '예산 조기 집행',
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        version: v + 1,
        progress: 100,
        milestoneResults: results,
        issuesAndRisks: '자재 수급 지연',
        nextSteps: '11월 착공',
        supportNeeded: '예산 조기 집행',
        author: { id: w.head.id },
      });
      const cleared = await patch(w.head, report.id, { version: v + 1, progress: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ version: v + 2, progress: null });
    });

    it('does not let the submitter review their own submission', async () => {
      // One person who is both the lead DEPT_HEAD and an AUDITOR.
      const both = await actorIn(http, factory, w.lead, ['DEPT_HEAD', 'AUDITOR']);
      const report = await reportIn(w, next, 'DRAFT');
      const submitted = await act(both, report.id, { action: 'submit' });
      expect(submitted.status).toBe(200);
      expect(submitted.body.allowedActions).toEqual([]);
      const historyLength = (await reportHistory(w, submitted.body.id)).length;
      for (const body of [{ action: 'accept' }, { action: 'return', comment: '셀프 반려' }]) {
        const res = await act(both, report.id, body);
        expect([body.action, res.status, res.body.code]).toEqual([
          body.action,
          409,
          'ILLEGAL_TRANSITION',
        ]);
      }
      await expectUnchanged(w, submitted.body, historyLength);
      const accepted = await act(w.auditor, report.id, { action: 'accept' });
      expect(accepted.status).toBe(200);
    });
  });

  it('takes a returned report through editing and a second submission, naming everyone and keeping history', async () => {
    const names: Array<[Actor, string]> = [
      [w.staff, '김작성'],
      [w.owner, '박담당'],
      [w.head, '이부장'],
      [w.auditor, '최감사'],
      [w.office, '정전담'],
    ];
    for (const [u, name] of names) {
      await factory.db.query(`UPDATE users SET name = $2 WHERE id = $1`, [u.id, name]);
    }
    const ref = (u: Actor) => ({ id: u.id, name: names.find(([x]) => x === u)![1] });

    const task = await activeTaskSince(w, factory, '2025-01-01');
    const opened = await openReport(http, w.staff.token, task.id, '2025-Q3');
    expect(opened).toMatchObject({
      status: 'DRAFT',
      author: null,
      submitter: null,
      reviewer: null,
      resubmissionCount: 0,
    });
    const filled = await fillReport(http, w.staff.token, opened, { progress: 30 });
    expect(filled.author).toEqual(ref(w.staff));

    const first = await reportAction(http, w.head.token, opened.id, 'submit');
    expect(first).toMatchObject({
      status: 'SUBMITTED',
      resubmissionCount: 0,
      author: ref(w.staff),
      submitter: ref(w.head),
      reviewer: null,
    });

    const comment = '3분기 실적 근거자료를 보완하세요.';
    const returned = await reportAction(http, w.auditor.token, opened.id, 'return', comment);
    expect(returned).toMatchObject({
      status: 'RETURNED',
      reviewComment: comment,
      reviewer: ref(w.auditor),
      submitter: ref(w.head),
      resubmissionCount: 0,
    });
    expect(sorted(returned.allowedActions)).toEqual([]);
    const ownerView = await http.get(`/api/v1/reports/${opened.id}`, { token: w.owner.token });
    expect(sorted(ownerView.body.allowedActions)).toEqual(['edit', 'requestApproval']);

    const upload = await http.upload(
      `/api/v1/reports/${opened.id}/attachments`,
      { name: '근거자료.txt', bytes: new TextEncoder().encode('보완 근거자료\n') },
      { token: w.owner.token },
    );
    expect(upload.status).toBe(201);
    const edited = await fillReport(http, w.owner.token, upload.body, {
      progress: 35,
      achievements: '근거자료를 보완한 추진실적',
    });
    expect(edited).toMatchObject({ status: 'RETURNED', author: ref(w.owner), progress: 35 });

    const second = await reportAction(http, w.head.token, opened.id, 'submit');
    expect(second).toMatchObject({
      status: 'SUBMITTED',
      resubmissionCount: 1,
      submitter: ref(w.head),
      author: ref(w.owner),
      reviewer: null,
    });

    const accepted = await act(w.office, opened.id, { action: 'accept', comment: '적정' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'ACCEPTED',
      resubmissionCount: 1,
      progress: 35,
      author: ref(w.owner),
      submitter: ref(w.head),
      reviewer: ref(w.office),
      reviewComment: '적정',
      version: second.version + 1,
    });

    const history = await reportHistory(w, opened.id);
    expect(history.map((h) => [h.action, h.actorId])).toEqual([
      ['update', w.staff.id],
      ['submit', w.head.id],
      ['return', w.auditor.id],
      ['attachment.add', w.owner.id],
      ['update', w.owner.id],
      ['submit', w.head.id],
      ['accept', w.office.id],
    ]);
    expect(history[2]).toMatchObject({
      reason: comment,
      actorName: '최감사',
      changes: { state: { from: 'SUBMITTED', to: 'RETURNED' } },
    });
    expect(history[5].changes.state).toEqual({ from: 'RETURNED', to: 'SUBMITTED' });
    expect(history[6].changes.state).toEqual({ from: 'SUBMITTED', to: 'ACCEPTED' });
    expect(history[4].changes.progress).toEqual({ from: 30, to: 35 });
  });

  it('hands a report from staff to their head (결재 요청): queue, refusals, withdrawal, cleared on submit, all in history', async () => {
    const report = await reportIn(w, next, 'DRAFT');
    const request = (u: Actor, body: Record<string, unknown>) =>
      http.post(`/api/v1/reports/${report.id}/approval-request`, body, { token: u.token });
    const withdraw = (u: Actor, body: Record<string, unknown>) =>
      http.post(`/api/v1/reports/${report.id}/approval-request/withdraw`, body, {
        token: u.token,
      });
    const headQueue = async () => {
      const res = await http.get('/api/v1/reports?approvalRequested=true&limit=200', {
        token: w.head.token,
      });
      expect(res.status).toBe(200);
      return (res.body.items as any[]).map((r) => r.id);
    };
    expect(report.approvalRequest).toBeNull();
    expect(await headQueue()).not.toContain(report.id);

    // Refused, changing nothing: a note too long (400 on the field), a stale version (409), the
    // head (who submits directly: 409), a reviewer (409, not theirs to ask), an outsider (404).
    const long = await request(w.staff, { version: report.version, note: '가'.repeat(501) });
    expect(long.status).toBe(400);
    expect(fields(long.body)).toEqual(['note']);
    expect((await request(w.staff, { version: report.version - 1 })).status).toBe(409);
    const byHead = await request(w.head, { version: report.version });
    expect(byHead.status).toBe(409);
    expect(byHead.body.message).toContain('부서장은 결재 요청 없이 바로 제출할 수 있습니다');
    expect((await request(w.auditor, { version: report.version })).status).toBe(403);
    expect((await request(w.outsider, { version: report.version })).status).toBe(404);
    await expectUnchanged(w, report, 1);

    const note = '3분기 실적 작성을 마쳤습니다. 검토 후 제출 부탁드립니다.';
    const asked = await request(w.staff, { version: report.version, note: `  ${note} ` });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      status: 'DRAFT',
      version: report.version + 1,
      approvalRequest: { requestedBy: { id: w.staff.id }, note },
    });
    expect(sorted(asked.body.allowedActions)).toEqual(['edit', 'withdrawApprovalRequest']);
    expect(await headQueue()).toContain(report.id);
    const headView = await http.get(`/api/v1/reports/${report.id}`, { token: w.head.token });
    expect(sorted(headView.body.allowedActions)).toEqual([
      'edit',
      'submit',
      'withdrawApprovalRequest',
    ]);
    // Once is enough: a second request (by anyone) is a 409; the owner may not withdraw another's.
    const again = await request(w.owner, { version: asked.body.version });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('이미 결재 요청된');
    expect((await withdraw(w.owner, { version: asked.body.version })).status).toBe(409);

    // The requester withdraws; asks again; the head declines with a reason; asked once more, the
    // head submits, which ends the request.
    const withdrawn = await withdraw(w.staff, { version: asked.body.version });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.approvalRequest).toBeNull();
    expect(await headQueue()).not.toContain(report.id);
    expect((await withdraw(w.staff, { version: withdrawn.body.version })).status).toBe(409);
    const second = await request(w.staff, { version: withdrawn.body.version });
    expect(second.status).toBe(200);
    const declined = await withdraw(w.head, {
      version: second.body.version,
      reason: '추진실적에 예산 집행 내역을 보완해 주세요.',
    });
    expect(declined.status).toBe(200);
    const third = await request(w.owner, { version: declined.body.version });
    expect(third.status).toBe(200);
    const submitted = await reportAction(http, w.head.token, report.id, 'submit');
    expect(submitted).toMatchObject({ status: 'SUBMITTED', approvalRequest: null });
    expect(await headQueue()).not.toContain(report.id);
    expect((await request(w.staff, { version: submitted.version })).status).toBe(409);

    const history = await reportHistory(w, report.id);
    expect(history.slice(1).map((h) => [h.action, h.actorId, h.reason])).toEqual([
      ['request-approval', w.staff.id, note],
      ['withdraw-approval-request', w.staff.id, null],
      ['request-approval', w.staff.id, null],
      ['withdraw-approval-request', w.head.id, '추진실적에 예산 집행 내역을 보완해 주세요.'],
      ['request-approval', w.owner.id, null],
      ['submit', w.head.id, null],
    ]);
  });

  it('refuses a 결재 요청 of a report not complete enough to submit, naming the fields', async () => {
    const { taskId, period } = await next();
    const opened = await openReport(http, w.staff.token, taskId, period);
    const res = await http.post(
      `/api/v1/reports/${opened.id}/approval-request`,
      { version: opened.version },
      { token: w.staff.token },
    );
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['achievements', 'progress']);
    await expectUnchanged(w, opened, 0);
  });

  it("sets the task's progress from its latest accepted report by period", async () => {
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const reports: Record<string, any> = {};
    for (const [period, progress] of [
      ['2025-Q2', 30],
      ['2025-Q3', 55],
      ['2025-Q4', 80],
    ] as const) {
      const opened = await openReport(http, w.staff.token, task.id, period);
      await fillReport(http, w.staff.token, opened, { progress });
      reports[period] = await reportAction(http, w.head.token, opened.id, 'submit');
    }
    const readTask = async () => {
      const res = await http.get(`/api/v1/tasks/${task.id}`, { token: w.office.token });
      expect(res.status).toBe(200);
      return res.body;
    };
    const reported = async () =>
      (await taskHistory(http, w.office.token, task.id)).filter(
        (h) => h.action === 'progress.reported',
      );

    // Submitting alone changes nothing.
    expect(await readTask()).toMatchObject({ reportedProgress: null });
    expect(await reported()).toHaveLength(0);

    await reportAction(http, w.auditor.token, reports['2025-Q3'].id, 'accept');
    expect(await readTask()).toMatchObject({ progress: 55, reportedProgress: 55 });
    const afterQ3 = await reported();
    expect(afterQ3).toHaveLength(1);
    expect(afterQ3[0]).toMatchObject({
      actorId: w.auditor.id,
      changes: { reportedProgress: { from: null, to: 55 } },
    });

    // An earlier period accepted later does not win.
    await reportAction(http, w.office.token, reports['2025-Q2'].id, 'accept');
    expect(await readTask()).toMatchObject({ progress: 55, reportedProgress: 55 });
    expect(await reported()).toHaveLength(1);

    await reportAction(http, w.auditor.token, reports['2025-Q4'].id, 'accept');
    expect(await readTask()).toMatchObject({ progress: 80, reportedProgress: 80 });
    const afterQ4 = await reported();
    expect(afterQ4).toHaveLength(2);
    expect(afterQ4[1]).toMatchObject({ changes: { reportedProgress: { from: 55, to: 80 } } });
  });

  it('flags lateness in Asia/Seoul: LATE with days late when submitted after the due date, MISSING with days overdue before', async () => {
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const today = seoulToday();

    const q3 = await fillReport(
      http,
      w.staff.token,
      await openReport(http, w.staff.token, task.id, '2025-Q3'),
    );
    expect(q3).toMatchObject({
      dueDate: DUE_2025_Q3,
      timeliness: 'MISSING',
      daysOverdue: daysFrom(DUE_2025_Q3, today),
      daysLate: 0,
    });

    const late = await reportAction(http, w.head.token, q3.id, 'submit');
    expect(late).toMatchObject({
      timeliness: 'LATE',
      daysLate: daysFrom(DUE_2025_Q3, seoulToday()),
      daysOverdue: 0,
    });
    // Late, and still accepted.
    const accepted = await reportAction(http, w.office.token, q3.id, 'accept');
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      timeliness: 'LATE',
      daysLate: late.daysLate,
    });

    const q2 = await openReport(http, w.staff.token, task.id, '2025-Q2');
    expect(q2).toMatchObject({
      dueDate: DUE_2025_Q2,
      status: 'DRAFT',
      timeliness: 'MISSING',
      daysOverdue: daysFrom(DUE_2025_Q2, seoulToday()),
      daysLate: 0,
    });

    // The quarter running today is not due yet.
    const current = await openReport(http, w.staff.token, task.id, quarterOf(today).current);
    expect(current).toMatchObject({ timeliness: 'PENDING', daysLate: 0, daysOverdue: 0 });
    expect(current.dueDate > seoulToday()).toBe(true);
  });

  it('lets exactly one of two concurrent edits or reviews through; the other is a 409', async () => {
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const report = await fillReport(
      http,
      w.staff.token,
      await openReport(http, w.staff.token, task.id, '2025-Q3'),
    );
    const v = report.version;
    const edits = await Promise.all([
      patch(w.staff, report.id, { version: v, achievements: '직원이 쓴 실적' }),
      patch(w.owner, report.id, { version: v, achievements: '담당자가 쓴 실적' }),
    ]);
    expect(edits.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = edits.find((r) => r.status === 200)!;
    const loser = edits.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: v + 1 });
    const afterEdits = await readReport(w, report.id);
    expect(afterEdits).toMatchObject({ version: v + 1, achievements: winner.body.achievements });
    expect((await reportHistory(w, report.id)).filter((h) => h.action === 'update')).toHaveLength(
      2,
    );

    await reportAction(http, w.head.token, report.id, 'submit');
    const reviews = await Promise.all([
      act(w.office, report.id, { action: 'accept' }),
      act(w.auditor, report.id, { action: 'accept' }),
    ]);
    expect(reviews.map((r) => r.status).sort()).toEqual([200, 409]);
    const final = await readReport(w, report.id);
    const reviewer = reviews[0].status === 200 ? w.office : w.auditor;
    expect(final).toMatchObject({ status: 'ACCEPTED', reviewer: { id: reviewer.id } });
    expect((await reportHistory(w, report.id)).filter((h) => h.action === 'accept')).toHaveLength(
      1,
    );
  });
});
