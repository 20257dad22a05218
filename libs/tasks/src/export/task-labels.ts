import type { TaskCategory, TaskRisk, TaskStatus } from '../task.entity.js';

/** Korean labels of task values, as exports (and later dashboards) show them. */
export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  DRAFT: '작성중',
  PROPOSED: '제안',
  SELECTED: '선정',
  REJECTED: '미선정',
  IN_PROGRESS: '추진중',
  COMPLETED: '완료',
  SUSPENDED: '중단',
  DROPPED: '폐지',
};

export const TASK_CATEGORY_LABELS: Readonly<Record<TaskCategory, string>> = {
  PROACTIVE: '적극행정',
  GOV_INNOVATION: '정부혁신',
  REGULATORY: '규제혁신',
  COLLABORATION: '협업',
};

export const TASK_RISK_LABELS: Readonly<Record<TaskRisk, string>> = {
  LOW: '낮음',
  MEDIUM: '보통',
  HIGH: '높음',
};

export const YES_NO_LABELS = { true: '예', false: '아니오' } as const;

/**
 * A plain date (YYYY-MM-DD) as Korean documents write it: `2026. 11. 22.`, `2026. 1. 5.` (no
 * leading zeros, as in 공문서). No time zone is involved: the value is a calendar date.
 */
export function koreanDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}. ${Number(m)}. ${Number(d)}.`;
}

const SEOUL_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as a date and time in Asia/Seoul: `2026. 11. 22. 14:05`. */
export function koreanDateTime(at: Date): string {
  const p = Object.fromEntries(SEOUL_PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  return `${koreanDate(`${p.year}-${p.month}-${p.day}`)} ${p.hour}:${p.minute}`;
}
