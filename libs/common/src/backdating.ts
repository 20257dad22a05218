import type { ErrorDetail, LocalText } from './errors.js';

/**
 * Back-dated entries (사후 입력, issue 19): something recorded with a date before today (Asia/Seoul)
 * happened earlier than it is entered. Such an entry needs a reason, may not lie in the future or
 * before the limits its record sets (the task's year, the previous event), and is stored flagged,
 * with both dates (HistoryInput.effectiveAt). Dates are YYYY-MM-DD strings, which compare as text.
 */
export interface BackdateLimit {
  /** The earliest allowed date. */
  date: string;
  /** The rule's name, the error detail's `code`. */
  code: string;
  message: LocalText;
}

export interface BackdateInput {
  /** The date the entry says it happened (YYYY-MM-DD). */
  date: string;
  /** The field that carries it, named in the error. */
  field: string;
  today: string;
  limits?: readonly BackdateLimit[];
  lateEntryReason?: string | null;
  reasonField?: string;
}

export const isBackdated = (date: string, today: string): boolean => date < today;

/** The problems of a dated entry; none for a date of today. */
export function backdateProblems(input: BackdateInput): ErrorDetail[] {
  const { date, field, today } = input;
  if (date > today) {
    return [
      {
        field,
        code: 'notInFuture',
        message: {
          ko: `미래의 날짜는 입력할 수 없습니다(오늘 ${today}).`,
          en: `must not be in the future (today is ${today})`,
        },
      },
    ];
  }
  if (!isBackdated(date, today)) return [];
  const problems: ErrorDetail[] = [];
  for (const limit of input.limits ?? []) {
    if (date < limit.date) {
      problems.push({ field, code: limit.code, message: limit.message });
      break;
    }
  }
  if (!input.lateEntryReason?.trim()) {
    problems.push({
      field: input.reasonField ?? 'lateEntryReason',
      code: 'required',
      message: {
        ko: '지난 날짜로 입력하려면 사후 입력 사유를 적으세요.',
        en: 'a reason for entering this later is required for a past date',
      },
    });
  }
  return problems;
}

/** Midnight of a Seoul date as an instant: when a back-dated event is taken to have happened. */
export function seoulStartOfDay(date: string): Date {
  return new Date(`${date}T00:00:00+09:00`);
}

/** The limit "not before 1 January of the record's year". */
export function notBeforeYear(year: number, what: LocalText): BackdateLimit {
  return {
    date: `${year}-01-01`,
    code: 'withinYear',
    message: {
      ko: `${what.ko}의 연도(${year}년) 이전 날짜는 입력할 수 없습니다.`,
      en: `must not be before the ${what.en}'s year (${year})`,
    },
  };
}
