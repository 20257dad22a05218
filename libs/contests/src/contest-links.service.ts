import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { ContestAccess } from './contest-access.js';
import { ContestRoundsService, type ContestRoundView } from './contest-rounds.service.js';
import { type ContestRoundStatus, roundTransition } from './contest-workflow.js';

/**
 * Levels across unrelated organisation trees: the lower organiser proposes the next level's round,
 * the higher organiser accepts or declines it. Only an accepted link carries advancing entries
 * (ContestResultsService.publish), so no organisation pushes entries into a round that did not agree.
 */
@Injectable()
export class ContestLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: ContestAccess,
    private readonly rounds: ContestRoundsService,
  ) {}

  /**
   * The lower organiser names the next level's round (or null to withdraw). The higher round must
   * take advancement (`acceptsAdvancement`); any other id, existing or not, is the same 400, so a
   * round that did not open itself to feeders is not revealed. A new proposal waits for the
   * higher organiser's acceptance; no entry moves up over a link that is not ACCEPTED.
   */
  async proposeNextRound(
    user: AuthUser,
    id: string,
    nextRoundId: string | null,
    version: number,
  ): Promise<ContestRoundView> {
    const round = await this.access.readableRound(user, id);
    const rel = await this.rounds.assertOrganiser(user, round, 'proposeNextRound');
    const notOpen = DomainError.invalidField(
      'nextRoundId',
      'acceptsAdvancement',
      {
        ko: '상위 대회 진출을 받는 다른 회차여야 합니다.',
        en: 'must be another round that accepts advancement',
      },
      ErrorCode.INVALID_REFERENCE,
    );
    if (nextRoundId !== null) {
      const [target] = await this.dataSource.query<Array<{ id: string }>>(
        `WITH RECURSIVE chain AS (
            SELECT id, next_round_id, 0 AS depth FROM contest_rounds WHERE id = $1
            UNION ALL
            SELECT c.id, c.next_round_id, chain.depth + 1 FROM contest_rounds c JOIN chain ON c.id = chain.next_round_id
             WHERE chain.depth < 20)
         SELECT r.id FROM contest_rounds r
          WHERE r.id = $1 AND r.accepts_advancement AND r.id <> $2
            AND NOT EXISTS (SELECT 1 FROM chain WHERE chain.id = $2)`,
        [nextRoundId, id],
      );
      if (!target) throw notOpen;
    }
    await this.tx.run(async (tx) => {
      const now = await this.access.lockRound(tx, id, 'FOR NO KEY UPDATE');
      if (now.version !== version) throw DomainError.conflict(now.version);
      if (roundTransition(now.status, 'proposeNextRound') === null)
        throw this.access.roundRefusal(now, rel);
      const status = nextRoundId === null ? null : 'PROPOSED';
      await tx.manager.query(
        `UPDATE contest_rounds SET next_round_id = $2, next_round_status = $3, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, nextRoundId, status],
      );
      await this.access.record(
        tx,
        user,
        round.organisation_id,
        'contest_round',
        id,
        'nextRound.propose',
        {
          nextRoundId: { from: round.next_round_id, to: nextRoundId },
          nextRoundStatus: { from: round.next_round_status, to: status },
        },
      );
    });
    return this.rounds.getRound(user, id);
  }

  /** The higher organiser accepts or declines a round that proposed to feed this one. */
  async decideFeeder(
    user: AuthUser,
    id: string,
    feederRoundId: string,
    accept: boolean,
  ): Promise<ContestRoundView> {
    const round = await this.access.readableRound(user, id);
    const rel = await this.rounds.assertOrganiser(user, round, 'decideFeeder');
    await this.tx.run(async (tx) => {
      // Lock order: the lower round before the higher one.
      const [feeder] = await tx.manager.query<
        Array<{ organisation_id: string; next_round_status: string; status: ContestRoundStatus }>
      >(
        `SELECT organisation_id, next_round_status, status FROM contest_rounds
          WHERE id = $1 AND next_round_id = $2 FOR NO KEY UPDATE`,
        [feederRoundId, id],
      );
      if (!feeder)
        throw DomainError.invalidField(
          'feederRoundId',
          'proposedFeeder',
          {
            ko: '이 회차를 상위 대회로 지정한 회차여야 합니다.',
            en: 'must be a round that named this round as its next level',
          },
          ErrorCode.INVALID_REFERENCE,
        );
      const now = await this.access.lockRound(tx, id, 'FOR NO KEY UPDATE');
      if (roundTransition(now.status, 'decideFeeder') === null)
        throw this.access.roundRefusal(now, rel);
      const to = accept ? 'ACCEPTED' : 'DECLINED';
      await tx.manager.query(
        `UPDATE contest_rounds SET next_round_status = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [feederRoundId, to],
      );
      const change = { nextRoundStatus: { from: feeder.next_round_status, to } };
      await this.access.record(
        tx,
        user,
        feeder.organisation_id,
        'contest_round',
        feederRoundId,
        accept ? 'nextRound.accepted' : 'nextRound.declined',
        change,
      );
      await this.access.record(
        tx,
        user,
        round.organisation_id,
        'contest_round',
        id,
        accept ? 'feeder.accept' : 'feeder.decline',
        { feederRoundId: { from: null, to: feederRoundId }, ...change },
      );
    });
    return this.rounds.getRound(user, id);
  }
}
