import type { Role } from '@gwaje/identity';

/**
 * The authorisation policy of every HTTP route, written out by hand from DOMAIN.md §1, SECURITY.md
 * and the controllers, so the security suite can check the running API against it. One entry per
 * route of the OpenAPI document (GET /api/docs-json): a route added without an entry here fails the
 * suite (test/security-routes.e2e-spec.ts).
 */

/**
 * The record a path parameter names; `year` is not a record but a plain value (the caller's own
 * organisation's calendar of that year: no other organisation's record can be named with it).
 * `member` is a user on the task's member list, `partner` a department on its partner list.
 */
export type RecordType =
  | 'task'
  | 'milestone'
  | 'member'
  | 'partner'
  | 'report'
  | 'report_attachment'
  | 'task_attachment'
  | 'consultation'
  | 'consultation_attachment'
  | 'evaluation_round'
  | 'nomination'
  | 'incentive'
  | 'opinion_request'
  | 'collaboration'
  | 'collaboration_participant'
  | 'collaboration_tf_member'
  | 'collaboration_tf_meeting'
  | 'collaboration_tf_action_item'
  | 'collaboration_sos'
  | 'education_session'
  | 'education_attendee'
  | 'citizen_application'
  | 'passive_report'
  | 'action_plan'
  | 'action_plan_direction'
  | 'action_plan_measure'
  | 'exemption_case'
  | 'contest_round'
  | 'contest_entry'
  | 'contest_award'
  | 'contest_entry_attachment'
  | 'committee_member'
  | 'committee_meeting'
  | 'committee_agenda_item'
  | 'committee_challenge'
  | 'user'
  | 'department'
  | 'organisation'
  | 'notification_run'
  | 'failed_email'
  | 'notification'
  | 'comment'
  | 'calendar_feed'
  | 'saved_view'
  | 'declared_day'
  | 'dashboard_compile'
  | 'year';

/** What a request body may be built from: the caller and the suite's fixed year. */
export interface BodyContext {
  userId: string;
  departmentId: string;
  year: number;
}

export interface RoutePolicy {
  /** true: answers without a login. */
  public?: true;
  /** Who may call it on their own organisation's records (ADMIN included where it may). */
  roles?: readonly Role[];
  /**
   * A list or export whose rows are scoped in SQL: a role without rights gets an empty (or its own)
   * result rather than a refusal, so the role-gating test checks only that allowed roles get in.
   */
  scoped?: true;
  /** The record type of each path parameter. */
  ids?: Readonly<Record<string, RecordType>>;
  /**
   * Roles outside `roles` are refused by role (403) before any record is read: the same answer
   * whatever the path id names, so it reveals nothing. Without it, the route reads the record
   * first and a role that may not read it gets 404 (DOMAIN.md §1).
   */
  roleGate?: true;
  /** A valid query string for the role-gating test (without the "?"). */
  query?: string;
  /** A valid body, so a refusal cannot hide behind validation (400) in the role-gating test. */
  body?: (ctx: BodyContext) => unknown;
  /** Why the role-gating test leaves this route out. */
  noGate?: string;
  /**
   * Why the route reads records of every organisation: public structure (organisation and
   * department names, DOMAIN.md §9 collaboration set-up), not business records. The cross-org
   * probes then expect A's roles in `roles` to read B's record (200) and get 404 for an id that
   * names nothing (an active organisation's existence is public); other roles the role gate (403).
   */
  crossOrgRead?: string;
}

const ALL: readonly Role[] = [
  'STAFF',
  'DEPT_HEAD',
  'AUDITOR',
  'PROACTIVE_OFFICE',
  'COMMITTEE',
  'ADMIN',
] as Role[];
/** Every business role: what evaluations are read by (ADMIN has no business rights). */
const BUSINESS: readonly Role[] = [
  'STAFF',
  'DEPT_HEAD',
  'AUDITOR',
  'PROACTIVE_OFFICE',
  'COMMITTEE',
] as Role[];
/** Who reads tasks, reports and dashboards: own department, or the whole organisation. */
const READERS: readonly Role[] = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE'] as Role[];
const DEPT_WRITERS: readonly Role[] = ['STAFF', 'DEPT_HEAD'] as Role[];
const OFFICE: readonly Role[] = ['PROACTIVE_OFFICE'] as Role[];
const ADMIN: readonly Role[] = ['ADMIN'] as Role[];
/** Who reads the directory of organisations: whoever sets up collaborations, and administrators. */
const DIRECTORY: readonly Role[] = ['PROACTIVE_OFFICE', 'ADMIN'] as Role[];
const AUDIT_READERS: readonly Role[] = ['AUDITOR', 'ADMIN'] as Role[];
const OFFICE_OR_AUDIT: readonly Role[] = ['PROACTIVE_OFFICE', 'AUDITOR'] as Role[];
const COMMITTEE: readonly Role[] = ['COMMITTEE'] as Role[];
/** Who reads the standing committee: its secretariat, auditors, administrators and its members. */
const COMMITTEE_READERS: readonly Role[] = [
  'PROACTIVE_OFFICE',
  'AUDITOR',
  'ADMIN',
  'COMMITTEE',
] as Role[];
/** Who reads the organisation's annual 추진실적 report: its office, auditors and administrators. */
const ANNUAL_REPORT_READERS: readonly Role[] = ['PROACTIVE_OFFICE', 'AUDITOR', 'ADMIN'] as Role[];
const ANNUAL_REPORT_NEEDED =
  'answers 404 to every role until the year’s report is generated (the roles are checked before the ' +
  'report is read; test/programme-annual-report.e2e-spec.ts asserts each refusal)';
/** Who may act on an agenda item: the office, the members, and interested parties (any business role). */
const AGENDA_ACTORS: readonly Role[] = ['PROACTIVE_OFFICE', 'COMMITTEE'] as Role[];

const task = { id: 'task' } as const;
const report = { id: 'report' } as const;
const consultation = { id: 'consultation' } as const;
const round = { id: 'evaluation_round' } as const;
const nomination = { id: 'nomination' } as const;
const opinionRequest = { id: 'opinion_request' } as const;
const collaboration = { id: 'collaboration' } as const;
const sos = { id: 'collaboration', sosId: 'collaboration_sos' } as const;
const educationSession = { id: 'education_session' } as const;
const citizenApplication = { id: 'citizen_application' } as const;
const actionPlan = { id: 'action_plan' } as const;
const exemption = { id: 'exemption_case' } as const;
const AUDITOR: readonly Role[] = ['AUDITOR'] as Role[];
const contestRound = { id: 'contest_round' } as const;
const contestEntry = { id: 'contest_entry' } as const;
const meeting = { id: 'committee_meeting' } as const;
const agendaItem = { id: 'committee_agenda_item' } as const;
const user = { id: 'user' } as const;
const department = { id: 'department' } as const;
const organisation = { id: 'organisation' } as const;

