// What the evaluation pages share: the API types, labels of values (criteria and grades come from
// the round's rules, in Korean; known keys are translated), status badges and small form pieces.
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { Badge, type BadgeTone } from '../../components/ui';
import { useTranslation } from '../../i18n';
import './messages';
import './evaluations.css';

/** The translate function of any namespace (criteria and grades use `evaluations:` keys). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export type Round = Schemas['RoundDto'];
export type Nomination = Schemas['NominationDto'];
export type Progress = Schemas['ProgressDto'];
export type Incentives = Schemas['IncentivesDto'];
export type Incentive = Schemas['IncentiveDto'];
export type Criterion = Schemas['CriterionDto'];
export type GradeBand = Schemas['GradeBandDto'];

export const ROUND_KINDS = ['ANNUAL', 'FIRST_HALF', 'SECOND_HALF'] as const;
export const NOMINATION_TYPES = ['OFFICIAL', 'TEAM', 'DEPARTMENT', 'FAILURE_CASE'] as const;
export const NOMINATION_SOURCES = ['DEPARTMENT', 'SELF', 'CITIZEN'] as const;
export const EXCLUSION_REASONS = [
  'INELIGIBLE',
  'DUPLICATE',
  'INSUFFICIENT_EVIDENCE',
  'TARGET_NOT_MET',
  'OTHER',
] as const;
export const INCENTIVE_TYPES = [
  'SPECIAL_PROMOTION',
  'SPECIAL_STEP_INCREASE',
  'TOP_PERFORMANCE_BONUS',
  'REWARD_LEAVE',
  'SENIOR_TREATMENT_SHORTENING',
  'RATING_BONUS_POINTS',
  'SENIORITY_PROMOTION_SHORTENING',
  'OTHER',
] as const;

export const criterionLabel = (t: Translate, c: { key: string; label: string }) =>
  t(`evaluations:criteria.${c.key}`, { defaultValue: c.label });

export const gradeLabel = (t: Translate, grade: string | null, fallback?: string | null) =>
  grade ? t(`evaluations:grade.${grade}`, { defaultValue: fallback ?? grade }) : '–';

const ROUND_TONES: Record<string, BadgeTone> = {
  NOMINATING: 'info',
  SCORING: 'warning',
  CONFIRMED: 'success',
};
const NOMINATION_TONES: Record<string, BadgeTone> = {
  SUBMITTED: 'neutral',
  VERIFIED: 'info',
  EXCLUDED: 'danger',
  SCORED: 'warning',
  GRADED: 'warning',
  CONFIRMED: 'success',
};

export function RoundStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('evaluations');
  return <Badge tone={ROUND_TONES[status]}>{t(`roundStatus.${status}`)}</Badge>;
}

export function NominationStateBadge({ state }: { state: string }) {
  const { t } = useTranslation('evaluations');
  return <Badge tone={NOMINATION_TONES[state]}>{t(`nominationState.${state}`)}</Badge>;
}

/** Exclusion reasons are stored as `CODE` or `CODE: note`. */
export function exclusionText(t: Translate, reason: string | null): string {
  if (!reason) return '';
  const [code, ...rest] = reason.split(': ');
  const label = t(`evaluations:exclusionReason.${code}`, { defaultValue: code });
  return rest.length ? `${label}: ${rest.join(': ')}` : label;
}

export const nomineeNames = (n: Nomination) => n.nominees.map((x) => x.name).join(', ');

export const formatScore = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : value.toFixed(2).replace(/\.?0+$/, '');

/** Runs an action and keeps its result for a notice or an alert next to the buttons. */
export type ActionResult = { ok: string } | { error: unknown } | null;

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: ['evaluation-round', id],
    queryFn: () =>
      call(api.GET('/api/v1/evaluation-rounds/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}
