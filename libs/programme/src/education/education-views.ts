import type { AttendeeRow, SessionRow } from './education-query.js';
import type {
  AttendanceSource,
  Completion,
  EducationDelivery,
  EducationKind,
} from './education-rules.js';
import { EDUCATION_KIND_LABELS } from './education-rules.js';

export interface SessionView {
  id: string;
  title: string;
  kind: EducationKind;
  kindLabel: string;
  sessionDate: string;
  hours: number;
  delivery: EducationDelivery;
  place: string;
  notes: string;
  attendeeCount: number;
  attendedHours: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AttendeeView {
  userId: string;
  name: string;
  email: string;
  departmentId: string | null;
  departmentName: string | null;
  hours: number;
  source: AttendanceSource;
  recordedAt: Date;
}

export interface SessionDetail extends SessionView {
  /** As far as the reader sees them (the office and auditors: all; others their department and themselves). */
  attendees: AttendeeView[];
}

export interface UserCompletionView extends Completion {
  userId: string;
  name: string;
  grade: string | null;
  departmentId: string;
  departmentName: string;
  sessions: number;
}

export interface DepartmentCompletionView {
  departmentId: string;
  name: string;
  activeUsers: number;
  completedUsers: number;
  completionRate: number | null;
}

export interface CompletionList {
  year: number;
  requiredHours: number;
  /** Users in the reader's scope; completedUsers and completionRate are of them. */
  total: number;
  completedUsers: number;
  completionRate: number | null;
  users: UserCompletionView[];
  departments: DepartmentCompletionView[];
}

export interface DepartmentParticipationView extends DepartmentCompletionView {
  participants: number;
  attendances: number;
  attendanceHours: number;
  hoursPerUser: number | null;
  rank: number | null;
}

export function sessionView(r: SessionRow): SessionView {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind as EducationKind,
    kindLabel: EDUCATION_KIND_LABELS[r.kind as EducationKind] ?? r.kind,
    sessionDate: r.session_date,
    hours: r.hours,
    delivery: r.delivery as EducationDelivery,
    place: r.place,
    notes: r.notes,
    attendeeCount: r.attendee_count,
    attendedHours: r.attended_hours,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function attendeeView(r: AttendeeRow): AttendeeView {
  return {
    userId: r.user_id,
    name: r.name,
    email: r.email,
    departmentId: r.department_id,
    departmentName: r.department_name,
    hours: r.hours,
    source: r.source as AttendanceSource,
    recordedAt: r.recorded_at,
  };
}
