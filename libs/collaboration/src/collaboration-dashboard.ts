import type { DashboardSection, DashboardSectionInput } from '@gwaje/dashboards';
import type { EntityManager } from 'typeorm';
import {
  COORDINATES_ANY_SQL,
  coordinatedHistoryMarkSql,
  COORDINATOR_TASKS_SQL,
  type CoordinatedTaskRow,
} from './collaboration-progress-query.js';
import { coordinatorFigures, type CoordinatorFigures } from './collaboration-progress-rules.js';

/** The key of the coordinator's figures in the dashboard snapshot (`sections.collaborations`). */
export const COLLABORATION_SECTION = 'collaborations';

/**
 * Figures of another collaboration capability (e.g. 협업SOS: open difficulties and their age) that
 * belong in the coordinator's section: computed in the compile's transaction for the coordinating
 * organisation and stored under `sections.collaborations.extensions.<name>`.
 */
export interface CoordinatorFiguresExtension {
  compute(m: EntityManager, input: DashboardSectionInput): Promise<unknown>;
  /** As DashboardSection.historyMarkSql: records it reads that are recorded under other organisations. */
  historyMarkSql?: (org: string) => string;
}

const extensions = new Map<string, CoordinatorFiguresExtension>();

/** Registers (or replaces) named figures of the coordinator's section; idempotent. */
export function registerCoordinatorFigures(
  name: string,
  extension: CoordinatorFiguresExtension,
): void {
  extensions.set(name, extension);
}

/**
 * The coordinator's section (DOMAIN.md §9, issue 21 item 6): for an organisation that coordinates
 * collaboration tasks, those of the year (whatever organisation leads them) counted by focus,
 * status, delay and missing agreements, in all and per lead organisation. Other organisations get
 * no section.
 */
export const COLLABORATION_DASHBOARD_SECTION: DashboardSection = {
  name: COLLABORATION_SECTION,
  async compute(m, input): Promise<CoordinatorFigures | null> {
    const [any] = await m.query<Array<{ any: boolean }>>(COORDINATES_ANY_SQL, [
      input.organisationId,
    ]);
    if (!any?.any) return null;
    const rows = await m.query<CoordinatedTaskRow[]>(COORDINATOR_TASKS_SQL, [
      input.organisationId,
      input.year,
      input.asOf,
    ]);
    const extra: Record<string, unknown> = {};
    for (const [name, extension] of extensions) extra[name] = await extension.compute(m, input);
    return coordinatorFigures(
      rows.map((r) => ({
        leadOrganisationId: r.lead_organisation_id,
        leadOrganisationName: r.lead_organisation_name,
        focus: r.focus,
        status: r.status,
        delayed: r.delayed,
        agreementsMissing: r.agreements_missing,
      })),
      extra,
    );
  },
  historyMarkSql: (org) => {
    const marks = [
      coordinatedHistoryMarkSql(org),
      ...[...extensions.values()].flatMap((e) => (e.historyMarkSql ? [e.historyMarkSql(org)] : [])),
    ];
    return marks.length === 1
      ? marks[0]
      : `SELECT GREATEST(${marks.map((s) => `(${s})`).join(', ')})`;
  },
};
