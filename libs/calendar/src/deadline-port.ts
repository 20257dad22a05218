/**
 * The stored deadlines counted in business days (issue 25), registered by the capabilities that own
 * them (a port: the calendar reads none of their tables itself). When a declared day is added or
 * withdrawn, each source's open rows whose count of business days spans that date are moved to
 * the date the same count gives under the new calendar, each with a history entry.
 */
export interface BusinessDayDeadlineSource {
  /** The history record type of the rows (report, consultation, …). */
  recordType: string;
  /** What the moved date is, for the history entry's change key (dueDate, screeningDueDate, …). */
  field: string;
  /**
   * The open rows whose deadline may move with a declaration of day $1 (a date) for organisation
   * $2 (a uuid, or null for a national one): columns id, organisation_id (whose closures count),
   * history_organisation_id (whose history the entry goes to), basis (the day counted from, text
   * YYYY-MM-DD) and due (text YYYY-MM-DD); rows locked FOR UPDATE. Only rows with basis < $1 and
   * due >= $1 can move, and the query must keep to them.
   */
  openSql: string;
  /** Sets the deadline of row $1 to $2 (a date). */
  updateSql: string;
}

const sources: BusinessDayDeadlineSource[] = [];

export function registerBusinessDayDeadline(source: BusinessDayDeadlineSource): void {
  if (sources.some((s) => s.recordType === source.recordType && s.field === source.field)) return;
  sources.push(source);
}

export function businessDayDeadlines(): readonly BusinessDayDeadlineSource[] {
  return sources;
}
