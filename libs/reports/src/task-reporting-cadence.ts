/**
 * The reports' cadence port: by default a task owes the periods of its organisation's reporting
 * calendar for the year (MONTHLY, QUARTERLY or HALF_YEARLY). Another bounded context (collaboration
 * tasks: a 중점 협업과제 reports monthly) may give some tasks another cadence for the periods that
 * begin at some date, by registering here a SQL expression on the task alias and the period's first
 * day that yields a cadence ('MONTHLY', 'QUARTERLY', 'HALF_YEARLY') or NULL (the calendar's).
 * Generation of the expected reports and the opening of a report for a period both ask it, so the
 * rule "a period of cadence c is owed by task t iff c = the task's cadence at the period's start"
 * holds everywhere without the reports naming that context or its tables.
 */
export interface TaskReportingCadence {
  /**
   * A scalar SQL expression (e.g. a sub-select on `${task}.id`) answering the task's cadence for a
   * period beginning on `periodStart` (a SQL expression of type date, the period's first day in
   * Asia/Seoul), or NULL. No parameters: it is pasted into queries of their own numbering.
   */
  cadenceSql: (task: string, periodStart: string) => string;
}

const overrides = new Map<string, TaskReportingCadence>();

/** Registers (or replaces) the cadence override of a context under its name; idempotent. */
export function registerTaskReportingCadence(name: string, override: TaskReportingCadence): void {
  overrides.set(name, override);
}

/**
 * The cadence of task `task` for the period beginning on `periodStart` as SQL: the first
 * registered override that answers, else `calendarCadence` (the organisation's calendar's).
 */
export function taskReportingCadenceSql(
  task: string,
  periodStart: string,
  calendarCadence: string,
): string {
  const parts = [...overrides.values()].map((o) => `(${o.cadenceSql(task, periodStart)})`);
  return parts.length ? `COALESCE(${parts.join(', ')}, ${calendarCadence})` : calendarCadence;
}
