import type { ErrorDetail } from '@gwaje/common';
import { type ReportAction, reportTransitionFor } from './report-workflow.js';
import { ReportState } from './report.entity.js';

/** One step of a past report's life, with the day it happened (사후 입력). */
export interface PastReportEvent {
  action: ReportAction;
  /** YYYY-MM-DD, Asia/Seoul */
  on: string;
  comment?: string;
}

/** Where the steps leave the report: the columns a live workflow would have written. */
export interface PastReportOutcome {
  state: ReportState;
  /** The first submission's day: lateness is judged on it. */
  firstSubmittedOn: string | null;
  lastSubmittedOn: string | null;
  reviewedOn: string | null;
  reviewComment: string | null;
  resubmissionCount: number;
  /** The days of the returns, for the year's count of returns. */
  returnedOn: string[];
}

/**
 * Replays the steps of a past report through the report state machine (report-workflow.ts) from
 * DRAFT: each step must be possible where the previous left it, days may not go backwards, lie in
 * the future or before the period began, and a return needs its comment. Problems name the step
 * (`events.<i>.…`).
 */
export function replayPastEvents(
  events: readonly PastReportEvent[],
  periodStart: string,
  today: string,
): { problems: ErrorDetail[]; outcome: PastReportOutcome } {
  const problems: ErrorDetail[] = [];
  const outcome: PastReportOutcome = {
    state: ReportState.DRAFT,
    firstSubmittedOn: null,
    lastSubmittedOn: null,
    reviewedOn: null,
    reviewComment: null,
    resubmissionCount: 0,
    returnedOn: [],
  };
  let previous: string | null = null;
  events.forEach((event, i) => {
    const at = `events.${i}`;
    const transition = reportTransitionFor(outcome.state, event.action);
    if (!transition) {
      problems.push({
        field: `${at}.action`,
        code: 'notAfterPrevious',
        message: {
          ko: `${i + 1}번째 처리(${ACTION_NAMES[event.action]})는 ${STATE_NAMES[outcome.state]} 상태 다음에 올 수 없습니다.`,
          en: `step ${i + 1} (${event.action}) cannot follow the report being ${outcome.state}`,
        },
      });
      return;
    }
    if (event.on > today) {
      problems.push({
        field: `${at}.on`,
        code: 'notInFuture',
        message: {
          ko: `미래의 날짜는 입력할 수 없습니다(오늘 ${today}).`,
          en: `must not be in the future (today is ${today})`,
        },
      });
    } else if (event.on < periodStart) {
      problems.push({
        field: `${at}.on`,
        code: 'notBeforePeriod',
        message: {
          ko: `보고 기간이 시작된 날(${periodStart})보다 앞설 수 없습니다.`,
          en: `must not be before the period began (${periodStart})`,
        },
      });
    } else if (previous !== null && event.on < previous) {
      problems.push({
        field: `${at}.on`,
        code: 'notBeforePrevious',
        message: {
          ko: `앞선 처리일(${previous})보다 빠릅니다. ${event.action === 'submit' ? '제출은' : '검토는'} 앞 단계 뒤에 있어야 합니다.`,
          en: `must not be before the previous step (${previous})`,
        },
      });
    }
    const comment = event.comment?.trim() || null;
    if (transition.commentRequired && !comment) {
      problems.push({
        field: `${at}.comment`,
        code: 'required',
        message: {
          ko: '반려 사유(검토 의견)를 입력하세요.',
          en: 'a comment is required to return a report',
        },
      });
    }
    if (event.action === 'submit') {
      if (outcome.state === ReportState.RETURNED) outcome.resubmissionCount++;
      outcome.firstSubmittedOn ??= event.on;
      outcome.lastSubmittedOn = event.on;
      outcome.reviewedOn = null;
    } else {
      outcome.reviewedOn = event.on;
      outcome.reviewComment = comment;
      if (event.action === 'return') outcome.returnedOn.push(event.on);
    }
    outcome.state = transition.to;
    if (previous === null || event.on > previous) previous = event.on;
  });
  return { problems, outcome };
}

const ACTION_NAMES: Record<ReportAction, string> = {
  submit: '제출',
  accept: '승인',
  return: '반려',
};
const STATE_NAMES: Record<ReportState, string> = {
  DRAFT: '작성 중',
  SUBMITTED: '제출',
  ACCEPTED: '승인',
  RETURNED: '반려',
};
