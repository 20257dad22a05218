// /education/sessions/:id — one education session: its facts and attendees (hours, entered or
// imported), and for the proactive office the attendance roster import (template, preview with
// the result by row or every error by row and column, then import; nothing imported on an error)
// and removing an attendee; the session's history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api, call, download, type Schemas, upload } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Form, TextField, useFormProblems } from '../../components/forms';
import { RecordHistory } from '../../components/RecordHistory';
import { Empty, ErrorState, Facts, Loading, Notice, PageHeader, Table } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { currentLanguage, useTranslation } from '../../i18n';
import './shared';

type Roster = Schemas['RosterResultDto'];
type RowError = Schemas['ImportRowErrorDto'];

export default function EducationSessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('programme');
  const { hasRole } = useAuth();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const key = ['education', 'session', id];
  const session = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/education/sessions/{id}', { params: { path: { id } } })),
  });
  const crumbs = [
    { label: t('education.title'), to: '/education' },
    { label: t('education.session.crumb') },
  ];
  if (session.isPending || session.isError) {
    return (
      <>
        <PageHeader title={t('education.session.crumb')} crumbs={crumbs} />
        {session.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={session.error} onRetry={() => void session.refetch()} />
        )}
      </>
    );
  }
  const s = session.data;
  const isOffice = hasRole('PROACTIVE_OFFICE');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['education'] });

  const remove = async (userId: string, name: string) => {
    setProblem(null);
    setNotice(null);
    try {
      await call(
        api.DELETE('/api/v1/education/sessions/{id}/attendees/{userId}', {
          params: { path: { id, userId } },
        }),
      );
      await refresh();
      setNotice(t('education.session.removed', { name }));
    } catch (err) {
      setProblem(err);
    }
  };

  return (
    <>
      <PageHeader
        title={`${t('education.title')}: ${s.title}`}
        crumbs={crumbs}
        description={s.notes || undefined}
      />
      {notice && <Notice>{notice}</Notice>}
      {problem !== null && <ErrorState error={problem} />}
      <section className="gw-section" aria-labelledby="es-overview">
        <h2 id="es-overview">{t('education.session.overview')}</h2>
        <Facts
          items={[
            [t('education.col.kind'), t(`education.kind.${s.kind}`)],
            [t('education.col.date'), formatDate(s.sessionDate)],
            [t('education.col.hours'), t('common.hours', { count: s.hours })],
            [t('education.col.delivery'), t(`education.delivery.${s.delivery}`)],
            [t('education.col.place'), s.place || '–'],
            [t('education.col.attendees'), t('common.people', { count: s.attendeeCount })],
          ]}
        />
      </section>

      <section className="gw-section" aria-labelledby="es-attendees">
        <h2 id="es-attendees">{t('education.session.attendees')}</h2>
        {s.attendees.length === 0 ? (
          <Empty>{t('education.session.noAttendees')}</Empty>
        ) : (
          <Table
            caption={t('education.session.attendeesCaption', { count: s.attendees.length })}
            head={[
              t('education.session.col.name'),
              t('education.session.col.department'),
              t('education.session.col.hours'),
              t('education.session.col.source'),
              t('education.session.col.recordedAt'),
              ...(isOffice ? [t('education.session.col.remove')] : []),
            ]}
          >
            {s.attendees.map((a) => (
              <tr key={a.userId}>
                <td>{a.name}</td>
                <td>{a.departmentName ?? '–'}</td>
                <td className="gw-pg-num">{t('common.hours', { count: a.hours })}</td>
                <td>{t(`education.session.source.${a.source}`)}</td>
                <td>{formatDateTime(a.recordedAt)}</td>
                {isOffice && (
                  <td>
                    <button
                      type="button"
                      className="krds-btn tertiary small"
                      aria-label={t('education.session.remove', { name: a.name })}
                      onClick={() => void remove(a.userId, a.name)}
                    >
                      {t('education.session.col.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </Table>
        )}
      </section>

      {isOffice && (
        <RosterImport
          sessionId={id}
          onImported={async (message) => {
            await refresh();
            setNotice(message);
          }}
        />
      )}

      <RecordHistory
        queryKey={[...key, 'history']}
        load={() =>
          call(api.GET('/api/v1/education/sessions/{id}/history', { params: { path: { id } } }))
        }
        namespace="programme"
        headingId="es-history"
      />
    </>
  );
}

function RosterImport({
  sessionId,
  onImported,
}: {
  sessionId: string;
  onImported: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation('programme');
  const { problems, fail, clear } = useFormProblems();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Roster | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[] | null>(null);
  const en = currentLanguage() === 'en';

  const send = async (dryRun: boolean) => {
    clear();
    setRowErrors(null);
    if (!file) {
      fail(
        new ApiError(400, {
          code: 'VALIDATION_FAILED',
          message: t('education.session.chooseFile'),
          details: [
            { field: 'file', code: 'required', message: t('education.session.chooseFile') },
          ],
        }),
      );
      return;
    }
    setBusy(true);
    try {
      const r = await upload<Roster>(
        `/api/v1/education/sessions/${sessionId}/roster?dryRun=${dryRun}`,
        file,
      );
      setResult(r);
      if (!dryRun) {
        setFile(null);
        setInputKey((k) => k + 1);
        await onImported(t('education.session.imported', r.summary));
      }
    } catch (err) {
      setResult(null);
      if (err instanceof ApiError && err.code === 'IMPORT_INVALID') {
        const body = err.body as { rowErrors?: RowError[] } | null;
        setRowErrors(body?.rowErrors ?? []);
      }
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="gw-section" aria-labelledby="es-roster">
      <h2 id="es-roster">{t('education.session.roster')}</h2>
      <p>{t('education.session.rosterHint')}</p>
      <div className="gw-pg-actions">
        <button
          type="button"
          className="krds-btn secondary"
          onClick={() =>
            void download('/api/v1/education/roster-template', 'education-roster.xlsx').catch(fail)
          }
        >
          {t('education.session.template')}
        </button>
      </div>
      <Form
        problems={problems}
        label={t('education.session.roster')}
        onSubmit={() => void send(true)}
      >
        <TextField
          key={inputKey}
          name="file"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          label={t('education.session.file')}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
            setRowErrors(null);
          }}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn secondary" disabled={busy}>
            {t('education.session.preview')}
          </button>
          <button
            type="button"
            className="krds-btn primary"
            disabled={busy || !file || result?.dryRun !== true}
            onClick={() => void send(false)}
          >
            {t('education.session.import')}
          </button>
        </div>
      </Form>
      {result?.dryRun && (
        <>
          <p role="status">{t('education.session.previewed', result.summary)}</p>
          <Table
            caption={t('education.session.rowsCaption')}
            head={[
              t('education.session.row'),
              t('education.session.email'),
              t('education.session.col.hours'),
              t('education.session.outcome'),
            ]}
          >
            {result.rows.map((r) => (
              <tr key={r.row}>
                <td className="gw-pg-num">{r.row}</td>
                <td>{r.email}</td>
                <td className="gw-pg-num">{t('common.hours', { count: r.hours })}</td>
                <td>{t(`education.session.outcomeValue.${r.outcome}`)}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
      {rowErrors && rowErrors.length > 0 && (
        <Table
          caption={t('education.session.errorsCaption', { count: rowErrors.length })}
          head={[
            t('education.session.row'),
            t('education.session.column'),
            t('education.session.message'),
          ]}
        >
          {rowErrors.map((e, i) => (
            <tr key={i}>
              <td className="gw-pg-num">{e.row ?? '–'}</td>
              <td>{e.column ?? '–'}</td>
              <td>{en ? e.message.en : e.message.ko}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
