import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, type HistoryRecord, HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { TransactionService, type Tx, updateRowWithVersion } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role, SettingsService } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import {
  attendanceMap,
  attendeesOf,
  departmentFigures,
  sessionOf,
  type SessionRow,
  sessionsOfYear,
  userHours,
  usersOf,
  yearEnd,
} from './education-query.js';
import {
  attendedHoursProblem,
  completionOf,
  EDUCATION_COMPLETION_RECORD_TYPE,
  EDUCATION_SESSION_RECORD_TYPE,
  type EducationDelivery,
  type EducationKind,
  rankDepartments,
  rate,
} from './education-rules.js';
import {
  type AttendeeView,
  attendeeView,
  type CompletionList,
  type DepartmentParticipationView,
  type SessionDetail,
  type SessionView,
  sessionView,
} from './education-views.js';

export interface SessionInput {
  title: string;
  kind: EducationKind;
  sessionDate: string;
  hours: number;
  delivery: EducationDelivery;
  place?: string;
  notes?: string;
}

export interface UpdateSessionInput extends Partial<SessionInput> {
  version: number;
}

export interface AttendeeInput {
  userId: string;
  /** Hours attended; the session's hours when left out. */
  hours?: number;
}

type Changes = Record<string, { from: unknown; to: unknown }>;

/**
 * 적극행정 education (DOMAIN.md §9, issue 22 part 2): the proactive office keeps the sessions of
 * its organisation and who attended them; everyone in the organisation reads the sessions, and
 * completion against the required hours (setting `education.requiredHoursPerYear`) is read by the
 * office and the auditors for the whole organisation, by department heads and staff for their
 * department, and by everyone for themselves. Every change is one transaction with its history
 * entry on the session.
 */
