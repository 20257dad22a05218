// What the 경진대회 pages share: API types, status badges, the round and entry queries, and the
// small labels (rank ranges, awards, relation) every page shows the same way.
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { Badge, type BadgeTone } from '../../components/ui';
import { formatWon } from '../../format';
import { currentLanguage, useTranslation } from '../../i18n';
import './messages';
import './contests.css';

export type ContestRound = Schemas['ContestRoundDto'];
export type ContestEntry = Schemas['ContestEntryDto'];
export type AwardRow = Schemas['AwardRowResponseDto'];
export type ContestAward = Schemas['ContestAwardDto'];
export type Translate = (key: string, options?: Record<string, unknown>) => string;

const ROUND_TONES: Record<ContestRound['status'], BadgeTone> = {
  DRAFT: 'neutral',
  OPEN: 'info',
  SCREENING: 'warning',
  JUDGING: 'warning',
  RESULTS_PUBLISHED: 'success',
  CLOSED: 'neutral',
};
const ENTRY_TONES: Record<ContestEntry['status'], BadgeTone> = {
  SUBMITTED: 'info',
  ACCEPTED: 'neutral',
  REJECTED: 'danger',
  AWARDED: 'success',
  NOT_AWARDED: 'neutral',
};

export function RoundStatusBadge({ status }: { status: ContestRound['status'] }) {
  const { t } = useTranslation('contests');
  return <Badge tone={ROUND_TONES[status]}>{t(`status.${status}`)}</Badge>;
}

export function EntryStateBadge({ state }: { state: ContestEntry['status'] }) {
  const { t } = useTranslation('contests');
  return <Badge tone={ENTRY_TONES[state]}>{t(`entryState.${state}`)}</Badge>;
}

/** 주최 · 심사위원 · 출품 가능: what the user's organisation is to the round, in words. */
export function relationText(t: Translate, r: ContestRound['relation']): string {
  const parts: string[] = [];
  if (r.organiser) parts.push(t('relation.organiser'));
  else if (r.full) parts.push(t('relation.full'));
  if (r.judge) parts.push(t('relation.judge'));
  if (r.entrant) parts.push(t('relation.entrant'));
  return parts.join(' · ') || '–';
}

export const rankRange = (t: Translate, from: number, to: number) =>
  from === to ? t('round.rankOne', { rank: from }) : t('round.rankRangeValue', { from, to });

/** 최우수 (도지사 표창, 500,000원, 가점 0.5): an award row in one line. */
export function awardText(t: Translate, a: AwardRow | null | undefined): string {
  if (!a) return '–';
  const extra = [
    a.commendation,
    a.prizeKrw ? formatWon(a.prizeKrw, currentLanguage()) : null,
    a.bonusPoints ? `${t('entry.bonus')} ${a.bonusPoints}` : null,
  ].filter(Boolean);
  return extra.length ? `${a.award} (${extra.join(', ')})` : a.award;
}

export const fieldLabel = (round: Pick<ContestRound, 'fields'> | undefined, key: string) =>
  round?.fields.find((f) => f.key === key)?.label ?? key;

export function useContestRound(id: string | undefined) {
  return useQuery({
    queryKey: ['contest-round', id],
    queryFn: () =>
      call(api.GET('/api/v1/contests/rounds/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}

export const formatScore = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : value.toFixed(2).replace(/\.?0+$/, '');
