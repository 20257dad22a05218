import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Role } from '@gwaje/identity';
import type { HttpClient, HttpResult } from './app.js';
import { type Factory, login, type TestDept, type TestOrg, type TestUser } from './factory.js';
import { currentVersion, YEAR } from './tasks.js';
import { approveCriteria, committeeResolves, seatCommittee } from './committee.js';

// Set-up for the year-end evaluation suites (DOMAIN.md §5). Everything goes through the API except
// the organisation, departments and users, which the factory writes straight to the database.

const unique = () => randomBytes(3).toString('hex');

export interface Actor extends TestUser {
  name: string;
  token: string;
}

export async function actor(
  http: HttpClient,
  factory: Factory,
  dept: TestDept,
  roles: Role[],
  name: string,
): Promise<Actor> {
  const user = await factory.user(dept, roles, { name });
  return { ...user, name, token: (await login(http, user)).accessToken };
}

/** Distinct names, so sheets, exports and orderings by name are predictable. */
const STAFF_NAMES = [
  '김하늘',
  '이바다',
  '박구름',
  '최노을',
  '정새벽',
  '강여름',
  '조가을',
  '윤겨울',
];
const MEMBER_NAMES = ['위원가', '위원나', '위원다', '위원라', '위원마', '위원바', '위원사'];

/**
 * An organisation as the evaluation sees it: a proactive office, an audit unit, a department
 * (`dept`) with a DEPT_HEAD and several STAFF, another department with one STAFF (`outsider`), an
 * administrator and `members` COMMITTEE users (in a committee department of their own). Every
 * user is logged in.
 */
export interface EvaluationWorld {
  org: TestOrg;
  dept: TestDept;
  otherDept: TestDept;
  office: Actor;
  auditor: Actor;
  admin: Actor;
  head: Actor;
  /** STAFF of `dept`, named from STAFF_NAMES in order */
  staff: Actor[];
  /** STAFF of `otherDept` */
  outsider: Actor;
  /** COMMITTEE users, named from MEMBER_NAMES in order */
  members: Actor[];
}

export async function evaluationWorld(
  http: HttpClient,
  factory: Factory,
  opts: { staff?: number; members?: number } = {},
): Promise<EvaluationWorld> {
  const org = await factory.org();
  const [dept, otherDept, officeDept, auditDept, committeeDept] = await Promise.all([
    factory.dept(org.id, { name: `민원과 ${unique()}` }),
    factory.dept(org.id, { name: `무관과 ${unique()}` }),
    factory.dept(org.id, { name: `기획예산과 ${unique()}`, isProactiveOffice: true }),
    factory.dept(org.id, { name: `감사담당관 ${unique()}`, isAuditUnit: true }),
    factory.dept(org.id, { name: `평가위원회 ${unique()}` }),
  ]);
  const staffCount = opts.staff ?? 4;
  const memberCount = opts.members ?? 5;
  if (staffCount > STAFF_NAMES.length || memberCount > MEMBER_NAMES.length)
    throw new Error('evaluationWorld: too many users asked for');
  const [office, auditor, admin, head, outsider, ...rest] = await Promise.all([
    actor(http, factory, officeDept, ['PROACTIVE_OFFICE'], '적극행정담당'),
    actor(http, factory, auditDept, ['AUDITOR'], '감사담당'),
    actor(http, factory, officeDept, ['ADMIN'], '관리자'),
    actor(http, factory, dept, ['DEPT_HEAD'], '민원과장'),
    actor(http, factory, otherDept, ['STAFF'], '무관직원'),
    ...STAFF_NAMES.slice(0, staffCount).map((n) => actor(http, factory, dept, ['STAFF'], n)),
    ...MEMBER_NAMES.slice(0, memberCount).map((n) =>
      actor(http, factory, committeeDept, ['COMMITTEE'], n),
    ),
  ]);
  // The members sit on the organisation's standing committee (a round's scorers must).
  const members = rest.slice(staffCount);
  await seatCommittee(http, office, members);
  return {
    org,
    dept,
    otherDept,
    office,
    auditor,
    admin,
    head,
    outsider,
    staff: rest.slice(0, staffCount),
    members,
  };
}

/** Fails with the response in the message, so a wrong status explains itself. */
export function expectStatus<T = any>(res: HttpResult<T>, status: number, what: string): T {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A valid round body for YEAR (the schedule in order); `overrides` replace fields. */
export function roundBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'ANNUAL',
    year: YEAR,
    title: `${YEAR}년 적극행정 우수공무원 선발 ${unique()}`,
    nominationsOpen: `${YEAR}-11-01`,
    nominationsClose: `${YEAR}-11-20`,
    scoringDue: `${YEAR}-12-05`,
    resolutionDate: `${YEAR}-12-12`,
    ...overrides,
  };
}

export async function createRound(
  http: HttpClient,
  office: Actor,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  return expectStatus(
    await http.post('/api/v1/evaluation-rounds', roundBody(overrides), { token: office.token }),
    201,
    'create round',
  );
}

export async function setMembers(
  http: HttpClient,
  office: Actor,
  roundId: string,
  members: Actor[],
): Promise<any> {
  return expectStatus(
    await http.put(
      `/api/v1/evaluation-rounds/${roundId}/members`,
      { memberIds: members.map((m) => m.id) },
      { token: office.token },
    ),
    200,
    'set members',
  );
}

