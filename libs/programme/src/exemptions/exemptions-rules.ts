import { addDays, isBusinessDay } from '@gwaje/calendar';
import type { ErrorDetail, LocalText } from '@gwaje/common';

/**
 * 면책 register rules (issue 22 part 5, DOMAIN.md §9), pure: kinds, the checklist of the statutory
 * conditions, the decision and its checks, the case's states, and the quarterly report to 감사원
 * with its due date.
 */

/** An official's application after an audit finding, or ex officio (직권) by the audit unit. */
export const EXEMPTION_KINDS = ['APPLICATION', 'EX_OFFICIO'] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

/** OPEN (registered, checklist filled in) → DECIDED → NOTIFIED (the applicant told). */
export const EXEMPTION_STATUSES = ['OPEN', 'DECIDED', 'NOTIFIED'] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];

/** 면책 (GRANTED), 감경 (PARTIALLY_GRANTED), 불인정 (DENIED). */
export const EXEMPTION_DECISIONS = ['GRANTED', 'PARTIALLY_GRANTED', 'DENIED'] as const;
export type ExemptionDecision = (typeof EXEMPTION_DECISIONS)[number];

export const EXEMPTION_DECISION_LABELS: Record<ExemptionDecision, string> = {
  GRANTED: '면책',
  PARTIALLY_GRANTED: '감경',
  DENIED: '불인정',
};

/**
 * The statutory conditions (공공감사에 관한 법률 제23조의2, 시행령 제13조의3): 공공의 이익, 사적
 * 이해관계 없음, 고의·중과실 없음, 절차 준수·대상 업무의 적극 처리.
 */
export const EXEMPTION_CONDITIONS = [
  'PUBLIC_INTEREST',
  'NO_PRIVATE_INTEREST',
  'NO_INTENT_OR_GROSS_NEGLIGENCE',
  'PROCEDURE_AND_PROACTIVE_HANDLING',
] as const;
export type ExemptionCondition = (typeof EXEMPTION_CONDITIONS)[number];

export const EXEMPTION_CONDITION_LABELS: Record<ExemptionCondition, LocalText> = {
  PUBLIC_INTEREST: { ko: '공공의 이익을 위한 업무 처리', en: 'Handled in the public interest' },
  NO_PRIVATE_INTEREST: { ko: '사적 이해관계 없음', en: 'No private interest' },
  NO_INTENT_OR_GROSS_NEGLIGENCE: { ko: '고의·중과실 없음', en: 'No intent or gross negligence' },
  PROCEDURE_AND_PROACTIVE_HANDLING: {
    ko: '절차 준수 및 대상 업무의 적극 처리',
    en: 'Procedure followed, the matter handled proactively',
  },
};

/** One condition's answer: yes/no (null while not assessed) with a note. */
export interface ChecklistAnswer {
  met: boolean | null;
  note: string;
}
export type ExemptionChecklist = Record<ExemptionCondition, ChecklistAnswer>;

export const EMPTY_CHECKLIST: ExemptionChecklist = Object.fromEntries(
  EXEMPTION_CONDITIONS.map((c) => [c, { met: null, note: '' }]),
) as ExemptionChecklist;

/** The checklist with the given answers applied over the current ones (notes trimmed). */
export function mergeChecklist(
  current: Partial<ExemptionChecklist>,
  changes: Partial<Record<ExemptionCondition, Partial<ChecklistAnswer>>>,
): ExemptionChecklist {
  const merged = { ...EMPTY_CHECKLIST, ...current };
  for (const c of EXEMPTION_CONDITIONS) {
    const change = changes[c];
    if (!change) continue;
    merged[c] = {
      met: change.met === undefined ? merged[c].met : change.met,
      note: change.note === undefined ? merged[c].note : change.note.trim(),
    };
  }
  return merged;
}

const detail = (field: string, code: string, ko: string, en: string): ErrorDetail => ({
  field,
  code,
  message: { ko, en },
});

/** The registration's own checks: an application has its applicant; dates not in the future. */
export function registrationProblems(
  input: { kind: ExemptionKind; applicantId?: string | null; appliedOn: string },
  today: string,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (input.kind === 'APPLICATION' && !input.applicantId)
    problems.push(
      detail(
        'applicantId',
        'required',
        '면책 신청은 신청한 공무원(사용자)을 지정해야 합니다.',
        'an application names its applicant (a user)',
      ),
    );
  if (input.appliedOn > today)
    problems.push(
      detail(
        'appliedOn',
        'notFuture',
        '신청일은 오늘 이후일 수 없습니다.',
        'appliedOn cannot be after today',
      ),
    );
  return problems;
}

export interface DecisionInput {
  decision: ExemptionDecision;
  reasons: string;
  decidedOn: string;
}

