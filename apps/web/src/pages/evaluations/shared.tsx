// What the evaluation pages share: the API types, labels of values (criteria and grades come from
// the round's rules, in Korean; known keys are translated), status badges and small form pieces.
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { Badge, type BadgeTone } from '../../components/ui';
import type { FormProblems } from '../../components/forms';
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

/** The messages the API gave for a field and its items (`taskIds`, `taskIds.0`, …). */
export function fieldMessages(problems: FormProblems, name: string): string | undefined {
  const list = Object.entries(problems.fields)
    .filter(([k]) => k === name || k.startsWith(`${name}.`))
    .map(([, v]) => v);
  return list.length ? [...new Set(list)].join(' ') : undefined;
}

/**
 * A group of checkboxes (KRDS check inputs in a fieldset with a legend), with the API's message
 * for the group shown under it. `name` is the API's field path.
 */
export function CheckboxGroup({
  name,
  legend,
  hint,
  options,
  selected,
  onChange,
  error,
  empty,
  scroll,
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  selected: readonly string[];
  onChange: (next: string[]) => void;
  error?: string;
  empty?: string;
  scroll?: boolean;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      className="form-group gw-field gw-eval-fieldset"
      aria-describedby={describedBy || undefined}
    >
      <legend className="gw-eval-legend">{legend}</legend>
      {hint && (
        <p className="form-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {options.length === 0 && empty && <p className="gw-eval-muted">{empty}</p>}
      <div className={scroll ? 'gw-eval-checks gw-eval-checks--scroll' : 'gw-eval-checks'}>
        {options.map((o, i) => (
          <div className="krds-form-check" key={o.value}>
            <input
              type="checkbox"
              id={`${id}-${i}`}
              name={name}
              value={o.value}
              checked={selected.includes(o.value)}
              aria-invalid={error ? true : undefined}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value),
                )
              }
            />
            <label htmlFor={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
      {error && (
        <p className="form-hint-invalid" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

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
