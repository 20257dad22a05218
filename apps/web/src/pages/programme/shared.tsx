// What the programme pages (education, 국민신청, 소극행정 신고, 추진실적) share: types, status
// badges, the year filter, the organisation's departments as options, and the action dialog frame.
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { Form, FormActions, SelectField, useFormProblems } from '../../components/forms';
import { Badge, type BadgeTone } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { thisYear } from './periods';
import './messages';
import './programme.css';

export type Application = Schemas['ApplicationDto'];
export type ApplicationStatus = Application['status'];
export type ApplicationAction = Application['allowedActions'][number];
export type PassiveReport = Schemas['PassiveReportDto'];
export type PassiveStatus = PassiveReport['status'];
export type PassiveAction = PassiveReport['allowedActions'][number];

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'RECEIVED',
  'ASSIGNED',
  'UNDER_REVIEW',
  'COMMITTEE_OPINION_REQUESTED',
  'DECIDED',
  'REPLIED',
];
export const PASSIVE_STATUSES: readonly PassiveStatus[] = [
  'RECEIVED',
  'INVESTIGATING',
  'CONCLUDED',
  'CLOSED',
];

const APPLICATION_TONES: Record<ApplicationStatus, BadgeTone> = {
  RECEIVED: 'info',
  ASSIGNED: 'info',
  UNDER_REVIEW: 'warning',
  COMMITTEE_OPINION_REQUESTED: 'warning',
  DECIDED: 'success',
  REPLIED: 'neutral',
};
const PASSIVE_TONES: Record<PassiveStatus, BadgeTone> = {
  RECEIVED: 'info',
  INVESTIGATING: 'warning',
  CONCLUDED: 'success',
  CLOSED: 'neutral',
};

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation('programme');
  return <Badge tone={APPLICATION_TONES[status]}>{t(`citizen.status.${status}`)}</Badge>;
}

export function PassiveStatusBadge({ status }: { status: PassiveStatus }) {
  const { t } = useTranslation('programme');
  return <Badge tone={PASSIVE_TONES[status]}>{t(`passive.status.${status}`)}</Badge>;
}

export function OverdueBadge({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation('programme');
  return overdue ? <Badge tone="danger">{t('common.overdue')}</Badge> : null;
}

export { thisYear, yearParam } from './periods';

/** Years offered by a year filter: the last five and next year. */
export function yearOptions(t: (key: string, o?: Record<string, unknown>) => string) {
  const now = thisYear();
  return Array.from({ length: 7 }, (_, i) => now + 1 - i).map((y) => ({
    value: String(y),
    label: t('common.yearValue', { year: y }),
  }));
}

/** The active departments of the user's organisation, as select options. */
export function useDepartmentOptions() {
  const departments = useQuery({
    queryKey: ['departments', 'own'],
    queryFn: () => call(api.GET('/api/v1/departments', { params: { query: {} } })),
    staleTime: 5 * 60_000,
  });
  return (departments.data ?? [])
    .filter((d) => d.active)
    .map((d) => ({ value: d.id, label: d.name }));
}

/** A year filter (a native select in a small form) that applies on submit. */
export function YearFilter({
  year,
  onApply,
  label,
  children,
}: {
  year: number;
  onApply: (year: number) => void;
  label: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation('programme');
  const [draft, setDraft] = useState(String(year));
  return (
    <form
      className="gw-filters gw-pg-filter"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(Number(draft));
      }}
    >
      <div className="gw-form-row">
        <SelectField
          name="year"
          label={t('common.year')}
          value={draft}
          options={yearOptions(t)}
          onChange={(e) => setDraft(e.target.value)}
        />
        {children}
      </div>
      <div className="gw-form-actions">
        <button type="submit" className="krds-btn primary">
          {t('common.apply')}
        </button>
      </div>
    </form>
  );
}

/**
 * The frame of an action's small form: the API's messages next to the fields, a version conflict
 * with a reload, submit and cancel. `run` sends the request; its error is shown.
 */
export function ActionForm({
  label,
  submitLabel,
  run,
  onCancel,
  onReload,
  children,
}: {
  label: string;
  submitLabel: string;
  run: () => Promise<void>;
  onCancel: () => void;
  onReload: () => Promise<void>;
  children: ReactNode;
}) {
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await run();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      problems={problems}
      label={label}
      onSubmit={() => void submit()}
      onReload={() => void onReload().then(clear)}
    >
      {children}
      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </Form>
  );
}

/** `{ key: value }` when the text is not blank, otherwise nothing (optional body fields). */
export const optional = <K extends string>(key: K, value: string) =>
  (value.trim() ? { [key]: value } : {}) as Partial<Record<K, string>>;
