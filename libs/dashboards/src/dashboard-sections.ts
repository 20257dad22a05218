import type { EntityManager } from 'typeorm';

/** What a section's computation is given: the compile's organisation, year and as-of date. */
export interface DashboardSectionInput {
  organisationId: string;
  year: number;
  /** The compile's as-of date (Asia/Seoul, YYYY-MM-DD): "today" for every figure. */
  asOf: string;
}

/**
 * The dashboards' section port (ARCHITECTURE.md "Ports, not reach-ins"): a capability registers a
 * named section of figures computed by its own queries, so the dashboards compile it with the
 * built-in figures without naming that capability or its tables. The result is stored in the
 * snapshot under `sections.<name>` and shown to the organisation's readers.
 */
export interface DashboardSection {
  /** The key under `sections` (letters and digits, e.g. `collaborations`). */
  name: string;
  /**
   * The section's figures (JSON), computed inside the compile's REPEATABLE READ transaction with
   * its manager `m` (never the pool), so they agree with every other figure of the snapshot.
   * `null`: the section does not apply to this organisation and is left out.
   */
  compute(m: EntityManager, input: DashboardSectionInput): Promise<unknown>;
  /**
   * When the section's figures of an organisation read records whose history is written under
   * OTHER organisations (e.g. a coordinator's figures of tasks led by others): a scalar SQL
   * sub-select answering the newest history id (bigint) of those records, for the organisation
   * given as the SQL expression `org`. The dashboards count it in the organisation's history
   * mark, so such a change makes its dashboard dirty (compiled again) and its snapshot stale.
   */
  historyMarkSql?: (org: string) => string;
}

const sections = new Map<string, DashboardSection>();

/** Registers (or replaces) a section under its name; idempotent. */
export function registerDashboardSection(section: DashboardSection): void {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(section.name)) {
    throw new Error(`dashboard section name must be letters and digits: ${section.name}`);
  }
  sections.set(section.name, section);
}

/** The registered sections, in registration order. */
export function dashboardSections(): readonly DashboardSection[] {
  return [...sections.values()];
}

/**
 * The organisation's history mark as SQL, for the organisation given as the SQL expression `org`:
 * the newest history id of its own records and of what the registered sections read elsewhere
 * (GREATEST ignores NULLs; NULL when there is none at all).
 */
export function historyMarkSql(org: string): string {
  const own = `(SELECT max(h0.id) FROM history h0 WHERE h0.organisation_id = ${org})`;
  const more = dashboardSections()
    .filter((s) => s.historyMarkSql)
    .map((s) => `(${s.historyMarkSql!(org)})`);
  return more.length ? `GREATEST(${[own, ...more].join(', ')})` : own;
}

/** Computes every registered section inside the compile's transaction; sections that answer null are left out. */
export async function computeSections(
  m: EntityManager,
  input: DashboardSectionInput,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const section of dashboardSections()) {
    const value = await section.compute(m, input);
    if (value !== null && value !== undefined) out[section.name] = value;
  }
  return out;
}
