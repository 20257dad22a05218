import { randomUUID } from 'node:crypto';
import type { Role } from '@gwaje/identity';
import type { HttpResult } from './support/app.js';
import { testConfig, useTestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { draftConsultation, consultationAction } from './support/consultations.js';
import { createRound, nominate } from './support/evaluations.js';
import { login, type TestUser } from './support/factory.js';
import { decodeJwt, signJwt } from './support/jwt.js';
import { activeTaskSince, openReport } from './support/reports.js';
import { on, taskWorld, YEAR, type TaskWorld } from './support/tasks.js';
import {
  hasRecordIds,
  pathParams,
  type RecordType,
  ROUTE_POLICY,
  type RoutePolicy,
} from './support/route-policy.js';

// The authorisation matrix of issue 9: every route of the OpenAPI document × every business role ×
// own / other organisation, checked against the hand-written policy in support/route-policy.ts.

const BUSINESS_ROLES = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE', 'COMMITTEE'] as Role[];
const WRITES = new Set(['POST', 'PUT', 'PATCH']);
const ROUTES: Array<[string, RoutePolicy]> = Object.entries(ROUTE_POLICY);
const split = (route: string) => {
  const [method, path] = route.split(' ');
  return { method, path };
};
/** A route template with its parameters filled in from `value(name, type)`. */
function fill(route: string, value: (name: string, type: RecordType | undefined) => string) {
  const { path } = split(route);
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    value(name, ROUTE_POLICY[route].ids?.[name]),
  );
}
const brief = (res: HttpResult) => `${res.status} ${JSON.stringify(res.body)?.slice(0, 200) ?? ''}`;

const TXT = {
  name: '보안시험.txt',
  bytes: Buffer.from('보안 시험 첨부\n', 'utf8'),
  type: 'text/plain',
};

