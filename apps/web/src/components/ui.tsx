// Small building blocks every page uses: page header with breadcrumb and document title, loading,
// empty and error states, tables, pagination, status badges and a modal dialog, after KRDS samples.
import { isValidElement, type ReactNode, useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { formatDate, formatDateTime } from '../format';
import { useTranslation } from '../i18n';

export interface Crumb {
  label: string;
  to?: string;
}

/** The page's h1, its breadcrumb (KRDS) and the document title (announced on navigation). */
export function PageHeader({
  title,
  crumbs = [],
  actions,
  description,
}: {
  title: string;
  crumbs?: Crumb[];
  actions?: ReactNode;
  description?: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <header className="gw-page-header">
      <nav className="krds-breadcrumb-wrap" aria-label={t('breadcrumb')}>
        <ol className="breadcrumb">
          <li className="home">
            <Link to="/" className="txt">
              {t('nav.myWork')}
            </Link>
          </li>
          {crumbs.map((c) => (
            <li key={c.label}>
              {c.to ? (
                <Link to={c.to} className="txt">
                  {c.label}
                </Link>
              ) : (
                <span className="txt">{c.label}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="gw-page-title">
        <h1>{title}</h1>
        {actions && <div className="gw-page-actions">{actions}</div>}
      </div>
      {description && <p className="gw-page-description">{description}</p>}
    </header>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="gw-loading" role="status" aria-live="polite">
      <span className="gw-spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <p className="gw-empty">{children ?? t('state.empty')}</p>;
}

/** A failed load: the API's message (404/403 in plain words) and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message =
    error instanceof ApiError
      ? error.status === 404
        ? t('state.notFound')
        : error.status === 403
          ? t('state.forbidden')
          : error.message
      : t('state.error');
  return (
    <div className="gw-alert gw-alert--danger" role="alert">
      <strong>{message}</strong>
      {onRetry && (
        <button type="button" className="krds-btn secondary small" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}

/** A polite message after a successful action (e.g. "저장했습니다."). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="gw-alert gw-alert--success" role="status">
      {children}
    </div>
  );
}

export type SortOrder = 'asc' | 'desc';

/**
 * A column header: a plain label, or a sortable one (a button in the header cell with a visible
 * direction; the cell says how the table is sorted with aria-sort). `width` sets the column's.
 */
export interface HeadCell {
  label: string;
  width?: string;
  /** The column sorts the list: its direction now (null: sorted by another column). */
  sort?: { direction: SortOrder | null; onToggle: () => void };
}

/**
 * A sortable column of a list whose sort and order are `current`: clicking sorts by it ascending,
 * clicking it again reverses the order (the list's URL keeps both).
 */
export function sortableColumn<K extends string>(
  label: string,
  key: K,
  current: { sort: string; order: SortOrder },
  onSort: (sort: K, order: SortOrder) => void,
  width?: string,
): HeadCell {
  const active = current.sort === key;
  return {
    label,
    width,
    sort: {
      direction: active ? current.order : null,
      onToggle: () => onSort(key, active && current.order === 'asc' ? 'desc' : 'asc'),
    },
  };
}

const isHeadCell = (h: unknown): h is HeadCell =>
  typeof h === 'object' && h !== null && !isValidElement(h) && 'label' in h;

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** One `<th>`; a sortable one holds a button named by the column, with ▲/▼ (↕: not sorted by it). */
export function HeaderCell({ head }: { head: ReactNode | HeadCell }) {
  const { t } = useTranslation();
  if (!isHeadCell(head)) return <th scope="col">{head}</th>;
  if (!head.sort) return <th scope="col">{head.label}</th>;
  const { direction, onToggle } = head.sort;
  return (
    <th scope="col" aria-sort={direction ? ARIA_SORT[direction] : 'none'}>
      <button
        type="button"
        className="gw-sort"
        onClick={onToggle}
        title={t(direction === 'asc' ? 'sort.toDesc' : 'sort.toAsc')}
      >
        {head.label}
        <span className="gw-sort-icon" aria-hidden="true">
          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

/** A data table with a caption (read by screen readers) and column headers. */
export function Table({
  caption,
  captionHidden = true,
  head,
  children,
}: {
  caption: string;
  captionHidden?: boolean;
  head: Array<ReactNode | HeadCell>;
  children: ReactNode;
}) {
  const widths = head.map((h) => (isHeadCell(h) ? h.width : undefined));
  return (
    // Focusable and named, so a table wider than the screen can be scrolled with the keyboard.
    <div className="krds-table-wrap gw-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="tbl col data">
        <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
        {widths.some(Boolean) && (
          <colgroup>
            {widths.map((w, i) => (
              <col key={i} style={w ? { width: w } : undefined} />
            ))}
          </colgroup>
        )}
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

/** Limit/offset paging (KRDS pagination): previous, page numbers around the current one, next. */
export function Pagination({
  total,
  limit,
  offset,
  onChange,
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  if (total <= limit) return null;
  const pages = Math.ceil(total / limit);
  const current = Math.floor(offset / limit) + 1;
  const first = Math.max(1, Math.min(current - 2, pages - 4));
  const numbers = Array.from({ length: Math.min(5, pages) }, (_, i) => first + i);
  return (
    <nav className="krds-pagination gw-pagination" aria-label={t('pagination.label')}>
      <p className="gw-pagination-summary">
        {t('pagination.summary', {
          total,
          from: offset + 1,
          to: Math.min(offset + limit, total),
        })}
      </p>
      <button
        type="button"
        className="page-navi prev"
        disabled={current === 1}
        onClick={() => onChange(offset - limit)}
      >
        {t('actions.previous')}
      </button>
      <span className="page-links">
        {numbers.map((n) => (
          <button
            type="button"
            key={n}
            className={`page-link${n === current ? ' active' : ''}`}
            aria-current={n === current ? 'page' : undefined}
            aria-label={t('pagination.page', { page: n })}
            onClick={() => onChange((n - 1) * limit)}
          >
            {n}
          </button>
        ))}
      </span>
      <button
        type="button"
        className="page-navi next"
        disabled={current === pages}
        onClick={() => onChange(offset + limit)}
      >
        {t('actions.next')}
      </button>
    </nav>
  );
}

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`gw-badge gw-badge--${tone}`}>{children}</span>;
}

/** "사후 입력": a record (or part of it) entered later than it happened — in words, not colour. */
export function EnteredLaterBadge() {
  const { t } = useTranslation();
  return <Badge tone="warning">{t('lateEntry.badge')}</Badge>;
}

/**
 * When a history entry happened: its time, or for one entered later (사후 입력) the day it
 * happened with the badge and the time it was entered.
 */
export function HistoryTime({
  entry,
}: {
  entry: { occurredAt: string; effectiveAt: string | null; enteredLater: boolean };
}) {
  const { t } = useTranslation();
  if (!entry.enteredLater || !entry.effectiveAt) return <>{formatDateTime(entry.occurredAt)}</>;
  return (
    <span className="gw-history-time">
      <span>{formatDate(entry.effectiveAt)}</span> <EnteredLaterBadge />{' '}
      <span className="gw-history-entered">
        {t('lateEntry.enteredAt', { at: formatDateTime(entry.occurredAt) })}
      </span>
    </span>
  );
}

/** A history entry's reason, and for one entered later the reason it was entered later. */
export function HistoryReason({
  entry,
  empty = '',
}: {
  entry: { reason: string | null; lateEntryReason: string | null };
  empty?: string;
}) {
  const { t } = useTranslation();
  if (!entry.lateEntryReason) return <>{entry.reason ?? empty}</>;
  return (
    <>
      {entry.reason && <span className="gw-history-reason">{entry.reason}</span>}
      <span className="gw-history-reason gw-history-late">
        {t('lateEntry.reason', { reason: entry.lateEntryReason })}
      </span>
    </>
  );
}

/**
 * A modal dialog on the native <dialog> element: focus moves into it, Escape closes it, focus
 * returns to the opener afterwards (the browser does this for showModal()).
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const { t } = useTranslation();
  return (
    <dialog
      ref={ref}
      className="gw-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onClose}
    >
      <div className="gw-dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="krds-btn tertiary small" onClick={onClose}>
          {t('actions.close')}
        </button>
      </div>
      {open && children}
    </dialog>
  );
}

/**
 * Asks before an action that cannot be undone (a submission, an approval), saying what will happen;
 * the confirming button names the action, so the question is never a bare "확인".
 */
export function ConfirmDialog({
  open,
  title,
  consequence,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  /** What happens, and what can no longer be done afterwards. */
  consequence: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      <p>{consequence}</p>
      <div className="gw-form-actions">
        <button type="button" className="krds-btn primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="krds-btn secondary" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

/** A definition list of label/value pairs (record details). */
export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="gw-facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v ?? '–'}</dd>
        </div>
      ))}
    </dl>
  );
}
