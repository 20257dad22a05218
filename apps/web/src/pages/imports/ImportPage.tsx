// /admin/imports: spreadsheet imports (issue 19). Pick what to import, download its template,
// preview the file (nothing saved: the per-row result, or every error by row and column), then
// import it. ADMIN imports departments and users, PROACTIVE_OFFICE tasks and milestones.
import { useEffect, useRef, useState } from 'react';
import { ApiError, download, type Schemas, upload } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Form, RadioGroup, TextField, useFormProblems } from '../../components/forms';
import { Badge, type BadgeTone, ErrorState, Notice, PageHeader, Table } from '../../components/ui';
import { currentLanguage, useTranslation } from '../../i18n';
import './messages';

type Kind = 'departments' | 'users' | 'tasks' | 'milestones';
type Result = Schemas['ImportResultDto'];
type RowError = Schemas['ImportRowErrorDto'];

const KINDS_BY_ROLE: ReadonlyArray<[Kind, 'ADMIN' | 'PROACTIVE_OFFICE']> = [
  ['departments', 'ADMIN'],
  ['users', 'ADMIN'],
  ['tasks', 'PROACTIVE_OFFICE'],
  ['milestones', 'PROACTIVE_OFFICE'],
];

const TONES: Record<Result['rows'][number]['outcome'], BadgeTone> = {
  created: 'success',
  updated: 'info',
  unchanged: 'neutral',
};

/** The problems of a 400 IMPORT_INVALID, with how many there were in all. */
function rowErrorsOf(err: unknown): { list: RowError[]; total: number } | null {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_INVALID') return null;
  const body = err.body as { rowErrors?: RowError[]; rowErrorCount?: number } | null;
  const list = body?.rowErrors ?? [];
  return { list, total: body?.rowErrorCount ?? list.length };
}

