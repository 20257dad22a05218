import { Injectable } from '@nestjs/common';
import {
  type AgendaResolution,
  type AgendaSubjectFacts,
  AgendaSubjectHandlerBase,
  AgendaSubjects,
} from '@gwaje/committee';
import type { Tx } from '@gwaje/db';
import { OpinionRequestsService } from './opinion-requests.service.js';

/**
 * OPINION_REQUEST: a 의견제시 the audit office referred to the 적극행정위원회. The requester is the
 * interested party (제척); a PASSED resolution is the opinion (ANSWERED), a rejected one hands the
 * request back to the audit office.
 */
@Injectable()
export class OpinionRequestAgenda extends AgendaSubjectHandlerBase {
  readonly kind = 'OPINION_REQUEST' as const;

  constructor(
    registry: AgendaSubjects,
    private readonly requests: OpinionRequestsService,
  ) {
    super(registry);
  }

  facts(tx: Tx, id: string, organisationId: string): Promise<AgendaSubjectFacts | null> {
    return this.requests.agendaFacts(tx, id, organisationId);
  }

  resolved(tx: Tx, id: string, r: AgendaResolution): Promise<void> {
    return this.requests.committeeResolved(tx, id, {
      passed: r.outcome === 'PASSED',
      text: r.decision ?? undefined,
      meetingDate: r.meetingDate,
      actorId: r.actor.id,
    });
  }
}
