// 저장된 보기: above a list, the views saved for it (one's own and the organisation's shared ones):
// choose one and apply it (its filters and sort go to the URL), save the current filters under a
// name (the office and ADMIN may share it with the organisation), delete one's own. Also the
// XLSX/CSV buttons of a queue, which download what the list shows now.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, call, download } from '../api/client';
import { useAuth } from '../app/auth';
import { useTranslation } from '../i18n';
import { CheckboxField, Form, TextField, useFormProblems } from './forms';
import { ConfirmDialog, Dialog, ErrorState, Loading, Notice } from './ui';
import './saved-views-messages';

export type SavedViewList = 'tasks' | 'reports' | 'consultations';

/** The URL's filters and sort as a view keeps them: without the paging offset and the marker. */
export function viewQuery(sp: URLSearchParams): string {
  const out = new URLSearchParams(sp);
  out.delete('offset');
  out.delete('f');
  return out.toString();
}

export function SavedViews({
  list,
  current,
  onApply,
}: {
  list: SavedViewList;
  /** The list's filters and sort now (viewQuery of its URL). */
  current: string;
  /** Shows the list with a view's query. */
  onApply: (query: URLSearchParams) => void;
}) {
  const { t } = useTranslation('savedViews');
  const { hasRole } = useAuth();
  const queryClient = useQueryClient();
  const id = useId();
  const views = useQuery({
    queryKey: ['saved-views', list],
    queryFn: () => call(api.GET('/api/v1/saved-views', { params: { query: { list } } })),
  });
  const [chosen, setChosen] = useState('');
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const view = views.data?.find((v) => v.id === chosen);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['saved-views', list] });

  const remove = async () => {
    if (!view) return;
    setRemoving(false);
    setError(null);
    try {
      await call(api.DELETE('/api/v1/saved-views/{id}', { params: { path: { id: view.id } } }));
      setChosen('');
      setNotice(t('removed', { name: view.name }));
      await refresh();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="gw-saved-views" aria-label={t('label')}>
      {views.isPending ? (
        <Loading />
      ) : views.isError ? (
        <ErrorState error={views.error} onRetry={() => void views.refetch()} />
      ) : (
        <>
          <div className="form-group gw-field">
            <div className="form-tit">
              <label htmlFor={`${id}-view`}>{t('label')}</label>
            </div>
            <div className="form-conts">
              <select
                id={`${id}-view`}
                name="savedView"
                className="krds-form-select"
                value={chosen}
                onChange={(e) => {
                  setChosen(e.target.value);
                  setNotice(null);
                }}
              >
                <option value="">{t('none')}</option>
                {views.data.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.shared ? t('shared', { name: v.name }) : v.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button
            type="button"
            className="krds-btn secondary medium"
            disabled={!view}
            onClick={() => {
              if (!view) return;
              onApply(new URLSearchParams(view.query));
              setNotice(t('applied', { name: view.name }));
            }}
          >
            {t('apply')}
          </button>
          {view?.deletable && (
            <button
              type="button"
              className="krds-btn tertiary medium"
              onClick={() => setRemoving(true)}
            >
              {t('remove')}
            </button>
          )}
          <button
            type="button"
            className="krds-btn secondary medium"
            onClick={() => {
              setNotice(null);
              setSaving(true);
            }}
          >
            {t('save')}
          </button>
        </>
      )}
      <div aria-live="polite" className="gw-saved-views-status">
        {notice && <Notice>{notice}</Notice>}
      </div>
      {error !== null && <ErrorState error={error} />}
      <Dialog open={saving} title={t('dialogTitle')} onClose={() => setSaving(false)}>
        <SaveViewForm
          list={list}
          query={current}
          mayShare={hasRole('PROACTIVE_OFFICE', 'ADMIN')}
          onSaved={(saved) => {
            setSaving(false);
            setChosen(saved.id);
            setNotice(t('saved', { name: saved.name }));
            void refresh();
          }}
        />
      </Dialog>
      <ConfirmDialog
        open={removing}
        title={t('confirmRemove', { name: view?.name ?? '' })}
        consequence={t('removeConsequence')}
        confirmLabel={t('removeNow')}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(false)}
      />
    </section>
  );
}

function SaveViewForm({
  list,
  query,
  mayShare,
  onSaved,
}: {
  list: SavedViewList;
  query: string;
  mayShare: boolean;
  onSaved: (view: { id: string; name: string }) => void;
}) {
  const { t } = useTranslation('savedViews');
  const { problems, fail, clear } = useFormProblems();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const saved = await call(
        api.POST('/api/v1/saved-views', {
          body: { list, name, query, shared: mayShare && shared },
        }),
      );
      onSaved(saved);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form problems={problems} onSubmit={() => void submit()} label={t('dialogTitle')}>
      <TextField
        name="name"
        label={t('name')}
        hint={t('nameHint')}
        required
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      {mayShare && (
        <CheckboxField
          name="shared"
          label={t('share')}
          hint={t('shareHint')}
          checked={shared}
          onChange={(e) => setShared(e.target.checked)}
        />
      )}
      <div className="gw-form-actions">
        <button type="submit" className="krds-btn primary" disabled={busy}>
          {t('submit')}
        </button>
      </div>
    </Form>
  );
}

/** XLSX and CSV of what a queue shows now: `path(format)` is the export URL with its filters. */
export function ExportButtons({
  path,
  fallbackName,
}: {
  path: (format: 'xlsx' | 'csv') => string;
  fallbackName: string;
}) {
  const { t } = useTranslation('savedViews');
  const [busy, setBusy] = useState<null | 'xlsx' | 'csv'>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    setDone(false);
    setError(null);
    try {
      await download(path(format), `${fallbackName}.${format}`);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {(['xlsx', 'csv'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="krds-btn secondary"
          disabled={busy !== null}
          onClick={() => void run(format)}
        >
          {t(format === 'xlsx' ? 'exportXlsx' : 'exportCsv')}
        </button>
      ))}
      <span aria-live="polite" className="gw-export-status">
        {busy && <span className="sr-only">{t('exporting')}</span>}
        {done && <span className="sr-only">{t('exported')}</span>}
      </span>
      {error !== null && <ErrorState error={error} />}
    </>
  );
}
