// 포상 인사 집행: award records of the organisation's officials and of the rounds it organised,
// with the HR status; the official's own 적극행정 office records it (a version conflict is shown).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  FormActions,
  SelectField,
  TextAreaField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { Badge, Dialog, Empty, ErrorState, Loading, Notice, Table } from '../../components/ui';
import { formatWon } from '../../format';
import { currentLanguage, useTranslation } from '../../i18n';
import { type ContestAward } from './shared';

const HR_STATUSES = ['PENDING', 'EXECUTED', 'NOT_EXECUTED'] as const;

export function AwardsSection({ roundId }: { roundId?: string }) {
  const { t } = useTranslation('contests');
  const { user, hasRole } = useAuth();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<ContestAward | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const key = ['contest-awards', roundId ?? ''];
  const awards = useQuery({
    queryKey: key,
    queryFn: () =>
      call(api.GET('/api/v1/contests/awards', { params: { query: roundId ? { roundId } : {} } })),
  });
  const canEdit = (a: ContestAward) =>
    hasRole('PROACTIVE_OFFICE') && user?.organisationId === a.organisationId;
  const language = currentLanguage();

  return (
    <section className="gw-section" aria-labelledby="contest-awards">
      <h2 id="contest-awards">{t('awards.title')}</h2>
      <p className="form-hint">{t('awards.hint')}</p>
      {notice && <Notice>{notice}</Notice>}
      {awards.isPending ? (
        <Loading />
      ) : awards.isError ? (
        <ErrorState error={awards.error} onRetry={() => void awards.refetch()} />
      ) : awards.data.length === 0 ? (
        <Empty>{t('awards.empty')}</Empty>
      ) : (
        <Table
          caption={t('awards.caption')}
          head={[
            t('awards.round'),
            t('awards.entry'),
            t('awards.official'),
            t('awards.award'),
            t('awards.prize'),
            t('awards.bonus'),
            t('awards.hr'),
            t('awards.note'),
            t('awards.actions'),
          ]}
        >
          {awards.data.map((a) => (
            <tr key={a.id}>
              <td>
                {a.organiserName} · {a.roundTitle}
              </td>
              <td>
                <Link to={`/contests/entries/${a.entryId}`}>{a.entryTitle}</Link>
              </td>
              <td>{a.userName}</td>
              <td>
                {a.award}
                {a.commendation ? ` (${a.commendation})` : ''}
              </td>
              <td className="gw-num">{formatWon(a.prizeShareKrw, language)}</td>
              <td className="gw-num">{a.bonusPoints}</td>
              <td>
                <Badge
                  tone={
                    a.hrStatus === 'EXECUTED'
                      ? 'success'
                      : a.hrStatus === 'NOT_EXECUTED'
                        ? 'warning'
                        : 'info'
                  }
                >
                  {t(`hrStatus.${a.hrStatus}`)}
                </Badge>
              </td>
              <td>{a.hrNote ?? '–'}</td>
              <td>
                {canEdit(a) && (
                  <button
                    type="button"
                    className="krds-btn secondary small"
                    onClick={() => {
                      setNotice(null);
                      setEditing(a);
                    }}
                  >
                    {t('awards.update')}
                    <span className="sr-only">
                      {' '}
                      {a.userName} {a.entryTitle}
                    </span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog
        open={editing !== null}
        title={t('awards.updateTitle')}
        onClose={() => setEditing(null)}
      >
        {editing && (
          <AwardForm
            award={editing}
            onCancel={() => setEditing(null)}
            onReload={async () => {
              const fresh = await queryClient.fetchQuery({
                queryKey: key,
                queryFn: () =>
                  call(
                    api.GET('/api/v1/contests/awards', {
                      params: { query: roundId ? { roundId } : {} },
                    }),
                  ),
              });
              return fresh.find((a) => a.id === editing.id) ?? editing;
            }}
            onDone={async () => {
              setEditing(null);
              await queryClient.invalidateQueries({ queryKey: ['contest-awards'] });
              setNotice(t('awards.saved'));
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function AwardForm({
  award,
  onCancel,
  onReload,
  onDone,
}: {
  award: ContestAward;
  onCancel: () => void;
  onReload: () => Promise<ContestAward>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('contests');
  const [version, setVersion] = useState(award.version);
  const { values, set } = useFormValues({
    hrStatus: award.hrStatus === 'PENDING' ? 'EXECUTED' : award.hrStatus,
    hrNote: award.hrNote ?? '',
  });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.PATCH('/api/v1/contests/awards/{id}', {
          params: { path: { id: award.id } },
          body: {
            hrStatus: values.hrStatus,
            hrNote: values.hrNote.trim() || null,
            version,
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
        void onReload().then((a) => {
          setVersion(a.version);
          clear();
        })
      }
      label={t('awards.updateTitle')}
    >
      <p>
        <strong>
          {award.userName} · {award.award} · {award.entryTitle}
        </strong>
      </p>
      <SelectField
        name="hrStatus"
        label={t('awards.status')}
        required
        value={values.hrStatus}
        onChange={set('hrStatus')}
        options={HR_STATUSES.map((s) => ({ value: s, label: t(`hrStatus.${s}`) }))}
      />
      <TextAreaField
        name="hrNote"
        label={t('awards.note')}
        maxLength={2000}
        rows={3}
        value={values.hrNote}
        onChange={set('hrNote')}
      />
      <FormActions busy={busy} submitLabel={t('panel.save')} onCancel={onCancel} />
    </Form>
  );
}
