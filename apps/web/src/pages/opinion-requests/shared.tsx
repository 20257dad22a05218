// What the 의견제시 pages share: types, the status badge and the due-date badge (D-day / overdue).
import type { Schemas } from '../../api/client';
import { Badge, type BadgeTone } from '../../components/ui';
import { seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import './messages';
import './opinions.css';

export type OpinionRequest = Schemas['OpinionRequestDto'];
export type OpinionStatus = OpinionRequest['status'];
export const OPINION_STATUSES: readonly OpinionStatus[] = [
  'SUBMITTED',
  'EXTENDED',
  'REFERRED',
  'ANSWERED',
  'WITHDRAWN',
];
const PENDING: readonly OpinionStatus[] = ['SUBMITTED', 'EXTENDED', 'REFERRED'];

const TONES: Record<OpinionStatus, BadgeTone> = {
  SUBMITTED: 'info',
  EXTENDED: 'warning',
  REFERRED: 'info',
  ANSWERED: 'success',
  WITHDRAWN: 'neutral',
};

export function OpinionStatusBadge({ status }: { status: OpinionStatus }) {
  const { t } = useTranslation('opinions');
  return <Badge tone={TONES[status]}>{t(`status.${status}`)}</Badge>;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** D-day while pending: "D-3", "D-DAY", or "기한 2일 경과" (the API's overdue flag wins). */
export function DueBadge({ request }: { request: OpinionRequest }) {
  const { t } = useTranslation('opinions');
  if (!PENDING.includes(request.status)) return null;
  if (request.overdue) {
    return <Badge tone="danger">{t('dday.overdue', { days: request.daysOverdue })}</Badge>;
  }
  const left = daysBetween(seoulToday(), request.dueDate);
  if (left <= 0) return <Badge tone="warning">{t('dday.today')}</Badge>;
  return <Badge tone={left <= 3 ? 'warning' : 'neutral'}>{t('dday.left', { days: left })}</Badge>;
}
