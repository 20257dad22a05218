// /committee — the 적극행정위원회: its rule and composition warnings (a warning, never an error),
// the members and their terms (ended ones on request), the office's appointment and changes of a
// member (chair, 민간위원, affiliation, end of term), and the meetings with the office's form to
// schedule one (in writing only with its ground and an explanation).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  CheckboxField,
  Form,
  FormActions,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
} from '../../components/forms';
import {
  Badge,
  Dialog,
  Empty,
  ErrorState,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { formatDate, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import {
  CompositionWarnings,
  type Member,
  MeetingStatusBadge,
  termText,
  warningText,
  WRITTEN_GROUNDS,
} from './shared';

export default function CommitteePage() {
  const { t } = useTranslation('committee');
  const { hasRole } = useAuth();
  const office = hasRole('PROACTIVE_OFFICE');
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
      />
      {notice && <Notice>{notice}</Notice>}
      <MembersSection office={office} onNotice={setNotice} />
      <MeetingsSection office={office} onNotice={setNotice} />
    </>
  );
}

function MembersSection({
  office,
  onNotice,
}: {
  office: boolean;
  onNotice: (message: string | null) => void;
}) {
  const { t } = useTranslation('committee');
  const queryClient = useQueryClient();
  const [includePast, setIncludePast] = useState(false);
  const [dialog, setDialog] = useState<
    { kind: 'appoint' } | { kind: 'edit'; member: Member } | null
  >(null);
  const overview = useQuery({
    queryKey: ['committee', 'overview'],
    queryFn: () => call(api.GET('/api/v1/committee')),
  });
  const members = useQuery({
    queryKey: ['committee', 'members', includePast],
    queryFn: () =>
      call(
        api.GET('/api/v1/committee/members', {
          params: { query: includePast ? { includePast: true } : {} },
        }),
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['committee'] });
  const today = overview.data?.date ?? seoulToday();
  const rows = [...(members.data ?? [])].sort(
    (a, b) => Number(b.chair) - Number(a.chair) || a.name.localeCompare(b.name, 'ko'),
  );
  const standing = (m: Member) =>
    m.termStart > today
      ? t('members.future')
      : m.termEnd && m.termEnd < today
        ? t('members.ended')
        : null;

  return (
    <section className="gw-section" aria-labelledby="cm-members">
      <h2 id="cm-members">{t('members.title')}</h2>
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          <p>
            {t('members.sitting', { count: overview.data.members.length })} ·{' '}
            {t('rule', {
              min: overview.data.rule.minMembers,
              max: overview.data.rule.maxMembers,
              percent: overview.data.rule.minCivilianPercent,
              date: formatDate(overview.data.date),
            })}
          </p>
          <CompositionWarnings warnings={overview.data.warnings} title={t('warnings.title')} />
        </>
      )}
      <div className="gw-cm-actions">
        {office && (
          <button
            type="button"
            className="krds-btn primary"
            onClick={() => {
              onNotice(null);
              setDialog({ kind: 'appoint' });
            }}
          >
            {t('appoint.open')}
          </button>
        )}
      </div>
      <CheckboxField
        name="includePast"
        label={t('members.showPast')}
        checked={includePast}
        onChange={(e) => setIncludePast(e.target.checked)}
      />
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{t('members.none')}</Empty>
      ) : (
        <Table
          caption={t('members.caption')}
          head={[
            t('members.name'),
            t('members.department'),
            t('members.affiliation'),
            t('members.chair'),
            t('members.civilian'),
            t('members.term'),
            ...(office ? [t('members.actions')] : []),
          ]}
        >
          {rows.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{m.departmentName}</td>
              <td>{m.affiliation || '–'}</td>
              <td>{m.chair ? <Badge tone="info">{t('members.chair')}</Badge> : '–'}</td>
              <td>{m.civilian ? t('members.yes') : '–'}</td>
              <td className="gw-cm-nowrap">
                {termText(t, m)}
                {standing(m) && (
                  <>
                    {' '}
                    <Badge>{standing(m)}</Badge>
                  </>
                )}
              </td>
              {office && (
                <td>
                  <button
                    type="button"
                    className="krds-btn secondary small"
                    aria-label={t('members.editLabel', { name: m.name })}
                    onClick={() => {
                      onNotice(null);
                      setDialog({ kind: 'edit', member: m });
                    }}
                  >
                    {t('members.edit')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      <Dialog
        open={dialog !== null}
        title={dialog?.kind === 'edit' ? t('editMember.title') : t('appoint.title')}
        onClose={() => setDialog(null)}
      >
        {dialog?.kind === 'appoint' && (
          <AppointForm
            onCancel={() => setDialog(null)}
            onDone={async () => {
              setDialog(null);
              await refresh();
              onNotice(t('appoint.done'));
            }}
          />
        )}
        {dialog?.kind === 'edit' && (
          <EditMemberForm
            member={dialog.member}
            onCancel={() => setDialog(null)}
            onReload={refresh}
            onDone={async () => {
              setDialog(null);
              await refresh();
              onNotice(t('editMember.done'));
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

/** Whom the office may appoint: the organisation's active COMMITTEE users (sitting ones marked). */
function useCandidates() {
  const { t } = useTranslation('committee');
  const candidates = useQuery({
    queryKey: ['committee', 'candidates'],
    queryFn: () => call(api.GET('/api/v1/committee/candidates')),
  });
  const names = new Map<string, string>();
  for (const c of candidates.data ?? []) {
    names.set(
      c.userId,
      `${c.name} (${c.departmentName})${c.sitting ? ` · ${t('appoint.sitting')}` : ''}`,
    );
  }
  return { names, pending: candidates.isPending };
}

function AppointForm({ onCancel, onDone }: { onCancel: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation('committee');
  const { names, pending } = useCandidates();
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [values, setValues] = useState({
    userId: '',
    termStart: seoulToday(),
    termEnd: '',
    chair: false,
    civilian: false,
    affiliation: '',
  });
  const options = [...names.entries()]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'ko'));
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.POST('/api/v1/committee/members', {
          body: {
            userId: values.userId,
            termStart: values.termStart,
            termEnd: values.termEnd || null,
            chair: values.chair,
            civilian: values.civilian,
            affiliation: values.affiliation,
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
  return (
    <Form problems={problems} onSubmit={() => void submit()} label={t('appoint.title')}>
      <SelectField
        name="userId"
        label={t('appoint.user')}
        required
        hint={
          pending
            ? t('addItem.loadingSubjects')
            : options.length
              ? t('appoint.userHint')
              : t('appoint.noCandidates')
        }
        value={values.userId}
        placeholder={t('appoint.choose')}
        options={options}
        onChange={(e) => setValues((v) => ({ ...v, userId: e.target.value }))}
      />
      <div className="gw-form-row">
        <TextField
          name="termStart"
          type="date"
          label={t('appoint.termStart')}
          required
          value={values.termStart}
          onChange={(e) => setValues((v) => ({ ...v, termStart: e.target.value }))}
        />
        <TextField
          name="termEnd"
          type="date"
          label={t('appoint.termEnd')}
          hint={t('appoint.termEndHint')}
          value={values.termEnd}
          onChange={(e) => setValues((v) => ({ ...v, termEnd: e.target.value }))}
        />
      </div>
      <CheckboxField
        name="chair"
        label={t('appoint.chair')}
        checked={values.chair}
        onChange={(e) => setValues((v) => ({ ...v, chair: e.target.checked }))}
      />
      <CheckboxField
        name="civilian"
        label={t('appoint.civilian')}
        checked={values.civilian}
        onChange={(e) => setValues((v) => ({ ...v, civilian: e.target.checked }))}
      />
      <TextField
        name="affiliation"
        label={t('appoint.affiliation')}
        hint={t('appoint.affiliationHint')}
        maxLength={200}
        value={values.affiliation}
        onChange={(e) => setValues((v) => ({ ...v, affiliation: e.target.value }))}
      />
      <FormActions busy={busy} submitLabel={t('appoint.submit')} onCancel={onCancel} />
    </Form>
  );
}

function EditMemberForm({
  member,
  onCancel,
  onReload,
  onDone,
}: {
  member: Member;
  onCancel: () => void;
  onReload: () => Promise<unknown>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('committee');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(member.version);
  const [values, setValues] = useState({
    termEnd: member.termEnd ?? '',
    chair: member.chair,
    civilian: member.civilian,
    affiliation: member.affiliation,
  });
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.PATCH('/api/v1/committee/members/{id}', {
          params: { path: { id: member.id } },
          body: {
            version,
            termEnd: values.termEnd || null,
            chair: values.chair,
            civilian: values.civilian,
            affiliation: values.affiliation,
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
  return (
    <Form
      problems={problems}
      onSubmit={() => void submit()}
      onReload={() =>
        void onReload().then(async () => {
          const all = await call(
            api.GET('/api/v1/committee/members', { params: { query: { includePast: true } } }),
          );
          const fresh = all.find((m) => m.id === member.id);
          if (fresh) setVersion(fresh.version);
          clear();
        })
      }
      label={t('editMember.title')}
    >
      <p>
        <strong>{member.name}</strong> ({member.departmentName}) · {termText(t, member)}
      </p>
      <TextField
        name="termEnd"
        type="date"
        label={t('appoint.termEnd')}
        hint={t('editMember.termEndHint')}
        value={values.termEnd}
        onChange={(e) => setValues((v) => ({ ...v, termEnd: e.target.value }))}
      />
      <CheckboxField
        name="chair"
        label={t('appoint.chair')}
        checked={values.chair}
        onChange={(e) => setValues((v) => ({ ...v, chair: e.target.checked }))}
      />
      <CheckboxField
        name="civilian"
        label={t('appoint.civilian')}
        checked={values.civilian}
        onChange={(e) => setValues((v) => ({ ...v, civilian: e.target.checked }))}
      />
      <TextField
        name="affiliation"
        label={t('appoint.affiliation')}
        maxLength={200}
        value={values.affiliation}
        onChange={(e) => setValues((v) => ({ ...v, affiliation: e.target.value }))}
      />
      <FormActions busy={busy} submitLabel={t('editMember.submit')} onCancel={onCancel} />
    </Form>
  );
}

function MeetingsSection({
  office,
  onNotice,
}: {
  office: boolean;
  onNotice: (message: string | null) => void;
}) {
  const { t } = useTranslation('committee');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const meetings = useQuery({
    queryKey: ['committee', 'meetings'],
    queryFn: () =>
      call(api.GET('/api/v1/committee/meetings', { params: { query: { limit: 200 } } })),
  });
  return (
    <section className="gw-section" aria-labelledby="cm-meetings">
      <h2 id="cm-meetings">{t('meetings.title')}</h2>
      {office && (
        <div className="gw-cm-actions">
          <button
            type="button"
            className="krds-btn primary"
            onClick={() => {
              onNotice(null);
              setOpen(true);
            }}
          >
            {t('meetings.create')}
          </button>
        </div>
      )}
      {meetings.isPending ? (
        <Loading />
      ) : meetings.isError ? (
        <ErrorState error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : meetings.data.length === 0 ? (
        <Empty>{t('meetings.empty')}</Empty>
      ) : (
        <Table
          caption={t('meetings.caption')}
          head={[
            t('meetings.name'),
            t('meetings.date'),
            t('meetings.kind'),
            t('meetings.status'),
            t('meetings.warnings'),
          ]}
        >
          {meetings.data.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/committee/meetings/${m.id}`}>{m.title}</Link>
              </td>
              <td className="gw-cm-nowrap">{formatDate(m.meetingDate)}</td>
              <td>{t(`kind.${m.kind}`)}</td>
              <td>
                <MeetingStatusBadge status={m.status} />
              </td>
              <td>
                {m.compositionWarnings.length === 0
                  ? t('warnings.none')
                  : m.compositionWarnings.map((w) => (
                      <span key={w.code} className="gw-cm-block">
                        <Badge tone="warning">{warningText(t, w)}</Badge>
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog open={open} title={t('createMeeting.title')} onClose={() => setOpen(false)}>
        <CreateMeetingForm
          onCancel={() => setOpen(false)}
          onDone={async () => {
            setOpen(false);
            await queryClient.invalidateQueries({ queryKey: ['committee', 'meetings'] });
            onNotice(t('createMeeting.done'));
          }}
        />
      </Dialog>
    </section>
  );
}

export function MeetingFields({
  values,
  setValues,
}: {
  values: MeetingValues;
  setValues: (update: (v: MeetingValues) => MeetingValues) => void;
}) {
  const { t } = useTranslation('committee');
  return (
    <>
      <TextField
        name="title"
        label={t('createMeeting.name')}
        required
        maxLength={200}
        placeholder={t('createMeeting.namePlaceholder')}
        value={values.title}
        onChange={(e) => setValues((v) => ({ ...v, title: e.target.value }))}
      />
      <TextField
        name="meetingDate"
        type="date"
        label={t('createMeeting.date')}
        required
        value={values.meetingDate}
        onChange={(e) => setValues((v) => ({ ...v, meetingDate: e.target.value }))}
      />
      <RadioGroup
        name="kind"
        legend={t('createMeeting.kind')}
        required
        layout="row"
        value={values.kind}
        options={(['IN_PERSON', 'WRITTEN'] as const).map((k) => ({
          value: k,
          label: t(`kind.${k}`),
        }))}
        onChange={(kind) => setValues((v) => ({ ...v, kind }))}
      />
      {values.kind === 'WRITTEN' && (
        <>
          <SelectField
            name="writtenGround"
            label={t('createMeeting.ground')}
            required
            hint={t('createMeeting.groundHint')}
            value={values.writtenGround}
            placeholder={t('createMeeting.chooseGround')}
            options={WRITTEN_GROUNDS.map((g) => ({ value: g, label: t(`ground.${g}`) }))}
            onChange={(e) =>
              setValues((v) => ({
                ...v,
                writtenGround: e.target.value as MeetingValues['writtenGround'],
              }))
            }
          />
          <TextAreaField
            name="writtenReason"
            label={t('createMeeting.reason')}
            required
            maxLength={2000}
            value={values.writtenReason}
            onChange={(e) => setValues((v) => ({ ...v, writtenReason: e.target.value }))}
          />
        </>
      )}
    </>
  );
}

export interface MeetingValues {
  title: string;
  meetingDate: string;
  kind: 'IN_PERSON' | 'WRITTEN';
  writtenGround: (typeof WRITTEN_GROUNDS)[number] | '';
  writtenReason: string;
}

/** The body of a create or change: the written ground only for a meeting in writing. */
export const meetingBody = (v: MeetingValues) => ({
  title: v.title,
  meetingDate: v.meetingDate,
  kind: v.kind,
  writtenGround: v.kind === 'WRITTEN' && v.writtenGround ? v.writtenGround : null,
  writtenReason: v.kind === 'WRITTEN' ? v.writtenReason : null,
});

function CreateMeetingForm({
  onCancel,
  onDone,
}: {
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('committee');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [values, setValues] = useState<MeetingValues>({
    title: '',
    meetingDate: seoulToday(),
    kind: 'IN_PERSON',
    writtenGround: '',
    writtenReason: '',
  });
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(api.POST('/api/v1/committee/meetings', { body: meetingBody(values) }));
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form problems={problems} onSubmit={() => void submit()} label={t('createMeeting.title')}>
      <MeetingFields values={values} setValues={setValues} />
      <FormActions busy={busy} submitLabel={t('createMeeting.submit')} onCancel={onCancel} />
    </Form>
  );
}
