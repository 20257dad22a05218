// Pieces the report and pre-consultation pages share: the attachments section (list, upload,
// download, delete), the history table of a record, and small helpers for list filters kept in the
// URL. (Candidates for src/components once another page needs them.)
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiError, api, call, type Schemas, download, upload } from '../../api/client';
import { Form, TextField, useFormProblems } from '../../components/forms';
import {
  Badge,
  type BadgeTone,
  type HeadCell,
  HeaderCell,
  Dialog,
  Empty,
  ErrorState,
  HistoryReason,
  HistoryTime,
  Loading,
  Notice,
} from '../../components/ui';
import { formatDate, formatDateTime, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import './messages';
import './reports.css';

export type Attachment = Schemas['AttachmentDto'];
export type HistoryEntry = Schemas['HistoryEntryDto'];

export type ReportState = Schemas['ReportSummaryDto']['status'];

export const REPORT_STATE_TONE: Record<ReportState, BadgeTone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  RETURNED: 'warning',
  ACCEPTED: 'success',
};

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () => call(api.GET('/api/v1/departments')),
    staleTime: 10 * 60_000,
  });
}

export function useTaskOptions(year: string) {
  return useQuery({
    queryKey: ['tasks', 'options', year],
    queryFn: () =>
      call(
        api.GET('/api/v1/tasks', {
          params: {
            query: { ...(year ? { year: Number(year) } : {}), limit: 200, sort: 'code' },
          },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

export function ReportStateBadge({ state }: { state: ReportState }) {
  const { t } = useTranslation('common');
  return <Badge tone={REPORT_STATE_TONE[state]}>{t(`reportState.${state}`)}</Badge>;
}

/** On time / late N days / missing (N days overdue) / not yet submitted — in words. */
export function TimelinessBadge({
  report,
}: {
  report: Pick<Schemas['ReportSummaryDto'], 'timeliness' | 'daysLate' | 'daysOverdue'>;
}) {
  const { t } = useTranslation('reports');
  switch (report.timeliness) {
    case 'ON_TIME':
      return <Badge tone="success">{t('timeliness.ON_TIME')}</Badge>;
    case 'LATE':
      return <Badge tone="warning">{t('timeliness.LATE', { count: report.daysLate })}</Badge>;
    case 'MISSING':
      return <Badge tone="danger">{t('timeliness.MISSING', { count: report.daysOverdue })}</Badge>;
    case 'PENDING':
      return <Badge tone="neutral">{t('timeliness.PENDING')}</Badge>;
  }
}

/** A record that has files and history: a report or a pre-consultation. */
export interface RecordRef {
  kind: 'reports' | 'consultations' | 'tasks';
  id: string;
}

const basePathOf = (owner: RecordRef) => `/api/v1/${owner.kind}/${encodeURIComponent(owner.id)}`;

function deleteAttachment(owner: RecordRef, attachmentId: string): Promise<unknown> {
  const params = { path: { id: owner.id, attachmentId } };
  if (owner.kind === 'tasks')
    return call(api.DELETE('/api/v1/tasks/{id}/attachments/{attachmentId}', { params }));
  return owner.kind === 'reports'
    ? call(api.DELETE('/api/v1/reports/{id}/attachments/{attachmentId}', { params }))
    : call(api.DELETE('/api/v1/consultations/{id}/attachments/{attachmentId}', { params }));
}

function readHistory(owner: RecordRef): Promise<HistoryEntry[]> {
  const params = { path: { id: owner.id } };
  if (owner.kind === 'tasks') return call(api.GET('/api/v1/tasks/{id}/history', { params }));
  return owner.kind === 'reports'
    ? call(api.GET('/api/v1/reports/{id}/history', { params }))
    : call(api.GET('/api/v1/consultations/{id}/history', { params }));
}

/** `1.2 MB`, `340 KB`, `12 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The years a filter offers: three back, one ahead of this year in Seoul. */
export function yearOptions(): Array<{ value: string; label: string }> {
  const year = Number(seoulToday().slice(0, 4));
  return Array.from({ length: 5 }, (_, i) => year + 1 - i).map((y) => ({
    value: String(y),
    label: String(y),
  }));
}

/** Multi-line text as typed (line breaks kept), or a dash when empty. */
export function Prose({ text, empty }: { text: string | null | undefined; empty?: string }) {
  if (!text?.trim()) return <p className="gw-prose gw-prose--empty">{empty ?? '–'}</p>;
  return <p className="gw-prose">{text}</p>;
}

/** Brings the first alert inside `container` (a CSS selector) into view after a failed request. */
export function revealAlert(container: string): void {
  requestAnimationFrame(() =>
    document.querySelector(`${container} [role="alert"]`)?.scrollIntoView({ block: 'center' }),
  );
}

/** After a workflow step the page changes: back to its top, where the notice is. */
export function toTop(): void {
  requestAnimationFrame(() => window.scrollTo({ top: 0 }));
}

/**
 * The shared Table with column widths: KRDS tables lay out fixed (equal columns), which squeezes a
 * long title next to short dates. Same markup: caption, column headers.
 */
export function DataTable({
  caption,
  head,
  children,
}: {
  caption: string;
  head: HeadCell[];
  children: ReactNode;
}) {
  return (
    <div className="krds-table-wrap gw-table-wrap">
      <table className="tbl col data">
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          {head.map((h, i) => (
            <col key={i} style={h.width ? { width: h.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {head.map((h, i) => (
              <HeaderCell key={i} head={h} />
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/**
 * The options of a queue's task and department filters: tasks of the chosen year and active
 * departments, plus the chosen ones (shown even when they are not listed any more).
 */
export function useFilterOptions(f: { year: string; taskId: string; departmentId: string }) {
  const departments = useDepartments();
  const tasks = useTaskOptions(f.year);
  const taskOptions = (tasks.data?.items ?? []).map((task) => ({
    value: task.id,
    label: `${task.code} ${task.title}`,
  }));
  if (f.taskId && !taskOptions.some((o) => o.value === f.taskId)) {
    taskOptions.unshift({ value: f.taskId, label: f.taskId });
  }
  const departmentOptions = (departments.data ?? [])
    .filter((d) => d.active || d.id === f.departmentId)
    .map((d) => ({ value: d.id, label: d.name }));
  return { taskOptions, departmentOptions };
}

/** A queue's filter form (a search landmark) with its apply and reset buttons. */
export function FilterPanel({
  title,
  note,
  applyLabel,
  resetLabel,
  onApply,
  onReset,
  children,
}: {
  title: string;
  note?: string;
  applyLabel: string;
  resetLabel: string;
  onApply: () => void;
  onReset: () => void;
  children: ReactNode;
}) {
  return (
    <section className="gw-filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="sr-only">
        {title}
      </h2>
      {note && <p className="gw-subtle">{note}</p>}
      <form
        role="search"
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          onApply();
        }}
      >
        {children}
        <div className="gw-filter-actions">
          <button type="submit" className="krds-btn primary medium">
            {applyLabel}
          </button>
          <button type="button" className="krds-btn secondary medium" onClick={onReset}>
            {resetLabel}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * A fieldset's legend: KRDS hides every <legend> (screen readers only), so the same words are
 * shown once more for sighted users.
 */
export function Legend({ children }: { children: ReactNode }) {
  return (
    <>
      <legend>{children}</legend>
      <p className="gw-legend" aria-hidden="true">
        {children}
      </p>
    </>
  );
}

/** A fieldset of checkboxes (a filter with several values), labelled by its legend. */
export function CheckboxGroup<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  value: readonly V[];
  onChange: (next: V[]) => void;
}) {
  return (
    <fieldset className="gw-checks">
      <Legend>{legend}</Legend>
      <div className="gw-checks-list">
        {options.map((o) => (
          <div className="krds-form-check" key={o.value}>
            <input
              type="checkbox"
              id={`${name}-${o.value}`}
              name={name}
              value={o.value}
              checked={value.includes(o.value)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value),
                )
              }
            />
            <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The files of a report or pre-consultation: a table with download (and delete while allowed), and
 * an upload form. The API's 413 (too large) and 415 (type not allowed) answers appear next to the
 * file field.
 */
export function Attachments({
  owner,
  attachments,
  canChange,
  onChanged,
  headingLevel = 2,
}: {
  owner: RecordRef;
  attachments: Attachment[];
  canChange: boolean;
  onChanged: () => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('reports');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const { problems, fail, clear } = useFormProblems();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const basePath = basePathOf(owner);

  const send = async () => {
    setNotice(null);
    setActionError(null);
    if (!file) {
      fail(
        new ApiError(400, {
          code: 'CLIENT',
          message: t('attachments.chooseFile'),
          details: [{ field: 'file', code: 'required', message: t('attachments.chooseFile') }],
        }),
      );
      return;
    }
    setBusy(true);
    clear();
    try {
      await upload(`${basePath}/attachments`, file);
      setNotice(t('attachments.uploaded', { name: file.name }));
      setFile(null);
      setInputKey((k) => k + 1);
      onChanged();
    } catch (err) {
      fail(describeUploadError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const fetchFile = async (a: Attachment) => {
    setActionError(null);
    try {
      await download(`${basePath}/attachments/${a.id}`, a.fileName);
    } catch (err) {
      setActionError(err);
    }
  };

  const remove = async (a: Attachment) => {
    setActionError(null);
    setNotice(null);
    try {
      await deleteAttachment(owner, a.id);
      setNotice(t('attachments.deleted', { name: a.fileName }));
      onChanged();
    } catch (err) {
      setActionError(err);
    } finally {
      setDeleting(null);
    }
  };

  return (
    <section className="gw-section" aria-labelledby="attachments-heading">
      <Heading id="attachments-heading">{t('attachments.title')}</Heading>
      {notice && <Notice>{notice}</Notice>}
      {actionError !== null && <ErrorState error={actionError} />}
      {attachments.length === 0 ? (
        <Empty>{t('attachments.empty')}</Empty>
      ) : (
        <DataTable
          caption={t('attachments.caption')}
          head={[
            { label: t('attachments.name'), width: '36%' },
            { label: t('attachments.size'), width: '10%' },
            { label: t('attachments.uploadedBy'), width: '14%' },
            { label: t('attachments.uploadedAt'), width: '18%' },
            { label: t('attachments.actions'), width: '22%' },
          ]}
        >
          {attachments.map((a) => (
            <tr key={a.id}>
              <td>
                {a.fileName}
                <span className="gw-subtle"> ({a.mediaType})</span>
              </td>
              <td className="gw-num">{formatBytes(a.sizeBytes)}</td>
              <td>{a.uploadedByName}</td>
              <td>{formatDateTime(a.createdAt)}</td>
              <td>
                <div className="gw-row-actions">
                  <button
                    type="button"
                    className="krds-btn secondary small"
                    aria-label={t('attachments.downloadLabel', { name: a.fileName })}
                    onClick={() => void fetchFile(a)}
                  >
                    {t('attachments.download')}
                  </button>
                  {canChange && (
                    <button
                      type="button"
                      className="krds-btn tertiary small"
                      aria-label={t('attachments.deleteLabel', { name: a.fileName })}
                      onClick={() => setDeleting(a)}
                    >
                      {t('attachments.delete')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {canChange && (
        <div className="gw-upload">
          <Form problems={problems} onSubmit={() => void send()} label={t('attachments.upload')}>
            <TextField
              key={inputKey}
              name="file"
              type="file"
              label={t('attachments.file')}
              hint={t('attachments.fileHint')}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                clear();
              }}
            />
            <button type="submit" className="krds-btn secondary medium" disabled={busy}>
              {busy ? t('attachments.uploading') : t('attachments.upload')}
            </button>
          </Form>
        </div>
      )}
      <Dialog
        open={deleting !== null}
        title={t('attachments.deleteTitle')}
        onClose={() => setDeleting(null)}
      >
        {deleting && (
          <>
            <p>{t('attachments.deleteBody', { name: deleting.fileName })}</p>
            <div className="gw-form-actions">
              <button
                type="button"
                className="krds-btn primary medium"
                onClick={() => void remove(deleting)}
              >
                {t('attachments.delete')}
              </button>
              <button
                type="button"
                className="krds-btn secondary medium"
                onClick={() => setDeleting(null)}
              >
                {t('actions.cancel', { ns: 'common' })}
              </button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}

/** 413 and 415 in plain words (the API's own message and field detail are kept). */
function describeUploadError(err: unknown, t: (key: string) => string): unknown {
  if (!(err instanceof ApiError)) return err;
  const hasFileDetail = err.details.some((d) => d.field === 'file');
  if (err.status === 413 || err.status === 415) {
    const title = err.status === 413 ? t('attachments.tooLarge') : t('attachments.badType');
    return new ApiError(err.status, {
      code: err.code,
      message: err.message || title,
      details: hasFileDetail
        ? err.details
        : [
            {
              field: 'file',
              code: err.status === 413 ? 'maxSize' : 'allowedType',
              message: err.message,
            },
          ],
    });
  }
  return err;
}

/** The record's history (oldest first as the API gives it; shown newest first). */
export function History({
  owner,
  formatValue,
}: {
  owner: RecordRef;
  /** Words for coded values (states, types) of a field; the raw value otherwise. */
  formatValue?: (field: string, value: unknown) => string | undefined;
}) {
  const { t } = useTranslation('reports');
  const history = useQuery({
    queryKey: historyKey(owner),
    queryFn: () => readHistory(owner),
  });
  /** A value in words; `names` are the entry's (the API names the people and departments in it). */
  const show = (rawField: string, value: unknown, names: Record<string, string>): string => {
    if (value === null || value === undefined || value === '') return t('history.none');
    const field = fieldKey(rawField);
    const worded = formatValue?.(field, value);
    if (worded !== undefined) return worded;
    if (typeof value === 'string') {
      if (DATE_TIME.test(value)) return formatDateTime(value);
      if (DATE_ONLY.test(value)) return formatDate(value);
      if (UUID.test(value)) return names[value] ?? t('history.unknownRef');
    }
    if (typeof value === 'object' && value !== null && 'fileName' in value) {
      return String(value.fileName);
    }
    if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
    if (Array.isArray(value)) {
      return value.every((v) => typeof v === 'string' && UUID.test(v))
        ? value.map((v) => show(rawField, v, names)).join(', ')
        : t('history.items', { count: value.length });
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}…` : text;
  };
  const fieldLabel = (field: string) => {
    const key = fieldKey(field);
    return t(`history.fields.${key}`, { defaultValue: key });
  };

  let body: ReactNode;
  if (history.isPending) body = <Loading />;
  else if (history.isError)
    body = <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  else if (history.data.length === 0) body = <Empty>{t('history.empty')}</Empty>;
  else
    body = (
      <DataTable
        caption={t('history.caption')}
        head={[
          { label: t('history.at'), width: '15%' },
          { label: t('history.actor'), width: '11%' },
          { label: t('history.action'), width: '13%' },
          { label: t('history.reason'), width: '21%' },
          { label: t('history.changes'), width: '40%' },
        ]}
      >
        {[...history.data].reverse().map((h) => (
          <tr key={h.id}>
            <td className={h.enteredLater ? undefined : 'gw-nowrap'}>
              <HistoryTime entry={h} />
            </td>
            <td>{h.actorName ?? t('history.system')}</td>
            <td>
              {t(`history.actions.${h.action}`, {
                defaultValue: t(`common:historyActions.${h.action}`, { defaultValue: h.action }),
              })}
            </td>
            <td className="gw-prose-cell">
              <HistoryReason entry={h} />
            </td>
            <td>
              <ul className="gw-changes">
                {Object.entries(h.changes as Record<string, { from?: unknown; to?: unknown }>).map(
                  ([field, change]) => (
                    <li key={field}>
                      <span className="gw-change-field">{fieldLabel(field)}</span>
                      {': '}
                      {show(field, change?.from, h.names)} → {show(field, change?.to, h.names)}
                    </li>
                  ),
                )}
              </ul>
            </td>
          </tr>
        ))}
      </DataTable>
    );

  return (
    <section className="gw-section" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.title')}</h2>
      {body}
    </section>
  );
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A changed field's key as the messages name it: `follow_up` → `followUp`, `attachment:<id>` → `attachment`. */
function fieldKey(field: string): string {
  return field.split(':')[0].replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The query key of a record's history (invalidate it after a change). */
export const historyKey = (owner: RecordRef) => [owner.kind, owner.id, 'history'] as const;