export function ImportPage() {
  const { t } = useTranslation('imports');
  const { hasRole } = useAuth();
  const kinds = KINDS_BY_ROLE.filter(([, role]) => hasRole(role)).map(([k]) => k);
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'departments');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [rowErrors, setRowErrors] = useState<{ list: RowError[]; total: number } | null>(null);
  const [templateError, setTemplateError] = useState<unknown>(null);
  const { problems, fail, clear } = useFormProblems();
  const resultRef = useRef<HTMLDivElement>(null);

  // A new answer moves focus to it, so a screen reader reads the summary or the errors next.
  useEffect(() => {
    if (result || rowErrors) resultRef.current?.focus();
  }, [result, rowErrors]);

  if (!kinds.length) {
    return (
      <>
        <PageHeader
          title={t('title')}
          crumbs={[{ label: t('crumb'), to: '/admin' }, { label: t('title') }]}
        />
        <p className="gw-alert gw-alert--warning" role="alert">
          {t('forbidden')}
        </p>
      </>
    );
  }

  const reset = () => {
    setResult(null);
    setRowErrors(null);
    clear();
  };

  const send = async (dryRun: boolean) => {
    reset();
    if (!file) {
      fail(
        new ApiError(400, {
          code: 'CLIENT',
          message: t('chooseFile'),
          details: [{ field: 'file', code: 'required', message: t('chooseFile') }],
        }),
      );
      return;
    }
    setBusy(dryRun ? 'preview' : 'import');
    try {
      const answer = await upload<Result>(
        `/api/v1/imports/${kind}${dryRun ? '?dryRun=true' : ''}`,
        file,
      );
      setResult(answer);
      if (!dryRun) {
        // The file is in; a second click would only find everything unchanged.
        setFile(null);
        setInputKey((k) => k + 1);
      }
    } catch (err) {
      const errors = rowErrorsOf(err);
      if (errors) setRowErrors(errors);
      else fail(err);
    } finally {
      setBusy(null);
    }
  };

  const template = async () => {
    setTemplateError(null);
    try {
      await download(`/api/v1/imports/${kind}/template`, `${t(`kinds.${kind}`)}.xlsx`);
    } catch (err) {
      setTemplateError(err);
    }
  };

  const canImport = !!file && result?.dryRun === true && result.kind === kind && !busy;
  const language = currentLanguage();
  const passwords = result?.rows.some((r) => r.temporaryPassword) ?? false;

  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('crumb'), to: '/admin' }, { label: t('title') }]}
        description={t('description')}
      />
      <Form problems={problems} onSubmit={() => void send(true)} label={t('title')}>
        <RadioGroup
          name="kind"
          legend={t('kind')}
          options={kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          value={kind}
          onChange={(k) => {
            setKind(k);
            reset();
          }}
        />
        <p className="form-hint">{t(`kindHint.${kind}`)}</p>
        <p>
          <button
            type="button"
            className="krds-btn secondary medium"
            onClick={() => void template()}
          >
            {t('template')}
          </button>
        </p>
        {templateError !== null && <ErrorState error={templateError} />}
        <TextField
          key={inputKey}
          name="file"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          label={t('file')}
          hint={t('fileHint')}
          required
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            reset();
          }}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn secondary medium" disabled={busy !== null}>
            {busy === 'preview' ? t('previewing') : t('preview')}
          </button>
          <button
            type="button"
            className="krds-btn primary medium"
            disabled={!canImport}
            aria-describedby="import-hint"
            onClick={() => void send(false)}
          >
            {busy === 'import' ? t('importing') : t('import')}
          </button>
        </div>
        <p className="form-hint" id="import-hint">
          {t('importHint')}
        </p>
      </Form>

      <div ref={resultRef} tabIndex={-1} className="gw-section" aria-live="polite">
        {rowErrors && (
          <>
            <div className="gw-alert gw-alert--danger" role="alert">
              <strong>{t('errorsTitle')}</strong>
              {rowErrors.total > rowErrors.list.length && (
                <p>{t('errorsMore', { total: rowErrors.total, shown: rowErrors.list.length })}</p>
              )}
            </div>
            <Table
              caption={t('errorsCaption', { count: rowErrors.total })}
              captionHidden={false}
              head={[t('colSheet'), t('colRow'), t('colColumn'), t('colError')]}
            >
              {rowErrors.list.map((e, i) => (
                <tr key={i}>
                  <td>{e.sheet ?? t('none')}</td>
                  <td className="gw-num">{e.row ?? t('whole')}</td>
                  <td>{e.column ?? t('whole')}</td>
                  <td>{e.message[language]}</td>
                </tr>
              ))}
            </Table>
          </>
        )}
        {result && (
          <>
            {result.dryRun ? (
              <div className="gw-alert gw-alert--info" role="status">
                <strong>{t('previewNotice')}</strong>
                <p>{t('previewSummary', result.summary)}</p>
              </div>
            ) : (
              <Notice>
                <strong>{t('done')}</strong> {t('summary', result.summary)}
              </Notice>
            )}
            {passwords && (
              <p className="gw-alert gw-alert--warning" role="alert">
                {t('passwordsWarning')}
              </p>
            )}
            {result.ignoredColumns.length > 0 && (
              <p className="form-hint">
                {t('ignored', { columns: result.ignoredColumns.map((c) => c.column).join(', ') })}
              </p>
            )}
            <Table
              caption={t('resultCaption', { count: result.rows.length })}
              captionHidden={false}
              head={[
                t('colSheet'),
                t('colRow'),
                t('colKey'),
                t('colOutcome'),
                result.dryRun ? t('colChanges') : t('colChanged'),
                ...(passwords ? [t('colPassword')] : []),
              ]}
            >
              {result.rows.map((r) => (
                <tr key={`${r.sheet ?? ''}-${r.row}`}>
                  <td>{r.sheet ?? t('none')}</td>
                  <td className="gw-num">{r.row}</td>
                  <td>{r.key}</td>
                  <td>
                    <Badge tone={TONES[r.outcome]}>
                      {t(`${result.dryRun ? 'previewOutcome' : 'outcome'}.${r.outcome}`)}
                    </Badge>
                  </td>
                  <td>{r.changes.length ? r.changes.join(', ') : t('none')}</td>
                  {passwords && (
                    <td>
                      <code>{r.temporaryPassword ?? t('none')}</code>
                    </td>
                  )}
                </tr>
              ))}
            </Table>
          </>
        )}
      </div>
    </>
  );
}
