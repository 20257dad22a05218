import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type HttpResult, testConfig, useTestApi } from './support/app.js';
import { login, type TestUser } from './support/factory.js';
import { draftConsultation } from './support/consultations.js';
import { watchBusinessWrites } from './support/checksum.js';
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
import { addItem, approveCriteria, heldMeeting, seatCommittee } from './support/committee.js';
import { activeTaskSince, openReport } from './support/reports.js';
import { on, seoulToday, type TaskWorld, taskWorld, YEAR } from './support/tasks.js';

// Property-based fuzzing of every operation the OpenAPI document lists (issues 9 and 24). Requests
// are generated from the document's schemas, so most are valid and reach the handler with hostile
// but allowed content (injection strings in free text, odd numbers within range, real ids); the
// rest are valid requests with one thing changed (a field, a query parameter, a path id, the body
// itself). Whatever is sent, the API must answer below 500 as the contract says, must never put a
// stack trace or SQL text in the body, and must change no business table nor the outbox when it
// refuses (4xx). The suite reports per route how many requests got past validation to the service,
// and fails when a route's handler is never reached or fewer than 60 % are over the suite.

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 20);
// A fixed seed keeps CI reproducible; FUZZ_SEED=random explores new inputs (a failure prints its seed).
const SEED =
  process.env.FUZZ_SEED === 'random'
    ? undefined
    : process.env.FUZZ_SEED === undefined
      ? 20261122
      : Number(process.env.FUZZ_SEED);

type Schema = Record<string, any>;
interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  query: Param[];
  pathParams: Param[];
  bodySchema?: Schema;
  /** the body is a multipart/form-data upload of one file */
  upload: boolean;
  binary: boolean;
  /** a public route (`security: []`): sent without a token */
  public: boolean;
}
/** What one fuzzed request sends: a JSON or raw body, or a file, and the query pairs. */
interface Send {
  raw?: string;
  json?: unknown;
  file?: { name: string; bytes: Uint8Array; type: string; field?: string };
  query?: Array<[string, string]>;
}
/** One generated request; `mutated` names the one thing changed from a valid request, if any. */
interface Case {
  path: string;
  send: Send;
  mutated?: string;
}

/** Strings every injection fuzzer tries; none of them may reach SQL or crash a handler. */
const HOSTILE = [
  "'; DROP TABLE tasks; --",
  "' OR '1'='1",
  '1 UNION SELECT password_hash FROM users --',
  "\"; UPDATE users SET roles = '{ADMIN}' --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%27%22',
  'abc\u0000def',
  '\u0000',
  '\uD800',
  '\uFEFF\u200B\u202E',
  '적극행정 과제 🙂👍🏽🇰🇷',
  '한'.repeat(5000),
  'x'.repeat(100_000),
  '',
  ' ',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '2147483648',
  '99999999999999999999999',
  '1e400',
  '0x1F',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '+275760-09-13',
  '2026-13-01T25:61:61Z',
  '2026-Q5',
  '2026-M13',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
  'DRAFT,PROPOSED,,',
  'true',
];

const ODD_NUMBERS = [
  -1,
  0,
  -0,
  1.5,
  2147483647,
  2147483648,
  -2147483649,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** Bodies that are not the JSON the DTO expects at all (sent raw, as application/json). */
const RAW_BODIES = [
  '',
  '{',
  '{"a":',
  '[',
  'null',
  '[]',
  '"string"',
  '123',
  'true',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"a":1,"a":2}',
  '\u0000',
  '{"x":"\\u0000"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"year":1e999}',
];

/** Query pieces sent as they are (malformed escapes, invalid UTF-8, parameter pollution). */
const RAW = '\u0000raw';
const RAW_QUERY = [
  '%',
  '%zz',
  '%ED%A0%80',
  '%00',
  'limit=1&limit=2',
  'year[]=1',
  'year[a]=1',
  '&&&==',
  'q',
  'offset=1e309',
  'limit=%2D1',
];

const LEAKS: Array<[string, RegExp]> = [
  ['stack trace', /\n\s+at\s/],
  ['node_modules path', /node_modules/],
  ['source path', /\.ts:/],
  [
    'driver error',
    /syntax error|relation "|QueryFailedError|violates .* constraint|invalid input syntax/i,
  ],
];
/** SQL text; checked on error bodies only (a 2xx history list legitimately says "update … from"). */
const SQL = /\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET)\b/i;

/** Strings we sent that themselves look like a leak; stripped before the check (echoes are fine). */
const tainted = new Set<string>();
function remember(value: unknown): void {
  if (typeof value === 'string') {
    if (value && (SQL.test(value) || LEAKS.some(([, re]) => re.test(value)))) tainted.add(value);
  } else if (Array.isArray(value)) value.forEach(remember);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      remember(k);
      remember(v);
    }
}

function leaks(res: HttpResult, isBinary: boolean): string[] {
  const type = res.headers.get('content-type') ?? '';
  // 2xx downloads are the user's own data; their error bodies are still checked.
  if (res.status < 400 && (isBinary || !/json|text\/plain|text\/html/.test(type))) return [];
  let text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
  for (const s of tainted) {
    text = text.split(JSON.stringify(s).slice(1, -1)).join('').split(s).join('');
  }
  const decoded = text.replace(/\\n/g, '\n').replace(/\\"/g, '"');
  const found = LEAKS.filter(([, re]) => re.test(decoded)).map(([name]) => name);
  if (res.status >= 400 && SQL.test(decoded)) found.push('SQL text');
  return found;
}

/** A counterexample printed so that a 100 000-character string does not hide the rest. */
function short(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 80
      ? `${v.slice(0, 24)}…(${v.length} chars of ${JSON.stringify(v[0])})`
      : typeof v === 'number' && !Number.isFinite(v)
        ? String(v)
        : v,
  );
}

