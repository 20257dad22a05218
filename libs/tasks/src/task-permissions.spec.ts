import { type AuthUser, Role } from '@gwaje/identity';
import {
  allowedTaskActions,
  standingsOf,
  type TaskAllowedAction,
  type TaskFacts,
} from './task-permissions.js';
import type { Standing } from './task-state-machine.js';
import { TaskStatus } from './task.entity.js';

const ORG_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const ORG_B = 'bbbbbbbb-0000-4000-8000-000000000002';
/** The task's lead department. */
const LEAD = 'aaaaaaaa-1111-4000-8000-000000000001';
/** Another department of the same organisation (a partner, say). */
const OTHER = 'aaaaaaaa-2222-4000-8000-000000000002';
/** The proactive-administration office (적극행정 전담부서). */
const OFFICE_DEPT = 'aaaaaaaa-3333-4000-8000-000000000003';
const DEPT_B = 'bbbbbbbb-1111-4000-8000-000000000001';

let nextId = 1;
function user(roles: Role[], departmentId: string, organisationId = ORG_A, id?: string): AuthUser {
  const n = nextId++;
  return {
    id: id ?? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sessionId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    organisationId,
    departmentId,
    roles,
    name: `사용자${n}`,
    email: `user${n}@example.go.kr`,
    language: 'ko',
  };
}

const OWNER_ID = '00000000-0000-4000-8000-0000000000aa';

function task(status: TaskStatus, isMember = false): TaskFacts {
  return { organisationId: ORG_A, leadDepartmentId: LEAD, ownerId: OWNER_ID, status, isMember };
}

const sorted = (s: Set<Standing>): Standing[] => [...s].sort();

const leadStaff = user([Role.STAFF], LEAD);
const leadHead = user([Role.DEPT_HEAD], LEAD);
const ownerStaff = user([Role.STAFF], LEAD, ORG_A, OWNER_ID);
const ownerElsewhere = user([Role.STAFF], OTHER, ORG_A, OWNER_ID);
const otherStaff = user([Role.STAFF], OTHER);
const otherHead = user([Role.DEPT_HEAD], OTHER);
const office = user([Role.PROACTIVE_OFFICE], OFFICE_DEPT);
const officeB = user([Role.PROACTIVE_OFFICE], DEPT_B, ORG_B);
// Org-wide readers and non-business roles, placed in the lead department on purpose: the
// department alone gives no standing.
const auditor = user([Role.AUDITOR], LEAD);
const committee = user([Role.COMMITTEE], LEAD);
const admin = user([Role.ADMIN], LEAD);
const officeHead = user([Role.DEPT_HEAD, Role.PROACTIVE_OFFICE], LEAD);

describe('standingsOf', () => {
  const t = task(TaskStatus.IN_PROGRESS);

  it('STAFF of the lead department is LEAD_STAFF only', () => {
    expect(sorted(standingsOf(leadStaff, t))).toEqual(['LEAD_STAFF']);
  });

  it('DEPT_HEAD of the lead department is LEAD_STAFF and LEAD_HEAD', () => {
    expect(sorted(standingsOf(leadHead, t))).toEqual(['LEAD_HEAD', 'LEAD_STAFF']);
  });

  it('STAFF and DEPT_HEAD of another department have no standing', () => {
    expect(sorted(standingsOf(otherStaff, t))).toEqual([]);
    expect(sorted(standingsOf(otherHead, t))).toEqual([]);
  });

  it('the owner is OWNER, plus LEAD_STAFF when in the lead department', () => {
    expect(sorted(standingsOf(ownerStaff, t))).toEqual(['LEAD_STAFF', 'OWNER']);
    expect(sorted(standingsOf(ownerElsewhere, t))).toEqual(['OWNER']);
  });

  it('PROACTIVE_OFFICE of the same organisation is OFFICE; of another organisation nothing', () => {
    expect(sorted(standingsOf(office, t))).toEqual(['OFFICE']);
    expect(sorted(standingsOf(officeB, t))).toEqual([]);
  });

  it('AUDITOR, COMMITTEE and ADMIN have no standing, even in the lead department', () => {
    expect(sorted(standingsOf(auditor, t))).toEqual([]);
    expect(sorted(standingsOf(committee, t))).toEqual([]);
    expect(sorted(standingsOf(admin, t))).toEqual([]);
  });

  it('membership is not a standing', () => {
    expect(sorted(standingsOf(otherStaff, task(TaskStatus.IN_PROGRESS, true)))).toEqual([]);
  });

  it('roles combine', () => {
    expect(sorted(standingsOf(officeHead, t))).toEqual(['LEAD_HEAD', 'LEAD_STAFF', 'OFFICE']);
  });

  it('never gives LEAD_HEAD without LEAD_STAFF', () => {
    for (const u of [leadStaff, leadHead, ownerStaff, office, auditor, officeHead]) {
      const s = standingsOf(u, t);
      if (s.has('LEAD_HEAD')) expect(s.has('LEAD_STAFF')).toBe(true);
    }
  });
});

/**
 * Expected actions per user and status, written out from the rules: transitions per DOMAIN.md §2
 * (in table order), then `edit` (lead staff while DRAFT/PROPOSED; lead head while
 * SELECTED/IN_PROGRESS/SUSPENDED), then `updateProgress` (lead staff while DRAFT/PROPOSED; lead head,
 * owner or member while SELECTED/IN_PROGRESS). Closed tasks only move through transitions.
 */
type Row = Record<TaskStatus, TaskAllowedAction[]>;
const NOTHING: Row = {
  DRAFT: [],
  PROPOSED: [],
  SELECTED: [],
  REJECTED: [],
  IN_PROGRESS: [],
  COMPLETED: [],
  SUSPENDED: [],
  DROPPED: [],
};

