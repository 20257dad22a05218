// What the 적극행정위원회 pages share: the API types, status and outcome badges, the composition
// warnings (a KRDS warning, never an error), the link to an item's subject and date labels.
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { Badge, type BadgeTone } from '../../components/ui';
import { formatDate } from '../../format';
import { useTranslation } from '../../i18n';
import './messages';
import './committee.css';

export type Overview = Schemas['CommitteeOverviewDto'];
export type Member = Schemas['CommitteeMemberDto'];
export type Warning = Schemas['CompositionWarningDto'];
export type MeetingSummary = Schemas['MeetingSummaryDto'];
export type Meeting = Schemas['MeetingDto'];
export type AgendaItem = Schemas['AgendaItemDto'];
export type SubjectKind = Schemas['AddAgendaItemDto']['subjectKind'];
export type VoteValue = Schemas['VoteDto']['vote'];

export const SUBJECT_KINDS: readonly SubjectKind[] = [
  'EVALUATION_CRITERIA',
  'EVALUATION_RESULTS',
  'CONSULTATION_ADVICE',
  'OPINION_REQUEST',
  'CONTEST_RESULTS',
  'OTHER',
];
export const VOTES: readonly VoteValue[] = ['FOR', 'AGAINST', 'ABSTAIN'];
export const WRITTEN_GROUNDS = ['URGENT', 'MINOR', 'UNAVOIDABLE'] as const;

const MEETING_TONES: Record<string, BadgeTone> = {
  SCHEDULED: 'info',
  HELD: 'warning',
  CLOSED: 'neutral',
};

export function MeetingStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('committee');
  return <Badge tone={MEETING_TONES[status] ?? 'neutral'}>{t(`meetingStatus.${status}`)}</Badge>;
}

/** 가결 / 부결 for a decided item, 철회 or 의결 전 otherwise — in words, not colour. */
export function OutcomeBadge({ status, outcome }: { status: string; outcome: string | null }) {
  const { t } = useTranslation('committee');
  if (status === 'DECIDED' && outcome) {
    return (
      <Badge tone={outcome === 'PASSED' ? 'success' : 'danger'}>{t(`outcome.${outcome}`)}</Badge>
    );
  }
  return (
    <Badge tone={status === 'WITHDRAWN' ? 'neutral' : 'info'}>{t(`itemStatus.${status}`)}</Badge>
  );
}

/** One warning in words. */
export function warningText(t: (key: string, o?: Record<string, unknown>) => string, w: Warning) {
  return t(`committee:warnings.${w.code}`, { ...w });
}

/**
 * The composition warnings as a KRDS warning box (role status, not alert: the committee may meet
 * short of its rule; the minutes say so).
 */
export function CompositionWarnings({
  warnings,
  title,
  headingLevel = 3,
}: {
  warnings: readonly Warning[];
  title: string;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('committee');
  if (warnings.length === 0) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="gw-alert gw-alert--warning gw-cm-warnings" role="status">
      <Heading className="gw-cm-warnings-title">{title}</Heading>
      <ul>
        {warnings.map((w) => (
          <li key={w.code}>{warningText(t, w)}</li>
        ))}
      </ul>
      <p>{t('warnings.intro')}</p>
    </div>
  );
}

/** Where an item's subject is shown in the app; null for OTHER. */
export function subjectPath(kind: string, id: string | null): string | null {
  if (!id) return null;
  switch (kind) {
    case 'EVALUATION_CRITERIA':
    case 'EVALUATION_RESULTS':
      return `/evaluations/${id}`;
    case 'CONSULTATION_ADVICE':
      return `/consultations/${id}`;
    case 'OPINION_REQUEST':
      return `/opinion-requests/${id}`;
    case 'CONTEST_RESULTS':
      return `/contests/${id}`;
    default:
      return null;
  }
}

export function SubjectLink({
  kind,
  id,
  title,
}: {
  kind: string;
  id: string | null;
  title: string;
}) {
  const path = subjectPath(kind, id);
  return path ? <Link to={path}>{title}</Link> : <>{title}</>;
}

/** `2026. 01. 01. ~ 2027. 12. 31.` or `2026. 01. 01. ~`. */
export function termText(
  t: (key: string, o?: Record<string, unknown>) => string,
  m: { termStart: string; termEnd: string | null },
) {
  return m.termEnd
    ? t('committee:members.termRange', {
        from: formatDate(m.termStart),
        to: formatDate(m.termEnd),
      })
    : t('committee:members.termOpen', { from: formatDate(m.termStart) });
}

/** The statute's rule (재적 과반 출석, 출석 과반 찬성), as the API computes it. */
export function quorumNeeded(members: number) {
  return Math.floor(members / 2) + 1;
}
