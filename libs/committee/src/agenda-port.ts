import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { InterestedParty } from '@gwaje/common';
import type { Tx } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import type { AgendaOutcome, AgendaSubjectKind } from './committee.entity.js';

/**
 * The committee port (ARCHITECTURE.md: ports, not reach-ins). A context that puts a matter before
 * the 적극행정위원회 (evaluation criteria and results, pre-consultation advice, 의견제시, contest
 * results) registers a handler for its subject kind in a file of its own library; the committee
 * reads none of its tables and names none of its states. Dependency direction: those libraries
 * import @gwaje/committee, never the reverse.
 */

/** What the committee needs to know of the matter an agenda item decides. */
export interface AgendaSubjectFacts {
  /** Shown as the item's title when the office gives none. */
  title: string;
  /** Who stands to the matter: a sitting member among them is excluded automatically (제척). */
  interestedParties: InterestedParty[];
}

/** The committee's decision on an item, as handed to the subject's handler. */
export interface AgendaResolution {
  agendaItemId: string;
  meetingId: string;
  /** YYYY-MM-DD */
  meetingDate: string;
  organisationId: string;
  outcome: AgendaOutcome;
  /** The resolution's text (의결 내용), if the office recorded one. */
  decision: string | null;
  /** 재적: members sitting on the meeting's date. */
  members: number;
  presentMemberIds: string[];
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  /** Who recorded the resolution (PROACTIVE_OFFICE). */
  actor: AuthUser;
}

export interface AgendaSubjectHandler {
  readonly kind: AgendaSubjectKind;
  /**
   * The subject's title and interested parties, read in `tx`; null when it does not exist or
   * belongs to another organisation (the committee answers 404). May throw a DomainError when the
   * subject cannot be put before the committee now (e.g. a round whose criteria are already frozen).
   */
  facts(tx: Tx, subjectId: string, organisationId: string): Promise<AgendaSubjectFacts | null>;
  /**
   * Called in the transaction that records the item's resolution, PASSED or REJECTED: the handler
   * applies what the decision means for its subject (and writes its own history). A throw undoes
   * the resolution.
   */
  resolved(tx: Tx, subjectId: string, resolution: AgendaResolution): Promise<void>;
}

/** Every handler, registered by the deciding contexts' modules at start-up. */
@Injectable()
export class AgendaSubjects {
  private readonly handlers = new Map<AgendaSubjectKind, AgendaSubjectHandler>();

  register(handler: AgendaSubjectHandler): void {
    if (this.handlers.has(handler.kind)) {
      throw new Error(`a committee agenda handler for ${handler.kind} is already registered`);
    }
    this.handlers.set(handler.kind, handler);
  }

  for(kind: AgendaSubjectKind): AgendaSubjectHandler | undefined {
    return this.handlers.get(kind);
  }

  kinds(): AgendaSubjectKind[] {
    return [...this.handlers.keys()];
  }
}

/** The base of a context's handler: registers itself when its module starts. */
@Injectable()
export abstract class AgendaSubjectHandlerBase implements AgendaSubjectHandler, OnModuleInit {
  abstract readonly kind: AgendaSubjectKind;

  constructor(private readonly registry: AgendaSubjects) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  abstract facts(
    tx: Tx,
    subjectId: string,
    organisationId: string,
  ): Promise<AgendaSubjectFacts | null>;

  abstract resolved(tx: Tx, subjectId: string, resolution: AgendaResolution): Promise<void>;
}
