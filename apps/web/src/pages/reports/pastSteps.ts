// The steps of a past report as the office enters them (사후 입력): what each step may follow (the
// report state machine: DRAFT → 제출 → 승인 or 반려 → 재제출 …) and the request body. Pure
// functions, no React (unit-tested in pastSteps.spec.ts); the API checks the same and names the
// step (`events.<i>.…`) when something is wrong.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type StepAction = Schemas['PastReportEventDto']['action'];
export type ReportState = Schemas['ReportSummaryDto']['status'];

export interface Step {
  action: StepAction;
  /** YYYY-MM-DD */
  on: string;
  comment: string;
}

export const STEP_ACTIONS: StepAction[] = ['submit', 'return', 'accept'];

/** Where each step leads and the states it may follow. */
const STEP_RULES: Record<StepAction, { from: readonly ReportState[]; to: ReportState }> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' },
  return: { from: ['SUBMITTED'], to: 'RETURNED' },
  accept: { from: ['SUBMITTED'], to: 'ACCEPTED' },
};

/**
 * Where the steps leave the report, or the index of the first step that cannot follow the one
 * before it.
 */
export function replaySteps(steps: readonly Pick<Step, 'action'>[]): {
  state: ReportState;
  invalidAt: number | null;
} {
  let state: ReportState = 'DRAFT';
  for (const [i, step] of steps.entries()) {
    const rule = STEP_RULES[step.action];
    if (!rule.from.includes(state)) return { state, invalidAt: i };
    state = rule.to;
  }
  return { state, invalidAt: null };
}

/** The step that usually comes next: a submission first and after a return, else an acceptance. */
export function nextStepAction(steps: readonly Pick<Step, 'action'>[]): StepAction {
  const { state } = replaySteps(steps);
  return state === 'SUBMITTED' ? 'accept' : 'submit';
}

/** Whether a step of this kind carries the reviewer's comment (required to return). */
export const stepHasComment = (action: StepAction): boolean => action !== 'submit';

export interface PastReportValues {
  taskId: string;
  period: string;
  progress: string;
  achievements: string;
  issuesAndRisks: string;
  nextSteps: string;
  supportNeeded: string;
  submittedBy: string;
  reviewedBy: string;
  lateEntryReason: string;
}

/**
 * The request body: texts as typed, progress as a number (or as typed, so the API names the field
 * when it is not one), people only when chosen, and each step's comment only where it belongs.
 */
export function pastReportBody(
  values: PastReportValues,
  steps: readonly Step[],
): Schemas['PastReportDto'] {
  const progress = values.progress.trim();
  const n = Number(progress);
  const body: Schemas['PastReportDto'] = {
    taskId: values.taskId,
    period: values.period,
    events: steps.map((s) => ({
      action: s.action,
      on: s.on,
      ...(stepHasComment(s.action) && s.comment.trim() ? { comment: s.comment } : {}),
    })),
    lateEntryReason: values.lateEntryReason,
  };
  if (progress) body.progress = Number.isFinite(n) ? n : (progress as unknown as number);
  for (const key of ['achievements', 'issuesAndRisks', 'nextSteps', 'supportNeeded'] as const) {
    if (values[key].trim()) body[key] = values[key];
  }
  if (values.submittedBy) body.submittedBy = values.submittedBy;
  if (values.reviewedBy) body.reviewedBy = values.reviewedBy;
  return body;
}
