// Small pieces the task pages (and 나의 업무) share: status and flag badges in words, the
// department list, number parsing for form inputs.
import { useQuery } from '@tanstack/react-query';
import { type RefObject, useEffect } from 'react';
import { api, call, type Schemas } from '../../api/client';
import type { FormProblems } from '../../components/forms';
import { Badge, type BadgeTone } from '../../components/ui';
import { useTranslation } from '../../i18n';
import './labels';
import './tasks.css';

export type Task = Schemas['TaskDetailDto'];
export type TaskSummary = Schemas['TaskSummaryDto'];
export type TaskStatus = TaskSummary['status'];
export type TaskAction = TaskSummary['allowedActions'][number];
export type Risk = TaskSummary['risk'];
export type Category = TaskSummary['category'];

export const TASK_STATUSES: TaskStatus[] = [
  'DRAFT',
  'PROPOSED',
  'SELECTED',
  'REJECTED',
  'IN_PROGRESS',
  'COMPLETED',
  'SUSPENDED',
  'DROPPED',
];
export const RISKS: Risk[] = ['LOW', 'MEDIUM', 'HIGH'];
export const CATEGORIES: Category[] = [
  'PROACTIVE',
  'GOV_INNOVATION',
  'REGULATORY',
  'COLLABORATION',
];

const STATUS_TONE: Record<TaskStatus, BadgeTone> = {
  DRAFT: 'neutral',
  PROPOSED: 'info',
  SELECTED: 'info',
  REJECTED: 'neutral',
  IN_PROGRESS: 'info',
  COMPLETED: 'success',
  SUSPENDED: 'warning',
  DROPPED: 'neutral',
};

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`taskStatus.${status}`)}</Badge>;
}

/** "지연" in a red badge, or "정상" in words (never colour alone). */
export function DelayedBadge({ delayed }: { delayed: boolean }) {
  const { t } = useTranslation('tasks');
  return delayed ? (
    <Badge tone="danger">{t('flag.delayed')}</Badge>
  ) : (
    <span className="gwt-muted">{t('flag.onTime')}</span>
  );
}

export function RiskBadge({ risk }: { risk: Risk }) {
  const { t } = useTranslation('tasks');
  const tone: BadgeTone = risk === 'HIGH' ? 'danger' : risk === 'MEDIUM' ? 'warning' : 'neutral';
  return (
    <Badge tone={tone}>
      {t('list.risk')}: {t(`riskLevel.${risk}`)}
    </Badge>
  );
}

type Report = Schemas['ReportSummaryDto'];

/** 제출 시기 in words: pending, missing (days overdue), on time, late (days). */
export function Timeliness({ report }: { report: Report }) {
  const { t } = useTranslation('tasks');
  const text = t(`timeliness.${report.timeliness}`, {
    days: report.timeliness === 'LATE' ? report.daysLate : report.daysOverdue,
  });
  if (report.timeliness === 'MISSING') return <Badge tone="danger">{text}</Badge>;
  if (report.timeliness === 'LATE') return <Badge tone="warning">{text}</Badge>;
  return <span>{text}</span>;
}

export const REPORT_STATE_TONE: Record<string, BadgeTone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  RETURNED: 'warning',
  ACCEPTED: 'success',
};

/** The departments of the user's organisation (filters, names in the history). */
export function useDepartments() {
  return useQuery({
    queryKey: ['tasks', 'departments'],
    queryFn: () => call(api.GET('/api/v1/departments')),
    staleTime: 10 * 60_000,
  });
}

/**
 * A number input's value for the API: empty is null, a number is a number, anything else is sent
 * as typed so the API names the field in its validation message.
 */
export function numberOrNull(value: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : (v as unknown as number);
}

export const numberText = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

/** Seoul's current year. */
export const currentYear = (): number =>
  Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(
      new Date(),
    ),
  );

/**
 * After a failed save: focus the first field the API named (its message is read with it), else
 * the conflict's reload button, else bring the form's alert into view.
 */
export function useFocusFirstProblem(
  problems: FormProblems,
  box: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (!problems.error || !box.current) return;
    // A group (radios in a fieldset) is invalid as a whole: its first choice takes the focus.
    const invalid = box.current.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target =
      (invalid?.matches('fieldset') ? invalid.querySelector<HTMLElement>('input') : invalid) ??
      box.current.querySelector<HTMLElement>('.gw-alert button');
    if (target) target.focus();
    else box.current.querySelector('.gw-alert')?.scrollIntoView({ block: 'nearest' });
  }, [problems, box]);
}
