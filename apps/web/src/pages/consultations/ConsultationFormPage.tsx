// /consultations/new — the request form (CreateConsultationDto): subject, facts, question, laws,
// the department's own review, options 갑설/을설, desired answer date, private-interest declaration
// and an optional task (`?taskId=` preselects one). Saving creates a DRAFT and opens its page.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { clearDraft, readDraft, useAutosave } from '../../components/drafts';
import { Form, useFormProblems } from '../../components/forms';
import { PageHeader } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import {
  ALL_REQUEST_FIELDS,
  type RequestField,
  RequestFields,
  type RequestValues,
  emptyRequest,
  requestBody,
} from './shared';
import './messages';

export default function ConsultationFormPage() {
  const { t } = useTranslation('consultations');
  const { hasRole, user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [sp] = useSearchParams();
  // What the user wrote and did not save is kept in this browser and offered back on the next visit.
  const draftKey = `consultation.new.${user?.id ?? ''}`;
  const [empty] = useState(() => emptyRequest(sp.get('taskId') ?? ''));
  const [restored, setRestored] = useState(() => readDraft<RequestValues>(draftKey));
  const [values, setValues] = useState<RequestValues>(() => restored?.value ?? empty);
  const draftSavedAt = useAutosave(
    draftKey,
    JSON.stringify(values) === JSON.stringify(empty) ? null : values,
  );
  const discardDraft = () => {
    clearDraft(draftKey);
    setRestored(null);
    setValues(empty);
  };
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);

  const change = <K extends RequestField>(key: K, value: RequestValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    setBusy(true);
    clear();
    try {
      const body = requestBody(values, ALL_REQUEST_FIELDS);
      const created = await call(
        api.POST('/api/v1/consultations', {
          body: { ...body, subject: values.subject },
        }),
      );
      clearDraft(draftKey);
      queryClient.setQueryData(['consultations', created.id], created);
      void queryClient.invalidateQueries({ queryKey: ['consultations', 'list'] });
      void navigate(`/consultations/${created.id}`);
    } catch (err) {
      fail(err);
      requestAnimationFrame(() =>
        document.querySelector('[role="alert"]')?.scrollIntoView({ block: 'center' }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('form.title')}
        crumbs={[{ label: t('title'), to: '/consultations' }, { label: t('form.title') }]}
        description={t('form.description')}
      />
      {!hasRole('STAFF', 'DEPT_HEAD') && (
        <p className="gw-alert gw-alert--info">{t('form.forbidden')}</p>
      )}
      <div className="gw-panel gw-form-narrow">
        {restored && (
          <div className="gw-alert gw-alert--warning" role="status">
            <p>{t('form.draftRestored', { at: formatDateTime(restored.savedAt) })}</p>
            <button type="button" className="krds-btn secondary small" onClick={discardDraft}>
              {t('form.draftDiscard')}
            </button>
          </div>
        )}
        <Form problems={problems} onSubmit={() => void save()} label={t('form.title')}>
          <RequestFields values={values} onChange={change} />
          <div className="gw-form-actions">
            <button type="submit" className="krds-btn primary medium" disabled={busy}>
              {busy ? t('form.saving') : t('form.save')}
            </button>
            <Link to="/consultations" className="krds-btn secondary medium">
              {t('form.cancel')}
            </Link>
          </div>
          {draftSavedAt && (
            <p className="gw-subtle" aria-live="polite">
              {t('form.draftSaved', { at: formatDateTime(draftSavedAt) })}
            </p>
          )}
        </Form>
      </div>
    </>
  );
}
