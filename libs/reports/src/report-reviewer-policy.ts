/**
 * The reports' reviewer port: by default the AUDITOR and PROACTIVE_OFFICE of the report's own
 * organisation accept or return it. Another bounded context (collaboration tasks: their
 * `review_by` setting) may hand the review of some tasks' reports to another organisation by
 * registering here a SQL expression on the task alias that yields that organisation's id (or
 * NULL: the default). The reports read it as a column of every report row (list, detail,
 * transition), so neither the rule nor the queue names that context or its tables.
 */
export interface ReportReviewerPolicy {
  /**
   * A scalar SQL expression on the task alias (e.g. a sub-select on `${alias}.id`) answering the
   * id of the organisation whose reviewers review the task's reports instead, or NULL. No
   * parameters: it is pasted into queries of their own numbering.
   */
  reviewerOrganisationSql: (taskAlias: string) => string;
}

const policies = new Map<string, ReportReviewerPolicy>();

/** Registers (or replaces) the reviewer policy of a context under its name; idempotent. */
export function registerReportReviewerPolicy(name: string, policy: ReportReviewerPolicy): void {
  policies.set(name, policy);
}

/**
 * The reviewing organisation of a report as SQL: the first registered policy that answers, else
 * `fallback` (the report's own organisation).
 */
export function reviewerOrganisationSql(taskAlias: string, fallback: string): string {
  const parts = [...policies.values()].map((p) => `(${p.reviewerOrganisationSql(taskAlias)})`);
  return parts.length ? `COALESCE(${parts.join(', ')}, ${fallback})` : fallback;
}
