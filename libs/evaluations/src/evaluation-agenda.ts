import { Injectable } from '@nestjs/common';
import { HistoryService } from '@gwaje/audit';
import { DomainError, type InterestedParty } from '@gwaje/common';
import {
  type AgendaResolution,
  type AgendaSubjectFacts,
  AgendaSubjectHandlerBase,
  AgendaSubjects,
} from '@gwaje/committee';
import type { Tx } from '@gwaje/db';
import { EvaluationsService, type RoundRow } from './evaluations.service.js';
import { roundStateAllows } from './evaluation-workflow.js';

/**
 * Year-end evaluation's matters before the 적극행정위원회 (DOMAIN.md §5, §9), registered with the
 * committee's port: the round's selection criteria (지방 13조②: resolved before scoring starts,
 * then frozen) and its results (confirmed only by a resolution that passed).
 */

function stateRefusal(round: RoundRow, text: { ko: string; en: string }): DomainError {
  return DomainError.illegalTransition(
    { resource: 'evaluationRound', currentStatus: round.status, allowedActions: [] },
    text,
  );
}

/** EVALUATION_CRITERIA: a PASSED item freezes the round's criteria and lets scoring start. */
@Injectable()
export class EvaluationCriteriaAgenda extends AgendaSubjectHandlerBase {
  readonly kind = 'EVALUATION_CRITERIA' as const;

  constructor(
    registry: AgendaSubjects,
    private readonly evaluations: EvaluationsService,
    private readonly history: HistoryService,
  ) {
    super(registry);
  }

  async facts(tx: Tx, roundId: string, organisationId: string): Promise<AgendaSubjectFacts | null> {
    const round = await this.evaluations.roundForCommittee(tx.manager, roundId, organisationId);
    if (!round) return null;
    if (round.criteria_approved_item_id) throw this.evaluations.criteriaFrozen(round);
    if (round.status !== 'NOMINATING') {
      throw stateRefusal(round, {
        ko: '채점이 시작된 평가의 기준은 위원회에 올릴 수 없습니다.',
        en: 'The criteria of a round past nominations cannot go before the committee.',
      });
    }
    // The criteria concern no one in particular: nobody is excluded for them.
    return { title: `${round.title} — 평가 기준 및 등급표 심의`, interestedParties: [] };
  }

  async resolved(tx: Tx, roundId: string, r: AgendaResolution): Promise<void> {
    if (r.outcome !== 'PASSED') return;
    const [row] = await tx.manager.query<
      Array<{
        status: string;
        criteria_approved_item_id: string | null;
        criteria: unknown;
        grades: unknown;
      }>
    >(
      `SELECT status, criteria_approved_item_id, criteria, grades FROM evaluation_rounds
        WHERE id = $1 AND organisation_id = $2 FOR NO KEY UPDATE`,
      [roundId, r.organisationId],
    );
    if (!row) throw DomainError.notFound();
    const round = {
      id: roundId,
      status: row.status,
      criteria_approved_item_id: row.criteria_approved_item_id,
    } as RoundRow;
    if (row.criteria_approved_item_id) throw this.evaluations.criteriaFrozen(round);
    if (row.status !== 'NOMINATING') {
      throw stateRefusal(round, {
        ko: '채점이 시작된 평가의 기준은 의결할 수 없습니다.',
        en: 'The criteria of a round past nominations cannot be resolved.',
      });
    }
    await tx.manager.query(
      `UPDATE evaluation_rounds SET criteria_approved_item_id = $2, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [roundId, r.agendaItemId],
    );
    await this.history.record(tx, {
      organisationId: r.organisationId,
      recordType: 'evaluation_round',
      recordId: roundId,
      action: 'criteria.approve',
      actorId: r.actor.id,
      changes: {
        criteriaApprovedItemId: { from: null, to: r.agendaItemId },
        criteria: { from: null, to: row.criteria },
        grades: { from: null, to: row.grades },
      },
      reason: r.decision,
    });
  }
}

/**
 * EVALUATION_RESULTS: the interested parties are every nomination's nominees (officials, team
 * members, departments) and nominators; a PASSED item confirms the round — the only way its results
 * are resolved (the round's workflow: `referResults`, then `resolve` by the committee).
 */
@Injectable()
export class EvaluationResultsAgenda extends AgendaSubjectHandlerBase {
  readonly kind = 'EVALUATION_RESULTS' as const;

  constructor(
    registry: AgendaSubjects,
    private readonly evaluations: EvaluationsService,
  ) {
    super(registry);
  }

  async facts(tx: Tx, roundId: string, organisationId: string): Promise<AgendaSubjectFacts | null> {
    const round = await this.evaluations.roundForCommittee(tx.manager, roundId, organisationId);
    if (!round) return null;
    if (!roundStateAllows(round.status, 'referResults')) {
      throw stateRefusal(round, {
        ko: '채점 단계의 평가 결과만 위원회에 올릴 수 있습니다.',
        en: 'Only the results of a round in scoring go before the committee.',
      });
    }
    const nominations = await tx.manager.query<
      Array<{
        type: string;
        nominee_user_ids: string[];
        nominee_department_ids: string[];
        nominated_by: string;
      }>
    >(
      `SELECT type, nominee_user_ids, nominee_department_ids, nominated_by FROM nominations
        WHERE round_id = $1 AND state <> 'EXCLUDED' ORDER BY submitted_at, id`,
      [roundId],
    );
    const parties: InterestedParty[] = [];
    const seen = new Set<string>();
    const add = (p: InterestedParty) => {
      const key = `${p.role}:${p.userId ?? ''}:${p.departmentId ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      parties.push(p);
    };
    for (const n of nominations) {
      for (const u of n.nominee_user_ids) {
        add({ role: n.type === 'TEAM' ? 'TEAM_MEMBER' : 'NOMINEE', userId: u });
      }
      for (const d of n.nominee_department_ids) add({ role: 'DEPARTMENT', departmentId: d });
      add({ role: 'NOMINATOR', userId: n.nominated_by });
    }
    return { title: `${round.title} — 평가 결과 심의·의결`, interestedParties: parties };
  }

  async resolved(tx: Tx, roundId: string, r: AgendaResolution): Promise<void> {
    if (r.outcome !== 'PASSED') return;
    const round = await this.evaluations.roundForCommittee(tx.manager, roundId, r.organisationId);
    if (!round) throw DomainError.notFound();
    await this.evaluations.confirmResults(tx, r.actor, round, {
      meetingDate: r.meetingDate,
      presentMemberIds: r.presentMemberIds,
      votesFor: r.votesFor,
      votesAgainst: r.votesAgainst,
      agendaItemId: r.agendaItemId,
    });
  }
}
