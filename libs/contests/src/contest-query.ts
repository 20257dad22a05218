import type { Criterion } from '@gwaje/common';
import type { AwardRow, ContestField } from './contest-rules.js';
import type { ContestEntryState, ContestRoundStatus } from './contest-workflow.js';

/**
 * The SQL of the contests context (ARCHITECTURE.md: raw SQL in query files beside the services).
 * Access is decided in SQL: the scope fragments below are ANDed into every read.
 */

export interface RoundRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  year: number;
  title: string;
  description: string;
  entries_open: string;
  entries_close: string;
  judging_due: string;
  results_date: string;
  fields: ContestField[];
  criteria: Criterion[];
  award_table: AwardRow[];
  budget_krw: string;
  accepts_advancement: boolean;
  next_round_id: string | null;
  next_round_status: 'PROPOSED' | 'ACCEPTED' | 'DECLINED' | null;
  status: ContestRoundStatus;
  published_at: Date | null;
  version: number;
  panel_ids: string[];
}

export interface EntryRow {
  id: string;
  round_id: string;
  entrant_organisation_id: string;
  entrant_organisation_name: string;
  field: string;
  title: string;
  summary: string;
  department_id: string;
  department_name: string;
  official_ids: string[];
  task_id: string | null;
  nomination_id: string | null;
  state: ContestEntryState;
  rejection_reason: string | null;
  final_score: string | null;
  rank: number | null;
  award: AwardRow | null;
  advances: boolean;
  advanced_from_entry_id: string | null;
  submitted_by: string;
  submitted_at: Date;
  version: number;
}

export const ROUND_COLUMNS = `r.id, r.organisation_id, o.name AS organisation_name, r.year, r.title, r.description,
  to_char(r.entries_open, 'YYYY-MM-DD') AS entries_open, to_char(r.entries_close, 'YYYY-MM-DD') AS entries_close,
  to_char(r.judging_due, 'YYYY-MM-DD') AS judging_due, to_char(r.results_date, 'YYYY-MM-DD') AS results_date,
  r.fields, r.criteria, r.award_table, r.budget_krw, r.accepts_advancement, r.next_round_id, r.next_round_status,
  r.status, r.published_at, r.version,
  COALESCE((SELECT array_agg(p.user_id ORDER BY p.user_id) FROM contest_panel_members p WHERE p.round_id = r.id), '{}') AS panel_ids`;

export const ROUND_FROM = `contest_rounds r JOIN organisations o ON o.id = r.organisation_id`;

export const ENTRY_COLUMNS = `e.id, e.round_id, e.entrant_organisation_id, eo.name AS entrant_organisation_name, e.field, e.title,
  e.summary, e.department_id, d.name AS department_name, e.official_ids, e.task_id, e.nomination_id, e.state,
  e.rejection_reason, e.final_score, e.rank, e.award, e.advances, e.advanced_from_entry_id, e.submitted_by,
  e.submitted_at, e.version`;

export const ENTRY_FROM = `contest_entries e
  JOIN organisations eo ON eo.id = e.entrant_organisation_id
  JOIN departments d ON d.id = e.department_id`;

/**
 * The organisation itself and every organisation above it: an organiser among these takes the
 * user's organisation as an entrant (the organiser's own departments and its subordinate
 * organisations enter its contests).
 */
export const ANCESTORS_CTE = `RECURSIVE up AS (
    SELECT id, parent_id, 0 AS depth FROM organisations WHERE id = $ORG
    UNION ALL
    SELECT o.id, o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id WHERE up.depth < 20
  )`;

/** The organiser and every organisation below it that is active: who may enter its rounds. */
export const ENTRANTS_SQL = `WITH RECURSIVE down AS (
    SELECT id, 0 AS depth FROM organisations WHERE id = $1
    UNION ALL
    SELECT o.id, down.depth + 1 FROM organisations o JOIN down ON o.parent_id = down.id WHERE down.depth < 20
  )
  SELECT o.id, o.name, o.kind, o.parent_id, down.depth FROM down JOIN organisations o ON o.id = down.id
   WHERE o.active ORDER BY down.depth, o.name, o.id`;

/**
 * Who reads a round ($ORG the user's organisation): its organiser; once it is open, every
 * organisation at or below the organiser (its entrants); an organisation with an entry in it (an
 * advanced entry keeps its entrant); and the organiser of a round that proposed or has this one as
 * its next level.
 */
export const ROUND_SCOPE = `(
    r.organisation_id = $ORG
    OR (r.status <> 'DRAFT' AND r.organisation_id IN (SELECT id FROM up))
    OR EXISTS (SELECT 1 FROM contest_entries x WHERE x.round_id = r.id AND x.entrant_organisation_id = $ORG)
    OR EXISTS (SELECT 1 FROM contest_rounds f WHERE f.next_round_id = r.id AND f.organisation_id = $ORG
                 AND f.next_round_status IN ('PROPOSED', 'ACCEPTED'))
  )`;

/**
 * Who reads an entry (r: its round). $FULL: the user is PROACTIVE_OFFICE or AUDITOR.
 * - the organiser: its office and auditors, and the round's panel members;
 * - the entrant organisation: its office and auditors, the entry's department, the officials named;
 * - the organiser of the round it advanced from (the lower level follows its winners).
 */
export const ENTRY_SCOPE = `(
    (r.organisation_id = $ORG AND ($FULL OR EXISTS (
        SELECT 1 FROM contest_panel_members p WHERE p.round_id = r.id AND p.user_id = $USER)))
    OR (e.entrant_organisation_id = $ORG AND ($FULL OR e.department_id = $DEPT OR $USER = ANY(e.official_ids)))
    OR ($FULL AND EXISTS (
        SELECT 1 FROM contest_entries src JOIN contest_rounds sr ON sr.id = src.round_id
         WHERE src.id = e.advanced_from_entry_id AND sr.organisation_id = $ORG))
  )`;

/** Fills the named placeholders of a scope fragment with positional parameters. */
export function scoped(
  sql: string,
  params: unknown[],
  values: { ORG: string; USER?: string; DEPT?: string; FULL?: boolean },
): string {
  const slot = new Map<string, string>();
  return sql.replace(/\$(ORG|USER|DEPT|FULL)\b/g, (_, name: keyof typeof values) => {
    if (!slot.has(name)) {
      params.push(values[name] ?? null);
      slot.set(name, `$${params.length}${name === 'FULL' ? '::boolean' : '::uuid'}`);
    }
    return slot.get(name)!;
  });
}
