// 나의 업무: what waits on the signed-in user, one section per kind of work their roles bring —
// tasks they own, reports to submit or review, pre-consultations to act on, nominations to score.
import { useQueries, useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { type User, useAuth } from '../../app/auth';
import { Badge, Empty, ErrorState, Loading, PageHeader, Table } from '../../components/ui';
import { formatDate, formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import '../tasks/labels';
import { DelayedBadge, REPORT_STATE_TONE, TaskStatusBadge, Timeliness } from '../tasks/shared';
import './messages';

/** For committee members only: the committee's code and messages load for them, not for all. */
const MyMeetings = lazy(() =>
  import('../committee/MyMeetings').then((m) => ({ default: m.MyMeetings })),
);

const LIMIT = 10;
const OPEN_TASK_STATES = ['DRAFT', 'PROPOSED', 'SELECTED', 'IN_PROGRESS', 'SUSPENDED'] as const;
const AUDITOR_OPEN_STATES = [
  'SCREENING',
  'ACCEPTED',
  'UNDER_REVIEW',
  'ESCALATED',
  'COMMITTEE_ADVICE',
] as const;

type Consultation = Schemas['ConsultationSummaryDto'];
type Report = Schemas['ReportSummaryDto'];
type TaskSummary = Schemas['TaskSummaryDto'];
type Nomination = Schemas['NominationDto'];

/** One block of work: heading with its count, a short table, empty/loading/error states. */
function Section({
  id,
  title,
  description,
  query,
  total,
  shown,
  emptyText,
  more,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  total: number;
  shown: number;
  emptyText: string;
  more?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('myWork');
  return (
    <section className="gwt-section" aria-labelledby={`${id}-heading`} id={id}>
      <div className="gwt-section-head">
        <h2 id={`${id}-heading`}>
          {title}{' '}
          {!query.isPending && !query.isError && (
            <span className="gwt-count">{t('count', { count: total })}</span>
          )}
        </h2>
        {more && total > 0 && (
          <Link to={more} aria-label={t('moreLabel', { section: title })}>
            {t('more')}
          </Link>
        )}
      </div>
      {description && <p className="gwt-muted">{description}</p>}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : total === 0 ? (
        <Empty>{emptyText}</Empty>
      ) : (
        <>
          {children}
          {total > shown && <p className="gwt-muted">{t('showing', { shown, total })}</p>}
        </>
      )}
    </section>
  );
}

function TaskTable({ caption, items }: { caption: string; items: TaskSummary[] }) {
  const { t } = useTranslation('myWork');
  return (
    <Table
      caption={caption}
      head={[
        t('col.code'),
        t('col.title'),
        t('col.department'),
        t('col.status'),
        t('col.progress'),
        t('col.dueDate'),
        t('col.delayed'),
      ]}
    >
      {items.map((task) => (
        <tr key={task.id}>
          <td className="gwt-nowrap">{task.code}</td>
          <td>
            <Link to={`/tasks/${task.id}`}>{task.title}</Link>
          </td>
          <td>{task.leadDepartmentName}</td>
          <td>
            <TaskStatusBadge status={task.status} />
          </td>
          <td className="gw-num">{formatPercent(task.progress, { isPercent: true })}</td>
          <td className="gwt-nowrap">{formatDate(task.dueDate)}</td>
          <td>
            <DelayedBadge delayed={task.delayed} />
          </td>
        </tr>
      ))}
    </Table>
  );
}

function ReportTable({ caption, items }: { caption: string; items: Report[] }) {
  const { t } = useTranslation('myWork');
  const { t: tc } = useTranslation();
  return (
    <Table
      caption={caption}
      head={[
        t('col.period'),
        t('col.task'),
        t('col.reportDue'),
        t('col.state'),
        t('col.timeliness'),
      ]}
    >
      {items.map((r) => (
        <tr key={r.id}>
          <td className="gwt-nowrap">
            <Link
              to={`/reports/${r.id}`}
              aria-label={t('reportLink', { code: r.taskCode, period: r.period })}
            >
              {r.period}
            </Link>
          </td>
          <td>
            {r.taskCode} {r.taskTitle}
          </td>
          <td className="gwt-nowrap">{formatDate(r.dueDate)}</td>
          <td>
            <span className="gw-badges">
              <Badge tone={REPORT_STATE_TONE[r.status]}>{tc(`reportState.${r.status}`)}</Badge>
              {r.approvalRequest && <Badge tone="info">{t('approval.badge')}</Badge>}
            </span>
          </td>
          <td>
            <Timeliness report={r} />
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Overdue({ c }: { c: Consultation }) {
  const { t } = useTranslation('myWork');
  if (!c.dueDate) return <>{t('noDeadline')}</>;
  return c.overdue ? (
    <Badge tone="danger">{t('overdueDays', { days: c.daysOverdue })}</Badge>
  ) : (
    <span className="gwt-muted">{t('onTime')}</span>
  );
}

/** The one thing to do next, in words ("신청" rather than "작성 계속" when both are allowed). */
function todoOf(c: Consultation): string {
  const actions = c.allowedActions.filter((a) => a !== 'edit' && a !== 'extend');
  return actions[0] ?? (c.allowedActions.includes('edit') ? 'edit' : 'none');
}

function ConsultationTable({
  caption,
  items,
  withTodo,
}: {
  caption: string;
  items: Consultation[];
  withTodo?: boolean;
}) {
  const { t } = useTranslation('myWork');
  const { t: tt } = useTranslation('tasks');
  return (
    <Table
      caption={caption}
      head={[
        t('col.subject'),
        t('col.requester'),
        t('col.state'),
        t('col.deadline'),
        t('col.overdue'),
        ...(withTodo ? [t('col.todo')] : []),
      ]}
    >
      {items.map((c) => (
        <tr key={c.id}>
          <td>
            <Link to={`/consultations/${c.id}`}>{c.subject}</Link>
          </td>
          <td>{c.departmentName}</td>
          <td>{tt(`consultationState.${c.status}`)}</td>
          <td className="gwt-nowrap">{formatDate(c.dueDate) || '–'}</td>
          <td>
            <Overdue c={c} />
          </td>
          {withTodo && <td>{t(`todo.${todoOf(c)}`)}</td>}
        </tr>
      ))}
    </Table>
  );
}

function MyTasks({ user }: { user: User }) {
  const { t } = useTranslation('myWork');
  const q = useQuery({
    queryKey: ['tasks', 'list', 'myWork', user.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/tasks', {
          params: {
            query: {
              ownerId: user.id,
              status: [...OPEN_TASK_STATES],
              sort: 'dueDate',
              order: 'asc',
              limit: LIMIT,
            },
          },
        }),
      ),
  });
  return (
    <Section
      id="my-tasks"
      title={t('tasks.heading')}
      description={t('tasks.description')}
      query={q}
      total={q.data?.total ?? 0}
      shown={q.data?.items.length ?? 0}
      emptyText={t('tasks.empty')}
      more={`/tasks?ownerId=${user.id}&sort=dueDate`}
    >
      <TaskTable caption={t('tasks.caption')} items={q.data?.items ?? []} />
    </Section>
  );
}

function ProposedTasks() {
  const { t } = useTranslation('myWork');
  const q = useQuery({
    queryKey: ['tasks', 'list', 'myWork', 'proposed'],
    queryFn: () =>
      call(
        api.GET('/api/v1/tasks', {
          params: { query: { status: ['PROPOSED'], sort: 'dueDate', order: 'asc', limit: LIMIT } },
        }),
      ),
  });
  return (
    <Section
      id="proposed-tasks"
      title={t('proposed.heading')}
      description={t('proposed.description')}
      query={q}
      total={q.data?.total ?? 0}
      shown={q.data?.items.length ?? 0}
      emptyText={t('proposed.empty')}
      more="/tasks?status=PROPOSED"
    >
      <TaskTable caption={t('proposed.caption')} items={q.data?.items ?? []} />
    </Section>
  );
}

/**
 * Reports of the user's department, one section of 나의 업무: those to submit (draft or returned),
 * or those its staff asked the head to submit (결재 요청), by due date.
 */
function DepartmentReports({ user, kind }: { user: User; kind: 'reports' | 'approval' }) {
  const { t } = useTranslation('myWork');
  const filter =
    kind === 'approval'
      ? { approvalRequested: true }
      : { status: ['DRAFT' as const, 'RETURNED' as const] };
  const q = useQuery({
    queryKey: ['reports', 'myWork', kind, user.departmentId],
    queryFn: () =>
      call(
        api.GET('/api/v1/reports', {
          params: {
            query: {
              departmentId: user.departmentId,
              ...filter,
              sort: 'dueDate',
              order: 'asc',
              limit: LIMIT,
            },
          },
        }),
      ),
  });
  return (
    <Section
      id={kind === 'approval' ? 'approval-reports' : 'my-reports'}
      title={t(`${kind}.heading`)}
      description={t(`${kind}.description`, { department: user.departmentName })}
      query={q}
      total={q.data?.total ?? 0}
      shown={q.data?.items.length ?? 0}
      emptyText={t(`${kind}.empty`)}
      more="/reports"
    >
      <ReportTable caption={t(`${kind}.caption`)} items={q.data?.items ?? []} />
    </Section>
  );
}

function ReportsToReview() {
  const { t } = useTranslation('myWork');
  const q = useQuery({
    queryKey: ['reports', 'myWork', 'review'],
    queryFn: () =>
      call(
        api.GET('/api/v1/reports', {
          params: { query: { status: ['SUBMITTED'], sort: 'dueDate', order: 'asc', limit: LIMIT } },
        }),
      ),
  });
  return (
    <Section
      id="review-reports"
      title={t('review.heading')}
      description={t('review.description')}
      query={q}
      total={q.data?.total ?? 0}
      shown={q.data?.items.length ?? 0}
      emptyText={t('review.empty')}
      more="/reports"
    >
      <ReportTable caption={t('review.caption')} items={q.data?.items ?? []} />
    </Section>
  );
}

function AssignedConsultations() {
  const { t } = useTranslation('myWork');
  const q = useQuery({
    queryKey: ['consultations', 'myWork', 'assigned'],
    queryFn: () =>
      call(
        api.GET('/api/v1/consultations', {
          params: {
            query: {
              assignedToMe: true,
              status: [...AUDITOR_OPEN_STATES],
              sort: 'dueDate',
              order: 'asc',
              limit: LIMIT,
            },
          },
        }),
      ),
  });
  return (
    <Section
      id="assigned-consultations"
      title={t('assigned.heading')}
      description={t('assigned.description')}
      query={q}
      total={q.data?.total ?? 0}
      shown={q.data?.items.length ?? 0}
      emptyText={t('assigned.empty')}
      more="/consultations"
    >
      <ConsultationTable caption={t('assigned.caption')} items={q.data?.items ?? []} />
    </Section>
  );
}

function ScreeningConsultations() {
  const { t } = useTranslation('myWork');
  const q = useQuery({
    queryKey: ['consultations', 'myWork', 'screening'],
    queryFn: () =>
      call(
        api.GET('/api/v1/consultations', {
          params: {
            query: { status: ['SUBMITTED'], sort: 'dueDate', order: 'asc', limit: LIMIT },
          },
        }),
      ),
  });
  return (
    <Section
      id="screening-consultations"
      title={t('screening.heading')}
      description={t('screening.description')}
      query={q}
      total={q.data?.total ?? 0}
      shown={q.data?.items.length ?? 0}
      emptyText={t('screening.empty')}
      more="/consultations"
    >
      <ConsultationTable caption={t('screening.caption')} items={q.data?.items ?? []} />
    </Section>
  );
}

function DepartmentConsultations({ user }: { user: User }) {
  const { t } = useTranslation('myWork');
  const q = useQuery({
    queryKey: ['consultations', 'myWork', 'department', user.departmentId],
    queryFn: () =>
      call(
        api.GET('/api/v1/consultations', {
          params: {
            query: {
              departmentId: user.departmentId,
              status: ['DRAFT', 'OPINION_ISSUED'],
              sort: 'updatedAt',
              order: 'desc',
              limit: LIMIT,
            },
          },
        }),
      ),
  });
  return (
    <Section
      id="department-consultations"
      title={t('deptConsultations.heading')}
      description={t('deptConsultations.description', { department: user.departmentName })}
      query={q}
      total={q.data?.total ?? 0}
      shown={q.data?.items.length ?? 0}
      emptyText={t('deptConsultations.empty')}
      more="/consultations"
    >
      <ConsultationTable
        caption={t('deptConsultations.caption')}
        items={q.data?.items ?? []}
        withTodo
      />
    </Section>
  );
}

/** Rounds in scoring where I am a member → their nominations I have not scored (no conflict). */
function NominationsToScore() {
  const { t } = useTranslation('myWork');
  const rounds = useQuery({
    queryKey: ['evaluations', 'myWork', 'rounds'],
    queryFn: () => call(api.GET('/api/v1/evaluation-rounds')),
  });
  const scoring = (rounds.data ?? []).filter((r) => r.isMember && r.status === 'SCORING');
  const nominations = useQueries({
    queries: scoring.map((r) => ({
      queryKey: ['evaluations', 'myWork', 'nominations', r.id],
      queryFn: () =>
        call(
          api.GET('/api/v1/evaluation-rounds/{id}/nominations', {
            params: { path: { id: r.id } },
          }),
        ),
    })),
  });
  const owed: Array<{ n: Nomination; round: (typeof scoring)[number] }> = [];
  scoring.forEach((round, i) => {
    for (const n of nominations[i]?.data ?? []) {
      if (['VERIFIED', 'SCORED', 'GRADED'].includes(n.status) && !n.myScored && !n.myConflict) {
        owed.push({ n, round });
      }
    }
  });
  const failed = rounds.isError ? rounds : nominations.find((q) => q.isError);
  const state = {
    isPending: rounds.isPending || nominations.some((q) => q.isPending),
    isError: !!failed,
    error: failed?.error ?? null,
    refetch: () => {
      void rounds.refetch();
      for (const q of nominations) void q.refetch();
    },
  };
  return (
    <Section
      id="scoring"
      title={t('scoring.heading')}
      description={t('scoring.description')}
      query={state}
      total={owed.length}
      shown={owed.length}
      emptyText={scoring.length ? t('scoring.empty') : t('scoring.none')}
      more="/evaluations"
    >
      <Table
        caption={t('scoring.caption')}
        head={[t('col.nomination'), t('col.type'), t('col.round'), t('col.scoringDue')]}
      >
        {owed.map(({ n, round }) => (
          <tr key={n.id}>
            <td>
              <Link to={`/nominations/${n.id}`}>{n.title}</Link>
            </td>
            <td>{t(`nominationType.${n.type}`)}</td>
            <td>{round.title}</td>
            <td className="gwt-nowrap">{formatDate(round.scoringDue)}</td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}

export default function MyWorkPage() {
  const { t } = useTranslation('myWork');
  const { user, hasRole } = useAuth();
  if (!user) return <Loading />;
  const department = hasRole('STAFF', 'DEPT_HEAD');
  const office = hasRole('PROACTIVE_OFFICE');
  const auditor = hasRole('AUDITOR');
  const reviewer = hasRole('AUDITOR', 'PROACTIVE_OFFICE');
  const committee = hasRole('COMMITTEE');
  const any = department || office || auditor || committee;

  return (
    <div className="gwt-page">
      <PageHeader title={t('title')} description={t('description', { name: user.name })} />
      {!any && <Empty>{t('noRoles')}</Empty>}
      {hasRole('DEPT_HEAD') && <DepartmentReports user={user} kind="approval" />}
      {department && <MyTasks user={user} />}
      {department && <DepartmentReports user={user} kind="reports" />}
      {department && <DepartmentConsultations user={user} />}
      {office && <ProposedTasks />}
      {reviewer && <ReportsToReview />}
      {auditor && <AssignedConsultations />}
      {auditor && <ScreeningConsultations />}
      {committee && <NominationsToScore />}
      {committee && (
        <Suspense fallback={<Loading />}>
          <MyMeetings />
        </Suspense>
      )}
    </div>
  );
}
