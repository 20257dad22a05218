// /collaborations — the 협업과제 the user may read (lead, participant or coordinator), filtered by
// kind (중점/기관관리), task status, delay, coordinator, year and "those we coordinate" (kept in the
// URL), paginated like the other lists, with the same filters as an XLSX download. The API has no
// sort parameter for this list, so its order (the API's) is shown as it comes.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call, download } from '../../api/client';
import { useAuth } from '../../app/auth';
import { CheckboxField, SelectField, TextField } from '../../components/forms';
import {
  Empty,
  ErrorState,
  Loading,
  Notice,
  PageHeader,
  Pagination,
  Table,
} from '../../components/ui';
import { formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import {
  EMPTY_FILTERS as EMPTY,
  type Filters,
  filterParams as toParams,
  listQuery,
  parseFilters as parse,
  TASK_STATUSES,
  type TaskStatus,
} from './filters';
import { DelayBadge, FocusBadge, useKnownOrganisations } from './shared';

const LIMIT = 20;

export default function CollaborationsPage() {
  const { t } = useTranslation('collaborations');
  const { t: tc } = useTranslation('common');
  const { hasRole } = useAuth();
  const [sp, setSp] = useSearchParams();
  const filters = parse(sp);
  const offset = Math.max(0, Number(sp.get('offset') ?? 0) || 0);
  const [draft, setDraft] = useState(filters);
  const organisations = useKnownOrganisations();

  const query = listQuery(filters, LIMIT, offset);
  const list = useQuery({
    queryKey: ['collaborations', 'list', query],
    queryFn: () => call(api.GET('/api/v1/collaborations', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exported, setExported] = useState(false);
  const runExport = async () => {
    setExporting(true);
    setExportError(null);
    setExported(false);
    try {
      await download(
        `/api/v1/collaborations/export.xlsx?${toParams(filters).toString()}`,
        'collaborations.xlsx',
      );
      setExported(true);
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  };

  const apply = (f: Filters, nextOffset = 0) => setSp(toParams(f, nextOffset));

  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
        actions={
          <>
            <button
              type="button"
              className="krds-btn secondary"
              disabled={exporting}
              onClick={() => void runExport()}
            >
              {t('list.exportXlsx')}
            </button>
            {hasRole('PROACTIVE_OFFICE') && (
              <Link className="krds-btn primary" to="/collaborations/new">
                {t('list.new')}
              </Link>
            )}
          </>
        }
      />
      <div aria-live="polite">
        {exporting && <Loading label={t('list.exporting')} />}
        {exported && <Notice>{t('list.exported')}</Notice>}
      </div>
      {exportError !== null && <ErrorState error={exportError} />}

      <form
        className="gw-filters"
        aria-label={t('list.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <div className="gw-form-row">
          <SelectField
            name="focus"
            label={t('list.focus')}
            value={draft.focus}
            placeholder={t('list.all')}
            options={['true', 'false'].map((v) => ({ value: v, label: t(`focus.${v}`) }))}
            onChange={(e) => setDraft((d) => ({ ...d, focus: e.target.value as Filters['focus'] }))}
          />
          <SelectField
            name="status"
            label={t('list.status')}
            value={draft.status}
            placeholder={t('list.all')}
            options={TASK_STATUSES.map((s) => ({ value: s, label: tc(`taskStatus.${s}`) }))}
            onChange={(e) => setDraft((d) => ({ ...d, status: e.target.value as TaskStatus }))}
          />
          <SelectField
            name="delayed"
            label={t('list.delayed')}
            value={draft.delayed}
            placeholder={t('list.all')}
            options={[
              { value: 'true', label: t('list.delayedOnly') },
              { value: 'false', label: t('list.notDelayed') },
            ]}
            onChange={(e) =>
              setDraft((d) => ({ ...d, delayed: e.target.value as Filters['delayed'] }))
            }
          />
          <SelectField
            name="coordinatorOrganisationId"
            label={t('list.coordinator')}
            value={draft.coordinatorOrganisationId}
            placeholder={t('list.all')}
            options={organisations.options}
            onChange={(e) => setDraft((d) => ({ ...d, coordinatorOrganisationId: e.target.value }))}
          />
          <TextField
            name="year"
            label={t('list.year')}
            hint={t('list.yearHint')}
            inputMode="numeric"
            maxLength={4}
            value={draft.year}
            onChange={(e) => setDraft((d) => ({ ...d, year: e.target.value.trim() }))}
          />
        </div>
        <CheckboxField
          name="coordinated"
          label={t('list.coordinated')}
          checked={draft.coordinated}
          onChange={(e) => setDraft((d) => ({ ...d, coordinated: e.target.checked }))}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary">
            {t('list.apply')}
          </button>
          <button
            type="button"
            className="krds-btn secondary"
            onClick={() => {
              setDraft(EMPTY);
              apply(EMPTY);
            }}
          >
            {t('list.reset')}
          </button>
        </div>
      </form>

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('list.empty')}</Empty>
      ) : (
        <>
          <Table
            caption={t('list.caption', { count: list.data.total })}
            head={[
              t('list.task'),
              t('list.focus'),
              t('list.lead'),
              t('list.coordinator'),
              t('list.status'),
              t('list.progress'),
              t('list.delay'),
              t('list.participants'),
              t('list.agreement'),
            ]}
          >
            {list.data.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/collaborations/${c.id}`}>
                    {c.task.code} {c.task.title}
                  </Link>
                </td>
                <td>
                  <FocusBadge focus={c.focus} />
                </td>
                <td>{c.leadOrganisation.name}</td>
                <td>{c.coordinatorOrganisation.name}</td>
                <td className="gw-co-nowrap">{tc(`taskStatus.${c.task.status}`)}</td>
                <td className="gw-co-nowrap">
                  {formatPercent(c.task.progress, { isPercent: true })}
                </td>
                <td>
                  <DelayBadge task={c.task} />
                </td>
                <td className="gw-co-nowrap">{c.participantsCount}</td>
                <td className="gw-co-nowrap">
                  {c.agreementsMissing > 0
                    ? t('list.agreementsMissing', { count: c.agreementsMissing })
                    : t('list.allAgreed')}
                </td>
              </tr>
            ))}
          </Table>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={(o) => apply(filters, o)}
          />
        </>
      )}
    </>
  );
}
