// /collaborations/:id — one 협업과제 in headed sections (a contents list at the top links them, so
// later sections — TF and meetings, 협업SOS, shared reports — slot in the same way): the overview
// (task, lead, coordinator, 중점/기관관리 with the reason, review setting, plan version and the
// agreements), goals and plan, the participants (department, contact, agreement with the current
// plan version, progress of their share), the milestone shares, the coordinator's designation and
// the history. The buttons are what the API's allowedActions permit; each form shows a version
// conflict with a reload (CollaborationActions.tsx).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { RecordHistory } from '../../components/RecordHistory';
import {
  Badge,
  Dialog,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { formatDate, formatDateTime, formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import { ActionForm, type OpenAction } from './CollaborationActions';
import {
  allows,
  type Collaboration,
  collaborationKey,
  DelayBadge,
  FocusBadge,
  useCollaboration,
} from './shared';
import { Comments } from '../../components/Comments';

const SECTIONS = ['overview', 'goalsAndPlan', 'participants', 'shares', 'history'] as const;

export default function CollaborationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('collaborations');
  const { t: tc } = useTranslation('common');
  const { user } = useAuth();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t('form.created') : null,
  );
  const [open, setOpen] = useState<OpenAction | null>(null);
  // After an action the notice takes the focus (the button that opened the dialog may be gone).
  const noticeRef = useRef<HTMLDivElement>(null);
  const [announce, setAnnounce] = useState(0);
  useEffect(() => {
    if (announce) noticeRef.current?.focus();
  }, [announce]);
  const collaboration = useCollaboration(id);
  const crumbs = [{ label: t('title'), to: '/collaborations' }, { label: t('detail.crumb') }];

  if (collaboration.isPending || collaboration.isError) {
    return (
      <>
        <PageHeader title={t('detail.crumb')} crumbs={crumbs} />
        {collaboration.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={collaboration.error} onRetry={() => void collaboration.refetch()} />
        )}
      </>
    );
  }
  const c = collaboration.data;
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: collaborationKey(id) }),
      queryClient.invalidateQueries({ queryKey: ['collaborations', 'list'] }),
    ]);
  };
  const reload = async (): Promise<Collaboration> => {
    const fresh = await collaboration.refetch();
    if (fresh.data) return fresh.data;
    throw fresh.error ?? new Error('reload');
  };
  const start = (action: OpenAction) => {
    setNotice(null);
    setOpen(action);
  };
  const canEdit = allows(c, 'edit');
  const mine = c.participants.find((p) => p.organisationId === user?.organisationId);
  const agreed = c.participants.length - c.agreementsMissing;
  const orgName = new Map(c.participants.map((p) => [p.organisationId, p.organisationName]));
  const lead = c.participants.find((p) => p.role === 'LEAD');

  return (
    <>
      <PageHeader
        title={`${t('title')}: ${c.task.code} ${c.task.title}`}
        crumbs={crumbs}
        actions={
          <Link className="krds-btn secondary" to={`/tasks/${c.task.id}`}>
            {t('detail.openTask')}
          </Link>
        }
      />
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice && <Notice>{notice}</Notice>}
      </div>

      <nav className="gw-co-contents" aria-label={t('detail.contents')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#co-${s}`}>{t(`detail.${s}`)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section className="gw-section" aria-labelledby="co-overview">
        <h2 id="co-overview" tabIndex={-1}>
          {t('detail.overview')}
        </h2>
        <Facts
          items={[
            [
              t('detail.task'),
              <Link key="t" to={`/tasks/${c.task.id}`}>
                {c.task.code} {c.task.title}
              </Link>,
            ],
            [t('detail.taskStatus'), tc(`taskStatus.${c.task.status}`)],
            [t('detail.progress'), formatPercent(c.task.progress, { isPercent: true })],
            [t('detail.dueDate'), formatDate(c.task.dueDate)],
            [t('detail.delayed'), <DelayBadge key="d" task={c.task} />],
            [
              t('detail.lead'),
              t('detail.leadValue', {
                organisation: c.leadOrganisation.name,
                department: lead?.departmentName ?? c.task.leadDepartmentName,
              }),
            ],
            [t('detail.coordinator'), c.coordinatorOrganisation.name],
            [t('detail.focus'), <FocusBadge key="f" focus={c.focus} />],
            ...(c.focusDesignation?.reason
              ? [
                  [
                    t('detail.focusReason'),
                    t('detail.focusReasonValue', {
                      reason: c.focusDesignation.reason,
                      date: formatDate(c.focusDesignation.at),
                    }),
                  ] as [string, string],
                ]
              : []),
            [t('detail.reviewBy'), t(`reviewBy.${c.reviewBy}`)],
            [t('detail.reportingCadence'), t(`reportingCadence.${c.reportingCadence}`)],
            [t('detail.planVersion'), String(c.planVersion)],
            [
              t('detail.agreementState'),
              t('detail.agreementStateValue', { total: c.participants.length, agreed }),
            ],
            [t('detail.createdAt'), formatDate(c.createdAt)],
          ]}
        />
        {allows(c, 'designateFocus') && (
          <div className="gw-co-actions">
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => start({ kind: 'focus', focus: !c.focus })}
            >
              {c.focus ? t('action.undesignate') : t('action.designate')}
            </button>
          </div>
        )}
      </section>

      <section className="gw-section" aria-labelledby="co-goalsAndPlan">
        <h2 id="co-goalsAndPlan" tabIndex={-1}>
          {t('detail.goalsAndPlan')}
        </h2>
        <h3>{t('detail.goals')}</h3>
        <p className="gw-co-text">{c.goals || t('detail.noText')}</p>
        <h3>{t('detail.plan')}</h3>
        <p className="gw-co-text">{c.plan || t('detail.noText')}</p>
        {canEdit && (
          <div className="gw-co-actions">
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => start({ kind: 'edit' })}
            >
              {t('action.edit')}
            </button>
          </div>
        )}
      </section>

      <section className="gw-section" aria-labelledby="co-participants">
        <h2 id="co-participants" tabIndex={-1}>
          {t('detail.participants')}
        </h2>
        <Table
          caption={t('detail.participantsCaption')}
          head={[
            t('detail.organisation'),
            t('detail.role'),
            t('detail.department'),
            t('detail.contact'),
            t('detail.agreement', { version: c.planVersion }),
            t('detail.shareProgress'),
            ...(canEdit ? [t('detail.manage')] : []),
          ]}
        >
          {c.participants.map((p) => (
            <tr key={p.organisationId}>
              <td>{p.organisationName}</td>
              <td>{t(`role.${p.role}`)}</td>
              <td>{p.departmentName}</td>
              <td>{p.contactName ?? '–'}</td>
              <td>
                {p.agreement ? (
                  <>
                    <Badge tone="success">{t('detail.agreed')}</Badge>{' '}
                    <span className="gw-co-muted">
                      {t('detail.agreedValue', {
                        date: formatDateTime(p.agreement.agreedAt),
                        by: p.agreement.agreedByName ?? '',
                      })}
                    </span>
                  </>
                ) : (
                  <Badge tone="warning">{t('detail.notAgreed')}</Badge>
                )}
              </td>
              <td className="gw-co-nowrap">
                {p.progress.milestones === 0 ? (
                  t('detail.noShare')
                ) : (
                  <>
                    {t('detail.shareProgressValue', p.progress)}
                    {p.progress.overdue > 0 && (
                      <>
                        {' '}
                        <Badge tone="danger">
                          {t('detail.shareOverdue', { count: p.progress.overdue })}
                        </Badge>
                      </>
                    )}
                  </>
                )}
              </td>
              {canEdit && (
                <td>
                  {p.role !== 'LEAD' && (
                    <button
                      type="button"
                      className="krds-btn tertiary small"
                      aria-label={t('action.removeParticipantLabel', {
                        organisation: p.organisationName,
                      })}
                      onClick={() =>
                        start({
                          kind: 'remove',
                          organisationId: p.organisationId,
                          organisationName: p.organisationName,
                        })
                      }
                    >
                      {t('action.removeParticipant')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </Table>
        {mine && (
          <>
            <h3>{t('detail.myAgreement')}</h3>
            <p>
              {mine.agreement
                ? t('detail.myAgreed', { version: c.planVersion })
                : t('detail.myNotAgreed', { version: c.planVersion })}
            </p>
          </>
        )}
        {(canEdit || (allows(c, 'agree') && mine && !mine.agreement)) && (
          <div className="gw-co-actions">
            {allows(c, 'agree') && mine && !mine.agreement && (
              <button
                type="button"
                className="krds-btn primary"
                onClick={() => start({ kind: 'agree' })}
              >
                {t('action.agree')}
              </button>
            )}
            {canEdit && (
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => start({ kind: 'add' })}
              >
                {t('action.addParticipant')}
              </button>
            )}
          </div>
        )}
      </section>

      <section className="gw-section" aria-labelledby="co-shares">
        <h2 id="co-shares" tabIndex={-1}>
          {t('detail.shares')}
        </h2>
        {c.milestones.length === 0 ? (
          <p>{t('detail.noMilestones')}</p>
        ) : (
          <Table
            caption={t('detail.sharesCaption')}
            head={[
              t('detail.milestone'),
              t('detail.milestoneDue'),
              t('detail.weight'),
              t('detail.status'),
              t('detail.carrier'),
              ...(allows(c, 'completeShare') ? [t('detail.manage')] : []),
            ]}
          >
            {c.milestones.map((m) => (
              <tr key={m.milestoneId}>
                <td>{m.title}</td>
                <td className="gw-co-nowrap">{formatDate(m.dueDate)}</td>
                <td>{m.weight}</td>
                <td className="gw-co-nowrap">
                  {m.status === 'DONE' ? (
                    <Badge tone="success">
                      {t('milestoneStatus.DONE')} {formatDate(m.doneDate)}
                    </Badge>
                  ) : (
                    <Badge>{t('milestoneStatus.PLANNED')}</Badge>
                  )}
                </td>
                <td>
                  {m.organisationId
                    ? (orgName.get(m.organisationId) ?? '–')
                    : t('detail.unassigned')}
                </td>
                {allows(c, 'completeShare') && (
                  <td>
                    {m.status === 'PLANNED' && m.organisationId === user?.organisationId && (
                      <button
                        type="button"
                        className="krds-btn secondary small"
                        aria-label={t('action.completeLabel', { title: m.title })}
                        onClick={() => start({ kind: 'complete', milestone: m })}
                      >
                        {t('action.complete')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </Table>
        )}
        {canEdit && c.milestones.length > 0 && (
          <div className="gw-co-actions">
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => start({ kind: 'shares' })}
            >
              {t('action.shares')}
            </button>
          </div>
        )}
      </section>

      {/* Later sections of a collaboration (TF and meetings, 협업SOS, shared reports) go here. */}

      <Dialog
        open={open !== null}
        title={open ? actionTitle(t, open) : ''}
        onClose={() => setOpen(null)}
      >
        {open && (
          <ActionForm
            collaboration={c}
            action={open}
            onCancel={() => setOpen(null)}
            onReload={reload}
            onDone={async (message) => {
              setOpen(null);
              await refresh();
              await queryClient.invalidateQueries({
                queryKey: [...collaborationKey(id), 'history'],
              });
              setNotice(message);
              setAnnounce((n) => n + 1);
            }}
          />
        )}
      </Dialog>

      <Comments recordType="collaboration" recordId={id} />
      <RecordHistory
        queryKey={[...collaborationKey(id), 'history']}
        load={() =>
          call(api.GET('/api/v1/collaborations/{id}/history', { params: { path: { id } } }))
        }
        namespace="collaborations"
        headingId="co-history"
      />
    </>
  );
}

export function actionTitle(t: (key: string) => string, a: OpenAction): string {
  switch (a.kind) {
    case 'edit':
      return t('action.edit');
    case 'add':
      return t('action.addParticipant');
    case 'remove':
      return t('action.removeTitle');
    case 'shares':
      return t('action.shares');
    case 'agree':
      return t('action.agree');
    case 'focus':
      return a.focus ? t('action.designate') : t('action.undesignate');
    case 'complete':
      return t('action.complete');
  }
}
