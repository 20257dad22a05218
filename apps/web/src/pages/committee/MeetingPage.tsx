// /committee/meetings/:id — one meeting: its details and composition warnings, the members sitting
// on its date with their attendance, the agenda with each item's outcome, and what the API's
// allowedActions permit (change, hold with the attendance, correct the attendance, put an item on
// the agenda — its subject picked from the lists of the deciding contexts — and close).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, call } from '../../api/client';
import {
  CheckboxGroup,
  Form,
  FormActions,
  FormAlert,
  SelectField,
  TextField,
  useFormProblems,
} from '../../components/forms';
import {
  Badge,
  Dialog,
  Empty,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { formatDate } from '../../format';
import { useTranslation } from '../../i18n';
import { MeetingFields, meetingBody, type MeetingValues } from './CommitteePage';
import {
  CompositionWarnings,
  type Meeting,
  MeetingStatusBadge,
  OutcomeBadge,
  SUBJECT_KINDS,
  type SubjectKind,
} from './shared';

type Action = Meeting['allowedActions'][number];

export default function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('committee');
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [open, setOpen] = useState<Action | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const key = ['committee', 'meeting', id];
  const meeting = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/committee/meetings/{id}', { params: { path: { id } } })),
  });
  const crumbs = [{ label: t('title'), to: '/committee' }, { label: t('meeting.crumb') }];
  if (meeting.isPending || meeting.isError) {
    return (
      <>
        <PageHeader title={t('meeting.crumb')} crumbs={crumbs} />
        {meeting.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} />
        )}
      </>
    );
  }
  const m = meeting.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['committee'] });
  const held = m.status !== 'SCHEDULED';
  const attendees = new Set(m.attendeeIds);
  const done = async (message: string) => {
    setOpen(null);
    await refresh();
    setNotice(message);
  };
  const close = async () => {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      await call(
        api.POST('/api/v1/committee/meetings/{id}/close', {
          params: { path: { id } },
          body: { version: m.version },
        }),
      );
      await refresh();
      setNotice(t('meeting.closed'));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, {}));
    } finally {
      setBusy(false);
    }
  };
  const dialogActions = m.allowedActions.filter((a) => a !== 'close');

  return (
    <>
      <PageHeader
        title={m.title}
        crumbs={[{ label: t('title'), to: '/committee' }, { label: m.title }]}
      />
      {notice && <Notice>{notice}</Notice>}
      <section className="gw-section" aria-labelledby="cm-meeting">
        <h2 id="cm-meeting">{t('meeting.overview')}</h2>
        <Facts
          items={[
            [t('meeting.status'), <MeetingStatusBadge key="s" status={m.status} />],
            [t('meeting.date'), formatDate(m.meetingDate)],
            [t('meeting.kind'), t(`kind.${m.kind}`)],
            ...(m.kind === 'WRITTEN'
              ? [
                  [
                    t('meeting.ground'),
                    `${m.writtenGround ? t(`ground.${m.writtenGround}`) : '–'}${
                      m.writtenReason ? ` — ${m.writtenReason}` : ''
                    }`,
                  ] as [string, string],
                ]
              : []),
            [t('meeting.sitting'), t('meeting.sittingCount', { count: m.sittingMembers.length })],
            [
              t('meeting.attendance'),
              held
                ? t('meeting.attendeeCount', {
                    members: m.sittingMembers.length,
                    present: m.attendeeIds.length,
                  })
                : t('meeting.notYet'),
            ],
          ]}
        />
        <CompositionWarnings warnings={m.compositionWarnings} title={t('warnings.meetingTitle')} />
      </section>

      <section className="gw-section" aria-labelledby="cm-actions">
        <h2 id="cm-actions">{t('meeting.actions')}</h2>
        {error && <FormAlert problems={{ fields: {}, error }} onReload={() => void refresh()} />}
        {m.allowedActions.length === 0 ? (
          <p>{t('meeting.noActions')}</p>
        ) : (
          <div className="gw-cm-actions">
            {dialogActions.map((a) => (
              <button
                key={a}
                type="button"
                className={`krds-btn ${a === 'hold' || a === 'addItem' ? 'primary' : 'secondary'}`}
                onClick={() => {
                  setNotice(null);
                  setError(null);
                  setOpen(a);
                }}
              >
                {t(ACTION_LABEL[a])}
              </button>
            ))}
            {m.allowedActions.includes('close') && (
              <button
                type="button"
                className="krds-btn secondary"
                disabled={busy}
                aria-describedby="cm-close-hint"
                onClick={() => void close()}
              >
                {t('meeting.close')}
              </button>
            )}
          </div>
        )}
        {m.allowedActions.includes('close') && (
          <p id="cm-close-hint" className="form-hint">
            {t('meeting.closeHint')}
          </p>
        )}
      </section>

      <section className="gw-section" aria-labelledby="cm-attendance">
        <h2 id="cm-attendance">{t('meeting.attendanceTitle')}</h2>
        {!held && <p className="form-hint">{t('meeting.sittingLive')}</p>}
        {m.sittingMembers.length === 0 ? (
          <Empty>{t('meeting.noSitting')}</Empty>
        ) : (
          <Table
            caption={t('meeting.attendanceCaption')}
            head={[
              t('members.name'),
              t('members.affiliation'),
              t('members.chair'),
              t('members.civilian'),
              t('meeting.attendance'),
            ]}
          >
            {m.sittingMembers.map((s) => (
              <tr key={s.userId}>
                <td>{s.name}</td>
                <td>{s.affiliation || '–'}</td>
                <td>{s.chair ? <Badge tone="info">{t('members.chair')}</Badge> : '–'}</td>
                <td>{s.civilian ? t('members.yes') : '–'}</td>
                <td>
                  {!held ? (
                    t('meeting.notYet')
                  ) : attendees.has(s.userId) ? (
                    <Badge tone="success">{t('meeting.present')}</Badge>
                  ) : (
                    <Badge>{t('meeting.absent')}</Badge>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section className="gw-section" aria-labelledby="cm-agenda">
        <h2 id="cm-agenda">{t('meeting.agenda')}</h2>
        {m.items.length === 0 ? (
          <Empty>{t('meeting.noItems')}</Empty>
        ) : (
          <Table
            caption={t('meeting.agendaCaption')}
            head={[
              t('meeting.seq'),
              t('meeting.subject'),
              t('meeting.itemTitle'),
              t('meeting.itemOutcome'),
            ]}
          >
            {m.items.map((i) => (
              <tr key={i.id}>
                <td className="gw-num">{i.seq}</td>
                <td>{t(`subjectKind.${i.subjectKind}`)}</td>
                <td>
                  <Link to={`/committee/agenda-items/${i.id}`}>{i.title}</Link>
                </td>
                <td>
                  <OutcomeBadge status={i.status} outcome={i.outcome} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <Dialog
        open={open !== null}
        title={open ? t(ACTION_TITLE[open]) : ''}
        onClose={() => setOpen(null)}
      >
        {(open === 'hold' || open === 'recordAttendance') && (
          <AttendanceForm
            meeting={m}
            action={open}
            onCancel={() => setOpen(null)}
            onReload={refresh}
            onDone={() => done(t(open === 'hold' ? 'meeting.held' : 'meeting.attendanceSaved'))}
          />
        )}
        {open === 'update' && (
          <EditMeetingForm
            meeting={m}
            onCancel={() => setOpen(null)}
            onReload={refresh}
            onDone={() => done(t('meeting.edited'))}
          />
        )}
        {open === 'addItem' && (
          <AddItemForm
            meetingId={m.id}
            onCancel={() => setOpen(null)}
            onDone={() => done(t('addItem.done'))}
          />
        )}
      </Dialog>
    </>
  );
}

const ACTION_LABEL: Record<Action, string> = {
  update: 'meeting.edit',
  addItem: 'addItem.open',
  hold: 'meeting.hold',
  recordAttendance: 'meeting.recordAttendance',
  close: 'meeting.close',
};
const ACTION_TITLE: Record<Action, string> = {
  ...ACTION_LABEL,
  hold: 'meeting.holdTitle',
  addItem: 'addItem.title',
};

/** The meeting's latest version, after a conflict's reload. */
const freshVersion = async (id: string) =>
  (await call(api.GET('/api/v1/committee/meetings/{id}', { params: { path: { id } } }))).version;

function AttendanceForm({
  meeting,
  action,
  onCancel,
  onReload,
  onDone,
}: {
  meeting: Meeting;
  action: 'hold' | 'recordAttendance';
  onCancel: () => void;
  onReload: () => Promise<unknown>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('committee');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(meeting.version);
  const [selected, setSelected] = useState<string[]>(meeting.attendeeIds);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const body = { version, attendeeIds: selected };
      const path = { path: { id: meeting.id } };
      if (action === 'hold') {
        await call(api.POST('/api/v1/committee/meetings/{id}/hold', { params: path, body }));
      } else {
        await call(api.PUT('/api/v1/committee/meetings/{id}/attendance', { params: path, body }));
      }
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const label = (s: Meeting['sittingMembers'][number]) =>
    [s.name, s.chair ? t('members.chair') : '', s.civilian ? t('members.civilian') : '']
      .filter(Boolean)
      .join(' · ');
  return (
    <Form
      problems={problems}
      onSubmit={() => void submit()}
      onReload={() =>
        void onReload().then(async () => {
          setVersion(await freshVersion(meeting.id));
          clear();
        })
      }
      label={t(action === 'hold' ? 'meeting.holdTitle' : 'meeting.recordAttendance')}
    >
      <CheckboxGroup
        name="attendeeIds"
        legend={t(meeting.kind === 'WRITTEN' ? 'meeting.attendeesWritten' : 'meeting.attendees')}
        hint={t('meeting.attendeesHint')}
        options={meeting.sittingMembers.map((s) => ({ value: s.userId, label: label(s) }))}
        selected={selected}
        onChange={setSelected}
        empty={t('meeting.noSitting')}
      />
      <FormActions
        busy={busy}
        submitLabel={t(action === 'hold' ? 'meeting.hold' : 'meeting.recordAttendance')}
        onCancel={onCancel}
      />
    </Form>
  );
}

function EditMeetingForm({
  meeting,
  onCancel,
  onReload,
  onDone,
}: {
  meeting: Meeting;
  onCancel: () => void;
  onReload: () => Promise<unknown>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('committee');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(meeting.version);
  const [values, setValues] = useState<MeetingValues>({
    title: meeting.title,
    meetingDate: meeting.meetingDate,
    kind: meeting.kind,
    writtenGround: meeting.writtenGround ?? '',
    writtenReason: meeting.writtenReason ?? '',
  });
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.PATCH('/api/v1/committee/meetings/{id}', {
          params: { path: { id: meeting.id } },
          body: { ...meetingBody(values), version },
        }),
      );
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      problems={problems}
      onSubmit={() => void submit()}
      onReload={() =>
        void onReload().then(async () => {
          setVersion(await freshVersion(meeting.id));
          clear();
        })
      }
      label={t('meeting.edit')}
    >
      <MeetingFields values={values} setValues={setValues} />
      <FormActions busy={busy} submitLabel={t('editMember.submit')} onCancel={onCancel} />
    </Form>
  );
}

/** What can go on the agenda now, per kind: the subjects the deciding contexts list. */
function useSubjects(kind: SubjectKind | '') {
  const evaluation = kind === 'EVALUATION_CRITERIA' || kind === 'EVALUATION_RESULTS';
  const rounds = useQuery({
    queryKey: ['evaluation-rounds', ''],
    queryFn: () => call(api.GET('/api/v1/evaluation-rounds', { params: { query: {} } })),
    enabled: evaluation,
  });
  const consultations = useQuery({
    queryKey: ['consultations', 'committee-advice'],
    queryFn: () =>
      call(
        api.GET('/api/v1/consultations', {
          params: { query: { status: ['COMMITTEE_ADVICE'], limit: 200 } },
        }),
      ),
    enabled: kind === 'CONSULTATION_ADVICE',
  });
  const opinions = useQuery({
    queryKey: ['opinion-requests', 'list', 'REFERRED', 'committee'],
    queryFn: () =>
      call(
        api.GET('/api/v1/opinion-requests', {
          params: { query: { status: 'REFERRED', limit: 200 } },
        }),
      ),
    enabled: kind === 'OPINION_REQUEST',
  });
  const contests = useQuery({
    queryKey: ['contest-rounds', 'all'],
    queryFn: () => call(api.GET('/api/v1/contests/rounds', { params: { query: {} } })),
    enabled: kind === 'CONTEST_RESULTS',
  });
  switch (kind) {
    case 'EVALUATION_CRITERIA':
    case 'EVALUATION_RESULTS':
      return {
        pending: rounds.isPending,
        error: rounds.error,
        options: (rounds.data ?? [])
          .filter((r) =>
            kind === 'EVALUATION_CRITERIA'
              ? r.status === 'NOMINATING' && !r.criteriaApprovedItemId
              : r.status === 'SCORING',
          )
          .map((r) => ({ value: r.id, label: r.title })),
      };
    case 'CONSULTATION_ADVICE':
      return {
        pending: consultations.isPending,
        error: consultations.error,
        options: (consultations.data?.items ?? []).map((c) => ({
          value: c.id,
          label: `${c.subject} (${c.departmentName})`,
        })),
      };
    case 'OPINION_REQUEST':
      return {
        pending: opinions.isPending,
        error: opinions.error,
        options: (opinions.data?.items ?? []).map((o) => ({
          value: o.id,
          label: `${o.task.code} ${o.task.title}: ${o.question.slice(0, 60)}`,
        })),
      };
    case 'CONTEST_RESULTS':
      return {
        pending: contests.isPending,
        error: contests.error,
        options: (contests.data ?? [])
          .filter((r) => r.relation.organiser)
          .map((r) => ({ value: r.id, label: `${r.year} ${r.title}` })),
      };
    case 'OTHER':
    case '':
      return {
        pending: false,
        error: null,
        options: [] as Array<{ value: string; label: string }>,
      };
  }
}

function AddItemForm({
  meetingId,
  onCancel,
  onDone,
}: {
  meetingId: string;
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('committee');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<SubjectKind | ''>('');
  const [subjectId, setSubjectId] = useState('');
  const [title, setTitle] = useState('');
  const subjects = useSubjects(kind);
  const other = kind === 'OTHER';
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.POST('/api/v1/committee/meetings/{id}/agenda-items', {
          params: { path: { id: meetingId } },
          body: {
            subjectKind: kind as SubjectKind,
            subjectId: other ? null : subjectId || null,
            title: title.trim() || null,
          },
        }),
      );
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const subjectHint = subjects.pending
    ? t('addItem.loadingSubjects')
    : subjects.options.length === 0
      ? t('addItem.noSubjects')
      : undefined;
  return (
    <Form problems={problems} onSubmit={() => void submit()} label={t('addItem.title')}>
      <SelectField
        name="subjectKind"
        label={t('addItem.kind')}
        required
        value={kind}
        placeholder={t('addItem.choose')}
        options={SUBJECT_KINDS.map((k) => ({ value: k, label: t(`subjectKind.${k}`) }))}
        hint={kind ? t(`addItem.hints.${kind}`) : undefined}
        onChange={(e) => {
          setKind(e.target.value as SubjectKind | '');
          setSubjectId('');
        }}
      />
      {kind && !other && (
        <>
          {subjects.error ? <ErrorState error={subjects.error} /> : null}
          <SelectField
            name="subjectId"
            label={t('addItem.subject')}
            required
            value={subjectId}
            placeholder={t('addItem.choose')}
            options={subjects.options}
            hint={subjectHint}
            onChange={(e) => setSubjectId(e.target.value)}
          />
        </>
      )}
      {kind && (
        <TextField
          name="title"
          label={other ? t('addItem.itemTitleOther') : t('addItem.itemTitle')}
          required={other}
          hint={other ? undefined : t('addItem.itemTitleHint')}
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      )}
      <FormActions busy={busy} submitLabel={t('addItem.submit')} onCancel={onCancel} />
    </Form>
  );
}