const CASES: Array<[string, AuthUser, boolean, Row]> = [
  [
    'lead STAFF (not owner, not member)',
    leadStaff,
    false,
    {
      ...NOTHING,
      DRAFT: ['propose', 'edit', 'updateProgress'],
      PROPOSED: ['edit', 'updateProgress'],
    },
  ],
  [
    'owner STAFF of the lead department',
    ownerStaff,
    false,
    {
      ...NOTHING,
      DRAFT: ['propose', 'edit', 'updateProgress'],
      PROPOSED: ['edit', 'updateProgress'],
      SELECTED: ['start', 'updateProgress'],
      IN_PROGRESS: ['updateProgress'],
    },
  ],
  [
    'owner STAFF of another department',
    ownerElsewhere,
    false,
    { ...NOTHING, SELECTED: ['start', 'updateProgress'], IN_PROGRESS: ['updateProgress'] },
  ],
  [
    'member (STAFF of a partner department)',
    otherStaff,
    true,
    { ...NOTHING, SELECTED: ['updateProgress'], IN_PROGRESS: ['updateProgress'] },
  ],
  [
    'lead STAFF who is also a member',
    leadStaff,
    true,
    {
      ...NOTHING,
      DRAFT: ['propose', 'edit', 'updateProgress'],
      PROPOSED: ['edit', 'updateProgress'],
      SELECTED: ['updateProgress'],
      IN_PROGRESS: ['updateProgress'],
    },
  ],
  [
    'lead DEPT_HEAD',
    leadHead,
    false,
    {
      ...NOTHING,
      DRAFT: ['propose', 'edit', 'updateProgress'],
      PROPOSED: ['edit', 'updateProgress'],
      SELECTED: ['start', 'edit', 'updateProgress'],
      IN_PROGRESS: ['complete', 'edit', 'updateProgress'],
      SUSPENDED: ['edit'],
    },
  ],
  ['STAFF of another department', otherStaff, false, NOTHING],
  ['DEPT_HEAD of another department', otherHead, false, NOTHING],
  [
    'PROACTIVE_OFFICE of the organisation',
    office,
    false,
    {
      ...NOTHING,
      DRAFT: ['drop'],
      PROPOSED: ['select', 'reject', 'drop'],
      SELECTED: ['suspend', 'drop'],
      IN_PROGRESS: ['suspend', 'drop'],
      COMPLETED: ['reopen'],
      SUSPENDED: ['resume', 'drop'],
    },
  ],
  ['PROACTIVE_OFFICE of another organisation', officeB, false, NOTHING],
  ['AUDITOR (in the lead department)', auditor, false, NOTHING],
  ['COMMITTEE (in the lead department)', committee, false, NOTHING],
  ['ADMIN (in the lead department)', admin, false, NOTHING],
  [
    'lead DEPT_HEAD who is also PROACTIVE_OFFICE',
    officeHead,
    false,
    {
      ...NOTHING,
      DRAFT: ['propose', 'drop', 'edit', 'updateProgress'],
      PROPOSED: ['select', 'reject', 'drop', 'edit', 'updateProgress'],
      SELECTED: ['start', 'suspend', 'drop', 'edit', 'updateProgress'],
      IN_PROGRESS: ['complete', 'suspend', 'drop', 'edit', 'updateProgress'],
      COMPLETED: ['reopen'],
      SUSPENDED: ['resume', 'drop', 'edit'],
    },
  ],
];

const STATES = Object.keys(NOTHING) as TaskStatus[];

describe('allowedTaskActions', () => {
  it.each(
    CASES.flatMap(([label, u, member, row]) =>
      STATES.map((s) => [label, s, u, member, row[s]] as const),
    ),
  )('%s in %s', (_label, status, u, member, expected) => {
    expect(allowedTaskActions(u, task(status, member))).toEqual(expected);
  });

  it('the examples of the brief', () => {
    expect(allowedTaskActions(leadStaff, task(TaskStatus.DRAFT))).toEqual([
      'propose',
      'edit',
      'updateProgress',
    ]);
    expect(allowedTaskActions(leadStaff, task(TaskStatus.IN_PROGRESS))).toEqual([]);
    expect(allowedTaskActions(ownerStaff, task(TaskStatus.SELECTED))).toEqual([
      'start',
      'updateProgress',
    ]);
    expect(allowedTaskActions(otherStaff, task(TaskStatus.IN_PROGRESS, true))).toEqual([
      'updateProgress',
    ]);
    expect(allowedTaskActions(leadHead, task(TaskStatus.IN_PROGRESS))).toEqual([
      'complete',
      'edit',
      'updateProgress',
    ]);
    expect(allowedTaskActions(office, task(TaskStatus.IN_PROGRESS))).toEqual(['suspend', 'drop']);
    expect(allowedTaskActions(office, task(TaskStatus.COMPLETED))).toEqual(['reopen']);
  });

  it("in COMPLETED nobody but the task organisation's office has anything to do", () => {
    for (const [, u, member] of CASES) {
      const actions = allowedTaskActions(u, task(TaskStatus.COMPLETED, member));
      const isOffice = u.roles.includes(Role.PROACTIVE_OFFICE) && u.organisationId === ORG_A;
      if (isOffice) expect(actions).toEqual(['reopen']);
      else expect(actions).toEqual([]);
    }
  });

  it('in REJECTED and DROPPED nobody has anything to do', () => {
    for (const [, u, member] of CASES) {
      expect(allowedTaskActions(u, task(TaskStatus.REJECTED, member))).toEqual([]);
      expect(allowedTaskActions(u, task(TaskStatus.DROPPED, member))).toEqual([]);
    }
  });
});
