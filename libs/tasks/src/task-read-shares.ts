/**
 * The tasks' read-share port: another bounded context (collaboration tasks) that lets people of
 * other organisations or departments read a task registers here a condition on the task alias, so
 * `taskReadScopeSql` (tasks, milestones, reports: all scoped by their task) includes them in SQL
 * without the tasks library naming that context or its tables.
 */
export interface TaskReadShare {
  /**
   * For organisation-wide readers (AUDITOR, PROACTIVE_OFFICE): a condition on the task alias that
   * may use `:scopeOrg` (the reader's organisation), e.g. `t.id IN (SELECT …)`.
   */
  organisations?: (alias: string) => string;
  /**
   * For department readers (STAFF, DEPT_HEAD): a condition on the task alias that may use
   * `:scopeDept` and `:scopeUser`.
   */
  departments?: (alias: string) => string;
}

const shares = new Map<string, TaskReadShare>();

/** Registers (or replaces) the read share of a context under its name; idempotent. */
export function registerTaskReadShare(name: string, share: TaskReadShare): void {
  shares.set(name, share);
}

/** The registered shares, in registration order. */
export function taskReadShares(): readonly TaskReadShare[] {
  return [...shares.values()];
}
