// 과제 상세: the task's facts, status actions (only those the API allows), editing, milestones,
// reports, pre-consultations and history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  EnteredLaterBadge,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
} from '../../components/ui';
import { formatDate, formatDateTime, formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import './messages';
import { DelayedBadge, RiskBadge, type Task, TaskStatusBadge } from './shared';
import { TaskEditForm } from './TaskEditForm';
import { TaskMilestones } from './TaskMilestones';
import { TaskConsultations, TaskHistory, TaskReports } from './TaskRelated';
import { TaskTransitions } from './TaskTransitions';
import { Comments } from '../../components/Comments';
import { Attachments } from '../reports/shared';
import { TaskPeople } from './TaskPeople';

export default function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const location = useLocation();
  const { user, hasRole } = useAuth();
  const queryClient = useQueryClient();
  const key = ['tasks', 'detail', id];
  const task = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
  });
  const created = (location.state as { created?: boolean } | null)?.created;
  const [notice, setNotice] = useState<{ text: string; focus: boolean } | null>(
    created ? { text: t('create.created'), focus: false } : null,
  );
  const [editing, setEditing] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  /** Says what happened; `focus` moves there when the control the user used is gone. */
  const announce = (text: string, focus = false) => setNotice({ text, focus });
  useEffect(() => {
    if (notice?.focus) noticeRef.current?.focus();
  }, [notice]);

  /** Refetches the task (after a conflict) and returns the newer record. */
  const reload = async (): Promise<Task | undefined> => (await task.refetch()).data;

  /** After a change: the new record, and everything derived from it, fresh. */
  const changed = async (updated?: Task) => {
    if (updated) queryClient.setQueryData(key, updated);
    await queryClient.invalidateQueries({ queryKey: ['tasks'] });
  };

  if (task.isPending) return <Loading />;
  if (task.isError) {
    return (
      <>
        <PageHeader
          title={t('detail.crumb')}
          crumbs={[{ label: t('list.title'), to: '/tasks' }, { label: t('detail.crumb') }]}
        />
        <ErrorState error={task.error} onRetry={() => void task.refetch()} />
      </>
    );
  }
  const d = task.data;
  const canEdit = d.allowedActions.includes('edit');
  const canProgress = d.allowedActions.includes('updateProgress');
  const kpi = d.kpi;
  const unit = kpi.unit ? ` ${kpi.unit}` : '';
  const num = (v: number | null) => (v === null ? '–' : `${v.toLocaleString('ko-KR')}${unit}`);

  return (
    <div className="gwt-page">
      <PageHeader
        title={`${d.code} ${d.title}`}
        crumbs={[{ label: t('list.title'), to: '/tasks' }, { label: d.code }]}
        actions={
          <>
            {!editing && (canEdit || canProgress) && (
              <button type="button" className="krds-btn secondary" onClick={() => setEditing(true)}>
                {canEdit ? t('edit.open') : t('edit.progressOpen')}
              </button>
            )}
            {hasRole('STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE') &&
              user?.organisationId === d.organisationId && (
                <Link
                  className="krds-btn tertiary"
                  to={`/opinion-requests/new?taskId=${encodeURIComponent(d.id)}`}
                >
                  {tc('nav.opinionRequestForTask')}
                </Link>
              )}
          </>
        }
      />
      <div className="gwt-status-line">
        <TaskStatusBadge status={d.status} />
        <DelayedBadge delayed={d.delayed} />
        <RiskBadge risk={d.risk} />
        {d.enteredLater && <EnteredLaterBadge />}
      </div>
      {d.enteredLater && <p className="gwt-muted gwt-late-note">{t('detail.enteredLaterNote')}</p>}
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice && <Notice>{notice.text}</Notice>}
      </div>
      {d.delayed && (
        <p className="gw-alert gw-alert--warning">
          <strong>{t('flag.delayed')}</strong> {t('detail.delayedNote')}
        </p>
      )}

      <TaskTransitions
        task={d}
        onReload={() => void reload()}
        onDone={(updated) => {
          announce(t('actions.done', { status: tc(`taskStatus.${updated.status}`) }), true);
          void changed(updated);
        }}
      />

      {editing && (
        <section className="gwt-inline-form" aria-labelledby="task-edit-heading">
          <h2 id="task-edit-heading">{canEdit ? t('edit.heading') : t('edit.progressHeading')}</h2>
          <TaskEditForm
            task={d}
            full={canEdit}
            onReload={reload}
            onSaved={(saved) => {
              setEditing(false);
              announce(t('edit.saved'), true);
              void changed(saved);
            }}
            onCancel={() => setEditing(false)}
          />
        </section>
      )}

      <section className="gwt-section" aria-labelledby="task-facts-heading">
        <h2 id="task-facts-heading">{t('detail.facts')}</h2>
        <Facts
          items={[
            [t('detail.code'), d.code],
            [t('detail.year'), String(d.year)],
            [t('detail.category'), t(`category.${d.category}`)],
            [t('detail.department'), d.leadDepartmentName],
            [t('detail.owner'), d.ownerName],
            [
              t('detail.members'),
              d.members.length
                ? d.members.map((m) => `${m.name} (${m.departmentName})`).join(', ')
                : t('detail.none'),
            ],
            [
              t('detail.partners'),
              d.partnerDepartments.length
                ? d.partnerDepartments
                    .map((p) =>
                      p.organisationId === d.organisationId
                        ? p.name
                        : `${p.organisationName} ${p.name}`,
                    )
                    .join(', ')
                : t('detail.none'),
            ],
            [t('detail.startDate'), formatDate(d.startDate)],
            [t('detail.dueDate'), formatDate(d.dueDate)],
            [t('detail.completedOn'), formatDate(d.completedOn) || '–'],
            [t('detail.status'), tc(`taskStatus.${d.status}`)],
            [t('detail.progress'), formatPercent(d.progress, { isPercent: true })],
            [
              t('detail.reportedProgress'),
              d.reportedProgress === null
                ? t('detail.reportedProgressNone')
                : formatPercent(d.reportedProgress, { isPercent: true }),
            ],
            [t('detail.risk'), t(`riskLevel.${d.risk}`)],
            [t('detail.updatedAt'), formatDateTime(d.updatedAt)],
          ]}
        />
        <h3>{t('detail.summary')}</h3>
        <p className="gwt-text">{d.summary || t('detail.none')}</p>
        <h3>{t('detail.goal')}</h3>
        <p className="gwt-text">{d.goal || t('detail.none')}</p>
        <h3>{t('detail.kpi')}</h3>
        {kpi.indicator ? (
          <Facts
            items={[
              [t('field.kpiIndicator'), kpi.indicator],
              [t('field.kpiBaseline'), num(kpi.baseline)],
              [t('field.kpiTarget'), num(kpi.target)],
              [t('field.kpiCurrent'), num(kpi.current)],
            ]}
          />
        ) : (
          <p className="gwt-muted">{t('detail.kpiNone')}</p>
        )}
      </section>

      {canEdit && (
        <TaskPeople
          task={d}
          onChanged={(u) => void changed(u)}
          announce={(text) => announce(text)}
        />
      )}
      <TaskMilestones
        task={d}
        onChanged={() => changed()}
        onReload={reload}
        announce={(text) => announce(text)}
      />
      <TaskReports
        taskId={d.id}
        canRecordPast={hasRole('PROACTIVE_OFFICE') && user?.organisationId === d.organisationId}
      />
      <TaskConsultations taskId={d.id} />
      <TaskAttachments taskId={d.id} canChange={canEdit || canProgress} />
      <Comments recordType="task" recordId={d.id} />
      <TaskHistory task={d} />
    </div>
  );
}

/** Files on the task: those who plan it or record its progress attach and remove them. */
function TaskAttachments({ taskId, canChange }: { taskId: string; canChange: boolean }) {
  const queryClient = useQueryClient();
  const files = useQuery({
    queryKey: ['tasks', 'detail', taskId, 'attachments'],
    queryFn: () =>
      call(api.GET('/api/v1/tasks/{id}/attachments', { params: { path: { id: taskId } } })),
  });
  if (!files.data) return null;
  return (
    <Attachments
      owner={{ kind: 'tasks', id: taskId }}
      attachments={files.data}
      canChange={canChange}
      onChanged={() =>
        void queryClient.invalidateQueries({ queryKey: ['tasks', 'detail', taskId] })
      }
    />
  );
}
