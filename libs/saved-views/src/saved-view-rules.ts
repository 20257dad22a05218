import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { CONSULTATION_SORTS } from '@gwaje/consultations';
import { REPORT_SORTS } from '@gwaje/reports';
import { TASK_SORTS } from '@gwaje/tasks';

/** The lists a view can be saved for (the web's task list, report queue and consultation queue). */
export const SAVED_VIEW_LISTS = ['tasks', 'reports', 'consultations'] as const;
export type SavedViewList = (typeof SAVED_VIEW_LISTS)[number];

export const SAVED_VIEW_NAME_MAX = 100;
export const SAVED_VIEW_QUERY_MAX = 1000;
/** One value of the query (a search text, a list of statuses). */
const VALUE_MAX = 300;

/**
 * The query names each list keeps in its URL (its filters and sort): anything else is refused,
 * so a saved view never carries a paging offset or a parameter a page does not know.
 */
export const SAVED_VIEW_KEYS: Readonly<Record<SavedViewList, readonly string[]>> = {
  tasks: [
    'year',
    'status',
    'leadDepartmentId',
    'ownerId',
    'risk',
    'delayed',
    'q',
    'sort',
    'order',
    'limit',
  ],
  reports: [
    'year',
    'period',
    'departmentId',
    'taskId',
    'state',
    'late',
    'missing',
    'sort',
    'order',
  ],
  consultations: [
    'state',
    'overdue',
    'assignedToMe',
    'departmentId',
    'year',
    'taskId',
    'sort',
    'order',
  ],
};

const SORTS: Readonly<Record<SavedViewList, readonly string[]>> = {
  tasks: TASK_SORTS,
  reports: REPORT_SORTS,
  consultations: CONSULTATION_SORTS,
};

/**
 * The query as stored: without a leading `?`, each allowed name once, sort and order among the
 * list's values. A problem is a 400 on `query` naming it (nothing is saved).
 */
export function normaliseSavedViewQuery(list: SavedViewList, raw: string): string {
  const text = raw.startsWith('?') ? raw.slice(1) : raw;
  const problem = (ko: string, en: string, code = 'invalid'): DomainError =>
    new DomainError(ErrorCode.VALIDATION_FAILED, undefined, [
      { field: 'query', code, message: { ko, en } } satisfies ErrorDetail,
    ]);
  if (text.length > SAVED_VIEW_QUERY_MAX) {
    throw problem(
      `조건은 ${SAVED_VIEW_QUERY_MAX}자 이하여야 합니다.`,
      `The query must be at most ${SAVED_VIEW_QUERY_MAX} characters.`,
      'maxLength',
    );
  }
  const params = new URLSearchParams(text);
  const allowed = SAVED_VIEW_KEYS[list];
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (!allowed.includes(key)) {
      // The name is repeated only when it is a plain identifier (never arbitrary input).
      const named = /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key) ? `: ${key}` : '';
      throw problem(
        `이 목록에서 쓸 수 없는 조건입니다${named} (쓸 수 있는 조건: ${allowed.join(', ')})`,
        `Unknown parameter for this list${named} (allowed: ${allowed.join(', ')})`,
        'unknownKey',
      );
    }
    if (seen.has(key)) {
      throw problem(
        `같은 조건이 두 번 있습니다: ${key}`,
        `The parameter appears twice: ${key}`,
        'duplicate',
      );
    }
    seen.add(key);
    if (value.length > VALUE_MAX) {
      throw problem(
        `조건 ${key}의 값은 ${VALUE_MAX}자 이하여야 합니다.`,
        `The value of ${key} must be at most ${VALUE_MAX} characters.`,
        'maxLength',
      );
    }
  }
  const sort = params.get('sort');
  if (sort !== null && !SORTS[list].includes(sort)) {
    throw problem(
      `정렬 기준은 ${SORTS[list].join(', ')} 중 하나여야 합니다.`,
      `sort must be one of ${SORTS[list].join(', ')}.`,
    );
  }
  const order = params.get('order');
  if (order !== null && order !== 'asc' && order !== 'desc') {
    throw problem('정렬 순서는 asc 또는 desc여야 합니다.', 'order must be asc or desc.');
  }
  return params.toString();
}