/** encodeURIComponent, except a lone surrogate becomes its (invalid) UTF-8 bytes instead of a throw. */
function enc(value: string): string {
  return value
    .split(/([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/)
    .map((part) =>
      part.length === 1 && /[\uD800-\uDFFF]/.test(part) ? '%ED%A0%80' : encodeURIComponent(part),
    )
    .join('');
}

function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(byMethod)) {
      const params: Param[] = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        query: params.filter((p) => p.in === 'query'),
        pathParams: params.filter((p) => p.in === 'path'),
        bodySchema: json ? resolve(doc, json) : undefined,
        upload: !!content['multipart/form-data'],
        binary: /text\/csv|spreadsheetml|octet-stream/.test(JSON.stringify(op.responses ?? {})),
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return ops;
}

function resolve(doc: any, schema: Schema): Schema {
  if (schema?.$ref) return doc.components.schemas[String(schema.$ref).split('/').pop()!];
  if (schema?.allOf?.length === 1) return resolve(doc, schema.allOf[0]);
  return schema;
}

/** 401s the authentication service answers after checking what was sent (not the guard's). */
const SERVICE_401 = new Set([
  'INVALID_CREDENTIALS',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
]);

/**
 * Whether a request got past the door (authentication, rate limit, body parser, validation pipe)
 * to the service: anything but 413, 415, 429, a guard's 401 or a 400 VALIDATION_FAILED. A rule
 * the service checks itself and reports as VALIDATION_FAILED counts as not reached: the figure
 * errs low.
 */
function reachedService(res: HttpResult): boolean {
  const code = (res.body as { code?: string } | undefined)?.code;
  if ([413, 415, 429].includes(res.status)) return false;
  if (res.status === 401) return SERVICE_401.has(code ?? '');
  return !(res.status === 400 && code === 'VALIDATION_FAILED');
}

const DATE_PATTERN = /\\d\{4\}-\(0\[1-9\]/;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

describe('security fuzzing: every operation, from its schemas (issues 9 and 24)', () => {
  const { http, factory } = useTestApi();

  let doc: any;
  let w: TaskWorld;
  let token: string;
  let fuzzer: TestUser;
  /** a user only the login and refresh fuzzing signs in as (its lockout harms no one) */
  let signer: TestUser;
  let refreshToken: string;
  const ids: Record<string, string> = {};
  /** real ids by what they name, for body fields and query parameters */
  const real = { users: [] as string[], departments: [] as string[], any: [] as string[] };
  /** per route: requests, those that reached the service, status counts, split valid/mutated */
  const seen = new Map<
    string,
    {
      valid: number;
      validReached: number;
      mutated: number;
      mutatedReached: number;
      statuses: Record<number, number>;
    }
  >();

  const explained = new Set<string>();

  /**
   * Every row written to a business table or the outbox (test/support/checksum.ts), read after each
   * request: a refused request must have written none.
   */
  let writes: Awaited<ReturnType<typeof watchBusinessWrites>>;
  afterAll(() => writes?.stop());

  beforeAll(async () => {
    writes = await watchBusinessWrites(testConfig().database.adminUrl);
    doc = (await http.get('/api/docs-json')).body;
    w = await taskWorld(http, factory);
    // One user who passes every role guard, in the lead department of the world's tasks.
    fuzzer = await factory.user(w.lead, [
      'STAFF',
      'DEPT_HEAD',
      'AUDITOR',
      'PROACTIVE_OFFICE',
      'COMMITTEE',
      'ADMIN',
    ]);
    token = (await login(http, fuzzer)).accessToken;
    signer = await factory.user(w.otherDept, ['STAFF']);
    refreshToken = (await login(http, signer)).refreshToken;

    // Records the path ids point at. Targets of deactivate/edit are sacrificial, so a fuzzed 2xx
    // never disables the fuzzing user, its department or its organisation.
    const task = await activeTaskSince(w, factory, '2025-01-01', {
      milestones: [{ title: '실시설계', dueDate: on('06-30') }],
    });
    ids.task = task.id;
    ids.milestone = task.milestones?.[0]?.id;
    ids.report = (await openReport(http, w.staff.token, task.id, '2025-Q1')).id;
    ids.consultation = (await draftConsultation(http, token)).id;
    const text = { name: '검토의견.txt', bytes: Buffer.from('검토 의견\n'), type: 'text/plain' };
    ids.reportAttachment = (
      await http.upload(`/api/v1/reports/${ids.report}/attachments`, text, { token: w.staff.token })
    ).body.id;
    ids.taskAttachment = (
      await http.upload(`/api/v1/tasks/${ids.task}/attachments`, text, { token: w.owner.token })
    ).body[0].id;
    ids.consultationAttachment = (
      await http.upload(`/api/v1/consultations/${ids.consultation}/attachments`, text, { token })
    ).body.id;
    const office = { ...fuzzer, token } as any;
    ids.round = (await createRound(http, office)).id;
    ids.nomination = (
      await nominate(http, ids.round, {
        by: office,
        type: 'OFFICIAL',
        source: 'DEPARTMENT',
        nomineeUserIds: [w.owner.id],
      })
    ).id;
    // A second round run through to a real incentive (the fuzzer is office, member and head).
    const [seat] = await seatCommittee(http, { ...office, name: '퍼저' }, [
      { ...office, name: '퍼저' },
    ]);
    ids.committeeMember = seat.id;
    const done = await createRound(http, office, { kind: 'SECOND_HALF' });
    await setMembers(http, office, done.id, [office]);
    // Nominated by the world's head, not the fuzzer: the committee's resolution of the results
    // excludes a nominator (제척), and the fuzzer is the committee's only member.
    const n = await nominate(http, done.id, {
      by: { ...w.head, name: '부서장' },
      type: 'OFFICIAL',
      source: 'DEPARTMENT',
      nomineeUserIds: [w.owner.id],
    });
    await verify(http, office, n.id);
    await approveCriteria(
      http,
      { ...office, name: '퍼저' },
      [{ ...office, name: '퍼저' }],
      done.id,
    );
    await http.post(`/api/v1/evaluation-rounds/${done.id}/start-scoring`, undefined, { token });
    await score(http, office, n.id, sheet(36, 18, 18, 9, 9));
    await aggregate(http, office, done.id);
    await confirm(http, { ...office, name: '퍼저' }, done.id, [{ ...office, name: '퍼저' }]);
    ids.incentive = (
      await http.post(
        `/api/v1/evaluation-rounds/${done.id}/incentives`,
        { nominationId: n.id, userId: w.owner.id, incentiveType: 'REWARD_LEAVE' },
        { token },
      )
    ).body.id;
    // A held committee meeting with an open item, and a 기피 request on it (written as a party's
    // request would be: an OTHER item has no parties to file one).
    const meeting = await heldMeeting(http, { ...office, name: '퍼저' }, [
      { ...office, name: '퍼저' },
    ]);
    ids.meeting = meeting.id;
    ids.agendaItem = (
      await addItem(http, { ...office, name: '퍼저' }, meeting.id, 'OTHER', null, '퍼징 안건')
    ).id;
    const { rows: challenge } = await factory.db.query<{ id: string }>(
      `INSERT INTO committee_exclusions (agenda_item_id, user_id, kind, reason, status, requested_by)
       VALUES ($1, $2, 'CHALLENGE', '기피 사유', 'REQUESTED', $3) RETURNING id`,
      [ids.agendaItem, fuzzer.id, w.owner.id],
    );
    ids.challenge = challenge[0].id;
    // 의견제시 on the world's task.
    ids.opinionRequest = (
      await http.post(
        '/api/v1/opinion-requests',
        { taskId: ids.task, question: '퍼징 질의' },
        { token },
      )
    ).body.id;
    // A collaboration on the world's task (its organisation coordinates it), a second
    // organisation taking part and carrying the task's milestone.
    const partnerOrg = await factory.org();
    const partnerOrgDept = await factory.dept(partnerOrg.id);
    const collaboration = (
      await http.post(
        '/api/v1/collaborations',
        {
          taskId: ids.task,
          coordinatorOrganisationId: w.org.id,
          participants: [{ organisationId: partnerOrg.id, departmentId: partnerOrgDept.id }],
        },
        { token },
      )
    ).body;
    ids.collaboration = collaboration.id;
    ids.collaborationParticipant = partnerOrg.id;
    await http.put(
      `/api/v1/collaborations/${collaboration.id}/milestone-shares`,
      {
        version: collaboration.version,
        shares: [{ milestoneId: ids.milestone, organisationId: partnerOrg.id }],
      },
      { token },
    );
    // Its TF: the owner leads it and owns an action item of a meeting's decision.
    await http.post(
      `/api/v1/collaborations/${collaboration.id}/tf/members`,
      { userId: w.owner.id, role: 'LEAD' },
      { token },
    );
    // The fuzzer sits in the TF too, so the attendees it names are members.
    await http.post(
      `/api/v1/collaborations/${collaboration.id}/tf/members`,
      { userId: fuzzer.id, role: 'MEMBER' },
      { token },
    );
    const tfMeeting = (
      await http.post(
        `/api/v1/collaborations/${collaboration.id}/tf/meetings`,
        { heldAt: '2026-03-10T14:00:00+09:00', title: '퍼징 TF 회의' },
        { token },
      )
    ).body;
    ids.tfMeeting = tfMeeting.id;
    ids.tfActionItem = (
      await http.post(
        `/api/v1/collaborations/${collaboration.id}/tf/meetings/${tfMeeting.id}/decisions`,
        {
          text: '퍼징 결정',
          actionItems: [{ title: '퍼징 실행과제', ownerUserId: w.owner.id, dueDate: on('04-30') }],
        },
        { token },
      )
    ).body.decisions[0].actionItems[0].id;
    // A 협업SOS on it (a 협업정원 request, so the decision route has one to decide).
    ids.collaborationSos = (
      await http.post(
        `/api/v1/collaborations/${collaboration.id}/sos`,
        {
          blocked: '퍼징 SOS',
          needKind: 'STAFF',
          staffRequest: { count: 2, grade: '행정6급', months: 6, reason: '퍼징' },
        },
        { token },
      )
    ).body.id;
    // A 적극행정 education session with the owner attending (the attendee the path names).
    ids.educationSession = (
      await http.post(
        '/api/v1/education/sessions',
        {
          title: '퍼징 교육',
          kind: 'ALL_STAFF',
          sessionDate: on('03-10'),
          hours: 2,
          delivery: 'OFFLINE',
        },
        { token },
      )
    ).body.id;
    await http.post(
      `/api/v1/education/sessions/${ids.educationSession}/attendees`,
      { attendees: [{ userId: w.owner.id }] },
      { token },
    );
    // A 국민신청 assigned to the fuzzer's department (the fuzzer is its office and its department).
    ids.citizenApplication = (
      await http.post(
        '/api/v1/citizen-applications',
        {
          applicationNumber: '퍼징-001',
          channel: 'OFFICE',
          receivedOn: '2026-01-05',
          applicantName: '퍼징',
          applicantEmail: 'fuzz@example.com',
          content: '퍼징 신청',
          challengedRule: '퍼징 관행',
          departmentId: w.lead.id,
        },
        { token },
      )
    ).body.id;
    // A 소극행정 report of the lead department, received by the fuzzer (an AUDITOR too).
    ids.passiveReport = (
      await http.post(
        '/api/v1/passive-reports',
        {
          receiptNumber: '퍼징-소극-001',
          receivedOn: '2026-01-05',
          channel: 'OTHER',
          anonymous: true,
          content: '퍼징 신고',
          departmentId: w.lead.id,
        },
        { token },
      )
    ).body.id;
    // A 면책 case of the register (issue 22 part 5), registered by the fuzzer (an AUDITOR too).
    ids.exemption = (
      await http.post(
        '/api/v1/exemptions',
        {
          kind: 'EX_OFFICIO',
          title: '퍼징 면책',
          auditReference: '퍼징 감사',
          appliedOn: '2026-01-05',
        },
        { token },
      )
    ).body.id;
    // Contests: an open round with an entry awaiting screening (and its file), and a second round
    // published to a real award. Entries come from a second office user of another department, so
    // the fuzzer (the organiser's office and the panel) is no interested party of them (제척).
    const entrant = await factory.user(w.otherDept, ['PROACTIVE_OFFICE']);
    const entrantToken = (await login(http, entrant)).accessToken;
    const contestRound = async (title: string) =>
      (
        await http.post(
          '/api/v1/contests/rounds',
          {
            year: YEAR,
            title,
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
                prizeKrw: 0,
                bonusPoints: 0.3,
                advances: false,
              },
            ],
            budgetKrw: 0,
          },
          { token },
        )
      ).body;
    const contestStep = async (id: string, action: string) => {
      const { version } = (await http.get(`/api/v1/contests/rounds/${id}`, { token })).body;
      await http.post(`/api/v1/contests/rounds/${id}/transitions`, { action, version }, { token });
    };
    const contestEntry = async (roundId: string) =>
      (
        await http.post(
          `/api/v1/contests/rounds/${roundId}/entries`,
          {
            field: 'proactive',
            title: '퍼징 사례',
            departmentId: w.otherDept.id,
            officialIds: [signer.id],
          },
          { token: entrantToken },
        )
      ).body;
    const open = await contestRound('퍼징 경진대회');
    ids.contestRound = open.id;
    await contestStep(open.id, 'open');
    ids.contestEntry = (await contestEntry(open.id)).id;
    ids.contestAttachment = (
      await http.upload(`/api/v1/contests/entries/${ids.contestEntry}/attachments`, text, {
        token: entrantToken,
      })
    ).body.attachments?.[0]?.id;
    const published = await contestRound('퍼징 경진대회 (발표)');
    await contestStep(published.id, 'open');
    const awarded = await contestEntry(published.id);
    await http.post(
      `/api/v1/contests/entries/${awarded.id}/screening`,
      { decision: 'accept', version: awarded.version },
      { token },
    );
    await contestStep(published.id, 'closeEntries');
    await http.put(
      `/api/v1/contests/rounds/${published.id}/panel`,
      { memberIds: [fuzzer.id] },
      { token },
    );
    await contestStep(published.id, 'startJudging');
    await http.put(
      `/api/v1/contests/entries/${awarded.id}/scores`,
      { scores: sheet(36, 18, 18, 9, 9) },
      { token },
    );
    const { version: publishedVersion } = (
      await http.get(`/api/v1/contests/rounds/${published.id}`, { token })
    ).body;
    await http.post(
      `/api/v1/contests/rounds/${published.id}/publish`,
      { version: publishedVersion },
      { token },
    );
    ids.contestAward = (
      await http.get(`/api/v1/contests/awards?roundId=${published.id}`, { token })
    ).body[0]?.id;
    // 실행계획: the year's plan with a direction and a measure of the lead department (the fuzzer's).
    const actionPlan = (
      await http.post(
        '/api/v1/action-plans',
        { year: YEAR, directions: [{ title: '퍼징 추진방향' }] },
        { token },
      )
    ).body;
    ids.actionPlan = actionPlan.id;
    ids.actionPlanDirection = actionPlan.directions[0].id;
    ids.actionPlanMeasure = (
      await http.post(
        `/api/v1/action-plans/${actionPlan.id}/measures`,
        {
          version: actionPlan.version,
          directionId: actionPlan.directions[0].id,
          title: '퍼징 세부과제',
          ownerDepartmentId: w.lead.id,
          dueDate: on('06-30'),
        },
        { token },
      )
    ).body.directions[0].measures[0].id;
    ids.run = String(
      (await http.post('/api/v1/notifications/run', { dryRun: true }, { token })).body.id,
    );
    ids.compile = String(
      (await http.post('/api/v1/dashboards/compile', { year: YEAR }, { token })).body.id,
    );
    // A notification of the fuzzer's (the notification centre marks it read): made by the worker
    // in production, written here as it would leave it.
    ids.notification = String(
      (
        await factory.db.query<{ id: string }>(
          `INSERT INTO notifications (organisation_id, recipient_id, rule, section, record_type, record_id, due_date, send_on)
           VALUES ($1, $2, 'report.approval#1', 'ACTION_REQUIRED', 'report', $3, CURRENT_DATE, CURRENT_DATE) RETURNING id`,
          [w.org.id, fuzzer.id, ids.report],
        )
      ).rows[0].id,
    );
    // The fuzzer's own iCal feed: its secret is the path id of the public feed route.
    const feedUrl: string = (await http.post('/api/v1/me/calendar-feed', null, { token })).body.url;
    ids.calendarFeed = /calendar-feeds\/([^/.]+)\.ics$/.exec(feedUrl)![1];
    ids.comment = (
      await http.post(
        '/api/v1/comments',
        { recordType: 'task', recordId: ids.task, body: '퍼징 댓글' },
        { token },
      )
    ).body.id;
    ids.savedView = (
      await http.post(
        '/api/v1/saved-views',
        { list: 'tasks', name: '퍼징 보기', query: 'delayed=true' },
        { token },
      )
    ).body.id;
    // A closure of the fuzzer's organisation (it is an ADMIN there).
    ids.declaredDay = (
      await http.post(
        '/api/v1/calendar/declared-days',
        {
          scope: 'ORGANISATION',
          date: '2027-12-30',
          name: '퍼징 휴무일',
          basis: '퍼징',
          reason: '퍼징',
        },
        { token },
      )
    ).body.declaration.id;
    const victimDept = await factory.dept(w.org.id);
    ids.department = victimDept.id;
    ids.user = (await factory.user(victimDept, ['STAFF'])).id;
    ids.organisation = (await factory.org({ parentId: w.org.id })).id;
    for (const [name, id] of Object.entries(ids))
      expect([name, id]).toEqual([name, expect.any(String)]);
    real.users.push(w.owner.id, w.staff.id, fuzzer.id, ids.user);
    real.departments.push(w.lead.id, w.partnerDept.id, ids.department);
    real.any.push(...Object.values(ids), w.org.id, ...real.users, ...real.departments);
  }, 90_000);

  /** The real record a path parameter names, by the resource the path names. */
  function pathIdFor(path: string, name: string): string | undefined {
    const resource = path.split('/')[3];
    if (name === 'milestoneId') return ids.milestone;
    if (name === 'reportId') return ids.report;
    if (name === 'challengeId') return ids.challenge;
    if (name === 'sosId') return ids.collaborationSos;
    if (name === 'directionId') return ids.actionPlanDirection;
    if (name === 'measureId') return ids.actionPlanMeasure;
    if (resource === 'committee' && name === 'id') {
      const sub = path.split('/')[4];
      return sub === 'members'
        ? ids.committeeMember
        : sub === 'meetings'
          ? ids.meeting
          : ids.agendaItem;
    }
    if (resource === 'collaborations' && name === 'organisationId')
      return ids.collaborationParticipant;
    if (resource === 'collaborations' && name === 'meetingId') return ids.tfMeeting;
    if (resource === 'collaborations' && name === 'itemId') return ids.tfActionItem;
    // The fuzzed POST /me/calendar-feed replaces it as it goes: later probes get 404, as they should.
    if (resource === 'calendar-feeds' && name === 'token') return ids.calendarFeed;
    if (name === 'userId') return w.owner.id;
    if (name === 'departmentId') return w.partnerDept.id;
    if (name === 'attachmentId')
      return resource === 'reports'
        ? ids.reportAttachment
        : resource === 'tasks'
          ? ids.taskAttachment
          : resource === 'contests'
            ? ids.contestAttachment
            : ids.consultationAttachment;
    if (name !== 'id') return undefined;
    if (resource === 'contests') {
      const sub = path.split('/')[4];
      return sub === 'rounds'
        ? ids.contestRound
        : sub === 'entries'
          ? ids.contestEntry
          : ids.contestAward;
    }
    if (resource === 'notifications') return path.includes('/runs/') ? ids.run : undefined;
    if (resource === 'me' && path.startsWith('/api/v1/me/notifications/')) return ids.notification;
    const byResource: Record<string, string | undefined> = {
      tasks: ids.task,
      reports: ids.report,
      consultations: ids.consultation,
      'evaluation-rounds': ids.round,
      nominations: ids.nomination,
      incentives: ids.incentive,
      users: ids.user,
      departments: ids.department,
      organisations: ids.organisation,
      directory: ids.organisation,
      dashboards: ids.compile,
      'opinion-requests': ids.opinionRequest,
      collaborations: ids.collaboration,
      education: ids.educationSession,
      'citizen-applications': ids.citizenApplication,
      'passive-reports': ids.passiveReport,
      'action-plans': ids.actionPlan,
      exemptions: ids.exemption,
      comments: ids.comment,
      'saved-views': ids.savedView,
      calendar: ids.declaredDay,
    };
    return byResource[resource];
  }

  /** Real ids for a uuid field, by its name. */
  function uuidsFor(name: string): string[] {
    if (/^lead/.test(name)) return [w.lead.id];
    if (/^partner/.test(name)) return [w.partnerDept.id];
    if (/department/i.test(name)) return real.departments;
    // Committee members and nominees as the round and the nomination have them.
    if (/member/i.test(name)) return [fuzzer.id];
    // The committee's sitting member (the fuzzer) attends its meetings.
    if (/attendee/i.test(name)) return [fuzzer.id];
    // A user id: the nominee, or the fuzzer (who may sit on the committee or be named again).
    if (/^userId$/.test(name)) return [w.owner.id, fuzzer.id];
    if (/nominee/i.test(name)) return [w.owner.id];
    if (/user|owner|auditor|head|mention/i.test(name)) return real.users;
    if (/^task/.test(name)) return [ids.task];
    if (/^direction/.test(name)) return [ids.actionPlanDirection];
    if (/milestone/i.test(name)) return [ids.milestone];
    if (/organisation|parent/i.test(name)) return [w.org.id];
    if (/consultation/i.test(name)) return [ids.consultation];
    if (/nomination/i.test(name)) return [ids.nomination];
    // A contest round's next level and feeders are contest rounds.
    if (/^(nextRound|feederRound)/.test(name)) return [ids.contestRound];
    if (/official/i.test(name)) return [signer.id, w.owner.id];
    if (/round/i.test(name)) return [ids.round];
    return real.any;
  }

  /** Text that passes a string's declared checks, injection strings included. */
  function textArb(s: Schema): fc.Arbitrary<string> {
    const min = s.minLength ?? 1;
    const max = s.maxLength ?? 2000;
    const fits = (v: string) =>
      v.trim().length >= Math.max(min, 1) &&
      v.length <= max &&
      !v.includes('\u0000') &&
      !/[\uD800-\uDFFF]/.test(v);
    const pool = HOSTILE.filter(fits);
    return fc.oneof(
      ...(s.example === undefined
        ? []
        : [{ weight: 2, arbitrary: fc.constant(String(s.example)) }]),
      ...(pool.length ? [{ weight: 2, arbitrary: fc.constantFrom(...pool) }] : []),
      {
        weight: 1,
        arbitrary: fc
          .string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.min(max, 30) })
          .filter(fits),
      },
    );
  }

  /** A value the schema allows, preferring its example and real ids so the request gets through. */
  function validArb(schema: Schema | undefined, name: string, depth = 0): fc.Arbitrary<unknown> {
    const s = resolve(doc, schema ?? {});
    if (s.enum) return fc.constantFrom(...(s.enum as unknown[]).filter((v) => v !== null));
    if (name === 'version') return fc.integer({ min: 1, max: 4 });
    // The signer's own credentials, so that some logins and refreshes succeed.
    if (name === 'refreshToken') return fc.oneof(fc.constant(refreshToken), textArb(s));
    if (name === 'password') return fc.oneof(fc.constant(signer.password), textArb(s));
    if (s.type === 'array') {
      // Arrays of free-form objects (criteria, grade tables) only the example describes.
      if (
        s.example !== undefined &&
        !s.items?.enum &&
        s.items?.type === 'object' &&
        !s.items.properties
      )
        return fc.constant(s.example);
      const items = validArb(s.items, name, depth + 1);
      const size = { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) };
      return s.uniqueItems || s.items?.format === 'uuid' || s.items?.enum
        ? fc.uniqueArray(items, { ...size, selector: (v) => JSON.stringify(v) })
        : fc.array(items, size);
    }
    if (s.type === 'object' || s.properties) {
      if (!s.properties || depth > 3) return fc.constant(s.example ?? {});
      return fc.record(
        Object.fromEntries(
          Object.entries<Schema>(s.properties).map(([k, v]) => [k, validArb(v, k, depth + 1)]),
        ),
        { requiredKeys: s.required ?? [] },
      );
    }
    if (s.format === 'uuid') return fc.constantFrom(...uuidsFor(name));
    if (s.format === 'date' || DATE_PATTERN.test(s.pattern ?? '')) {
      // The day something happened (a milestone's, a transition's): today is always allowed,
      // any other day of the world's tasks (next year) is in the future.
      if (/^(doneDate|occurredOn)$/.test(name)) return fc.constant(seoulToday());
      const near = fc
        .integer({ min: -400, max: 400 })
        .map((days) => isoDate(new Date(Date.UTC(YEAR, 0, 1) + days * 86_400_000)));
      // Examples mostly: several dates of one body must keep their order (schedules, periods).
      return s.example === undefined
        ? near
        : fc.oneof({ weight: 4, arbitrary: fc.constant(String(s.example)) }, near);
    }
    if (s.format === 'email')
      return fc.constantFrom(`fuzz-${randomUUID().slice(0, 8)}@test.gwaje.kr`, signer.email);
    if (s.pattern) {
      const re = new RegExp(s.pattern);
      return s.example !== undefined && re.test(String(s.example))
        ? fc.oneof(fc.constant(String(s.example)), fc.stringMatching(re))
        : fc.stringMatching(re);
    }
    if (s.type === 'integer' || s.type === 'number') {
      const min = s.minimum ?? -1_000_000;
      const max = s.maximum ?? 1_000_000;
      const ints =
        s.type === 'integer'
          ? fc.integer({
              min: Math.ceil(Math.max(min, -(2 ** 31))),
              max: Math.floor(Math.min(max, 2 ** 31 - 1)),
            })
          : s.multipleOf
            ? fc
                .integer({
                  min: Math.max(Math.ceil(min / s.multipleOf), -(2 ** 31)),
                  max: Math.min(Math.floor(max / s.multipleOf), 2 ** 31 - 1),
                })
                .map((k) => Number((k * s.multipleOf).toFixed(10)))
            : fc.double({ min, max, noNaN: true });
      const odd = ODD_NUMBERS.filter(
        (n) =>
          n >= min &&
          n <= max &&
          (s.type === 'number' || Number.isInteger(n)) &&
          (!s.multipleOf || Number.isInteger(Number((n / s.multipleOf).toFixed(6)))),
      );
      return fc.oneof(
        ...(s.example === undefined ? [] : [{ weight: 3, arbitrary: fc.constant(s.example) }]),
        ...(name === 'year' ? [{ weight: 3, arbitrary: fc.constantFrom(YEAR, 2025) }] : []),
        { weight: 1, arbitrary: ints },
        ...(odd.length ? [{ weight: 1, arbitrary: fc.constantFrom(...odd) }] : []),
      );
    }
    if (s.type === 'boolean') return fc.boolean();
    if (s.type === 'string') return textArb(s);
    return s.example === undefined ? fc.constant('x') : fc.constant(s.example);
  }

  /** A query value as text (arrays comma-separated, as the API reads them). */
  const queryText = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v));

  function validQueryArb(op: Operation): fc.Arbitrary<Array<[string, string]>> {
    if (!op.query.length) return fc.constant([]);
    return fc
      .tuple(
        ...op.query.map((p) =>
          p.required
            ? validArb(p.schema, p.name).map((v) => [p.name, queryText(v)] as [string, string])
            : fc.option(
                validArb(p.schema, p.name).map((v) => [p.name, queryText(v)] as [string, string]),
                { nil: undefined, freq: 2 },
              ),
        ),
      )
      .map((pairs) => pairs.filter((x): x is [string, string] => !!x));
  }

  function fillPath(op: Operation, values: Record<string, string> = {}): string {
    let path = op.path;
    for (const p of op.pathParams) {
      // A path id with no record behind it: one that names nothing, in the parameter's own form.
      const none = p.schema?.pattern ? '987654321' : randomUUID();
      const value =
        values[p.name] ?? (p.name === 'year' ? String(YEAR) : pathIdFor(op.path, p.name)) ?? none;
      path = path.replace(`{${p.name}}`, enc(value));
    }
    return path;
  }

  /** A valid upload: a small text file (the allow-list's signature-less type) with a hostile name. */
  const fileArb = fc
    .tuple(
      fc.constantFrom(
        '보고서.txt',
        '첨부 자료.csv',
        "'; DROP TABLE attachments; --.txt",
        '../../etc/passwd.txt',
        '<script>.txt',
      ),
      fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
        .filter((t) => !t.includes('\u0000')),
    )
    .map(([name, text]) => ({ name, bytes: Buffer.from(text), type: 'text/plain' }));

  /** A request the schemas allow: real path ids, a schema-shaped body, declared query values. */
  function validCase(op: Operation): fc.Arbitrary<Case> {
    const body: fc.Arbitrary<Send> = op.upload
      ? fileArb.map((file) => ({ file }))
      : op.bodySchema
        ? validArb(op.bodySchema, 'body').map((json) => ({ json }))
        : fc.constant({});
    return fc
      .tuple(body, validQueryArb(op))
      .map(([send, query]) => ({ path: fillPath(op), send: { ...send, query } }));
  }

  /** The same, with exactly one thing changed: a field, a parameter, a path id or the body itself. */
  function mutatedCase(op: Operation): fc.Arbitrary<Case> {
    const hostile = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.constantFrom(...ODD_NUMBERS),
      anyValue(),
    );
    const kinds: Array<fc.Arbitrary<Case>> = [];
    const keys = Object.keys(op.bodySchema?.properties ?? {});
    if (op.bodySchema) {
      const base = validArb(op.bodySchema, 'body') as fc.Arbitrary<Record<string, unknown>>;
      const body = (json: unknown, mutated: string): Case => ({
        path: fillPath(op),
        send: { json },
        mutated,
      });
      kinds.push(
        fc
          .tuple(
            base,
            fc.constantFrom(
              ...(keys.length ? keys : ['x']),
              '__unknown__',
              '__proto__',
              'constructor',
            ),
            hostile,
          )
          .map(([b, key, value]) => {
            const copy: Record<string, unknown> = b && typeof b === 'object' ? { ...b } : {};
            Object.defineProperty(copy, key, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
            return body(copy, `body.${key}`);
          }),
      );
      if (op.bodySchema.required?.length)
        kinds.push(
          fc
            .tuple(base, fc.constantFrom(...(op.bodySchema.required as string[])))
            .map(([b, key]) => {
              const copy = { ...b };
              delete copy[key];
              return body(copy, `body.${key} left out`);
            }),
        );
      kinds.push(
        fc
          .oneof(
            fc.constantFrom(...RAW_BODIES),
            fc.jsonValue().map((v) => JSON.stringify(v)),
          )
          .map((raw): Case => ({ path: fillPath(op), send: { raw }, mutated: 'raw body' })),
      );
    }
    if (op.upload)
      kinds.push(
        fc
          .tuple(
            fc.constantFrom(
              'x.exe',
              'x.pdf',
              '',
              '.txt',
              'a\u0000b.txt',
              'ㄱ'.repeat(300) + '.txt',
            ),
            fc.uint8Array({ maxLength: 64 }),
            fc.constantFrom('file', 'upload', ''),
          )
          .map(([name, bytes, field]): Case => ({
            path: fillPath(op),
            send: { file: { name, bytes, type: 'application/octet-stream', field } },
            mutated: 'file',
          })),
        fc.jsonValue().map((json): Case => ({
          path: fillPath(op),
          send: { json },
          mutated: 'JSON instead of a file',
        })),
      );
    if (op.query.length)
      kinds.push(
        fc
          .tuple(
            validQueryArb(op),
            fc.constantFrom(...op.query.map((p) => p.name)),
            fc.oneof(
              fc.constantFrom(...HOSTILE.filter((h) => h.length < 1000)),
              fc.string({ maxLength: 20 }),
            ),
          )
          .map(([query, name, value]): Case => ({
            path: fillPath(op),
            send: { query: [...query.filter(([k]) => k !== name), [name, value]] },
            mutated: `query.${name}`,
          })),
      );
    kinds.push(
      fc
        .tuple(
          validQueryArb(op),
          fc.oneof(
            fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 })),
            fc.constantFrom(...RAW_QUERY).map((v): [string, string] => [RAW, v]),
          ),
        )
        .map(([query, extra]): Case => ({
          path: fillPath(op),
          send: { query: [...query, extra] },
          mutated: 'query: an unknown or malformed parameter',
        })),
    );
    for (const p of op.pathParams)
      kinds.push(
        fc
          .oneof(
            fc.uuid(),
            fc.string({ minLength: 1, maxLength: 40 }),
            fc.constantFrom(...HOSTILE.filter((h) => h.length > 0 && h.length < 200)),
          )
          .map((value): Case => ({
            path: fillPath(op, { [p.name]: value }),
            send: {},
            mutated: `path.${p.name}`,
          })),
      );
    return fc.oneof(...kinds);
  }

  /** Any value at all, with a bias towards the ones that break parsers and SQL. */
  let anyValueArb: fc.Arbitrary<unknown> | undefined;
  const anyValue = (): fc.Arbitrary<unknown> =>
    (anyValueArb ??= fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.anything(), { maxLength: 5 }),
      fc.object({ maxDepth: 2 }),
      fc.constantFrom(...HOSTILE),
      fc.constantFrom(...ODD_NUMBERS),
      fc.constantFrom(...real.any),
      fc.uuid(),
    ));

  const decodeSafe = (v: string) => {
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  };

  async function send(op: Operation, c: Case): Promise<{ res: HttpResult; qs: string }> {
    const qs = c.send.query?.length
      ? '?' + c.send.query.map(([k, v]) => (k === RAW ? v : `${enc(k)}=${enc(v)}`)).join('&')
      : '';
    const auth = op.public ? undefined : token;
    if (c.send.file) {
      const { field, ...file } = c.send.file;
      return { res: await http.upload(c.path + qs, file, { token: auth, field }), qs };
    }
    const res = await http.request(op.method, c.path + qs, {
      token: auth,
      ...(c.send.raw !== undefined
        ? { body: c.send.raw, headers: { 'content-type': 'application/json' } }
        : c.send.json !== undefined
          ? { body: JSON.stringify(c.send.json) }
          : {}),
    });
    return { res, qs };
  }

  /** Sends one request and checks every property; returns the problem, or undefined. */
  async function probe(op: Operation, c: Case): Promise<string | undefined> {
    remember(c.send.json);
    remember(c.send.raw);
    remember(c.send.file?.name);
    c.send.query?.forEach(([k, v]) => remember([k, v, decodeSafe(v)]));
    remember(decodeSafe(c.path));
    // A refused login, and a refused password change (a wrong current password), count towards
    // the account's lockout (SECURITY.md): those two columns only.
    const lockout = op.path === '/api/v1/auth/login' || op.path === '/api/v1/me/password';
    const ignore = lockout ? { users: ['failed_login_count', 'locked_until'] } : undefined;
    // What earlier requests (and the jobs they started) wrote is not this request's.
    await writes.writesSince();
    let { res, qs } = await send(op, c);
    // A fuzzed 2xx may have ended the fuzzing user's session (logout, settings): sign in again.
    if (res.status === 401 && !op.public && !reachedService(res)) {
      token = (await login(http, fuzzer)).accessToken;
      ({ res, qs } = await send(op, c));
    }
    const changed = await writes.writesSince(ignore);
    // The fuzzer's own wrong current passwords would lock it out of signing in again.
    if (op.path === '/api/v1/me/password') {
      await factory.db.query(
        `UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1`,
        [fuzzer.id],
      );
    }
    const key = `${op.method} ${op.path}`;
    const route = seen.get(key) ?? {
      valid: 0,
      validReached: 0,
      mutated: 0,
      mutatedReached: 0,
      statuses: {},
    };
    const got = reachedService(res) ? 1 : 0;
    if (c.mutated) {
      route.mutated += 1;
      route.mutatedReached += got;
    } else {
      route.valid += 1;
      route.validReached += got;
    }
    route.statuses[res.status] = (route.statuses[res.status] ?? 0) + 1;
    // FUZZ_DEBUG=1: why a valid request did not get through, once per route and status.
    if (process.env.FUZZ_DEBUG && !c.mutated && !got && !explained.has(`${key} ${res.status}`)) {
      explained.add(`${key} ${res.status}`);
      console.log(`${key} ${short(c.send)} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    seen.set(key, route);
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`status ${res.status}`);
    problems.push(...leaks(res, op.binary));
    if (res.status >= 400 && changed.length)
      problems.push(`${changed.join(', ')} changed on a ${res.status}`);
    if (!problems.length) return undefined;
    const shown =
      typeof res.body === 'string'
        ? res.body.slice(0, 400)
        : JSON.stringify(res.body)?.slice(0, 400);
    return `${problems.join('; ')} — ${op.method} ${c.path}${qs.slice(0, 300)}${c.mutated ? ` (${c.mutated})` : ''} → ${res.status} ${shown}`;
  }

  it('lists every operation of the OpenAPI document', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThanOrEqual(105);
    // Every path id of every operation has a real record behind it (or is a year).
    const unnamed = ops.flatMap((op) =>
      op.pathParams
        .filter((p) => p.name !== 'year' && !pathIdFor(op.path, p.name))
        .map((p) => `${op.method} ${op.path} {${p.name}}`),
    );
    // No e-mail has failed in this world: an id that names nothing (answered 404).
    expect(unnamed).toEqual(['POST /api/v1/notifications/failures/{id}/resend {id}']);
  });

  it('known edge cases found by the fuzzer answer below 500, as the contract says', async () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const cases: Array<[string, string, string]> = [
      ['POST', '/api/v1/tasks', nested(100)],
      ['POST', '/api/v1/tasks', nested(1000)],
      ['POST', '/api/v1/tasks', nested(5000)],
      ['POST', '/api/v1/tasks', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
      ['PATCH', `/api/v1/tasks/${ids.task}`, '{"kpiBaseline":5e-324}'],
      ['PATCH', `/api/v1/tasks/${ids.task}`, '{"version":1,"kpiBaseline":5e-324}'],
      [
        'PATCH',
        `/api/v1/tasks/${ids.task}/milestones/${ids.milestone}`,
        '{"version":1,"weight":5e-324}',
      ],
      ['PATCH', `/api/v1/tasks/${ids.task}`, '{"version":1e308,"title":"x"}'],
      ['POST', '/api/v1/tasks', '{"title":"a\\u0000b"}'],
      // A period of year 600 was answered with a periodStart "600-10-01" the contract refuses.
      ['POST', '/api/v1/reports', JSON.stringify({ taskId: ids.task, period: '0600-M10' })],
    ];
    const failures: string[] = [];
    for (const [method, path, raw] of cases) {
      const res = await http.request(method, path, {
        token,
        body: raw,
        headers: { 'content-type': 'application/json' },
      });
      if (res.status >= 500)
        failures.push(
          `${method} ${path} ${short(raw)} → ${res.status} ${JSON.stringify(res.body)}`,
        );
    }
    // A NUL character in a query string (Postgres cannot store it in text).
    const nul = await http.get('/api/v1/access-log?recordType=abc%00def', { token });
    if (nul.status >= 500) failures.push(`GET access-log with %00 → ${nul.status}`);
    expect(failures).toEqual([]);
  });

  it('every operation: never a 5xx, a stack trace or SQL; nothing changed on a refusal', async () => {
    const failures: string[] = [];
    for (const op of operations(doc)) {
      // Mostly valid requests, so the handlers see hostile content; one in four changes one thing.
      const arb = fc.oneof(
        { weight: 3, arbitrary: validCase(op) },
        { weight: 1, arbitrary: mutatedCase(op) },
      );
      const out = await fc.check(
        fc.asyncProperty(arb, async (c) => {
          const problem = await probe(op, c);
          if (problem) throw new Error(problem);
        }),
        { numRuns: NUM_RUNS, seed: SEED },
      );
      if (out.failed)
        failures.push(
          [
            `${op.method} ${op.path} — failed after ${out.numRuns} run(s), shrunk ${out.numShrinks} time(s)`,
            `  replay: { seed: ${out.seed}, path: "${out.counterexamplePath}" }`,
            `  counterexample: ${short(out.counterexample)}`,
            `  ${String((out.errorInstance as Error | undefined)?.message ?? out.errorInstance)}`,
          ].join('\n'),
        );
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('reaches the service of every route, and with at least 60 % of the requests', () => {
    const rows = [...seen].map(([route, r]) => {
      const total = r.valid + r.mutated;
      const reached = r.validReached + r.mutatedReached;
      return { route, total, reached, r };
    });
    const pct = (a: number, b: number) => `${b ? Math.round((100 * a) / b) : 0} %`;
    const sum = rows.reduce(
      (t, x) => ({ total: t.total + x.total, reached: t.reached + x.reached }),
      { total: 0, reached: 0 },
    );
    console.log(
      [
        `security fuzz: ${rows.length} routes, ${sum.total} requests, ${pct(sum.reached, sum.total)} reached the service (seed ${SEED ?? 'random'}, ${NUM_RUNS} runs per route)`,
        'route: reached/requests (valid reached/valid, one-change reached/one-change) statuses',
        ...rows.map(
          ({ route, total, reached, r }) =>
            `${route}: ${reached}/${total} ${pct(reached, total)} (${r.validReached}/${r.valid}, ${r.mutatedReached}/${r.mutated}) ${Object.entries(
              r.statuses,
            )
              .map(([s, n]) => `${s}×${n}`)
              .join(' ')}`,
        ),
      ].join('\n'),
    );
    expect(rows.length).toBe(operations(doc).length);
    expect(rows.filter((x) => x.reached === 0).map((x) => x.route)).toEqual([]);
    expect(sum.reached / sum.total).toBeGreaterThanOrEqual(0.6);
  });
});
