// The 협업과제 list's filters: read from the URL, written back to it (only what is chosen; the
// export uses the same query string) and turned into the list API's query. Pure functions
// (unit-tested in filters.spec.ts).
import type { Schemas } from '../../api/client';

export type TaskStatus = Schemas['CollaborationSummaryDto']['task']['status'];

export const TASK_STATUSES: readonly TaskStatus[] = [
  'DRAFT',
  'PROPOSED',
  'SELECTED',
  'REJECTED',
  'IN_PROGRESS',
  'COMPLETED',
  'SUSPENDED',
  'DROPPED',
];

export interface Filters {
  focus: '' | 'true' | 'false';
  status: '' | TaskStatus;
  delayed: '' | 'true' | 'false';
  coordinatorOrganisationId: string;
  coordinated: boolean;
  year: string;
}

export const EMPTY_FILTERS: Filters = {
  focus: '',
  status: '',
  delayed: '',
  coordinatorOrganisationId: '',
  coordinated: false,
  year: '',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters in a URL; anything the API would refuse is left out (shown as "전체"). */
export function parseFilters(sp: URLSearchParams): Filters {
  const pick = <V extends string>(key: string, allowed: readonly V[]): V | '' => {
    const v = sp.get(key) ?? '';
    return (allowed as readonly string[]).includes(v) ? (v as V) : '';
  };
  const coordinator = sp.get('coordinatorOrganisationId') ?? '';
  const year = sp.get('year') ?? '';
  return {
    focus: pick('focus', ['true', 'false']),
    status: pick('status', TASK_STATUSES),
    delayed: pick('delayed', ['true', 'false']),
    coordinatorOrganisationId: UUID.test(coordinator) ? coordinator : '',
    coordinated: sp.get('coordinated') === 'true',
    year: /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100 ? year : '',
  };
}

/** The URL of the filters and a page (and, without the offset, the export's query). */
export function filterParams(f: Filters, offset = 0): URLSearchParams {
  const q = new URLSearchParams();
  if (f.focus) q.set('focus', f.focus);
  if (f.status) q.set('status', f.status);
  if (f.delayed) q.set('delayed', f.delayed);
  if (f.coordinatorOrganisationId) q.set('coordinatorOrganisationId', f.coordinatorOrganisationId);
  if (f.coordinated) q.set('coordinated', 'true');
  if (f.year) q.set('year', f.year);
  if (offset > 0) q.set('offset', String(offset));
  return q;
}

/** The list API's query for the filters and a page. */
export function listQuery(f: Filters, limit: number, offset: number) {
  return {
    ...(f.focus ? { focus: f.focus === 'true' } : {}),
    ...(f.status ? { status: [f.status] } : {}),
    ...(f.delayed ? { delayed: f.delayed === 'true' } : {}),
    ...(f.coordinatorOrganisationId
      ? { coordinatorOrganisationId: f.coordinatorOrganisationId }
      : {}),
    ...(f.coordinated ? { coordinated: true } : {}),
    ...(f.year ? { year: Number(f.year) } : {}),
    limit,
    offset,
  };
}

/**
 * The milestone shares to send: the milestones (in the task's order) given a participant, each
 * with it; an unassigned one is left out (the list replaces the shares).
 */
export function sharesBody(
  milestones: ReadonlyArray<{ milestoneId: string }>,
  choice: Readonly<Record<string, string>>,
): Array<{ milestoneId: string; organisationId: string }> {
  return milestones.flatMap((m) => {
    const organisationId = choice[m.milestoneId];
    return organisationId ? [{ milestoneId: m.milestoneId, organisationId }] : [];
  });
}