export interface NominationSpec {
  /** who submits it: DEPT_HEAD for DEPARTMENT, the nominee for SELF, the office for CITIZEN */
  by: Actor;
  type: 'OFFICIAL' | 'TEAM' | 'DEPARTMENT' | 'FAILURE_CASE';
  source: 'DEPARTMENT' | 'SELF' | 'CITIZEN';
  title?: string;
  nomineeUserIds?: string[];
  nomineeDepartmentIds?: string[];
  taskIds?: string[];
  narrative?: string;
}

export async function nominate(
  http: HttpClient,
  roundId: string,
  spec: NominationSpec,
): Promise<any> {
  const { by, ...body } = spec;
  return expectStatus(
    await http.post(
      `/api/v1/evaluation-rounds/${roundId}/nominations`,
      { title: `공적 ${unique()}`, narrative: '공적 내용', ...body },
      { token: by.token },
    ),
    201,
    `nominate ${spec.type}/${spec.source}`,
  );
}

export async function verify(http: HttpClient, office: Actor, nominationId: string) {
  return expectStatus(
    await http.post(
      `/api/v1/nominations/${nominationId}/decision`,
      {
        decision: 'verify',
        version: await currentVersion(http, office.token, `/api/v1/nominations/${nominationId}`),
      },
      { token: office.token },
    ),
    200,
    'verify',
  );
}

/**
 * A round brought to SCORING through the API: created by the office, the given members set (all
 * of the world's by default), the nominations submitted in order (so their submission times are in
 * that order), each verified (or excluded, by index), scoring started. Returns the round and the nominations in order.
 */
export async function roundInScoring(
  http: HttpClient,
  w: EvaluationWorld,
  nominations: NominationSpec[],
  opts: {
    members?: Actor[];
    round?: Record<string, unknown>;
    rules?: Record<string, unknown>;
    /** indexes of nominations the office excludes (DUPLICATE) instead of verifying */
    exclude?: number[];
  } = {},
): Promise<{ round: any; nominations: any[] }> {
  let round = await createRound(http, w.office, opts.round);
  if (opts.rules) {
    round = expectStatus(
      await http.patch(
        `/api/v1/evaluation-rounds/${round.id}/rules`,
        { version: round.version, ...opts.rules },
        { token: w.office.token },
      ),
      200,
      'rules',
    );
  }
  await setMembers(http, w.office, round.id, opts.members ?? w.members);
  const made: any[] = [];
  for (const spec of nominations) made.push(await nominate(http, round.id, spec));
  for (const [i, n] of made.entries()) {
    if (!opts.exclude?.includes(i)) await verify(http, w.office, n.id);
    else
      expectStatus(
        await http.post(
          `/api/v1/nominations/${n.id}/decision`,
          {
            decision: 'exclude',
            reason: 'DUPLICATE',
            note: '중복 추천',
            version: await currentVersion(http, w.office.token, `/api/v1/nominations/${n.id}`),
          },
          { token: w.office.token },
        ),
        200,
        'exclude',
      );
  }
  // The criteria pass the committee before scoring starts (지방 13조②).
  await approveCriteria(http, w.office, w.members, round.id);
  round = expectStatus(
    await http.post(`/api/v1/evaluation-rounds/${round.id}/start-scoring`, undefined, {
      token: w.office.token,
    }),
    200,
    'start scoring',
  );
  return { round, nominations: made };
}

/** A sheet in the default criteria: 국민체감도 /40, 적극성 /20, 창의성·전문성 /20, 난이도 /10, 확산가능성 /10. */
export function sheet(
  citizenImpact: number,
  proactiveness: number,
  creativity: number,
  difficulty: number,
  spread: number,
) {
  return { citizenImpact, proactiveness, creativity, difficulty, spread };
}

export function putScores(
  http: HttpClient,
  member: Actor,
  nominationId: string,
  scores: Record<string, unknown>,
) {
  return http.put(
    `/api/v1/nominations/${nominationId}/scores`,
    { scores },
    { token: member.token },
  );
}

/** PUT scores that must succeed. */
export async function score(
  http: HttpClient,
  member: Actor,
  nominationId: string,
  scores: Record<string, unknown>,
): Promise<any> {
  return expectStatus(
    await putScores(http, member, nominationId, scores),
    200,
    `score by ${member.name}`,
  );
}

export async function aggregate(http: HttpClient, office: Actor, roundId: string): Promise<any> {
  return expectStatus(
    await http.post(`/api/v1/evaluation-rounds/${roundId}/aggregate`, undefined, {
      token: office.token,
    }),
    200,
    'aggregate',
  );
}

/**
 * The committee resolves the round's results (an EVALUATION_RESULTS agenda item at a meeting held
 * with `present`, each voting for): the item must pass, which confirms the round. `present` must be
 * seated on the standing committee and be a quorum of it. Returns the round as GET shows it.
 */
export async function confirm(
  http: HttpClient,
  office: Actor,
  roundId: string,
  present: Actor[],
): Promise<any> {
  await committeeResolves(http, office, present, 'EVALUATION_RESULTS', roundId);
  return expectStatus(
    await http.get(`/api/v1/evaluation-rounds/${roundId}`, { token: office.token }),
    200,
    'confirmed round',
  );
}

export function getNomination(http: HttpClient, who: Actor, id: string) {
  return http.get(`/api/v1/nominations/${id}`, { token: who.token });
}

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** Every worksheet of an XLSX file by name, each as rows of cell values ('' for an empty cell). */
export async function readWorkbook(bytes: Buffer): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const out: Record<string, unknown[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: unknown[] = [];
      for (let i = 1; i <= ws.columnCount; i++) cells.push(row.getCell(i).value ?? '');
      rows.push(cells);
    });
    out[ws.name] = rows;
  }
  return out;
}
