import { Injectable } from '@nestjs/common';
import { HistoryService } from '@gwaje/audit';
import type { InterestedParty } from '@gwaje/common';
import {
  type AgendaResolution,
  type AgendaSubjectFacts,
  AgendaSubjectHandlerBase,
  AgendaSubjects,
} from '@gwaje/committee';
import type { Tx } from '@gwaje/db';
import type { ConsultationAdvice } from './consultation.entity.js';

/**
 * CONSULTATION_ADVICE: a pre-consultation the audit unit put before the 적극행정위원회
 * (COMMITTEE_ADVICE, DOMAIN.md §4). The requester (and the drafter) are interested parties; a
 * PASSED resolution on a consultation that awaits the committee's advice answers the open request
 * with the resolution's text and returns it to UNDER_REVIEW, as recordCommitteeAdvice does. A
 * rejected item, or a consultation no longer waiting, is left as it is (the item still links it).
 */
@Injectable()
export class ConsultationAdviceAgenda extends AgendaSubjectHandlerBase {
  readonly kind = 'CONSULTATION_ADVICE' as const;

  constructor(
    registry: AgendaSubjects,
    private readonly history: HistoryService,
  ) {
    super(registry);
  }

  async facts(tx: Tx, id: string, organisationId: string): Promise<AgendaSubjectFacts | null> {
    const [row] = await tx.manager.query<
      Array<{ subject: string; requester_id: string | null; drafter_id: string; state: string }>
    >(
      `SELECT subject, requester_id, drafter_id, state FROM consultations WHERE id = $1 AND organisation_id = $2`,
      [id, organisationId],
    );
    if (!row || row.state === 'DRAFT') return null;
    const parties: InterestedParty[] = [{ role: 'REQUESTER', userId: row.drafter_id }];
    if (row.requester_id && row.requester_id !== row.drafter_id) {
      parties.unshift({ role: 'REQUESTER', userId: row.requester_id });
    }
    return { title: `사전컨설팅 자문: ${row.subject}`, interestedParties: parties };
  }

  async resolved(tx: Tx, id: string, r: AgendaResolution): Promise<void> {
    if (r.outcome !== 'PASSED') return;
    const [row] = await tx.manager.query<
      Array<{ state: string; advice: ConsultationAdvice[]; version: number }>
    >(
      `SELECT state, advice, version FROM consultations WHERE id = $1 AND organisation_id = $2 FOR NO KEY UPDATE`,
      [id, r.organisationId],
    );
    if (!row || row.state !== 'COMMITTEE_ADVICE') return;
    const advice = [...row.advice];
    const index = advice.map((a) => a.kind === 'COMMITTEE' && a.advice === null).lastIndexOf(true);
    const text =
      r.decision ??
      `적극행정위원회 ${r.meetingDate} 의결(가결: 출석 ${r.presentMemberIds.length}명, 찬성 ${r.votesFor})`;
    const answered = { advisedAt: new Date().toISOString(), advisedBy: r.actor.id, advice: text };
    if (index >= 0) advice[index] = { ...advice[index], ...answered };
    await tx.manager.query(
      `UPDATE consultations SET state = 'UNDER_REVIEW', advice = $2, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, JSON.stringify(advice)],
    );
    await this.history.record(tx, {
      organisationId: r.organisationId,
      recordType: 'consultation',
      recordId: id,
      action: 'recordCommitteeAdvice',
      actorId: r.actor.id,
      changes: {
        state: { from: 'COMMITTEE_ADVICE', to: 'UNDER_REVIEW' },
        committeeAgendaItemId: { from: null, to: r.agendaItemId },
      },
      reason: text,
    });
  }
}