describe('security: every route × role × organisation', () => {
  const { http, factory } = useTestApi();

  /** 'METHOD /path/{param}' of every operation in the OpenAPI document. */
  async function documentedRoutes(): Promise<string[]> {
    const res = await http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const out: string[] = [];
    for (const [path, ops] of Object.entries(res.body.paths as Record<string, object>))
      for (const method of Object.keys(ops))
        if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
          out.push(`${method.toUpperCase()} ${path}`);
    return out.sort();
  }

  describe('the policy table', () => {
    it('has an entry for every route of the API, and only for real routes', async () => {
      const documented = await documentedRoutes();
      const table = Object.keys(ROUTE_POLICY).sort();
      expect({ withoutPolicy: documented.filter((r) => !ROUTE_POLICY[r]) }).toEqual({
        withoutPolicy: [],
      });
      expect({ notARoute: table.filter((r) => !documented.includes(r)) }).toEqual({
        notARoute: [],
      });
    });

    it('states for every route either public or who may call it, and the type of every path id', () => {
      for (const [route, policy] of ROUTES) {
        expect({
          route,
          stated: policy.public === true || (policy.roles?.length ?? 0) > 0,
        }).toEqual({
          route,
          stated: true,
        });
        expect({ route, params: pathParams(route).sort() }).toEqual({
          route,
          params: Object.keys(policy.ids ?? {}).sort(),
        });
      }
    });
  });

  describe('without a valid login', () => {
    let expired = '';
    beforeAll(async () => {
      const { users } = await factory.world(['STAFF']);
      const claims = decodeJwt((await login(http, users.STAFF)).accessToken);
      const now = Math.floor(Date.now() / 1000);
      expired = signJwt({ ...claims, iat: now - 3600, exp: now - 60 }, testConfig().auth.jwtSecret);
    });

    const guarded = ROUTES.filter(([, p]) => !p.public).map(([r]) => r);
    it.each(guarded)('%s answers 401', async (route) => {
      const { method } = split(route);
      const path = fill(route, (_, type) => (type === 'year' ? String(YEAR) : randomUUID()));
      const body = WRITES.has(method) ? {} : undefined;
      const got: Record<string, number> = {};
      for (const [name, token] of [
        ['none', undefined],
        ['malformed', 'not.a.jwt'],
        ['garbage', 'Bearer-ish'],
        ['expired', expired],
      ] as const) {
        got[name] = (await http.request(method, path, { token, body })).status;
      }
      expect(got).toEqual({ none: 401, malformed: 401, garbage: 401, expired: 401 });
    });
  });

  describe("another organisation's records", () => {
    let b: TaskWorld;
    const ids = {} as Record<RecordType, string>;
    let consultationAttachment = '';
    const a = {} as Record<Role, TestUser & { token: string }>;
    /** Every business table and the outbox, before the probes (test/support/checksum.ts). */
    let tablesBefore: Record<string, string> = {};

    beforeAll(async () => {
      // Organisation B (no parent, so not A's child) with a record of every type in path ids.
      b = await taskWorld(http, factory);
      const task = await activeTaskSince(b, factory, '2025-01-01');
      const report = await openReport(http, b.staff.token, task.id, '2025-Q1');
      const reportFile = await http.upload(`/api/v1/reports/${report.id}/attachments`, TXT, {
        token: b.staff.token,
      });
      if (reportFile.status !== 201) throw new Error(`report upload: ${brief(reportFile)}`);
      const milestone = await http.post(
        `/api/v1/tasks/${task.id}/milestones`,
        { title: '중간점검', dueDate: on('06-30') },
        { token: b.head.token },
      );
      if (milestone.status !== 201) throw new Error(`milestone: ${brief(milestone)}`);
      const c = await draftConsultation(http, b.staff.token);
      const cFile = await http.upload(`/api/v1/consultations/${c.id}/attachments`, TXT, {
        token: b.staff.token,
      });
      if (cFile.status !== 201) throw new Error(`consultation upload: ${brief(cFile)}`);
      consultationAttachment = cFile.body.id;
      await consultationAction(http, b.head.token, c.id, 'submit');
      const office = { ...b.office, name: '적극행정담당' };
      const round = await createRound(http, office);
      const n = await nominate(http, round.id, {
        by: { ...b.head, name: '부서장' },
        type: 'OFFICIAL',
        source: 'DEPARTMENT',
        nomineeUserIds: [b.owner.id],
      });
      const run = await http.post(
        '/api/v1/notifications/run',
        { dryRun: true },
        { token: b.office.token },
      );
      if (run.status !== 202) throw new Error(`notification run: ${brief(run)}`);
      const compile = await http.post(
        '/api/v1/dashboards/compile',
        { year: YEAR },
        { token: b.office.token },
      );
      if (compile.status !== 202) throw new Error(`dashboard compile: ${brief(compile)}`);
      // An e-mail to B's staff given up after its retries (what GET /notifications/failures lists).
      const { rows: failed } = await factory.db.query<{ id: string }>(
        `INSERT INTO notification_emails (recipient_id, kind, digest_date, status, attempts, claimed_at, error)
         VALUES ($1, 'DIGEST', CURRENT_DATE, 'FAILED', 5, now(), '550 mailbox unavailable') RETURNING id`,
        [b.staff.id],
      );
      Object.assign(ids, {
        notification_run: run.body.id,
        dashboard_compile: compile.body.id,
        failed_email: failed[0].id,
        task: task.id,
        milestone: milestone.body.id,
        report: report.id,
        attachment: reportFile.body.id,
        consultation: c.id,
        evaluation_round: round.id,
        nomination: n.id,
        // No incentive without a whole resolved round; a B-shaped unknown id stands in for it.
        incentive: randomUUID(),
        user: b.staff.id,
        department: b.lead.id,
        organisation: b.org.id,
        year: String(YEAR),
      });

      // Organisation A: one user per business role.
      const world = await factory.world(BUSINESS_ROLES);
      for (const role of BUSINESS_ROLES)
        a[role] = {
          ...world.users[role],
          token: (await login(http, world.users[role])).accessToken,
        };
      tablesBefore = await businessChecksum(factory.db);
    }, 60_000);

    /** A plausible body for a write, so a refusal is not just a validation error. */
    function bodyFor(route: string, caller: TestUser): unknown {
      const { path } = split(route);
      const bodies: Array<[RegExp, unknown]> = [
        [/tasks\/\{id\}$/, { version: 1, title: '바꾼 제목' }],
        [/tasks\/\{id\}\/transitions$/, { action: 'drop', reason: '중단 사유' }],
        [/milestones$/, { title: '추가 단계', dueDate: on('07-01') }],
        [/milestones\/\{milestoneId\}$/, { version: 1, title: '바꾼 단계' }],
        [/tasks\/\{id\}\/members$/, { userId: ids.user }],
        [/partners$/, { departmentId: caller.departmentId }],
        [/reports\/\{id\}$/, { version: 1, progress: 50, achievements: '실적' }],
        [/reports\/\{id\}\/transitions$/, { action: 'accept' }],
        [/consultations\/\{id\}$/, { version: 1, subject: '바꾼 제목' }],
        [/consultations\/\{id\}\/transitions$/, { action: 'startScreening' }],
        [/rules$/, { version: 1 }],
        [/evaluation-rounds\/\{id\}\/members$/, { memberIds: [a.COMMITTEE.id] }],
        [
          /resolution$/,
          {
            meetingDate: `${YEAR}-12-12`,
            presentMemberIds: [caller.id],
            votesFor: 1,
            votesAgainst: 0,
          },
        ],
        [
          /evaluation-rounds\/\{id\}\/nominations$/,
          {
            title: '공적',
            narrative: '공적 내용',
            type: 'OFFICIAL',
            source: 'SELF',
            nomineeUserIds: [caller.id],
          },
        ],
        [/decision$/, { decision: 'verify' }],
        [/conflicts$/, { reason: '이해충돌' }],
        [
          /scores$/,
          {
            scores: {
              citizenImpact: 30,
              proactiveness: 15,
              creativity: 15,
              difficulty: 5,
              spread: 5,
            },
          },
        ],
        [/preference$/, { preferred: ['REWARD_LEAVE'] }],
        [
          /incentives$/,
          { nominationId: ids.nomination, userId: ids.user, incentiveType: 'REWARD_LEAVE' },
        ],
        [/incentives\/\{id\}$/, { version: 1, status: 'EXECUTED' }],
        [/organisations\/\{id\}$/, { name: '바꾼 기관' }],
        [/departments\/\{id\}$/, { name: '바꾼 부서' }],
        [/users\/\{id\}$/, { name: '바꾼 이름' }],
      ];
      return bodies.find(([re]) => re.test(path))?.[1] ?? {};
    }

    const withIds = ROUTES.filter(([, p]) => !p.public && hasRecordIds(p)).map(([r]) => r);
    it.each(withIds)("%s refuses every role of A on B's records", async (route) => {
      const { method, path: template } = split(route);
      const owner = ROUTE_POLICY[route].ids?.id;
      const query = ROUTE_POLICY[route].query;
      const path =
        fill(route, (_, type) =>
          type === 'attachment' && owner === 'consultation' ? consultationAttachment : ids[type!],
        ) + (query ? `?${query}` : '');
      const wrong: string[] = [];
      for (const role of BUSINESS_ROLES) {
        const caller = a[role];
        const res =
          template.endsWith('/attachments') && method === 'POST'
            ? await http.upload(path, TXT, { token: caller.token })
            : await http.request(method, path, {
                token: caller.token,
                body: WRITES.has(method) ? bodyFor(route, caller) : undefined,
              });
        if (![400, 403, 404, 409].includes(res.status))
          wrong.push(`${role} ${method} ${path} → ${brief(res)}`);
      }
      expect(wrong).toEqual([]);
      // Refused, so nothing changed anywhere: no row of any business table, nor the outbox.
      expect(changedTables(tablesBefore, await businessChecksum(factory.db))).toEqual([]);
    });
  });

  describe('role gating on own-organisation routes without record ids', () => {
    const users = {} as Record<Role, TestUser & { token: string }>;
    beforeAll(async () => {
      const world = await factory.world(BUSINESS_ROLES);
      for (const role of BUSINESS_ROLES)
        users[role] = {
          ...world.users[role],
          token: (await login(http, world.users[role])).accessToken,
        };
    });

    const gated = ROUTES.filter(([, p]) => !p.public && !hasRecordIds(p) && !p.noGate);
    it.each(gated.map(([r]) => r))('%s lets in exactly the roles of the policy', async (route) => {
      const policy = ROUTE_POLICY[route];
      const { method } = split(route);
      const path = fill(route, () => String(YEAR)) + (policy.query ? `?${policy.query}` : '');
      const wrong: string[] = [];
      for (const role of BUSINESS_ROLES) {
        const u = users[role];
        const body = WRITES.has(method)
          ? (policy.body?.({ userId: u.id, departmentId: u.departmentId, year: YEAR }) ?? {})
          : undefined;
        const res = await http.request(method, path, { token: u.token, body });
        const allowed = policy.roles?.includes(role) ?? false;
        const ok = allowed
          ? ![401, 403, 404].includes(res.status) && res.status < 500
          : policy.scoped
            ? res.status !== 401 && res.status < 500
            : [403, 404].includes(res.status);
        if (!ok)
          wrong.push(
            `${role} (${allowed ? 'allowed' : 'denied'}) ${method} ${path} → ${brief(res)}`,
          );
      }
      expect(wrong).toEqual([]);
    });
  });
});
