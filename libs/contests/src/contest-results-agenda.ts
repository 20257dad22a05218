import { Injectable } from '@nestjs/common';
import type { InterestedParty } from '@gwaje/common';
import {
  type AgendaResolution,
  type AgendaSubjectFacts,
  AgendaSubjectHandlerBase,
  AgendaSubjects,
} from '@gwaje/committee';
import type { Tx } from '@gwaje/db';
import { ContestAccess } from './contest-access.js';

/**
 * CONTEST_RESULTS: the organiser's 적극행정위원회 deliberates a contest round's results (e.g. before
 * the 근평 가점 it awards go to HR). The named officials, the entries' departments and their
 * submitters are interested parties (제척). The resolution is recorded on the round's history;
 * publication stays with the organiser's office (the panel path of DOMAIN.md §9).
 */
@Injectable()
export class ContestResultsAgenda extends AgendaSubjectHandlerBase {
  readonly kind = 'CONTEST_RESULTS' as const;

  constructor(
    registry: AgendaSubjects,
    private readonly access: ContestAccess,
  ) {
    super(registry);
  }

  async facts(tx: Tx, id: string, organisationId: string): Promise<AgendaSubjectFacts | null> {
    const [round] = await tx.manager.query<Array<{ title: string; year: number }>>(
      `SELECT title, year FROM contest_rounds WHERE id = $1 AND organisation_id = $2`,
      [id, organisationId],
    );
    if (!round) return null;
    const entries = await tx.manager.query<
      Array<{ official_ids: string[]; department_id: string; submitted_by: string }>
    >(
      `SELECT official_ids, department_id, submitted_by FROM contest_entries
        WHERE round_id = $1 AND state <> 'REJECTED' ORDER BY submitted_at, id`,
      [id],
    );
    const parties: InterestedParty[] = entries.flatMap((e) => [
      ...e.official_ids.map((userId) => ({ role: 'NOMINEE' as const, userId })),
      { role: 'DEPARTMENT' as const, departmentId: e.department_id },
      { role: 'NOMINATOR' as const, userId: e.submitted_by },
    ]);
    return { title: `경진대회 결과: ${round.year} ${round.title}`, interestedParties: parties };
  }

  async resolved(tx: Tx, id: string, r: AgendaResolution): Promise<void> {
    await this.access.record(
      tx,
      r.actor,
      r.organisationId,
      'contest_round',
      id,
      'committee.resolve',
      {
        committeeAgendaItemId: { from: null, to: r.agendaItemId },
        committeeOutcome: { from: null, to: r.outcome },
      },
      r.decision,
    );
  }
}