/**
 * The decision's checks: reasons given; decided on or after the application and not after today;
 * every condition answered; 면책 (GRANTED) only when every condition is met (감경 or 불인정 otherwise).
 */
export function decisionProblems(
  input: DecisionInput,
  c: { appliedOn: string; checklist: ExemptionChecklist },
  today: string,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!input.reasons.trim())
    problems.push(detail('reasons', 'required', '결정 이유를 입력하세요.', 'reasons are required'));
  if (input.decidedOn < c.appliedOn)
    problems.push(
      detail(
        'decidedOn',
        'notBeforeApplication',
        `결정일은 신청일(${c.appliedOn}) 이전일 수 없습니다.`,
        `decidedOn cannot be before the application (${c.appliedOn})`,
      ),
    );
  else if (input.decidedOn > today)
    problems.push(
      detail(
        'decidedOn',
        'notFuture',
        '결정일은 오늘 이후일 수 없습니다.',
        'decidedOn cannot be after today',
      ),
    );
  const unanswered = EXEMPTION_CONDITIONS.filter((k) => c.checklist[k]?.met == null);
  for (const k of unanswered)
    problems.push(
      detail(
        `checklist.${k}`,
        'unanswered',
        `결정 전에 '${EXEMPTION_CONDITION_LABELS[k].ko}' 요건의 충족 여부를 기록하세요.`,
        `answer the condition ${k} before deciding`,
      ),
    );
  if (
    input.decision === 'GRANTED' &&
    !unanswered.length &&
    EXEMPTION_CONDITIONS.some((k) => c.checklist[k].met === false)
  )
    problems.push(
      detail(
        'decision',
        'conditionsNotMet',
        '충족되지 않은 요건이 있으면 면책(GRANTED)이 아니라 감경 또는 불인정으로 결정하세요.',
        'GRANTED needs every condition met; decide PARTIALLY_GRANTED or DENIED',
      ),
    );
  return problems;
}

/** The notification's date: on or after the decision, not after today. */
export function notificationProblems(
  notifiedOn: string,
  decidedOn: string,
  today: string,
): ErrorDetail[] {
  if (notifiedOn < decidedOn)
    return [
      detail(
        'notifiedOn',
        'notBeforeDecision',
        `통지일은 결정일(${decidedOn}) 이전일 수 없습니다.`,
        `notifiedOn cannot be before the decision (${decidedOn})`,
      ),
    ];
  if (notifiedOn > today)
    return [
      detail(
        'notifiedOn',
        'notFuture',
        '통지일은 오늘 이후일 수 없습니다.',
        'notifiedOn cannot be after today',
      ),
    ];
  return [];
}

// ── The quarterly report to 감사원 ─────────────────────────────────────────────────────────────

/** Calendar days after the quarter's end within which the report is due (시행령 제13조의4). */
export const QUARTERLY_REPORT_DAYS = 10;

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

/** The first and last day of a quarter (YYYY-MM-DD). */
export function quarterRange({ year, quarter }: Quarter): { start: string; end: string } {
  const startMonth = (quarter - 1) * 3 + 1;
  const start = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const nextStart =
    quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(startMonth + 3).padStart(2, '0')}-01`;
  return { start, end: addDays(nextStart, -1) };
}

/** The quarter a date falls in. */
export function quarterOf(date: string): Quarter {
  return {
    year: Number(date.slice(0, 4)),
    quarter: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter'],
  };
}

/** The last quarter that ended before `today`. */
export function lastCompletedQuarter(today: string): Quarter {
  const { year, quarter } = quarterOf(today);
  return quarter === 1
    ? { year: year - 1, quarter: 4 }
    : { year, quarter: (quarter - 1) as Quarter['quarter'] };
}

/**
 * The report's due date: "within 10 days after the quarter" counts calendar days (the statute says
 * days, not business days), from the day after the quarter's last day (초일 불산입, 민법 제157조), so
 * the 10th day is the quarter's end + 10; a last day on a Saturday or a public holiday moves the
 * deadline to the next day that is neither (민법 제161조, applied through 행정기본법 제6조), i.e. the
 * next business day of @gwaje/calendar. Q3 2026: 30 Sep + 10 = Sat 10 Oct → Mon 12 Oct.
 */
export function quarterlyReportDueDate(q: Quarter): string {
  let due = addDays(quarterRange(q).end, QUARTERLY_REPORT_DAYS);
  while (!isBusinessDay(due)) due = addDays(due, 1);
  return due;
}

/** The quarter a report due on `dueDate` is about (the last quarter ending before it). */
export function quarterOfDueDate(dueDate: string): Quarter {
  return lastCompletedQuarter(dueDate);
}
