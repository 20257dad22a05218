import { randomBytes } from 'node:crypto';
import type { Role } from '@gwaje/identity';
import type { HttpClient, HttpResult } from './app.js';
import { type Factory, login, type TestDept, type TestOrg, type TestUser } from './factory.js';

/** The task states of DOMAIN.md §2, written out here so the tests do not lean on the product. */
export const STATES = [
  'DRAFT',
  'PROPOSED',
  'SELECTED',
  'REJECTED',
  'IN_PROGRESS',
  'COMPLETED',
  'SUSPENDED',
  'DROPPED',
] as const;
export type State = (typeof STATES)[number];

export const ACTIONS = [
  'propose',
  'select',
  'reject',
  'start',
  'complete',
  'suspend',
  'resume',
  'drop',
  'reopen',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Actions that need a reason (for `complete`, the evidence of completion). */
export const NEEDS_REASON: readonly Action[] = ['reject', 'complete', 'suspend', 'drop', 'reopen'];

const unique = () => randomBytes(3).toString('hex');

/** Today's date in Asia/Seoul as YYYY-MM-DD. */
export function seoulToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Seoul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * The year the tests plan their tasks in: next year, so a task with default dates is never past due
 * (nor delayed) whatever day the suite runs.
 */
export const YEAR = Number(seoulToday().slice(0, 4)) + 1;
/** A date of YEAR (or of `year`), e.g. on('06-30'). */
export const on = (monthDay: string, year = YEAR) => `${year}-${monthDay}`;

/** A valid create body; `overrides` replace fields (a field set to undefined is left out). */
export function taskBody(ownerId: string, overrides: Record<string, unknown> = {}) {
  const body: Record<string, unknown> = {
    year: YEAR,
    title: `테스트 과제 ${unique()}`,
    summary: '과제 개요',
    category: 'PROACTIVE',
    ownerId,
    goal: '목표',
    startDate: on('01-02'),
    dueDate: on('12-31'),
    ...overrides,
  };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return body;
}

/** POST /tasks that must succeed; returns the created task. */
export async function createTask(
  http: HttpClient,
  token: string,
  ownerId: string,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const res = await http.post('/api/v1/tasks', taskBody(ownerId, overrides), { token });
  if (res.status !== 201)
    throw new Error(`creating a task failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * The version a record has now, read through the API as `token` (every state-changing request
 * must send the version it read; the helpers read it when the test does not pass one).
 */
export async function currentVersion(
  http: HttpClient,
  token: string,
  path: string,
): Promise<number> {
  const res = await http.get(path, { token });
  if (res.status !== 200 || typeof res.body?.version !== 'number')
    throw new Error(`GET ${path} for its version: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.version;
}

/**
 * `body` with the version of the record at `path` added when the test did not send one (a user who
 * cannot read the record sends 1: the request is refused before its version matters).
 */
export async function withVersion(
  http: HttpClient,
  token: string,
  path: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if ('version' in body) return body;
  const res = await http.get(path, { token });
  const version =
    res.status === 200 && typeof res.body?.version === 'number' ? res.body.version : 1;
  return { ...body, version };
}

/** POST /tasks/:id/transitions that must succeed; returns the task after it. */
export async function transition(
  http: HttpClient,
  token: string,
  taskId: string,
  action: Action,
  reason?: string,
  version?: number,
): Promise<any> {
  const v = version ?? (await currentVersion(http, token, `/api/v1/tasks/${taskId}`));
  const res = await http.post(
    `/api/v1/tasks/${taskId}/transitions`,
    reason === undefined ? { action, version: v } : { action, reason, version: v },
    { token },
  );
  if (res.status !== 200)
    throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The users that move a task along: its creator (lead STAFF), the lead DEPT_HEAD and PROACTIVE_OFFICE. */
export interface Drivers {
  creator: string;
  head: string;
  office: string;
}

/** The path from DRAFT to each state, and who takes each step. */
const PATH: Record<State, Array<[Action, keyof Drivers]>> = {
  DRAFT: [],
  PROPOSED: [['propose', 'creator']],
  SELECTED: [
    ['propose', 'creator'],
    ['select', 'office'],
  ],
  REJECTED: [
    ['propose', 'creator'],
    ['reject', 'office'],
  ],
  IN_PROGRESS: [
    ['propose', 'creator'],
    ['select', 'office'],
    ['start', 'head'],
  ],
  COMPLETED: [
    ['propose', 'creator'],
    ['select', 'office'],
    ['start', 'head'],
    ['complete', 'head'],
  ],
  SUSPENDED: [
    ['propose', 'creator'],
    ['select', 'office'],
    ['start', 'head'],
    ['suspend', 'office'],
  ],
  DROPPED: [['drop', 'office']],
};

/** Creates a task (as `drivers.creator`) and drives it through the API to `state`. */
export async function taskInState(
  http: HttpClient,
  drivers: Drivers,
  state: State,
  ownerId: string,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  let task = await createTask(http, drivers.creator, ownerId, overrides);
  for (const [action, who] of PATH[state]) {
    task = await transition(
      http,
      drivers[who],
      task.id,
      action,
      NEEDS_REASON.includes(action) ? `${action} 사유` : undefined,
    );
  }
  if (task.status !== state) throw new Error(`expected ${state}, got ${task.status}`);
  return task;
}

export async function taskHistory(http: HttpClient, token: string, taskId: string) {
  const res = await http.get(`/api/v1/tasks/${taskId}/history`, { token });
  if (res.status !== 200)
    throw new Error(`history failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Array<{
    action: string;
    actorId: string | null;
    reason: string | null;
    changes: Record<string, { from: unknown; to: unknown }>;
    names: Record<string, string>;
  }>;
}

export interface Actor extends TestUser {
  token: string;
}

async function actor(
  http: HttpClient,
  factory: Factory,
  dept: TestDept,
  roles: Role[],
): Promise<Actor> {
  const user = await factory.user(dept, roles);
  return { ...user, token: (await login(http, user)).accessToken };
}

/**
 * An organisation set up as the tasks see it: a lead department with two STAFF (one of them the
 * owner of the tasks made with `task`) and a DEPT_HEAD; a proactive office, an audit unit, a
 * committee member, an administrator; a partner department (listed on every task made with `task`)
 * and an unrelated department, each with one STAFF.
 */
export interface TaskWorld {
  org: TestOrg;
  lead: TestDept;
  partnerDept: TestDept;
  otherDept: TestDept;
  /** lead-department STAFF who is not the owner */
  staff: Actor;
  /** lead-department STAFF who owns the world's tasks */
  owner: Actor;
  head: Actor;
  office: Actor;
  auditor: Actor;
  committee: Actor;
  admin: Actor;
  /** STAFF of the partner department (same organisation) */
  partner: Actor;
  /** STAFF of a department that has nothing to do with the tasks */
  outsider: Actor;
  drivers: Drivers;
  /** A task of the lead department owned by `owner`, partnered with `partnerDept`, in `state`. */
  task(state: State, overrides?: Record<string, unknown>): Promise<any>;
}

export async function taskWorld(http: HttpClient, factory: Factory): Promise<TaskWorld> {
  const org = await factory.org();
  const [lead, officeDept, auditDept, partnerDept, otherDept] = await Promise.all([
    factory.dept(org.id, { name: `주관과 ${unique()}` }),
    factory.dept(org.id, { name: `기획예산과 ${unique()}`, isProactiveOffice: true }),
    factory.dept(org.id, { name: `감사담당관 ${unique()}`, isAuditUnit: true }),
    factory.dept(org.id, { name: `협업과 ${unique()}` }),
    factory.dept(org.id, { name: `무관과 ${unique()}` }),
  ]);
  const [staff, owner, head, office, auditor, committee, admin, partner, outsider] =
    await Promise.all([
      actor(http, factory, lead, ['STAFF']),
      actor(http, factory, lead, ['STAFF']),
      actor(http, factory, lead, ['DEPT_HEAD']),
      actor(http, factory, officeDept, ['PROACTIVE_OFFICE']),
      actor(http, factory, auditDept, ['AUDITOR']),
      actor(http, factory, officeDept, ['COMMITTEE']),
      actor(http, factory, officeDept, ['ADMIN']),
      actor(http, factory, partnerDept, ['STAFF']),
      actor(http, factory, otherDept, ['STAFF']),
    ]);
  const drivers: Drivers = { creator: staff.token, head: head.token, office: office.token };
  return {
    org,
    lead,
    partnerDept,
    otherDept,
    staff,
    owner,
    head,
    office,
    auditor,
    committee,
    admin,
    partner,
    outsider,
    drivers,
    task: (state, overrides = {}) =>
      taskInState(http, drivers, state, owner.id, {
        partnerDepartmentIds: [partnerDept.id],
        ...overrides,
      }),
  };
}

/** Loosely typed shortcut for assertions on error bodies. */
export type Res = HttpResult<any>;