const V = '/api/v1';

export const ROUTE_POLICY: Readonly<Record<string, RoutePolicy>> = {
  // ── auth, me, health, calendar ───────────────────────────────────────────────────────────────
  [`POST ${V}/auth/login`]: { public: true },
  [`POST ${V}/auth/refresh`]: { public: true },
  [`POST ${V}/auth/logout`]: { roles: ALL, noGate: 'revokes the caller’s session' },
  [`GET ${V}/me`]: { roles: ALL },
  [`POST ${V}/me/password`]: {
    roles: ALL,
    noGate: 'changes the caller’s own password and ends its other sessions',
  },
  'GET /health': { public: true },
  [`GET ${V}/calendar/business-days`]: { roles: ALL, query: 'from=2026-01-01&to=2026-01-31' },
  [`GET ${V}/calendar/declared-days`]: { roles: ALL, query: 'year=2027' },
  // Declaring a national holiday needs the system administrator, a closure an ADMIN administering
  // the organisation (test/calendar-declarations.e2e-spec.ts asserts each refusal); a role-gating
  // probe by ADMIN would declare a closure that moves the organisation's deadlines.
  [`POST ${V}/calendar/declared-days`]: {
    roles: ADMIN,
    noGate: 'an ADMIN’s probe would declare a closure; the refusals are in calendar-declarations',
  },
  [`POST ${V}/calendar/declared-days/{id}/withdraw`]: {
    roles: ADMIN,
    ids: { id: 'declared_day' },
    noGate:
      'an ADMIN’s probe would withdraw the fixture; the refusals are in calendar-declarations',
  },

  // ── organisations, departments, users (ADMIN) ───────────────────────────────────────────────
  [`GET ${V}/organisations`]: { roles: ADMIN },
  [`POST ${V}/organisations`]: {
    roles: ADMIN,
    body: () => ({ name: '보안시험구', kind: 'LOCAL' }),
  },
  [`GET ${V}/organisations/{id}`]: { roles: ADMIN, ids: organisation, roleGate: true },
  [`PATCH ${V}/organisations/{id}`]: { roles: ADMIN, ids: organisation, roleGate: true },
  [`POST ${V}/organisations/{id}/deactivate`]: {
    roles: ADMIN,
    ids: organisation,
    roleGate: true,
  },
  [`POST ${V}/organisations/{id}/reactivate`]: {
    roles: ADMIN,
    ids: organisation,
    roleGate: true,
  },
  [`GET ${V}/departments`]: { roles: ALL },
  [`POST ${V}/departments`]: {
    roles: ADMIN,
    body: () => ({ name: '보안시험과', kind: 'DIVISION' }),
  },
  [`GET ${V}/departments/{id}`]: { roles: ALL, ids: department },
  [`PATCH ${V}/departments/{id}`]: { roles: ADMIN, ids: department, roleGate: true },
  [`PUT ${V}/departments/{id}/head`]: { roles: ADMIN, ids: department, roleGate: true },
  [`POST ${V}/departments/{id}/deactivate`]: { roles: ADMIN, ids: department, roleGate: true },
  [`POST ${V}/departments/{id}/reactivate`]: { roles: ADMIN, ids: department, roleGate: true },
  // The directory: public structure of every active organisation, for setting up collaborations.
  [`GET ${V}/directory/organisations`]: {
    roles: DIRECTORY,
    query: 'q=%EA%B5%AC&kind=LOCAL&limit=10&offset=0',
  },
  [`GET ${V}/directory/organisations/{id}/departments`]: {
    roles: DIRECTORY,
    ids: organisation,
    roleGate: true,
    crossOrgRead: 'names and kinds of any active organisation’s departments are public structure',
  },
  [`GET ${V}/people`]: { roles: ALL, query: 'q=%EA%B9%80' },
  // Each kind within its own list's scope (test/search.e2e-spec.ts); an ADMIN-only account finds nothing.
  [`GET ${V}/search`]: { roles: ALL, query: 'q=%EA%B3%BC%EC%A0%9C' },
  [`GET ${V}/users`]: { roles: ADMIN },
  [`POST ${V}/users`]: {
    roles: ADMIN,
    body: (c) => ({
      name: '보안시험',
      email: `sec-${c.userId.slice(0, 8)}@test.gwaje.kr`,
      departmentId: c.departmentId,
      roles: ['STAFF'],
    }),
  },
  [`GET ${V}/users/{id}`]: { roles: ADMIN, ids: user, roleGate: true },
  [`PATCH ${V}/users/{id}`]: { roles: ADMIN, ids: user, roleGate: true },
  [`POST ${V}/users/{id}/deactivate`]: { roles: ADMIN, ids: user, roleGate: true },
  [`POST ${V}/users/{id}/reactivate`]: { roles: ADMIN, ids: user, roleGate: true },
  [`POST ${V}/users/{id}/unlock`]: { roles: ADMIN, ids: user, roleGate: true },

  // ── settings, history, access log ───────────────────────────────────────────────────────────
  [`GET ${V}/settings`]: { roles: ALL },
  [`PATCH ${V}/settings`]: {
    roles: ['PROACTIVE_OFFICE', 'ADMIN'] as Role[],
    noGate: 'a valid body needs the current settings version',
  },
  [`GET ${V}/history/verify`]: { roles: AUDIT_READERS },
  [`GET ${V}/history/checkpoints`]: { roles: AUDIT_READERS },
  [`GET ${V}/history/checkpoints/latest`]: { roles: AUDIT_READERS },
  [`POST ${V}/history/checkpoints`]: { roles: AUDIT_READERS },
  [`GET ${V}/history/public-key`]: { roles: AUDIT_READERS },
  [`GET ${V}/history`]: {
    roles: AUDIT_READERS,
    query: 'recordType=task&recordId=00000000-0000-4000-8000-000000000000',
  },
  [`GET ${V}/access-log`]: { roles: AUDIT_READERS },

  // ── tasks ───────────────────────────────────────────────────────────────────────────────────
  [`GET ${V}/tasks/export`]: { roles: READERS, scoped: true, query: 'format=csv' },
  [`POST ${V}/tasks`]: {
    roles: DEPT_WRITERS,
    body: (c) => ({
      year: c.year,
      title: '보안시험 과제',
      summary: '과제 개요',
      category: 'PROACTIVE',
      ownerId: c.userId,
      goal: '목표',
      startDate: `${c.year}-01-02`,
      dueDate: `${c.year}-12-31`,
    }),
  },
  [`GET ${V}/tasks`]: { roles: READERS, scoped: true },
  [`POST ${V}/tasks/bulk-transitions`]: {
    roles: OFFICE,
    roleGate: true,
    body: () => ({
      action: 'select',
      items: [{ taskId: '00000000-0000-4000-8000-000000000000', version: 1 }],
    }),
  },
  [`GET ${V}/tasks/{id}`]: { roles: READERS, ids: task },
  [`PATCH ${V}/tasks/{id}`]: { roles: DEPT_WRITERS, ids: task },
  [`POST ${V}/tasks/{id}/transitions`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'PROACTIVE_OFFICE'] as Role[],
    ids: task,
  },
  [`GET ${V}/tasks/{id}/history`]: { roles: READERS, ids: task },
  [`GET ${V}/tasks/{id}/milestones`]: { roles: READERS, ids: task },
  [`POST ${V}/tasks/{id}/milestones`]: { roles: DEPT_WRITERS, ids: task },
  [`PATCH ${V}/tasks/{id}/milestones/{milestoneId}`]: {
    roles: DEPT_WRITERS,
    ids: { id: 'task', milestoneId: 'milestone' },
  },
  [`POST ${V}/tasks/{id}/milestones/complete`]: { roles: DEPT_WRITERS, ids: task },
  [`DELETE ${V}/tasks/{id}/milestones/{milestoneId}`]: {
    roles: DEPT_WRITERS,
    ids: { id: 'task', milestoneId: 'milestone' },
  },
  [`POST ${V}/tasks/{id}/members`]: { roles: DEPT_WRITERS, ids: task },
  [`DELETE ${V}/tasks/{id}/members/{userId}`]: {
    roles: DEPT_WRITERS,
    ids: { id: 'task', userId: 'member' },
  },
  [`POST ${V}/tasks/{id}/partners`]: { roles: DEPT_WRITERS, ids: task },
  [`DELETE ${V}/tasks/{id}/partners/{departmentId}`]: {
    roles: DEPT_WRITERS,
    ids: { id: 'task', departmentId: 'partner' },
  },
  [`GET ${V}/tasks/{id}/consultations`]: { roles: READERS, ids: task },

  // ── reports and reporting calendars ─────────────────────────────────────────────────────────
  [`GET ${V}/reports`]: { roles: READERS, scoped: true },
  [`GET ${V}/reports/export`]: { roles: READERS, scoped: true, query: 'format=csv' },
  [`POST ${V}/reports`]: { roles: DEPT_WRITERS, noGate: 'opening a report needs a task' },
  [`POST ${V}/reports/past-records`]: {
    roles: OFFICE,
    roleGate: true,
    body: (c) => ({
      taskId: '00000000-0000-4000-8000-000000000000',
      period: `${c.year}-Q1`,
      events: [{ action: 'submit', on: `${c.year}-04-05` }],
      lateEntryReason: '보안시험',
    }),
  },
  [`GET ${V}/reports/{id}`]: { roles: READERS, ids: report },
  [`PATCH ${V}/reports/{id}`]: { roles: DEPT_WRITERS, ids: report },
  [`POST ${V}/reports/{id}/transitions`]: {
    roles: ['DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE'] as Role[],
    ids: report,
  },
  [`POST ${V}/reports/{id}/approval-request`]: { roles: ['STAFF'] as Role[], ids: report },
  [`POST ${V}/reports/{id}/approval-request/withdraw`]: { roles: DEPT_WRITERS, ids: report },
  [`GET ${V}/reports/{id}/history`]: { roles: READERS, ids: report },
  [`POST ${V}/tasks/{id}/attachments`]: { roles: DEPT_WRITERS, ids: task },
  [`GET ${V}/tasks/{id}/attachments`]: { roles: READERS, ids: task },
  [`GET ${V}/tasks/{id}/attachments/{attachmentId}`]: {
    roles: READERS,
    ids: { id: 'task', attachmentId: 'task_attachment' },
  },
  [`DELETE ${V}/tasks/{id}/attachments/{attachmentId}`]: {
    roles: DEPT_WRITERS,
    ids: { id: 'task', attachmentId: 'task_attachment' },
  },
  [`POST ${V}/reports/{id}/attachments`]: { roles: DEPT_WRITERS, ids: report },
  [`GET ${V}/reports/{id}/attachments`]: { roles: READERS, ids: report },
  [`GET ${V}/reports/{id}/attachments/{attachmentId}`]: {
    roles: READERS,
    ids: { id: 'report', attachmentId: 'report_attachment' },
  },
  [`DELETE ${V}/reports/{id}/attachments/{attachmentId}`]: {
    roles: DEPT_WRITERS,
    ids: { id: 'report', attachmentId: 'report_attachment' },
  },
  [`GET ${V}/reporting-calendars/{year}`]: { roles: READERS, ids: { year: 'year' } },
  [`PUT ${V}/reporting-calendars/{year}`]: {
    roles: OFFICE,
    ids: { year: 'year' },
    body: () => ({ cadence: 'QUARTERLY', dueBusinessDays: 5 }),
  },
  [`POST ${V}/reports/generate`]: { roles: OFFICE, body: (c) => ({ year: c.year }) },

  // ── consultations ───────────────────────────────────────────────────────────────────────────
  [`POST ${V}/consultations`]: {
    roles: DEPT_WRITERS,
    body: () => ({
      subject: '보안시험 사전컨설팅',
      facts: '사실관계',
      question: '질의 내용',
      relevantLaws: '관계 법령',
      ownReview: '자체 검토 의견',
      options: [
        { label: '갑설', content: '가능' },
        { label: '을설', content: '불가' },
      ],
    }),
  },
  [`GET ${V}/consultations`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'AUDITOR'] as Role[],
    scoped: true,
  },
  [`GET ${V}/consultations/export`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'AUDITOR'] as Role[],
    scoped: true,
    query: 'format=csv',
  },
  [`GET ${V}/consultations/{id}`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'AUDITOR'] as Role[],
    ids: consultation,
  },
  [`PATCH ${V}/consultations/{id}`]: { roles: DEPT_WRITERS, ids: consultation },
  [`POST ${V}/consultations/{id}/transitions`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'AUDITOR'] as Role[],
    ids: consultation,
  },
  [`GET ${V}/consultations/{id}/history`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'AUDITOR'] as Role[],
    ids: consultation,
  },
  [`POST ${V}/consultations/{id}/attachments`]: { roles: DEPT_WRITERS, ids: consultation },
  [`GET ${V}/consultations/{id}/attachments`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'AUDITOR'] as Role[],
    ids: consultation,
  },
  [`GET ${V}/consultations/{id}/attachments/{attachmentId}`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'AUDITOR'] as Role[],
    ids: { id: 'consultation', attachmentId: 'consultation_attachment' },
  },
  [`DELETE ${V}/consultations/{id}/attachments/{attachmentId}`]: {
    roles: DEPT_WRITERS,
    ids: { id: 'consultation', attachmentId: 'consultation_attachment' },
  },

  // ── evaluations ─────────────────────────────────────────────────────────────────────────────
  [`POST ${V}/evaluation-rounds`]: {
    roles: OFFICE,
    body: (c) => ({
      kind: 'ANNUAL',
      year: c.year,
      title: `보안시험 선발 ${c.userId.slice(0, 8)}`,
      nominationsOpen: `${c.year}-11-01`,
      nominationsClose: `${c.year}-11-20`,
      scoringDue: `${c.year}-12-05`,
      resolutionDate: `${c.year}-12-12`,
    }),
  },
  [`GET ${V}/evaluation-rounds`]: { roles: BUSINESS },
  [`GET ${V}/evaluation-rounds/{id}`]: { roles: BUSINESS, ids: round },
  [`PATCH ${V}/evaluation-rounds/{id}/rules`]: { roles: OFFICE, ids: round },
  [`PUT ${V}/evaluation-rounds/{id}/members`]: { roles: OFFICE, ids: round },
  [`POST ${V}/evaluation-rounds/{id}/start-scoring`]: { roles: OFFICE, ids: round },
  [`GET ${V}/evaluation-rounds/{id}/progress`]: { roles: OFFICE_OR_AUDIT, ids: round },
  [`POST ${V}/evaluation-rounds/{id}/aggregate`]: { roles: OFFICE, ids: round },
  [`POST ${V}/evaluation-rounds/{id}/nominations`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'PROACTIVE_OFFICE'] as Role[],
    ids: round,
  },
  [`GET ${V}/evaluation-rounds/{id}/nominations`]: { roles: BUSINESS, ids: round },
  [`GET ${V}/evaluation-rounds/{id}/incentives`]: { roles: OFFICE_OR_AUDIT, ids: round },
  [`POST ${V}/evaluation-rounds/{id}/incentives`]: { roles: OFFICE, ids: round },
  [`GET ${V}/evaluation-rounds/{id}/incentive-report`]: { roles: OFFICE_OR_AUDIT, ids: round },
  [`GET ${V}/evaluation-rounds/{id}/export`]: {
    roles: OFFICE_OR_AUDIT,
    ids: round,
    roleGate: true,
    query: 'format=csv&reason=보안%20점검',
  },
  [`GET ${V}/nominations/{id}`]: { roles: BUSINESS, ids: nomination },
  [`POST ${V}/nominations/{id}/decision`]: { roles: OFFICE, ids: nomination },
  [`POST ${V}/nominations/{id}/conflicts`]: { roles: COMMITTEE, ids: nomination },
  [`PUT ${V}/nominations/{id}/scores`]: { roles: COMMITTEE, ids: nomination },
  [`PUT ${V}/nominations/{id}/preference`]: { roles: DEPT_WRITERS, ids: nomination },
  [`PATCH ${V}/incentives/{id}`]: { roles: OFFICE, ids: { id: 'incentive' }, roleGate: true },

  // ── opinion requests (의견제시) ─────────────────────────────────────────────────────────────
  [`POST ${V}/opinion-requests`]: {
    roles: READERS,
    // No such task: the roles allowed get 400 (INVALID_REFERENCE), the others 403.
    body: () => ({ taskId: '00000000-0000-4000-8000-000000000000', question: '의견을 구합니다.' }),
  },
  [`GET ${V}/opinion-requests`]: { roles: READERS, scoped: true },
  [`GET ${V}/opinion-requests/{id}`]: { roles: READERS, ids: opinionRequest },
  [`GET ${V}/opinion-requests/{id}/history`]: { roles: READERS, ids: opinionRequest },
  [`POST ${V}/opinion-requests/{id}/extend`]: {
    roles: ['AUDITOR'] as Role[],
    ids: opinionRequest,
  },
  [`POST ${V}/opinion-requests/{id}/answer`]: {
    roles: ['AUDITOR'] as Role[],
    ids: opinionRequest,
  },
  [`POST ${V}/opinion-requests/{id}/refer`]: {
    roles: ['AUDITOR'] as Role[],
    ids: opinionRequest,
  },
  [`POST ${V}/opinion-requests/{id}/withdraw`]: { roles: READERS, ids: opinionRequest },
  // ── collaboration tasks (협업과제) ────────────────────────────────────────────────────────
  // Read by the participants' and the coordinator's org-wide readers and the participants'
  // responsible departments (scoped in SQL); who may act is decided by the caller's organisation's
  // part in it, read after the collaboration: one not taking part is a 404 for every role.
  [`POST ${V}/collaborations`]: {
    roles: OFFICE,
    // Valid by the DTO; an unknown task and coordinator are the office's 400, others are refused by role.
    body: (c) => ({ taskId: c.userId, coordinatorOrganisationId: c.departmentId }),
  },
  [`GET ${V}/collaborations`]: { roles: READERS, scoped: true },
  [`GET ${V}/collaborations/export.xlsx`]: { roles: READERS, scoped: true },
  [`GET ${V}/collaborations/{id}`]: { roles: READERS, ids: collaboration },
  [`GET ${V}/collaborations/{id}/history`]: { roles: READERS, ids: collaboration },
  [`PATCH ${V}/collaborations/{id}`]: { roles: OFFICE, ids: collaboration },
  [`POST ${V}/collaborations/{id}/participants`]: { roles: OFFICE, ids: collaboration },
  [`DELETE ${V}/collaborations/{id}/participants/{organisationId}`]: {
    roles: OFFICE,
    ids: { id: 'collaboration', organisationId: 'collaboration_participant' },
  },
  [`PUT ${V}/collaborations/{id}/milestone-shares`]: { roles: OFFICE, ids: collaboration },
  [`POST ${V}/collaborations/{id}/agreement`]: {
    roles: ['PROACTIVE_OFFICE', 'DEPT_HEAD'] as Role[],
    ids: collaboration,
  },
  [`POST ${V}/collaborations/{id}/focus`]: { roles: OFFICE, ids: collaboration },
  [`POST ${V}/collaborations/{id}/milestones/{milestoneId}/completion`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'PROACTIVE_OFFICE'] as Role[],
    ids: { id: 'collaboration', milestoneId: 'milestone' },
  },
  // Shared progress: every participant's contribution to a report on the collaboration's task,
  // read by the collaboration's readers, written by the participant's own people.
  [`GET ${V}/collaborations/{id}/reports/{reportId}/contributions`]: {
    roles: READERS,
    ids: { id: 'collaboration', reportId: 'report' },
  },
  [`GET ${V}/collaborations/{id}/reports/{reportId}/contributions/{organisationId}`]: {
    roles: READERS,
    ids: { id: 'collaboration', reportId: 'report', organisationId: 'collaboration_participant' },
  },
  [`PUT ${V}/collaborations/{id}/reports/{reportId}/contributions/{organisationId}`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'PROACTIVE_OFFICE'] as Role[],
    ids: { id: 'collaboration', reportId: 'report', organisationId: 'collaboration_participant' },
  },
  // The collaboration's TF: read by whoever reads the collaboration; who may act is decided by the
  // caller's part in it (managers: the lead's and the coordinator's office or the lead contact; TF
  // members; an action item's owner), read after the collaboration and the named child.
  [`GET ${V}/collaborations/{id}/tf`]: { roles: READERS, ids: collaboration },
  [`GET ${V}/collaborations/{id}/tf/members`]: { roles: READERS, ids: collaboration },
  [`POST ${V}/collaborations/{id}/tf/members`]: { roles: OFFICE, ids: collaboration },
  [`DELETE ${V}/collaborations/{id}/tf/members/{userId}`]: {
    roles: OFFICE,
    ids: { id: 'collaboration', userId: 'collaboration_tf_member' },
  },
  [`GET ${V}/collaborations/{id}/tf/meetings`]: { roles: READERS, ids: collaboration },
  [`POST ${V}/collaborations/{id}/tf/meetings`]: { roles: READERS, ids: collaboration },
  [`GET ${V}/collaborations/{id}/tf/meetings/{meetingId}`]: {
    roles: READERS,
    ids: { id: 'collaboration', meetingId: 'collaboration_tf_meeting' },
  },
  [`PATCH ${V}/collaborations/{id}/tf/meetings/{meetingId}`]: {
    roles: READERS,
    ids: { id: 'collaboration', meetingId: 'collaboration_tf_meeting' },
  },
  [`POST ${V}/collaborations/{id}/tf/meetings/{meetingId}/decisions`]: {
    roles: READERS,
    ids: { id: 'collaboration', meetingId: 'collaboration_tf_meeting' },
  },
  [`GET ${V}/collaborations/{id}/tf/action-items`]: { roles: READERS, ids: collaboration },
  [`PATCH ${V}/collaborations/{id}/tf/action-items/{itemId}`]: {
    roles: READERS,
    ids: { id: 'collaboration', itemId: 'collaboration_tf_action_item' },
  },
  // 협업SOS: every reader of the collaboration files and reads them; who answers, decides,
  // resolves or closes is decided by the caller's part in the task and in the SOS (a 404 first
  // for an organisation not taking part).
  [`POST ${V}/collaborations/{id}/sos`]: { roles: READERS, ids: collaboration },
  [`GET ${V}/collaborations/{id}/sos`]: { roles: READERS, ids: collaboration },
  [`GET ${V}/collaborations/{id}/sos/{sosId}`]: { roles: READERS, ids: sos },
  [`GET ${V}/collaborations/{id}/sos/{sosId}/history`]: { roles: READERS, ids: sos },
  [`PATCH ${V}/collaborations/{id}/sos/{sosId}`]: { roles: READERS, ids: sos },
  [`POST ${V}/collaborations/{id}/sos/{sosId}/answer`]: { roles: READERS, ids: sos },
  [`POST ${V}/collaborations/{id}/sos/{sosId}/staff-decision`]: { roles: OFFICE, ids: sos },
  [`POST ${V}/collaborations/{id}/sos/{sosId}/resolve`]: { roles: READERS, ids: sos },
  [`POST ${V}/collaborations/{id}/sos/{sosId}/reopen`]: { roles: READERS, ids: sos },
  [`POST ${V}/collaborations/{id}/sos/{sosId}/close`]: { roles: READERS, ids: sos },
  // ── 적극행정 국민신청 (issue 22 part 3) ────────────────────────────────────────────────────
  // The office registers and steers; the assigned department reviews; AUDITOR reads (masked).
  // A record of another organisation (or another department's) is a 404 before any role check.
  [`POST ${V}/citizen-applications`]: {
    roles: OFFICE,
    body: (c) => ({
      applicationNumber: `보안-${c.userId.slice(0, 8)}`,
      channel: 'OFFICE',
      receivedOn: '2026-01-05',
      applicantName: '보안시험',
      applicantPhone: '010-0000-0000',
      content: '보안 시험 신청',
      challengedRule: '보안 시험 관행',
    }),
  },
  [`GET ${V}/citizen-applications`]: { roles: READERS },
  [`GET ${V}/citizen-applications/statistics`]: { roles: OFFICE_OR_AUDIT, query: 'year=2026' },
  [`GET ${V}/citizen-applications/{id}`]: { roles: READERS, ids: citizenApplication },
  [`GET ${V}/citizen-applications/{id}/history`]: { roles: READERS, ids: citizenApplication },
  [`POST ${V}/citizen-applications/{id}/assign`]: { roles: OFFICE, ids: citizenApplication },
  [`POST ${V}/citizen-applications/{id}/start-review`]: {
    roles: DEPT_WRITERS,
    ids: citizenApplication,
  },
  [`POST ${V}/citizen-applications/{id}/review`]: {
    roles: DEPT_WRITERS,
    ids: citizenApplication,
  },
  [`POST ${V}/citizen-applications/{id}/request-opinion`]: {
    roles: OFFICE,
    ids: citizenApplication,
  },
  [`POST ${V}/citizen-applications/{id}/opinion`]: { roles: OFFICE, ids: citizenApplication },
  [`POST ${V}/citizen-applications/{id}/decide`]: {
    roles: ['DEPT_HEAD', 'PROACTIVE_OFFICE'] as Role[],
    ids: citizenApplication,
  },
  [`POST ${V}/citizen-applications/{id}/reply`]: {
    roles: [...DEPT_WRITERS, 'PROACTIVE_OFFICE'] as Role[],
    ids: citizenApplication,
  },
  // ── 실행계획 (action plan, issue 22 part 1) ───────────────────────────────────────────────────
  // Everyone of the organisation reads its plans (ADMIN too); the office writes them; the head of
  // the proactive office (a DEPT_HEAD of the department flagged isProactiveOffice) submits,
  // approves and returns; a measure's owner department (STAFF, DEPT_HEAD) moves its status.
  [`POST ${V}/action-plans`]: { roles: OFFICE, body: (c) => ({ year: c.year }) },
  [`GET ${V}/action-plans`]: { roles: ALL },
  [`GET ${V}/action-plans/{id}`]: { roles: ALL, ids: actionPlan },
  [`GET ${V}/action-plans/{id}/versions`]: { roles: ALL, ids: actionPlan },
  [`GET ${V}/action-plans/{id}/history`]: { roles: ALL, ids: actionPlan },
  [`GET ${V}/action-plans/{id}/export`]: { roles: ALL, ids: actionPlan },
  [`POST ${V}/action-plans/{id}/submit`]: {
    roles: ['PROACTIVE_OFFICE', 'DEPT_HEAD'] as Role[],
    ids: actionPlan,
  },
  [`POST ${V}/action-plans/{id}/approve`]: { roles: ['DEPT_HEAD'] as Role[], ids: actionPlan },
  [`POST ${V}/action-plans/{id}/return`]: {
    roles: ['PROACTIVE_OFFICE', 'DEPT_HEAD'] as Role[],
    ids: actionPlan,
  },
  [`POST ${V}/action-plans/{id}/directions`]: { roles: OFFICE, ids: actionPlan },
  [`PATCH ${V}/action-plans/{id}/directions/{directionId}`]: {
    roles: OFFICE,
    ids: { id: 'action_plan', directionId: 'action_plan_direction' },
  },
  [`POST ${V}/action-plans/{id}/measures`]: { roles: OFFICE, ids: actionPlan },
  [`PATCH ${V}/action-plans/{id}/measures/{measureId}`]: {
    roles: OFFICE,
    ids: { id: 'action_plan', measureId: 'action_plan_measure' },
  },
  [`DELETE ${V}/action-plans/{id}/measures/{measureId}`]: {
    roles: OFFICE,
    ids: { id: 'action_plan', measureId: 'action_plan_measure' },
  },
  [`POST ${V}/action-plans/{id}/measures/{measureId}/status`]: {
    roles: ['STAFF', 'DEPT_HEAD', 'PROACTIVE_OFFICE'] as Role[],
    ids: { id: 'action_plan', measureId: 'action_plan_measure' },
  },
  // ── contests (경진대회) ─────────────────────────────────────────────────────────────────────
  // Who may act is decided by the caller's relation to the round (organiser, entrant, judge), read
  // after the round: a round of an unrelated organisation is a 404 for every role.
  [`POST ${V}/contests/rounds`]: {
    roles: OFFICE,
    body: (c) => ({
      year: c.year,
      title: `보안시험 경진대회 ${c.userId.slice(0, 8)}`,
      entriesOpen: `${c.year}-05-01`,
      entriesClose: `${c.year}-05-31`,
      judgingDue: `${c.year}-06-15`,
      resultsDate: `${c.year}-06-30`,
      fields: [{ key: 'proactive', label: '적극행정' }],
    }),
  },
  [`GET ${V}/contests/rounds`]: { roles: BUSINESS },
  [`GET ${V}/contests/rounds/{id}`]: { roles: BUSINESS, ids: contestRound },
  [`PATCH ${V}/contests/rounds/{id}`]: { roles: OFFICE, ids: contestRound },
  [`POST ${V}/contests/rounds/{id}/transitions`]: { roles: OFFICE, ids: contestRound },
  [`PUT ${V}/contests/rounds/{id}/panel`]: { roles: OFFICE, ids: contestRound },
  [`PUT ${V}/contests/rounds/{id}/next-round`]: { roles: OFFICE, ids: contestRound },
  [`POST ${V}/contests/rounds/{id}/feeders`]: { roles: OFFICE, ids: contestRound },
  [`GET ${V}/contests/rounds/{id}/entrants`]: { roles: OFFICE_OR_AUDIT, ids: contestRound },
  [`POST ${V}/contests/rounds/{id}/entries`]: { roles: OFFICE, ids: contestRound },
  [`GET ${V}/contests/rounds/{id}/entries`]: { roles: BUSINESS, ids: contestRound },
  [`POST ${V}/contests/rounds/{id}/ranking`]: { roles: OFFICE, ids: contestRound },
  [`POST ${V}/contests/rounds/{id}/publish`]: { roles: OFFICE, ids: contestRound },
  [`GET ${V}/contests/rounds/{id}/results`]: { roles: BUSINESS, ids: contestRound },
  [`GET ${V}/contests/rounds/{id}/export`]: {
    roles: OFFICE_OR_AUDIT,
    ids: contestRound,
    roleGate: true,
    query: 'reason=보안%20점검',
  },
  [`GET ${V}/contests/entries/{id}`]: { roles: BUSINESS, ids: contestEntry },
  [`POST ${V}/contests/entries/{id}/screening`]: { roles: OFFICE, ids: contestEntry },
  [`PUT ${V}/contests/entries/{id}/scores`]: { roles: COMMITTEE, ids: contestEntry },
  [`GET ${V}/contests/entries/{id}/history`]: { roles: BUSINESS, ids: contestEntry },
  [`POST ${V}/contests/entries/{id}/attachments`]: { roles: OFFICE, ids: contestEntry },
  [`GET ${V}/contests/entries/{id}/attachments/{attachmentId}`]: {
    roles: BUSINESS,
    ids: { id: 'contest_entry', attachmentId: 'contest_entry_attachment' },
  },
  [`DELETE ${V}/contests/entries/{id}/attachments/{attachmentId}`]: {
    roles: OFFICE,
    ids: { id: 'contest_entry', attachmentId: 'contest_entry_attachment' },
  },
  [`GET ${V}/contests/awards`]: { roles: OFFICE_OR_AUDIT },
  [`PATCH ${V}/contests/awards/{id}`]: { roles: OFFICE, ids: { id: 'contest_award' } },
  // ── the standing committee (적극행정위원회) ───────────────────────────────────────────────────
  [`GET ${V}/committee`]: { roles: COMMITTEE_READERS },
  [`GET ${V}/committee/candidates`]: { roles: OFFICE },
  [`GET ${V}/committee/members`]: { roles: COMMITTEE_READERS },
  [`POST ${V}/committee/members`]: {
    roles: OFFICE,
    body: (c) => ({ userId: c.userId, termStart: `${c.year}-01-01`, civilian: true }),
  },
  [`PATCH ${V}/committee/members/{id}`]: { roles: OFFICE, ids: { id: 'committee_member' } },
  [`GET ${V}/committee/meetings`]: { roles: COMMITTEE_READERS },
  [`POST ${V}/committee/meetings`]: {
    roles: OFFICE,
    body: (c) => ({ title: '보안시험 회의', meetingDate: `${c.year}-11-25`, kind: 'IN_PERSON' }),
  },
  [`GET ${V}/committee/meetings/{id}`]: { roles: COMMITTEE_READERS, ids: meeting },
  [`PATCH ${V}/committee/meetings/{id}`]: { roles: OFFICE, ids: meeting },
  [`POST ${V}/committee/meetings/{id}/hold`]: { roles: OFFICE, ids: meeting },
  [`PUT ${V}/committee/meetings/{id}/attendance`]: { roles: OFFICE, ids: meeting },
  [`POST ${V}/committee/meetings/{id}/close`]: { roles: OFFICE, ids: meeting },
  [`POST ${V}/committee/meetings/{id}/agenda-items`]: { roles: OFFICE, ids: meeting },
  [`GET ${V}/committee/agenda-items/{id}`]: { roles: COMMITTEE_READERS, ids: agendaItem },
  [`POST ${V}/committee/agenda-items/{id}/challenges`]: {
    roles: ['STAFF', 'DEPT_HEAD'] as Role[],
    ids: agendaItem,
  },
  [`POST ${V}/committee/agenda-items/{id}/challenges/{challengeId}/decision`]: {
    roles: OFFICE,
    ids: { id: 'committee_agenda_item', challengeId: 'committee_challenge' },
  },
  [`POST ${V}/committee/agenda-items/{id}/recusal`]: { roles: COMMITTEE, ids: agendaItem },
  [`PUT ${V}/committee/agenda-items/{id}/votes`]: { roles: AGENDA_ACTORS, ids: agendaItem },
  [`POST ${V}/committee/agenda-items/{id}/resolution`]: { roles: OFFICE, ids: agendaItem },
  [`POST ${V}/committee/agenda-items/{id}/withdrawal`]: { roles: OFFICE, ids: agendaItem },

  // ── comments (on a record named in the query or body: its read scope decides) ──────────────
  [`GET ${V}/comments`]: {
    roles: BUSINESS,
    noGate: 'names its record in the query (test/comments.e2e-spec.ts: 404 outside its scope)',
  },
  [`GET ${V}/comments/mentionable`]: {
    roles: BUSINESS,
    noGate: 'names its record in the query (test/comments.e2e-spec.ts: 404 outside its scope)',
  },
  [`POST ${V}/comments`]: {
    roles: BUSINESS,
    noGate: 'names its record in the body (test/comments.e2e-spec.ts: 404 outside its scope)',
  },
  [`PATCH ${V}/comments/{id}`]: { roles: BUSINESS, ids: { id: 'comment' } },
  [`DELETE ${V}/comments/{id}`]: { roles: BUSINESS, ids: { id: 'comment' } },

  // ── saved views of the lists (own, and the organisation's shared ones) ─────────────────────
  [`GET ${V}/saved-views`]: { roles: ALL, query: 'list=tasks' },
  [`POST ${V}/saved-views`]: {
    roles: ALL,
    body: () => ({ list: 'tasks', name: '보안시험 보기', query: 'delayed=true' }),
  },
  [`PATCH ${V}/saved-views/{id}`]: { roles: ALL, ids: { id: 'saved_view' } },
  [`DELETE ${V}/saved-views/{id}`]: { roles: ALL, ids: { id: 'saved_view' } },

  // ── my deadlines and their iCal feed ────────────────────────────────────────────────────────
  [`GET ${V}/me/deadlines`]: { roles: ALL, query: 'from=2026-12-01&to=2026-12-31' },
  [`GET ${V}/me/calendar-feed`]: { roles: ALL },
  [`POST ${V}/me/calendar-feed`]: { roles: ALL, noGate: 'makes only the caller’s own feed URL' },
  [`DELETE ${V}/me/calendar-feed`]: { roles: ALL, noGate: 'revokes only the caller’s own feed' },
  // The secret URL is the credential (test/calendar.e2e-spec.ts: unknown or revoked is a 404).
  [`GET ${V}/calendar-feeds/{token}.ics`]: { public: true, ids: { token: 'calendar_feed' } },

  // ── notifications, dashboards ───────────────────────────────────────────────────────────────
  [`GET ${V}/me/notifications`]: { roles: ALL },
  [`GET ${V}/me/notifications/unread-count`]: { roles: ALL },
  [`POST ${V}/me/notifications/read-all`]: {
    roles: ALL,
    noGate: 'marks only the caller’s own notifications',
  },
  // Only the recipient's own: any other (of any organisation) is a 404.
  [`POST ${V}/me/notifications/{id}/read`]: { roles: ALL, ids: { id: 'notification' } },
  [`GET ${V}/me/notification-preferences`]: { roles: ALL },
  [`PUT ${V}/me/notification-preferences`]: {
    roles: ALL,
    noGate: 'changes only the caller’s own preferences',
  },
  [`POST ${V}/notifications/run`]: {
    roles: ['PROACTIVE_OFFICE', 'ADMIN'] as Role[],
    body: () => ({ dryRun: true }),
  },
  [`GET ${V}/notifications/runs/{id}`]: {
    roles: ['PROACTIVE_OFFICE', 'ADMIN'] as Role[],
    ids: { id: 'notification_run' },
    roleGate: true,
  },
  [`GET ${V}/notifications/failures`]: { roles: ADMIN },
  [`POST ${V}/notifications/failures/{id}/resend`]: {
    roles: ADMIN,
    ids: { id: 'failed_email' },
    roleGate: true,
  },
  [`GET ${V}/dashboards`]: { roles: READERS, query: 'year=2026' },
  [`GET ${V}/dashboards/drilldown`]: { roles: READERS, query: 'year=2026&kind=delayedTasks' },
  [`POST ${V}/dashboards/compile`]: { roles: OFFICE, body: (c) => ({ year: c.year }) },
  // The handle carries the whole organisation's figures: the organisation-wide readers only.
  [`GET ${V}/dashboards/compiles/{id}`]: {
    roles: OFFICE_OR_AUDIT,
    ids: { id: 'dashboard_compile' },
    roleGate: true,
  },
  [`GET ${V}/dashboards/export`]: { roles: READERS, query: 'year=2026' },

  // ── 적극행정 education (issue 22 part 2) ────────────────────────────────────────────────────
  // Sessions are read by every business role of the organisation; the office keeps them. Roles
  // are checked before the session is read (403 for any id), another organisation's id is a 404.
  [`POST ${V}/education/sessions`]: {
    roles: OFFICE,
    body: (c) => ({
      title: '보안 점검 교육',
      kind: 'ALL_STAFF',
      sessionDate: `${c.year}-03-10`,
      hours: 2,
      delivery: 'OFFLINE',
    }),
  },
  [`GET ${V}/education/sessions`]: { roles: BUSINESS },
  [`GET ${V}/education/sessions/{id}`]: { roles: BUSINESS, ids: educationSession, roleGate: true },
  [`GET ${V}/education/sessions/{id}/history`]: {
    roles: BUSINESS,
    ids: educationSession,
    roleGate: true,
  },
  [`PATCH ${V}/education/sessions/{id}`]: { roles: OFFICE, ids: educationSession, roleGate: true },
  [`POST ${V}/education/sessions/{id}/attendees`]: {
    roles: OFFICE,
    ids: educationSession,
    roleGate: true,
  },
  [`DELETE ${V}/education/sessions/{id}/attendees/{userId}`]: {
    roles: OFFICE,
    ids: { id: 'education_session', userId: 'education_attendee' },
    roleGate: true,
  },
  [`POST ${V}/education/sessions/{id}/roster`]: {
    roles: OFFICE,
    ids: educationSession,
    roleGate: true,
  },
  [`GET ${V}/education/roster-template`]: { roles: OFFICE },
  // Completion: whole organisation for the office and auditors, own department or self otherwise.
  [`GET ${V}/education/completion`]: { roles: BUSINESS, scoped: true },
  [`GET ${V}/education/departments`]: { roles: OFFICE_OR_AUDIT },

  // ── spreadsheet imports: departments and users (ADMIN), tasks and milestones (office) ────────
  // The import routes take a multipart file; the gating test's JSON body is answered 400 by the
  // roles they admit, after the role check (which is the answer the others get).
  [`GET ${V}/imports/departments/template`]: { roles: ADMIN },
  [`POST ${V}/imports/departments`]: { roles: ADMIN },
  [`GET ${V}/imports/users/template`]: { roles: ADMIN },
  [`POST ${V}/imports/users`]: { roles: ADMIN },
  [`GET ${V}/imports/tasks/template`]: { roles: OFFICE },
  [`POST ${V}/imports/tasks`]: { roles: OFFICE },
  [`GET ${V}/imports/milestones/template`]: { roles: OFFICE },
  [`POST ${V}/imports/milestones`]: { roles: OFFICE },

  // ── the annual 추진실적 report (issue 22 part 7): always the caller's own organisation's, by year;
  // a parent reads its subordinates' figures only through the list (scope=subordinates) ─────────
  [`POST ${V}/annual-reports`]: { roles: OFFICE, body: (c) => ({ year: c.year }) },
  [`GET ${V}/annual-reports`]: {
    roles: ANNUAL_REPORT_READERS,
    query: 'year=2026&scope=subordinates',
  },
  [`GET ${V}/annual-reports/{year}`]: {
    roles: ANNUAL_REPORT_READERS,
    ids: { year: 'year' },
    noGate: ANNUAL_REPORT_NEEDED,
  },
  [`GET ${V}/annual-reports/{year}/versions`]: {
    roles: ANNUAL_REPORT_READERS,
    ids: { year: 'year' },
  },
  [`POST ${V}/annual-reports/{year}/submit`]: {
    roles: OFFICE,
    ids: { year: 'year' },
    body: () => ({ version: 1 }),
    noGate: ANNUAL_REPORT_NEEDED,
  },
  [`GET ${V}/annual-reports/{year}/export.xlsx`]: {
    roles: ANNUAL_REPORT_READERS,
    ids: { year: 'year' },
    noGate: ANNUAL_REPORT_NEEDED,
  },
  [`GET ${V}/annual-reports/{year}/export.pdf`]: {
    roles: ANNUAL_REPORT_READERS,
    ids: { year: 'year' },
    noGate: ANNUAL_REPORT_NEEDED,
  },

  // ── 소극행정 신고 (issue 22 part 4) ───────────────────────────────────────────────────────────
  // Received by the audit unit or the office; investigated by the audit unit alone. A report is
  // read (404 first for anyone else) by the auditors and the office of its organisation, and by
  // the department concerned once concluded; lists are scoped in SQL.
  [`POST ${V}/passive-reports`]: {
    roles: OFFICE_OR_AUDIT,
    body: (c) => ({
      receiptNumber: `보안-${Math.random().toString(36).slice(2, 10)}`,
      receivedOn: '2025-03-04',
      channel: 'OTHER',
      anonymous: true,
      content: '보안 점검 신고',
      departmentId: c.departmentId,
    }),
  },
  [`GET ${V}/passive-reports`]: { roles: READERS, scoped: true },
  [`GET ${V}/passive-reports/statistics`]: { roles: OFFICE_OR_AUDIT, query: 'year=2026' },
  [`GET ${V}/passive-reports/{id}`]: { roles: READERS, ids: { id: 'passive_report' } },
  [`GET ${V}/passive-reports/{id}/history`]: {
    roles: OFFICE_OR_AUDIT,
    ids: { id: 'passive_report' },
  },
  [`PATCH ${V}/passive-reports/{id}`]: {
    roles: ['AUDITOR'] as Role[],
    ids: { id: 'passive_report' },
  },
  [`POST ${V}/passive-reports/{id}/assign`]: {
    roles: ['AUDITOR'] as Role[],
    ids: { id: 'passive_report' },
  },
  [`POST ${V}/passive-reports/{id}/extend`]: {
    roles: ['AUDITOR'] as Role[],
    ids: { id: 'passive_report' },
  },
  [`POST ${V}/passive-reports/{id}/conclude`]: {
    roles: ['AUDITOR'] as Role[],
    ids: { id: 'passive_report' },
  },
  [`POST ${V}/passive-reports/{id}/close`]: {
    roles: ['AUDITOR'] as Role[],
    ids: { id: 'passive_report' },
  },
  // 면책 register (issue 22 part 5): the audit unit writes; it and the office read the register,
  // an applicant their own cases (the list is scoped); the quarterly report to 감사원.
  [`POST ${V}/exemptions`]: {
    roles: AUDITOR,
    body: () => ({
      kind: 'EX_OFFICIO',
      title: '보안 점검 면책',
      auditReference: '보안 점검 감사 지적',
      appliedOn: '2026-01-05',
    }),
  },
  [`GET ${V}/exemptions`]: { roles: ALL, scoped: true },
  [`GET ${V}/exemptions/{id}`]: { roles: OFFICE_OR_AUDIT, ids: exemption },
  [`GET ${V}/exemptions/{id}/history`]: { roles: OFFICE_OR_AUDIT, ids: exemption },
  [`PATCH ${V}/exemptions/{id}`]: { roles: AUDITOR, ids: exemption },
  [`POST ${V}/exemptions/{id}/decide`]: { roles: AUDITOR, ids: exemption },
  [`POST ${V}/exemptions/{id}/notify`]: { roles: AUDITOR, ids: exemption },
  [`GET ${V}/exemption-reports`]: {
    roles: OFFICE_OR_AUDIT,
    query: 'year=2026&quarter=1',
  },
  [`POST ${V}/exemption-reports/submit`]: {
    roles: AUDITOR,
    body: (ctx) => ({ year: ctx.year, quarter: 1, reference: '보안 점검' }),
  },
  [`GET ${V}/exemption-reports/export.xlsx`]: {
    roles: OFFICE_OR_AUDIT,
    query: 'year=2026&quarter=1',
  },
};

/** The path parameters of a route template, in order: 'GET /a/{id}/b/{x}' → ['id', 'x']. */
export function pathParams(route: string): string[] {
  return [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

/** Whether the route names a business record in its path (a `year` is not one). */
export function hasRecordIds(policy: RoutePolicy): boolean {
  return Object.values(policy.ids ?? {}).some((t) => t !== 'year');
}
