import { isDatabaseBusy, isDatabaseUnavailable } from '@gwaje/db';

/**
 * A compile asked for through `POST /dashboards/compile` (DashboardCompiles) and its life:
 *
 *   QUEUED ──start──▶ RUNNING ──succeed──▶ DONE
 *                       │ ▲
 *                       │ ├─ start (its job run again: a retry, or its worker died mid-compile)
 *                       │ └─ retry (the attempt failed for a passing reason; the job runs again)
 *                       └──fail──▶ FAILED (the error recorded)
 *
 * DONE and FAILED are final: a job that comes back for a finished request changes nothing. Only the
 * worker moves a request; the office asks for one and auditors and the office read it.
 */
export const COMPILE_STATES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type CompileState = (typeof COMPILE_STATES)[number];

export const COMPILE_ACTIONS = ['start', 'retry', 'succeed', 'fail'] as const;
export type CompileAction = (typeof COMPILE_ACTIONS)[number];

/** Every allowed (state, action) → state; anything else is not a transition. */
export const COMPILE_TRANSITIONS: Readonly<
  Record<CompileState, Partial<Record<CompileAction, CompileState>>>
> = {
  QUEUED: { start: 'RUNNING' },
  RUNNING: { start: 'RUNNING', retry: 'RUNNING', succeed: 'DONE', fail: 'FAILED' },
  DONE: {},
  FAILED: {},
};

export const isFinalCompileState = (state: CompileState): boolean =>
  Object.keys(COMPILE_TRANSITIONS[state]).length === 0;

/** The state `action` leads to from `state`, or null when it is not allowed there. */
export function nextCompileState(state: CompileState, action: CompileAction): CompileState | null {
  return COMPILE_TRANSITIONS[state][action] ?? null;
}

/** The states `action` may be taken from (the WHERE of the UPDATE that takes it). */
export function compileStatesAllowing(action: CompileAction): CompileState[] {
  return COMPILE_STATES.filter((s) => nextCompileState(s, action) !== null);
}

/**
 * Whether a failed compile may succeed when run again: the database was unreachable, restarting or
 * too busy (lock or statement timeout, deadlock, serialization failure). Anything else (a refused
 * statement, a bug) fails the same way every time, so it is not retried.
 */
export function isPassingFailure(error: unknown): boolean {
  return isDatabaseBusy(error) || isDatabaseUnavailable(error);
}

/**
 * What a failed attempt does to its request: `retry` while the failure is passing and the job has
 * attempts left (attempt counts from 1), `fail` otherwise.
 */
export function afterFailedAttempt(
  error: unknown,
  attempt: { number: number; of: number },
): Extract<CompileAction, 'retry' | 'fail'> {
  return isPassingFailure(error) && attempt.number < attempt.of ? 'retry' : 'fail';
}

/** The error as the request records it (and its readers see): the message, at most 1,000 characters. */
export function compileErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text || 'unknown error').slice(0, 1000);
}
