import { randomUUID } from 'node:crypto';
import type { Role } from '@gwaje/identity';
import type { HttpResult } from './support/app.js';
import { testConfig, useTestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { draftConsultation, consultationAction } from './support/consultations.js';
import { addItem, approveCriteria, heldMeeting, seatCommittee } from './support/committee.js';
import {
  aggregate,
  confirm,
  createRound,
  nominate,
  score,
  setMembers,
  sheet,
  verify,
} from './support/evaluations.js';
import { login, type TestUser } from './support/factory.js';
import { decodeJwt, signJwt } from './support/jwt.js';
import { activeTaskSince, openReport } from './support/reports.js';
import { on, taskInState, taskWorld, YEAR, type TaskWorld } from './support/tasks.js';
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
/** Who probes another organisation's records: every business role and the ADMIN. */
const CALLERS = [...BUSINESS_ROLES, 'ADMIN'] as Role[];
const V = '/api/v1';
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
    // Organisation B holds one real record of every kind a path id names; organisation A has one
    // user per role (ADMIN included: the identity routes are its). Every probe of A names a record
    // that EXISTS in B (checked below against the database), never an unknown id standing in for one.
    let b: TaskWorld;
    let aDept = '';
    const ids = {} as Record<RecordType, string>;
    /** B's task shared with A's department (a partner, DOMAIN.md §1) and its own sub-records. */
    const shared = {} as Record<RecordType, string>;
    /** A's own parents (task, report, consultation) for the nested probes. */
    const own = {} as Record<RecordType, string>;
    const a = {} as Record<Role, TestUser & { token: string }>;
    /** Every business table and the outbox, before the probes (test/support/checksum.ts). */
    let tablesBefore: Record<string, string> = {};
    /** Current versions of B's records, so a body would pass every check but the organisation's. */
    let versions: Partial<Record<RecordType, number>> = {};
    /** B's collaboration's plan version, and an organisation D with a department to add to it. */
    let collaborationRefs: { dOrg: string; dDept: string; planVersion?: number } = {
      dOrg: '',
      dDept: '',
    };

    function ok(res: HttpResult, status: number, what: string): any {
      if (res.status !== status) throw new Error(`${what}: ${brief(res)}`);
      return res.body;
    }

    beforeAll(async () => {
      // Organisation A: one user per role, all in one department.
      const world = await factory.world(CALLERS);
      aDept = world.dept.id;
      for (const role of CALLERS)
        a[role] = {
          ...world.users[role],
          token: (await login(http, world.users[role])).accessToken,
        };

      // A's own task (IN_PROGRESS, with a report) and consultation: the parents of the nested
      // probes that name a child record of B under a record of A.
      const drivers = {
        creator: a.STAFF.token,
        head: a.DEPT_HEAD.token,
        office: a.PROACTIVE_OFFICE.token,
      };
      const ownTask = await taskInState(http, drivers, 'IN_PROGRESS', a.STAFF.id);
      await factory.db.query(
        `UPDATE task_active_spans SET active_from = timestamptz '2025-01-01 09:00+09' WHERE task_id = $1`,
        [ownTask.id],
      );
      Object.assign(own, {
        task: ownTask.id,
        report: (await openReport(http, a.STAFF.token, ownTask.id, '2025-Q1')).id,
        consultation: (await draftConsultation(http, a.STAFF.token)).id,
      });
      // A's own contest entry awaiting screening: the parent of the nested attachment probes.
      const ownContest = ok(
        await http.post(
          '/api/v1/contests/rounds',
          {
            year: YEAR,
            title: '우리 경진대회',
            entriesOpen: `${YEAR}-05-01`,
            entriesClose: `${YEAR}-05-31`,
            judgingDue: `${YEAR}-06-15`,
            resultsDate: `${YEAR}-06-30`,
            fields: [{ key: 'proactive', label: '적극행정' }],
          },
          { token: a.PROACTIVE_OFFICE.token },
        ),
        201,
        'own contest',
      );
      ok(
        await http.post(
          `/api/v1/contests/rounds/${ownContest.id}/transitions`,
          { action: 'open', version: ownContest.version },
          { token: a.PROACTIVE_OFFICE.token },
        ),
        200,
        'own contest open',
      );
      own.contest_entry = ok(
        await http.post(
          `/api/v1/contests/rounds/${ownContest.id}/entries`,
          {
            field: 'proactive',
            title: '우리 사례',
            departmentId: aDept,
            officialIds: [a.STAFF.id],
          },
          { token: a.PROACTIVE_OFFICE.token },
        ),
        201,
        'own contest entry',
      ).id;

      // A's own committee meeting (held, nobody sitting) with an open item: the parent of the
      // nested probe of a 기피 decision.
      const aOffice = { ...a.PROACTIVE_OFFICE, name: '전담부서A' };
      const aMeeting = await heldMeeting(http, aOffice, []);
      own.committee_meeting = aMeeting.id;
      own.committee_agenda_item = (
        await addItem(http, aOffice, aMeeting.id, 'OTHER', null, '보안 점검 안건')
      ).id;

      // A's own collaboration on its task (A coordinates it itself): the parent of the nested
      // probes naming B's participant or milestone.
      own.collaboration = ok(
        await http.post(
          '/api/v1/collaborations',
          { taskId: ownTask.id, coordinatorOrganisationId: world.org.id },
          { token: a.PROACTIVE_OFFICE.token },
        ),
        201,
        'own collaboration',
      ).id;

      // A's own education session: the parent of the nested probe naming B's attendee.
      own.education_session = ok(
        await http.post(
          '/api/v1/education/sessions',
          {
            title: 'A 기관 교육',
            kind: 'ALL_STAFF',
            sessionDate: on('03-10'),
            hours: 2,
            delivery: 'OFFLINE',
          },
          { token: a.PROACTIVE_OFFICE.token },
        ),
        201,
        'own education session',
      ).id;
      // A's own action plan: the parent of the nested probes naming B's direction or measure.
      own.action_plan = ok(
        await http.post(
          '/api/v1/action-plans',
          { year: YEAR, directions: [{ title: '우리 추진방향' }] },
          { token: a.PROACTIVE_OFFICE.token },
        ),
        201,
        'own action plan',
      ).id;

      // Organisation B (no parent, so neither A's parent nor its child).
      b = await taskWorld(http, factory);
      // An active task of B's lead department with a member and a partner department of B.
      const task = await activeTaskSince(b, factory, '2025-01-01', { memberIds: [b.staff.id] });
      const milestone = ok(
        await http.post(
          `/api/v1/tasks/${task.id}/milestones`,
          { title: '중간점검', dueDate: on('06-30') },
          { token: b.head.token },
        ),
        201,
        'milestone',
      );
      const report = await openReport(http, b.staff.token, task.id, '2025-Q1');
      const reportFile = ok(
        await http.upload(`/api/v1/reports/${report.id}/attachments`, TXT, {
          token: b.staff.token,
        }),
        201,
        'report upload',
      );
      // A member of the task attaches a file to it.
      const taskFile = ok(
        await http.upload(`/api/v1/tasks/${task.id}/attachments`, TXT, { token: b.staff.token }),
        201,
        'task upload',
      );
      const c = await draftConsultation(http, b.staff.token);
      const cFile = ok(
        await http.upload(`/api/v1/consultations/${c.id}/attachments`, TXT, {
          token: b.staff.token,
        }),
        201,
        'consultation upload',
      );
      await consultationAction(http, b.head.token, c.id, 'submit');

      // A whole evaluation round of B, through the API up to a real incentive: one committee
      // member, the owner nominated, verified, scored, aggregated, resolved (CONFIRMED), granted.
      const office = { ...b.office, name: '적극행정담당' };
      const member = { ...b.committee, name: '위원가' };
      // B's standing committee (one member) resolves the criteria before scoring starts.
      const [seat] = await seatCommittee(http, office, [member]);
      const round = await createRound(http, office);
      await setMembers(http, office, round.id, [member]);
      const n = await nominate(http, round.id, {
        by: { ...b.head, name: '부서장' },
        type: 'OFFICIAL',
        source: 'DEPARTMENT',
        nomineeUserIds: [b.owner.id],
      });
      await verify(http, office, n.id);
      await approveCriteria(http, office, [member], round.id);
      ok(
        await http.post(`/api/v1/evaluation-rounds/${round.id}/start-scoring`, undefined, {
          token: b.office.token,
        }),
        200,
        'start scoring',
      );
      await score(http, member, n.id, sheet(36, 18, 18, 9, 9));
      await aggregate(http, office, round.id);
      // The committee resolves the results (an EVALUATION_RESULTS item that passes): CONFIRMED.
      await confirm(http, office, round.id, [member]);
      // A second round of B in scoring, its results on the agenda of a held meeting (left open),
      // and the nominator's 기피 request against the member (left undecided). (One open item per
      // subject: the first round's results were resolved by an item of their own.)
      const pending = await createRound(http, office);
      await setMembers(http, office, pending.id, [member]);
      const pendingNomination = await nominate(http, pending.id, {
        by: { ...b.head, name: '부서장' },
        type: 'OFFICIAL',
        source: 'DEPARTMENT',
        nomineeUserIds: [b.owner.id],
      });
      await verify(http, office, pendingNomination.id);
      await approveCriteria(http, office, [member], pending.id);
      ok(
        await http.post(`/api/v1/evaluation-rounds/${pending.id}/start-scoring`, undefined, {
          token: b.office.token,
        }),
        200,
        'start scoring (second round)',
      );
      const meeting = await heldMeeting(http, office, [member]);
      const item = await addItem(http, office, meeting.id, 'EVALUATION_RESULTS', pending.id);
      const challenged = ok(
        await http.post(
          `/api/v1/committee/agenda-items/${item.id}/challenges`,
          { memberId: member.id, reason: '추천 과정에 관여함' },
          { token: b.head.token },
        ),
        201,
        'challenge',
      );
      const incentive = ok(
        await http.post(
          `/api/v1/evaluation-rounds/${round.id}/incentives`,
          { nominationId: n.id, userId: b.owner.id, incentiveType: 'REWARD_LEAVE' },
          { token: b.office.token },
        ),
        201,
        'incentive',
      );

      // An opinion request of B's staff on B's task (the staff is a member of it).
      const opinion = ok(
        await http.post(
          '/api/v1/opinion-requests',
          { taskId: task.id, question: '의견을 구합니다.', background: '배경' },
          { token: b.staff.token },
        ),
        201,
        'opinion request',
      );
      // A contest round of B through the API up to its published results and an award record:
      // B's own department enters (B is organiser and entrant), B's committee member judges.
      const contest = ok(
        await http.post(
          '/api/v1/contests/rounds',
          {
            year: YEAR,
            title: '보안시험 경진대회',
            entriesOpen: `${YEAR}-05-01`,
            entriesClose: `${YEAR}-05-31`,
            judgingDue: `${YEAR}-06-15`,
            resultsDate: `${YEAR}-06-30`,
            fields: [{ key: 'proactive', label: '적극행정' }],
            awardTable: [
              {
                fromRank: 1,
                toRank: 1,
                field: null,
                award: '최우수',
                commendation: '기관장 표창',
                prizeKrw: 100000,
                bonusPoints: 0.3,
                advances: false,
              },
            ],
            budgetKrw: 100000,
          },
          { token: b.office.token },
        ),
        201,
        'contest round',
      );
      const contestStep = async (action: string) => {
        const v = (
          await http.get(`/api/v1/contests/rounds/${contest.id}`, { token: b.office.token })
        ).body.version;
        ok(
          await http.post(
            `/api/v1/contests/rounds/${contest.id}/transitions`,
            { action, version: v },
            { token: b.office.token },
          ),
          200,
          `contest ${action}`,
        );
      };
      await contestStep('open');
      const contestEntry = ok(
        await http.post(
          `/api/v1/contests/rounds/${contest.id}/entries`,
          {
            field: 'proactive',
            title: '보안시험 사례',
            departmentId: b.lead.id,
            officialIds: [b.owner.id],
          },
          { token: b.office.token },
        ),
        201,
        'contest entry',
      );
      const contestFile = ok(
        await http.upload(`/api/v1/contests/entries/${contestEntry.id}/attachments`, TXT, {
          token: b.office.token,
        }),
        201,
        'contest upload',
      );
      ok(
        await http.post(
          `/api/v1/contests/entries/${contestEntry.id}/screening`,
          { decision: 'accept', version: contestFile.version },
          { token: b.office.token },
        ),
        200,
        'contest screening',
      );
      await contestStep('closeEntries');
      ok(
        await http.put(
          `/api/v1/contests/rounds/${contest.id}/panel`,
          { memberIds: [b.committee.id] },
          { token: b.office.token },
        ),
        200,
        'contest panel',
      );
      await contestStep('startJudging');
      ok(
        await http.put(
          `/api/v1/contests/entries/${contestEntry.id}/scores`,
          { scores: sheet(36, 18, 18, 9, 9) },
          { token: b.committee.token },
        ),
        200,
        'contest score',
      );
      const contestVersion = (
        await http.get(`/api/v1/contests/rounds/${contest.id}`, { token: b.office.token })
      ).body.version;
      ok(
        await http.post(
          `/api/v1/contests/rounds/${contest.id}/publish`,
          { version: contestVersion },
          { token: b.office.token },
        ),
        200,
        'contest publish',
      );
      const contestAwards = ok(
        await http.get(`/api/v1/contests/awards?roundId=${contest.id}`, { token: b.office.token }),
        200,
        'contest awards',
      );

      // B's task made a collaboration: B leads and coordinates it, organisation C takes part and
      // carries B's milestone. A has no part in it. D is an organisation the add-participant body names.
      const cOrg = await factory.org();
      const cDept = await factory.dept(cOrg.id);
      const dOrg = await factory.org();
      const dDept = await factory.dept(dOrg.id);
      collaborationRefs = { dOrg: dOrg.id, dDept: dDept.id };
      const collab = ok(
        await http.post(
          '/api/v1/collaborations',
          {
            taskId: task.id,
            coordinatorOrganisationId: b.org.id,
            participants: [{ organisationId: cOrg.id, departmentId: cDept.id }],
          },
          { token: b.office.token },
        ),
        201,
        'collaboration',
      );
      const collabShared = ok(
        await http.put(
          `/api/v1/collaborations/${collab.id}/milestone-shares`,
          {
            version: collab.version,
            shares: [{ milestoneId: milestone.id, organisationId: cOrg.id }],
          },
          { token: b.office.token },
        ),
        200,
        'collaboration shares',
      );
      collaborationRefs.planVersion = collabShared.planVersion;
      // Its TF: B's staff leads it and owns an action item of a meeting's decision.
      ok(
        await http.post(
          `/api/v1/collaborations/${collab.id}/tf/members`,
          { userId: b.staff.id, role: 'LEAD' },
          { token: b.office.token },
        ),
        201,
        'TF member',
      );
      const tfMeeting = ok(
        await http.post(
          `/api/v1/collaborations/${collab.id}/tf/meetings`,
          { heldAt: '2026-03-10T14:00:00+09:00', title: 'TF 회의', attendeeIds: [b.staff.id] },
          { token: b.office.token },
        ),
        201,
        'TF meeting',
      );
      const tfDecided = ok(
        await http.post(
          `/api/v1/collaborations/${collab.id}/tf/meetings/${tfMeeting.id}/decisions`,
          {
            text: '실행과제 지정',
            actionItems: [{ title: '공문 발송', ownerUserId: b.staff.id, dueDate: on('04-30') }],
          },
          { token: b.office.token },
        ),
        201,
        'TF decision',
      );
      // A 협업SOS on B's collaboration (a 협업정원 request, so every SOS action has a body to take).
      const collabSos = ok(
        await http.post(
          `/api/v1/collaborations/${collab.id}/sos`,
          {
            blocked: '보안 점검 SOS',
            needKind: 'STAFF',
            staffRequest: { count: 2, grade: '행정6급', months: 6, reason: '보안 점검' },
          },
          { token: b.office.token },
        ),
        201,
        'collaboration sos',
      );
      // A 소극행정 report of B under investigation (so every action's state allows it), named and
      // with an official concerned.
      const passiveReport = ok(
        await http.post(
          '/api/v1/passive-reports',
          {
            receiptNumber: '보안-소극-001',
            receivedOn: '2025-03-04',
            channel: 'SINMUNGO',
            anonymous: false,
            reporter: { name: '보안신고인', contact: '010-0000-0000' },
            content: '보안 점검 소극행정 신고',
            departmentId: b.lead.id,
            officialIds: [b.staff.id],
          },
          { token: b.auditor.token },
        ),
        201,
        'passive report',
      );
      ok(
        await http.post(
          `/api/v1/passive-reports/${passiveReport.id}/assign`,
          { version: passiveReport.version, investigatorId: b.auditor.id },
          { token: b.auditor.token },
        ),
        200,
        'passive report assigned',
      );

      // A 적극행정 education session of B with B's staff attending.
      const eduSession = ok(
        await http.post(
          '/api/v1/education/sessions',
          {
            title: '적극행정 교육',
            kind: 'ALL_STAFF',
            sessionDate: on('03-10'),
            hours: 2,
            delivery: 'OFFLINE',
          },
          { token: b.office.token },
        ),
        201,
        'education session',
      );
      ok(
        await http.post(
          `/api/v1/education/sessions/${eduSession.id}/attendees`,
          { attendees: [{ userId: b.staff.id }] },
          { token: b.office.token },
        ),
        200,
        'education attendee',
      );

      // A 국민신청 of B, assigned to B's lead department.
      const citizenApplication = ok(
        await http.post(
          '/api/v1/citizen-applications',
          {
            applicationNumber: '보안-B-001',
            channel: 'EPEOPLE',
            receivedOn: '2026-01-05',
            applicantName: '보안시험',
            applicantEmail: 'applicant@example.com',
            content: '보안 시험 신청',
            challengedRule: '보안 시험 관행',
            departmentId: b.lead.id,
          },
          { token: b.office.token },
        ),
        201,
        'citizen application',
      );

      // B's action plan of the year with a direction and a measure of its lead department.
      const actionPlan = ok(
        await http.post(
          '/api/v1/action-plans',
          { year: YEAR, directions: [{ title: '추진체계 정비 및 교육' }] },
          { token: b.office.token },
        ),
        201,
        'action plan',
      );
      const withMeasure = ok(
        await http.post(
          `/api/v1/action-plans/${actionPlan.id}/measures`,
          {
            version: actionPlan.version,
            directionId: actionPlan.directions[0].id,
            title: '전 직원 교육',
            ownerDepartmentId: b.lead.id,
            dueDate: on('06-30'),
          },
          { token: b.office.token },
        ),
        201,
        'action plan measure',
      );
      // A 면책 case of B's register (issue 22 part 5), registered by B's audit unit.
      const exemptionCase = ok(
        await http.post(
          '/api/v1/exemptions',
          {
            kind: 'EX_OFFICIO',
            title: '보안 점검 면책',
            auditReference: '보안 점검 감사 지적',
            appliedOn: '2026-01-05',
          },
          { token: b.auditor.token },
        ),
        201,
        'exemption case',
      );

      const run = ok(
        await http.post('/api/v1/notifications/run', { dryRun: true }, { token: b.office.token }),
        202,
        'notification run',
      );
      const compile = ok(
        await http.post('/api/v1/dashboards/compile', { year: YEAR }, { token: b.office.token }),
        202,
        'dashboard compile',
      );
      // An e-mail to B's staff given up after its retries (what GET /notifications/failures lists):
      // no API fails an e-mail on demand, so it is written as the worker would leave it.
      const { rows: failed } = await factory.db.query<{ id: string }>(
        `INSERT INTO notification_emails (recipient_id, kind, digest_date, status, attempts, claimed_at, error)
         VALUES ($1, 'DIGEST', CURRENT_DATE, 'FAILED', 5, now(), '550 mailbox unavailable') RETURNING id`,
        [b.staff.id],
      );
      // A notification of B's staff (the notification centre marks it read).
      const { rows: notification } = await factory.db.query<{ id: string }>(
        `INSERT INTO notifications (organisation_id, recipient_id, rule, section, record_type, record_id, due_date, send_on)
         VALUES ($1, $2, 'report.approval#1', 'ACTION_REQUIRED', 'report', $3, CURRENT_DATE, CURRENT_DATE) RETURNING id`,
        [b.org.id, b.staff.id, task.id],
      );
      const comment = ok(
        await http.post(
          '/api/v1/comments',
          { recordType: 'task', recordId: task.id, body: '보안시험 댓글' },
          { token: b.staff.token },
        ),
        201,
        'comment',
      );
      // A view B's office shares with its organisation (the most visible kind there is).
      const savedView = ok(
        await http.post(
          '/api/v1/saved-views',
          { list: 'tasks', name: '보안시험 공유 보기', query: 'delayed=true', shared: true },
          { token: b.office.token },
        ),
        201,
        'saved view',
      );
      // A closure B's administrator declares for its organisation (late in the data's last year).
      const declaredDay = ok(
        await http.post(
          '/api/v1/calendar/declared-days',
          {
            scope: 'ORGANISATION',
            date: '2027-12-30',
            name: '보안시험 휴무일',
            basis: '보안시험',
            reason: '보안시험',
          },
          { token: b.admin.token },
        ),
        201,
        'declared day',
      ).declaration;
      Object.assign(ids, {
        declared_day: declaredDay.id,
        comment: comment.id,
        saved_view: savedView.id,
        notification: String(notification[0].id),
        task: task.id,
        milestone: milestone.id,
        member: b.staff.id,
        partner: b.partnerDept.id,
        report: report.id,
        // An upload answers with its owner (the report, the consultation), not the attachment.
        report_attachment: reportFile.attachments[0].id,
        task_attachment: taskFile[0].id,
        consultation: c.id,
        consultation_attachment: cFile.attachments[0].id,
        evaluation_round: round.id,
        nomination: n.id,
        incentive: incentive.id,
        opinion_request: opinion.id,
        collaboration: collab.id,
        collaboration_participant: cOrg.id,
        collaboration_tf_member: b.staff.id,
        collaboration_tf_meeting: tfMeeting.id,
        collaboration_tf_action_item: tfDecided.decisions[0].actionItems[0].id,
        collaboration_sos: collabSos.id,
        education_session: eduSession.id,
        education_attendee: b.staff.id,
        citizen_application: citizenApplication.id,
        passive_report: passiveReport.id,
        action_plan: actionPlan.id,
        action_plan_direction: actionPlan.directions[0].id,
        action_plan_measure: withMeasure.directions[0].measures[0].id,
        exemption_case: exemptionCase.id,
        contest_round: contest.id,
        contest_entry: contestEntry.id,
        contest_award: contestAwards[0].id,
        contest_entry_attachment: contestFile.attachments[0].id,
        committee_member: seat.id,
        committee_meeting: meeting.id,
        committee_agenda_item: item.id,
        committee_challenge: challenged.exclusions.find((x: any) => x.kind === 'CHALLENGE').id,
        notification_run: run.id,
        dashboard_compile: compile.id,
        failed_email: String(failed[0].id),
        user: b.staff.id,
        department: b.lead.id,
        organisation: b.org.id,
        year: String(YEAR),
      });

      // B's task shared with A's department: A's STAFF and DEPT_HEAD read it (collaboration).
      const sharedTask = await b.task('IN_PROGRESS', {
        partnerDepartmentIds: [aDept],
        memberIds: [b.staff.id],
      });
      const sharedMilestone = ok(
        await http.post(
          `/api/v1/tasks/${sharedTask.id}/milestones`,
          { title: '협업 점검', dueDate: on('06-30') },
          { token: b.head.token },
        ),
        201,
        'shared milestone',
      );
      const sharedFile = ok(
        await http.upload(`/api/v1/tasks/${sharedTask.id}/attachments`, TXT, {
          token: b.staff.token,
        }),
        201,
        'shared task upload',
      );
      Object.assign(shared, ids, {
        task: sharedTask.id,
        task_attachment: sharedFile[0].id,
        milestone: sharedMilestone.id,
        member: b.staff.id,
        partner: aDept,
      });

      versions = await currentVersions(ids);
      tablesBefore = await businessChecksum(factory.db);
    }, 120_000);

    /** The version column of each versioned record of `recs`, as the database holds it now. */
    async function currentVersions(recs: Record<RecordType, string>) {
      const tables: Partial<Record<RecordType, string>> = {
        task: 'tasks',
        milestone: 'milestones',
        report: 'reports',
        consultation: 'consultations',
        evaluation_round: 'evaluation_rounds',
        nomination: 'nominations',
        incentive: 'incentive_grants',
        opinion_request: 'opinion_requests',
        collaboration: 'collaboration_tasks',
        collaboration_tf_meeting: 'collaboration_tf_meetings',
        collaboration_tf_action_item: 'collaboration_tf_action_items',
        collaboration_sos: 'collaboration_sos',
        education_session: 'education_sessions',
        citizen_application: 'citizen_applications',
        passive_report: 'passive_reports',
        action_plan: 'action_plans',
        action_plan_measure: 'action_plan_measures',
        exemption_case: 'exemption_cases',
        contest_round: 'contest_rounds',
        contest_entry: 'contest_entries',
        contest_award: 'contest_awards',
        committee_member: 'committee_members',
        committee_meeting: 'committee_meetings',
        committee_agenda_item: 'committee_agenda_items',
        committee_challenge: 'committee_exclusions',
        organisation: 'organisations',
        department: 'departments',
        user: 'users',
      };
      const out: Partial<Record<RecordType, number>> = {};
      for (const [type, table] of Object.entries(tables) as Array<[RecordType, string]>) {
        const { rows } = await factory.db.query<{ version: number }>(
          `SELECT version FROM ${table} WHERE id = $1`,
          [recs[type]],
        );
        out[type] = rows[0].version;
      }
      return out;
    }

    /**
     * A valid body for every write of the matrix (null: the route takes none; 'upload': a file),
     * built so that it passes validation and every rule but the organisation's: current versions,
     * actions the record's state allows, references to B's own records (a member of B, a partner
     * department of B, B's nomination). So a 400 from validation cannot mask the answer, and a
     * route that forgot the organisation check would succeed (and the checksum would see it).
     * The references in these bodies are to records of the addressed organisation; a body naming
     * another organisation's record (e.g. a leadDepartmentId of another organisation in a task
     * body) answers 400 INVALID_REFERENCE by the documented contract: that is for body
     * references only, never for a record the path names.
     */
    const BODIES: Record<string, (r: Record<RecordType, string>) => unknown> = {
      [`PATCH ${V}/passive-reports/{id}`]: () => ({
        version: versions.passive_report,
        content: '보안 점검 수정',
      }),
      [`POST ${V}/passive-reports/{id}/assign`]: () => ({
        version: versions.passive_report,
        investigatorId: b.auditor.id,
      }),
      [`POST ${V}/passive-reports/{id}/extend`]: () => ({
        version: versions.passive_report,
        businessDays: 3,
        reason: '보안 점검',
      }),
      [`POST ${V}/passive-reports/{id}/conclude`]: () => ({
        version: versions.passive_report,
        outcome: 'NO_ACTION',
        findings: '보안 점검',
      }),
      [`POST ${V}/passive-reports/{id}/close`]: () => ({
        version: versions.passive_report,
        reason: '보안 점검',
      }),
      [`PATCH ${V}/organisations/{id}`]: () => ({
        version: versions.organisation,
        name: '바꾼 기관',
      }),
      [`POST ${V}/organisations/{id}/deactivate`]: () => ({ reason: '보안 점검' }),
      [`POST ${V}/organisations/{id}/reactivate`]: () => ({ reason: '보안 점검' }),
      [`PATCH ${V}/departments/{id}`]: () => ({ version: versions.department, name: '바꾼 부서' }),
      [`PUT ${V}/departments/{id}/head`]: () => ({
        userId: b.staff.id,
        version: versions.department,
      }),
      [`POST ${V}/departments/{id}/deactivate`]: () => ({ reason: '보안 점검' }),
      [`POST ${V}/departments/{id}/reactivate`]: () => ({ reason: '보안 점검' }),
      [`PATCH ${V}/users/{id}`]: () => ({ version: versions.user, name: '바꾼 이름' }),
      [`POST ${V}/users/{id}/deactivate`]: () => ({ reason: '보안 점검' }),
      [`POST ${V}/users/{id}/reactivate`]: () => ({ reason: '보안 점검' }),
      [`POST ${V}/users/{id}/unlock`]: () => ({ reason: '보안 점검' }),
      [`PATCH ${V}/tasks/{id}`]: () => ({ version: versions.task, title: '바꾼 제목' }),
      [`POST ${V}/tasks/{id}/transitions`]: () => ({
        action: 'suspend',
        reason: '중단 사유',
        version: versions.task,
      }),
      [`POST ${V}/tasks/{id}/milestones`]: () => ({ title: '추가 단계', dueDate: on('07-01') }),
      [`PATCH ${V}/tasks/{id}/milestones/{milestoneId}`]: () => ({
        version: versions.milestone,
        title: '바꾼 단계',
      }),
      [`DELETE ${V}/tasks/{id}/milestones/{milestoneId}`]: () => null,
      [`POST ${V}/tasks/{id}/milestones/complete`]: (r) => ({
        items: [{ milestoneId: r.milestone, version: versions.milestone }],
      }),
      [`POST ${V}/tasks/{id}/members`]: () => ({ userId: b.outsider.id }),
      [`DELETE ${V}/tasks/{id}/members/{userId}`]: () => null,
      [`POST ${V}/tasks/{id}/partners`]: () => ({ departmentId: b.otherDept.id }),
      [`DELETE ${V}/tasks/{id}/partners/{departmentId}`]: () => null,
      [`PATCH ${V}/reports/{id}`]: () => ({
        version: versions.report,
        progress: 50,
        achievements: '실적',
      }),
      [`POST ${V}/reports/{id}/transitions`]: () => ({
        action: 'submit',
        version: versions.report,
      }),
      [`POST ${V}/reports/{id}/attachments`]: () => 'upload',
      [`POST ${V}/tasks/{id}/attachments`]: () => 'upload',
      [`DELETE ${V}/tasks/{id}/attachments/{attachmentId}`]: () => null,
      [`DELETE ${V}/reports/{id}/attachments/{attachmentId}`]: () => null,
      [`PATCH ${V}/consultations/{id}`]: () => ({
        version: versions.consultation,
        subject: '바꾼 제목',
      }),
      [`POST ${V}/consultations/{id}/transitions`]: () => ({
        action: 'startScreening',
        version: versions.consultation,
      }),
      [`POST ${V}/consultations/{id}/attachments`]: () => 'upload',
      [`DELETE ${V}/consultations/{id}/attachments/{attachmentId}`]: () => null,
      [`PATCH ${V}/evaluation-rounds/{id}/rules`]: () => ({
        version: versions.evaluation_round,
        incentivesMax: 1,
      }),
      [`PUT ${V}/evaluation-rounds/{id}/members`]: () => ({ memberIds: [b.committee.id] }),
      [`POST ${V}/evaluation-rounds/{id}/start-scoring`]: () => null,
      [`POST ${V}/evaluation-rounds/{id}/aggregate`]: () => null,
      [`POST ${V}/evaluation-rounds/{id}/nominations`]: () => ({
        title: '공적',
        narrative: '공적 내용',
        type: 'OFFICIAL',
        source: 'DEPARTMENT',
        nomineeUserIds: [b.staff.id],
      }),
      [`POST ${V}/evaluation-rounds/{id}/incentives`]: (r) => ({
        nominationId: r.nomination,
        userId: b.owner.id,
        incentiveType: 'OTHER',
      }),
      [`POST ${V}/nominations/{id}/decision`]: () => ({
        decision: 'verify',
        version: versions.nomination,
      }),
      [`POST ${V}/nominations/{id}/conflicts`]: () => ({ reason: '이해충돌' }),
      [`PUT ${V}/nominations/{id}/scores`]: () => ({ scores: sheet(30, 15, 15, 5, 5) }),
      [`PUT ${V}/nominations/{id}/preference`]: () => ({ preferred: ['REWARD_LEAVE'] }),
      [`PATCH ${V}/incentives/{id}`]: () => ({ version: versions.incentive, status: 'EXECUTED' }),
      [`POST ${V}/opinion-requests/{id}/extend`]: () => ({
        version: versions.opinion_request,
        reason: '연장 사유',
      }),
      [`POST ${V}/opinion-requests/{id}/answer`]: () => ({
        version: versions.opinion_request,
        answer: '의견',
      }),
      [`POST ${V}/opinion-requests/{id}/refer`]: () => ({ version: versions.opinion_request }),
      [`POST ${V}/opinion-requests/{id}/withdraw`]: () => ({ version: versions.opinion_request }),
      [`POST ${V}/notifications/failures/{id}/resend`]: () => null,
      [`POST ${V}/me/notifications/{id}/read`]: () => null,
      [`PATCH ${V}/comments/{id}`]: () => ({ body: '바꾼 댓글', version: 1 }),
      [`DELETE ${V}/comments/{id}`]: () => null,
      [`PATCH ${V}/saved-views/{id}`]: () => ({ name: '바꾼 보기' }),
      [`DELETE ${V}/saved-views/{id}`]: () => null,
      [`POST ${V}/calendar/declared-days/{id}/withdraw`]: () => ({ reason: '보안시험' }),
      [`POST ${V}/reports/{id}/approval-request`]: () => ({ version: versions.report }),
      [`POST ${V}/reports/{id}/approval-request/withdraw`]: () => ({ version: versions.report }),
      [`PATCH ${V}/collaborations/{id}`]: () => ({
        version: versions.collaboration,
        goals: '바꾼 목표',
      }),
      [`POST ${V}/collaborations/{id}/participants`]: () => ({
        version: versions.collaboration,
        organisationId: collaborationRefs.dOrg,
        departmentId: collaborationRefs.dDept,
      }),
      [`DELETE ${V}/collaborations/{id}/participants/{organisationId}`]: () => null,
      [`PUT ${V}/collaborations/{id}/milestone-shares`]: (r) => ({
        version: versions.collaboration,
        shares: [{ milestoneId: r.milestone, organisationId: r.collaboration_participant }],
      }),
      [`POST ${V}/collaborations/{id}/agreement`]: () => ({
        planVersion: collaborationRefs.planVersion,
      }),
      [`POST ${V}/collaborations/{id}/focus`]: () => ({
        version: versions.collaboration,
        focus: true,
        reason: '보안 점검',
      }),
      [`POST ${V}/collaborations/{id}/milestones/{milestoneId}/completion`]: () => ({
        version: versions.milestone,
      }),
      [`PUT ${V}/collaborations/{id}/reports/{reportId}/contributions/{organisationId}`]: () => ({
        text: '참여기관 실적',
        progress: 50,
      }),
      [`POST ${V}/collaborations/{id}/tf/members`]: () => ({ userId: b.head.id, role: 'MEMBER' }),
      [`DELETE ${V}/collaborations/{id}/tf/members/{userId}`]: () => null,
      [`POST ${V}/collaborations/{id}/tf/meetings`]: () => ({
        heldAt: '2026-03-11T10:00:00+09:00',
        title: '보안 점검 회의',
      }),
      [`PATCH ${V}/collaborations/{id}/tf/meetings/{meetingId}`]: () => ({
        version: versions.collaboration_tf_meeting,
        title: '바꾼 회의',
      }),
      [`POST ${V}/collaborations/{id}/tf/meetings/{meetingId}/decisions`]: () => ({
        text: '보안 점검 결정',
      }),
      [`PATCH ${V}/collaborations/{id}/tf/action-items/{itemId}`]: () => ({
        version: versions.collaboration_tf_action_item,
        status: 'DONE',
      }),
      [`POST ${V}/collaborations/{id}/sos`]: () => ({ blocked: '막힌 일', needKind: 'OTHER' }),
      [`PATCH ${V}/collaborations/{id}/sos/{sosId}`]: () => ({
        version: versions.collaboration_sos,
        blocked: '바꾼 내용',
      }),
      [`POST ${V}/collaborations/{id}/sos/{sosId}/answer`]: () => ({
        version: versions.collaboration_sos,
        answer: '답변',
      }),
      [`POST ${V}/collaborations/{id}/sos/{sosId}/staff-decision`]: () => ({
        version: versions.collaboration_sos,
        decision: 'APPROVED',
        reason: '승인',
      }),
      [`POST ${V}/collaborations/{id}/sos/{sosId}/resolve`]: () => ({
        version: versions.collaboration_sos,
      }),
      [`POST ${V}/collaborations/{id}/sos/{sosId}/reopen`]: () => ({
        version: versions.collaboration_sos,
        reason: '재요청',
      }),
      [`PATCH ${V}/exemptions/{id}`]: () => ({
        version: versions.exemption_case,
        title: '바꾼 사건',
      }),
      [`POST ${V}/exemptions/{id}/decide`]: () => ({
        version: versions.exemption_case,
        decision: 'DENIED',
        reasons: '보안 점검',
        decidedOn: '2026-01-10',
      }),
      [`POST ${V}/exemptions/{id}/notify`]: () => ({ version: versions.exemption_case }),
      [`POST ${V}/collaborations/{id}/sos/{sosId}/close`]: () => ({
        version: versions.collaboration_sos,
        reason: '종결',
      }),
      [`PATCH ${V}/education/sessions/{id}`]: () => ({
        version: versions.education_session,
        title: '바꾼 교육',
      }),
      [`POST ${V}/education/sessions/{id}/attendees`]: () => ({
        attendees: [{ userId: b.head.id }],
      }),
      [`DELETE ${V}/education/sessions/{id}/attendees/{userId}`]: () => null,
      [`POST ${V}/education/sessions/{id}/roster`]: () => 'upload',
      [`POST ${V}/citizen-applications/{id}/assign`]: () => ({
        version: versions.citizen_application,
        departmentId: b.partnerDept.id,
      }),
      [`POST ${V}/citizen-applications/{id}/start-review`]: () => ({
        version: versions.citizen_application,
      }),
      [`POST ${V}/citizen-applications/{id}/review`]: () => ({
        version: versions.citizen_application,
        notes: '검토 의견',
      }),
      [`POST ${V}/citizen-applications/{id}/request-opinion`]: () => ({
        version: versions.citizen_application,
      }),
      [`POST ${V}/citizen-applications/{id}/opinion`]: () => ({
        version: versions.citizen_application,
        opinion: '위원회 의견',
      }),
      [`POST ${V}/citizen-applications/{id}/decide`]: () => ({
        version: versions.citizen_application,
        decision: 'ACCEPTED',
        reasons: '수용',
      }),
      [`POST ${V}/citizen-applications/{id}/reply`]: () => ({
        version: versions.citizen_application,
        method: 'PHONE',
        text: '회신',
      }),
      [`POST ${V}/action-plans/{id}/submit`]: () => ({ version: versions.action_plan }),
      [`POST ${V}/action-plans/{id}/approve`]: () => ({ version: versions.action_plan }),
      [`POST ${V}/action-plans/{id}/return`]: () => ({
        version: versions.action_plan,
        reason: '반려 사유',
      }),
      [`POST ${V}/action-plans/{id}/directions`]: () => ({
        version: versions.action_plan,
        title: '새 추진방향',
      }),
      [`PATCH ${V}/action-plans/{id}/directions/{directionId}`]: () => ({
        version: versions.action_plan,
        title: '바꾼 추진방향',
      }),
      [`POST ${V}/action-plans/{id}/measures`]: (r) => ({
        version: versions.action_plan,
        directionId: r.action_plan_direction,
        title: '새 세부과제',
        ownerDepartmentId: b.lead.id,
        dueDate: on('09-30'),
      }),
      [`PATCH ${V}/action-plans/{id}/measures/{measureId}`]: () => ({
        version: versions.action_plan_measure,
        title: '바꾼 세부과제',
      }),
      [`DELETE ${V}/action-plans/{id}/measures/{measureId}`]: () => null,
      [`POST ${V}/action-plans/{id}/measures/{measureId}/status`]: () => ({
        version: versions.action_plan_measure,
        status: 'IN_PROGRESS',
      }),
      [`PATCH ${V}/contests/rounds/{id}`]: () => ({
        version: versions.contest_round,
        title: '바꾼 대회',
      }),
      [`POST ${V}/contests/rounds/{id}/transitions`]: () => ({
        action: 'close',
        version: versions.contest_round,
      }),
      [`PUT ${V}/contests/rounds/{id}/panel`]: () => ({ memberIds: [b.committee.id] }),
      [`PUT ${V}/contests/rounds/{id}/next-round`]: () => ({
        nextRoundId: null,
        version: versions.contest_round,
      }),
      [`POST ${V}/contests/rounds/{id}/feeders`]: (r) => ({
        feederRoundId: r.contest_round,
        decision: 'accept',
      }),
      [`POST ${V}/contests/rounds/{id}/entries`]: () => ({
        field: 'proactive',
        title: '출품',
        departmentId: b.lead.id,
        officialIds: [b.staff.id],
      }),
      [`POST ${V}/contests/rounds/{id}/ranking`]: () => null,
      [`POST ${V}/contests/rounds/{id}/publish`]: () => ({ version: versions.contest_round }),
      [`POST ${V}/contests/entries/{id}/screening`]: () => ({
        decision: 'accept',
        version: versions.contest_entry,
      }),
      [`PUT ${V}/contests/entries/{id}/scores`]: () => ({ scores: sheet(30, 15, 15, 5, 5) }),
      [`POST ${V}/contests/entries/{id}/attachments`]: () => 'upload',
      [`DELETE ${V}/contests/entries/{id}/attachments/{attachmentId}`]: () => null,
      [`PATCH ${V}/contests/awards/{id}`]: () => ({
        hrStatus: 'EXECUTED',
        version: versions.contest_award,
      }),
      [`PATCH ${V}/committee/members/{id}`]: () => ({
        version: versions.committee_member,
        affiliation: '바꾼 소속',
      }),
      [`PATCH ${V}/committee/meetings/{id}`]: () => ({
        version: versions.committee_meeting,
        title: '바꾼 회의',
        meetingDate: `${YEAR}-11-26`,
        kind: 'IN_PERSON',
      }),
      [`POST ${V}/committee/meetings/{id}/hold`]: () => ({
        version: versions.committee_meeting,
        attendeeIds: [b.committee.id],
      }),
      [`PUT ${V}/committee/meetings/{id}/attendance`]: () => ({
        version: versions.committee_meeting,
        attendeeIds: [b.committee.id],
      }),
      [`POST ${V}/committee/meetings/{id}/close`]: () => ({
        version: versions.committee_meeting,
      }),
      [`POST ${V}/committee/meetings/{id}/agenda-items`]: () => ({
        subjectKind: 'OTHER',
        title: '보안 점검 안건',
      }),
      [`POST ${V}/committee/agenda-items/{id}/challenges`]: () => ({
        memberId: b.committee.id,
        reason: '기피 사유',
      }),
      [`POST ${V}/committee/agenda-items/{id}/challenges/{challengeId}/decision`]: () => ({
        version: versions.committee_challenge,
        accepted: false,
      }),
      [`POST ${V}/committee/agenda-items/{id}/recusal`]: () => ({ reason: '회피 사유' }),
      [`PUT ${V}/committee/agenda-items/{id}/votes`]: () => ({ vote: 'FOR' }),
      [`POST ${V}/committee/agenda-items/{id}/resolution`]: () => ({
        version: versions.committee_agenda_item,
      }),
      [`POST ${V}/committee/agenda-items/{id}/withdrawal`]: () => ({
        version: versions.committee_agenda_item,
        reason: '철회 사유',
      }),
    };

    /** One request of `role` of A to `route` with its path ids taken from `recs`. */
    function probe(route: string, role: Role, recs: (type: RecordType, name: string) => string) {
      const { method } = split(route);
      const query = ROUTE_POLICY[route].query;
      const path = fill(route, (name, type) => recs(type!, name)) + (query ? `?${query}` : '');
      const body = WRITES.has(method) || method === 'DELETE' ? BODIES[route](ids) : undefined;
      const token = a[role].token;
      const res =
        body === 'upload'
          ? http.upload(path, TXT, { token })
          : http.request(method, path, { token, body: body ?? undefined });
      return { path, res };
    }

    const withIds = ROUTES.filter(([, p]) => !p.public && hasRecordIds(p)).map(([r]) => r);

    it('every route of the document that takes a path id is in the matrix (a plain year is no record)', async () => {
      const doc = await http.get('/api/docs-json');
      expect(doc.status).toBe(200);
      const missing: string[] = [];
      let documented = 0;
      for (const [path, ops] of Object.entries(doc.body.paths as Record<string, object>))
        for (const [method, op] of Object.entries(ops as Record<string, any>)) {
          const params: string[] = (op?.parameters ?? [])
            .filter((p: any) => p.in === 'path')
            .map((p: any) => p.name);
          if (!params.length) continue;
          documented++;
          const route = `${method.toUpperCase()} ${path}`;
          const plainYear = params.every((p) => ROUTE_POLICY[route]?.ids?.[p] === 'year');
          // A public route's path id is its own credential (a feed's secret), no record of anyone's.
          const open = ROUTE_POLICY[route]?.public === true;
          if (!withIds.includes(route) && !plainYear && !open) missing.push(route);
        }
      expect({ missing }).toEqual({ missing: [] });
      expect(documented).toBeGreaterThanOrEqual(withIds.length);
    });

    it('every path id of the probes names a record that exists in organisation B', async () => {
      // [sql, parent]: the organisation of the record, found only under its parent where it has one.
      const OWNER: Record<Exclude<RecordType, 'year' | 'calendar_feed'>, [string, RecordType?]> = {
        task: ['SELECT organisation_id AS org FROM tasks WHERE id = $1'],
        milestone: [
          'SELECT t.organisation_id AS org FROM milestones m JOIN tasks t ON t.id = m.task_id WHERE m.id = $1 AND t.id = $2',
          'task',
        ],
        member: [
          'SELECT t.organisation_id AS org FROM task_members x JOIN tasks t ON t.id = x.task_id JOIN users u ON u.id = x.user_id AND u.organisation_id = t.organisation_id WHERE x.user_id = $1 AND t.id = $2',
          'task',
        ],
        partner: [
          'SELECT d.organisation_id AS org FROM task_partner_departments x JOIN departments d ON d.id = x.department_id WHERE x.department_id = $1 AND x.task_id = $2',
          'task',
        ],
        report: ['SELECT organisation_id AS org FROM reports WHERE id = $1'],
        report_attachment: [
          'SELECT organisation_id AS org FROM attachments WHERE id = $1 AND owner_id = $2',
          'report',
        ],
        task_attachment: [
          'SELECT organisation_id AS org FROM attachments WHERE id = $1 AND owner_id = $2',
          'task',
        ],
        consultation: ['SELECT organisation_id AS org FROM consultations WHERE id = $1'],
        consultation_attachment: [
          'SELECT organisation_id AS org FROM attachments WHERE id = $1 AND owner_id = $2',
          'consultation',
        ],
        evaluation_round: ['SELECT organisation_id AS org FROM evaluation_rounds WHERE id = $1'],
        nomination: ['SELECT organisation_id AS org FROM nominations WHERE id = $1'],
        contest_round: ['SELECT organisation_id AS org FROM contest_rounds WHERE id = $1'],
        contest_entry: [
          'SELECT r.organisation_id AS org FROM contest_entries e JOIN contest_rounds r ON r.id = e.round_id WHERE e.id = $1',
        ],
        contest_award: ['SELECT organisation_id AS org FROM contest_awards WHERE id = $1'],
        contest_entry_attachment: [
          'SELECT organisation_id AS org FROM attachments WHERE id = $1 AND owner_id = $2',
          'contest_entry',
        ],
        committee_member: ['SELECT organisation_id AS org FROM committee_members WHERE id = $1'],
        committee_meeting: ['SELECT organisation_id AS org FROM committee_meetings WHERE id = $1'],
        committee_agenda_item: [
          'SELECT organisation_id AS org FROM committee_agenda_items WHERE id = $1',
        ],
        committee_challenge: [
          'SELECT i.organisation_id AS org FROM committee_exclusions x JOIN committee_agenda_items i ON i.id = x.agenda_item_id WHERE x.id = $1 AND i.id = $2',
          'committee_agenda_item',
        ],
        incentive: [
          'SELECT r.organisation_id AS org FROM incentive_grants g JOIN evaluation_rounds r ON r.id = g.round_id WHERE g.id = $1',
        ],
        opinion_request: ['SELECT organisation_id AS org FROM opinion_requests WHERE id = $1'],
        collaboration: [
          'SELECT lead_organisation_id AS org FROM collaboration_tasks WHERE id = $1',
        ],
        exemption_case: ['SELECT organisation_id AS org FROM exemption_cases WHERE id = $1'],
        collaboration_sos: [
          'SELECT ct.lead_organisation_id AS org FROM collaboration_sos s JOIN collaboration_tasks ct ON ct.id = s.collaboration_id WHERE s.id = $1 AND ct.id = $2',
          'collaboration',
        ],
        education_session: ['SELECT organisation_id AS org FROM education_sessions WHERE id = $1'],
        education_attendee: [
          'SELECT s.organisation_id AS org FROM education_attendances a JOIN education_sessions s ON s.id = a.session_id WHERE a.user_id = $1 AND s.id = $2',
          'education_session',
        ],
        citizen_application: [
          'SELECT organisation_id AS org FROM citizen_applications WHERE id = $1',
        ],
        action_plan: ['SELECT organisation_id AS org FROM action_plans WHERE id = $1'],
        action_plan_direction: [
          'SELECT p.organisation_id AS org FROM action_plan_directions d JOIN action_plans p ON p.id = d.plan_id WHERE d.id = $1 AND p.id = $2',
          'action_plan',
        ],
        action_plan_measure: [
          'SELECT p.organisation_id AS org FROM action_plan_measures m JOIN action_plans p ON p.id = m.plan_id WHERE m.id = $1 AND p.id = $2',
          'action_plan',
        ],
        // A participant of B's collaboration (another organisation taking part in B's task).
        passive_report: ['SELECT organisation_id AS org FROM passive_reports WHERE id = $1'],
        collaboration_participant: [
          'SELECT ct.lead_organisation_id AS org FROM collaboration_participants p JOIN collaboration_tasks ct ON ct.id = p.collaboration_id WHERE p.organisation_id = $1 AND ct.id = $2',
          'collaboration',
        ],
        // B's collaboration's TF: a member (a user of B), a meeting, an action item.
        collaboration_tf_member: [
          'SELECT ct.lead_organisation_id AS org FROM collaboration_tf_members m JOIN collaboration_tasks ct ON ct.id = m.collaboration_id WHERE m.user_id = $1 AND ct.id = $2',
          'collaboration',
        ],
        collaboration_tf_meeting: [
          'SELECT ct.lead_organisation_id AS org FROM collaboration_tf_meetings g JOIN collaboration_tasks ct ON ct.id = g.collaboration_id WHERE g.id = $1',
        ],
        collaboration_tf_action_item: [
          'SELECT ct.lead_organisation_id AS org FROM collaboration_tf_action_items a JOIN collaboration_tasks ct ON ct.id = a.collaboration_id WHERE a.id = $1',
        ],
        user: ['SELECT organisation_id AS org FROM users WHERE id = $1'],
        department: ['SELECT organisation_id AS org FROM departments WHERE id = $1'],
        organisation: ['SELECT id AS org FROM organisations WHERE id = $1'],
        notification_run: ['SELECT organisation_id AS org FROM notification_runs WHERE id = $1'],
        dashboard_compile: [
          'SELECT organisation_id AS org FROM dashboard_compile_requests WHERE id = $1',
        ],
        notification: ['SELECT organisation_id AS org FROM notifications WHERE id = $1'],
        comment: ['SELECT organisation_id AS org FROM comments WHERE id = $1'],
        saved_view: ['SELECT organisation_id AS org FROM saved_views WHERE id = $1'],
        declared_day: ['SELECT organisation_id AS org FROM declared_days WHERE id = $1'],
        failed_email: [
          `SELECT u.organisation_id AS org FROM notification_emails e JOIN users u ON u.id = e.recipient_id WHERE e.id = $1 AND e.status = 'FAILED'`,
        ],
      };
      const used = new Set(withIds.flatMap((r) => Object.values(ROUTE_POLICY[r].ids ?? {})));
      used.delete('year');
      const where: Record<string, string | null> = {};
      for (const type of used as Set<Exclude<RecordType, 'year' | 'calendar_feed'>>) {
        const [sql, parent] = OWNER[type];
        const { rows } = await factory.db.query<{ org: string }>(
          sql,
          parent ? [ids[type], ids[parent]] : [ids[type]],
        );
        where[type] = rows[0]?.org ?? null;
      }
      expect(where).toEqual(Object.fromEntries([...used].map((t) => [t, b.org.id])));
      // The partner department of the shared task is A's own; its task and milestone are B's.
      expect(shared.partner).toBe(aDept);
    });

    it('has a valid body for every write of the matrix', () => {
      const writes = withIds.filter((r) => split(r).method !== 'GET');
      expect(Object.keys(BODIES).sort()).toEqual(writes.sort());
    });

    /**
     * The rule (DOMAIN.md §1, README "Errors"): A may not read any of these records of B, so
     *  - 404 NOT_FOUND, whatever the role and the body, so the record's existence is not revealed;
     *  - 403 FORBIDDEN only where the route turns the role away by role before reading any record
     *    (`roleGate` in support/route-policy.ts: e.g. a business role on the ADMIN routes, STAFF on
     *    the round export), which answers the same for every id;
     *  - never 400 or 409 (a body is valid, see BODIES), never 2xx.
     * Each answer is also the answer for ids that name nothing at all: existence stays hidden.
     * The exception is public structure (`crossOrgRead`: the directory of organisations), which the
     * roles of its policy read in any organisation.
     */
    function expected(route: string, role: Role): number {
      const policy = ROUTE_POLICY[route];
      if (policy.crossOrgRead && policy.roles?.includes(role)) return 200;
      return policy.roleGate && !policy.roles?.includes(role) ? 403 : 404;
    }
    const ghost = (type: RecordType) =>
      type === 'failed_email' || type === 'notification'
        ? '2147483647'
        : type === 'year'
          ? String(YEAR)
          : randomUUID();
    const CODE: Record<number, string> = { 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

    // A route with `crossOrgRead` (public structure such as the directory of organisations) is
    // read by the roles of its policy whatever the organisation: 200 on B's record, 404 on an id
    // that names nothing; the other roles get its role gate.
    it.each(withIds)("%s refuses every role of A on B's records", async (route) => {
      const wrong: string[] = [];
      for (const role of CALLERS) {
        const want = expected(route, role);
        const real = probe(route, role, (type) => ids[type]);
        const res = await real.res;
        if (res.status !== want || (want !== 200 && res.body?.code !== CODE[want]))
          wrong.push(`${role} ${split(route).method} ${real.path} → ${brief(res)}; want ${want}`);
        const none = probe(route, role, ghost);
        const nothing = await none.res;
        if (want === 200) {
          if (nothing.status !== 404)
            wrong.push(`${role}: an id naming nothing answers ${brief(nothing)}; want 404`);
        } else if (nothing.status !== res.status)
          wrong.push(
            `${role}: B's record answers ${res.status}, no record ${brief(nothing)}: existence shows`,
          );
      }
      expect(wrong).toEqual([]);
      // Refused, so nothing changed anywhere: no row of any business table, nor the outbox.
      expect(changedTables(tablesBefore, await businessChecksum(factory.db))).toEqual([]);
    });

    // A child record of B named under a parent of A's own (a milestone, member, partner department
    // or attachment of B under A's task, report or consultation): the child is not the parent's,
    // so it does not exist there. Every role gets exactly the answer it gets for a child id that
    // names nothing: 404, or 403 where the caller may read A's parent but not do this to it in its
    // state (decided on the parent alone, e.g. STAFF deleting a milestone of an IN_PROGRESS task);
    // never 400, 409 or 2xx. At least one role the route admits reaches the child and gets 404.
    const nested = withIds.filter((r) => Object.keys(ROUTE_POLICY[r].ids ?? {}).length > 1);
    it.each(nested)("%s: B's child under A's own parent does not exist", async (route) => {
      const wrong: string[] = [];
      const reached: Role[] = [];
      for (const role of CALLERS) {
        const real = probe(route, role, (type, name) => (name === 'id' ? own[type] : ids[type]));
        const res = await real.res;
        const none = await probe(route, role, (type, name) =>
          name === 'id' ? own[type] : ghost(type),
        ).res;
        const want = none.status;
        if (res.status !== want || ![403, 404].includes(want) || res.body?.code !== CODE[want])
          wrong.push(`${role} ${split(route).method} ${real.path} → ${brief(res)}; want ${want}`);
        if (res.status === 404 && ROUTE_POLICY[route].roles?.includes(role)) reached.push(role);
      }
      expect(wrong).toEqual([]);
      expect(reached).not.toEqual([]);
      expect(changedTables(tablesBefore, await businessChecksum(factory.db))).toEqual([]);
    });

    // B's task shared with A's department (a partner department, DOMAIN.md §1: cross-organisation
    // reads happen only through collaboration). A's STAFF and DEPT_HEAD of that department read the
    // task, its milestones, history and consultations (200) but may change nothing: 403 FORBIDDEN
    // with resource, currentStatus and allowedActions (none), transitions included (a reader of the
    // task's own organisation gets the state machine's 409 instead). A's other roles read nothing
    // of it: 404 (or the route's role gate, as above).
    const taskRoutes = withIds.filter((r) => ROUTE_POLICY[r].ids?.id === 'task');
    const PARTNER_READERS = ['STAFF', 'DEPT_HEAD'] as Role[];
    it.each(taskRoutes)(
      "%s: A's partner department reads B's shared task and may change nothing of it",
      async (route) => {
        const { method } = split(route);
        const wrong: string[] = [];
        for (const role of CALLERS) {
          const reader = PARTNER_READERS.includes(role);
          const want = !reader ? expected(route, role) : method === 'GET' ? 200 : 403;
          const { path, res: pending } = probe(route, role, (type) => shared[type]);
          const res = await pending;
          const code = { 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[res.status];
          const shape =
            res.status < 300 ||
            (res.body?.code === code &&
              (!reader ||
                (res.body?.resource === 'task' &&
                  res.body?.currentStatus === 'IN_PROGRESS' &&
                  JSON.stringify(res.body?.allowedActions) === '[]')));
          if (res.status !== want || !shape)
            wrong.push(`${role} ${method} ${path} → ${brief(res)}; want ${want}`);
        }
        expect(wrong).toEqual([]);
        expect(changedTables(tablesBefore, await businessChecksum(factory.db))).toEqual([]);
      },
    );
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