@Injectable()
export class EducationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly settings: SettingsService,
    private readonly policy: AccessPolicy,
  ) {}

  // ── Sessions ──────────────────────────────────────────────────────────────────────────────

  async list(user: AuthUser, year = Number(seoulDate().slice(0, 4))): Promise<SessionView[]> {
    const rows = await sessionsOfYear(this.dataSource, user.organisationId, year, 500);
    return rows.map(sessionView);
  }

  async get(user: AuthUser, id: string): Promise<SessionDetail> {
    const row = await this.readable(user, id);
    const attendees = await this.attendees(user, id);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: EDUCATION_SESSION_RECORD_TYPE,
      recordId: id,
    });
    return { ...sessionView(row), attendees };
  }

  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    await this.readable(user, id);
    return this.history.forRecord([user.organisationId], EDUCATION_SESSION_RECORD_TYPE, id);
  }

  async create(user: AuthUser, input: SessionInput): Promise<SessionDetail> {
    this.assertOffice(user);
    const values = {
      title: input.title.trim(),
      kind: input.kind,
      sessionDate: input.sessionDate,
      hours: input.hours,
      delivery: input.delivery,
      place: input.place?.trim() ?? '',
      notes: input.notes?.trim() ?? '',
    };
    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO education_sessions (organisation_id, title, kind, session_date, hours, delivery, place, notes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          user.organisationId,
          values.title,
          values.kind,
          values.sessionDate,
          values.hours,
          values.delivery,
          values.place,
          values.notes,
          user.id,
        ],
      );
      const changes: Changes = {};
      for (const [k, v] of Object.entries(values)) changes[k] = { from: null, to: v };
      await this.record(tx, user, row.id, 'create', changes);
      return row.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, input: UpdateSessionInput): Promise<SessionDetail> {
    this.assertOffice(user);
    await this.readable(user, id);
    await this.tx.run(async (tx) => {
      const now = await this.lock(tx, user, id, input.version);
      const set: Record<string, unknown> = {};
      const changes: Changes = {};
      const put = (column: string, field: string, before: unknown, after: unknown) => {
        if (after === undefined || after === before) return;
        set[column] = after;
        changes[field] = { from: before, to: after };
      };
      put('title', 'title', now.title, input.title?.trim());
      put('kind', 'kind', now.kind, input.kind);
      put('session_date', 'sessionDate', now.session_date, input.sessionDate);
      put('hours', 'hours', now.hours, input.hours);
      put('delivery', 'delivery', now.delivery, input.delivery);
      put('place', 'place', now.place, input.place?.trim());
      put('notes', 'notes', now.notes, input.notes?.trim());
      if (input.hours !== undefined && input.hours < now.hours) {
        const [over] = await tx.manager.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM education_attendances WHERE session_id = $1 AND hours > $2`,
          [id, input.hours],
        );
        if (over.n > 0)
          throw DomainError.invalidField('hours', 'belowAttendance', {
            ko: `이수시간이 ${input.hours}시간보다 많은 참석자가 ${over.n}명 있습니다. 먼저 참석자의 이수시간을 고치세요.`,
            en: `${over.n} attendees have more than ${input.hours} hours; change their hours first`,
          });
      }
      if (!Object.keys(set).length) return;
      await updateRowWithVersion(tx.manager, 'education_sessions', id, input.version, set);
      await this.record(tx, user, id, 'update', changes);
    });
    return this.get(user, id);
  }

  // ── Attendance ────────────────────────────────────────────────────────────────────────────

  /**
   * Adds attendees (the office): each a user of the organisation, active, not yet attending and
   * not twice in the request, with hours attended (half hours) up to the session's, the session's
   * hours by default. Any problem is a 400 naming `attendees.<i>.<field>`, and nothing is added.
   */
  async addAttendees(
    user: AuthUser,
    id: string,
    attendees: AttendeeInput[],
  ): Promise<SessionDetail> {
    this.assertOffice(user);
    await this.readable(user, id);
    await this.tx.run(async (tx) => {
      const session = await this.lock(tx, user, id);
      const refs: ErrorDetail[] = [];
      const problems: ErrorDetail[] = [];
      const seen = new Map<string, number>();
      attendees.forEach((a, i) => {
        const first = seen.get(a.userId);
        if (first !== undefined)
          problems.push({
            field: `attendees.${i}.userId`,
            code: 'duplicateInRequest',
            message: {
              ko: `같은 사용자가 ${first + 1}번째 참석자로 이미 있습니다.`,
              en: `the same user is already attendee ${first + 1} of this request`,
            },
          });
        else seen.set(a.userId, i);
      });
      const found = new Map(
        (await usersOf(tx.manager, user.organisationId, [...seen.keys()])).map((u) => [u.id, u]),
      );
      const current = await attendanceMap(tx.manager, id);
      attendees.forEach((a, i) => {
        const u = found.get(a.userId);
        if (!u?.active) {
          refs.push({
            field: `attendees.${i}.userId`,
            code: u ? 'inactiveUser' : 'unknownUser',
            message: u
              ? { ko: '비활성화된 사용자입니다.', en: 'the user is deactivated' }
              : {
                  ko: '기관에 없는 사용자입니다.',
                  en: 'no such user in the organisation',
                },
          });
          return;
        }
        if (current.has(a.userId))
          problems.push({
            field: `attendees.${i}.userId`,
            code: 'alreadyAttending',
            message: {
              ko: '이미 이 교육의 참석자입니다. 이수시간을 바꾸려면 참석자를 지우고 다시 더하세요.',
              en: 'already an attendee of this session; remove and add again to change the hours',
            },
          });
        const p = attendedHoursProblem(
          `attendees.${i}.hours`,
          a.hours ?? session.hours,
          session.hours,
        );
        if (p) problems.push(p);
      });
      if (refs.length) throw new DomainError(ErrorCode.INVALID_REFERENCE, undefined, refs);
      if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
      const added = attendees.map((a) => ({ userId: a.userId, hours: a.hours ?? session.hours }));
      await tx.manager.query(
        `INSERT INTO education_attendances (session_id, user_id, hours, source, recorded_by)
         SELECT $1, x.user_id, x.hours, 'ENTERED', $4
           FROM unnest($2::uuid[], $3::numeric[]) AS x(user_id, hours)`,
        [id, added.map((a) => a.userId), added.map((a) => a.hours), user.id],
      );
      await this.record(tx, user, id, 'addAttendees', { attendees: { from: null, to: added } });
    });
    return this.get(user, id);
  }

  /** Removes an attendee (the office); a user not attending is a 404. */
  async removeAttendee(user: AuthUser, id: string, userId: string): Promise<void> {
    this.assertOffice(user);
    await this.readable(user, id);
    await this.tx.run(async (tx) => {
      await this.lock(tx, user, id);
      const [rows] = await tx.manager.query<[Array<{ hours: number; source: string }>, number]>(
        `DELETE FROM education_attendances WHERE session_id = $1 AND user_id = $2
         RETURNING hours::float8 AS hours, source`,
        [id, userId],
      );
      if (!rows.length) throw DomainError.notFound();
      await this.record(tx, user, id, 'removeAttendee', {
        attendees: { from: [{ userId, hours: rows[0].hours }], to: null },
      });
    });
  }

  // ── Completion and participation ─────────────────────────────────────────────────────────

  /**
   * Completion of a year per user and per department, as far as the reader sees: the office and
   * the auditors the organisation (optionally one department), department heads and staff their
   * department, anyone else themselves only. Recorded in the access log as one list read.
   */
  async completion(
    user: AuthUser,
    filter: { year?: number; departmentId?: string; limit?: number; offset?: number },
  ): Promise<CompletionList> {
    const year = filter.year ?? Number(seoulDate().slice(0, 4));
    const required = await this.requiredHours(user.organisationId);
    const asOf = yearEnd(year);
    let scope: { departmentId?: string; userId?: string };
    let departments: string | null | false;
    if (this.policy.readsWholeOrganisation(user)) {
      scope = filter.departmentId ? { departmentId: filter.departmentId } : {};
      departments = filter.departmentId ?? null;
    } else if (this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD)) {
      if (filter.departmentId && filter.departmentId !== user.departmentId)
        scope = { departmentId: filter.departmentId, userId: user.id };
      else scope = { departmentId: user.departmentId };
      departments = scope.userId ? false : user.departmentId;
    } else {
      scope = { userId: user.id };
      departments = false;
    }
    const rows = await userHours(this.dataSource, user.organisationId, year, asOf, scope);
    const limit = filter.limit ?? 500;
    const offset = filter.offset ?? 0;
    const depts =
      departments === false
        ? []
        : await departmentFigures(
            this.dataSource,
            user.organisationId,
            year,
            asOf,
            required,
            departments,
          );
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: EDUCATION_COMPLETION_RECORD_TYPE,
      filter: { year, departmentId: filter.departmentId ?? null, limit, offset },
    });
    const completed = rows.filter((r) => r.hours >= required).length;
    return {
      year,
      requiredHours: required,
      total: rows.length,
      completedUsers: completed,
      completionRate: rate(completed, rows.length),
      users: rows.slice(offset, offset + limit).map((r) => ({
        userId: r.user_id,
        name: r.name,
        grade: r.grade,
        departmentId: r.department_id,
        departmentName: r.department_name,
        sessions: r.sessions,
        ...completionOf(r.hours, required),
      })),
      departments: depts.map((d) => ({
        departmentId: d.department_id,
        name: d.name,
        activeUsers: d.active_users,
        completedUsers: d.completed_users,
        completionRate: rate(d.completed_users, d.active_users),
      })),
    };
  }

  /**
   * Department-level participation of a year for the department incentives (the office and the
   * auditors): per active department the attendances, hours, participants, completion rate and
   * the rank (by completion rate, then hours per active user).
   */
  async participation(
    user: AuthUser,
    year = Number(seoulDate().slice(0, 4)),
  ): Promise<DepartmentParticipationView[]> {
    if (!this.policy.readsWholeOrganisation(user)) throw DomainError.forbidden();
    const required = await this.requiredHours(user.organisationId);
    const rows = await departmentFigures(
      this.dataSource,
      user.organisationId,
      year,
      yearEnd(year),
      required,
    );
    return rankDepartments(
      rows.map((d) => ({
        departmentId: d.department_id,
        name: d.name,
        activeUsers: d.active_users,
        completedUsers: d.completed_users,
        participants: d.participants,
        attendances: d.attendances,
        attendanceHours: d.attendance_hours,
      })),
    );
  }

  async requiredHours(organisationId: string, tx?: Tx): Promise<number> {
    const s = await this.settings.values(organisationId, tx?.manager);
    return s['education.requiredHoursPerYear'];
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  /** The session of the caller's organisation (a 404 for another's or none). */
  async readable(user: AuthUser, id: string): Promise<SessionRow> {
    const row = await sessionOf(this.dataSource, user.organisationId, id);
    if (!row) throw DomainError.notFound();
    return row;
  }

  private async attendees(user: AuthUser, id: string): Promise<AttendeeView[]> {
    const all = this.policy.readsWholeOrganisation(user);
    const dept = this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD) ? user.departmentId : null;
    const rows = await attendeesOf(this.dataSource, id, {
      all,
      departmentId: dept,
      userId: user.id,
    });
    return rows.map(attendeeView);
  }

  assertOffice(user: AuthUser): void {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
  }

  /**
   * Locks the session row (history entries of a record are chained behind its lock), checks the
   * version when one is given, and answers the session as it is now.
   */
  async lock(tx: Tx, user: AuthUser, id: string, version?: number): Promise<SessionRow> {
    const [locked] = await tx.manager.query<Array<{ version: number }>>(
      `SELECT version FROM education_sessions WHERE id = $1 AND organisation_id = $2 FOR NO KEY UPDATE`,
      [id, user.organisationId],
    );
    if (!locked) throw DomainError.notFound();
    if (version !== undefined && locked.version !== version)
      throw DomainError.conflict(locked.version);
    const now = await sessionOf(tx.manager, user.organisationId, id);
    if (!now) throw DomainError.notFound();
    return now;
  }

  async record(
    tx: Tx,
    user: AuthUser,
    id: string,
    action: string,
    changes: Changes,
    reason: string | null = null,
  ): Promise<void> {
    await this.history.record(tx, {
      organisationId: user.organisationId,
      recordType: EDUCATION_SESSION_RECORD_TYPE,
      recordId: id,
      action,
      actorId: user.id,
      changes,
      reason,
    });
  }
}
