import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { ContestAccess } from './contest-access.js';

export const AWARD_HR_STATUSES = ['PENDING', 'EXECUTED', 'NOT_EXECUTED'] as const;
export type AwardHrStatus = (typeof AWARD_HR_STATUSES)[number];

export interface ContestAwardView {
  id: string;
  roundId: string;
  roundTitle: string;
  organiserName: string;
  entryId: string;
  entryTitle: string;
  userId: string;
  userName: string;
  organisationId: string;
  award: string;
  commendation: string | null;
  prizeShareKrw: number;
  bonusPoints: number;
  hrStatus: AwardHrStatus;
  hrNote: string | null;
  version: number;
}

/**
 * Award records (포상 기록): one per named official of an awarded entry, created at publication
 * with the award, 포상금 share and 근평 가점; the official's own organisation's office records the HR
 * execution (PENDING → EXECUTED | NOT_EXECUTED with a note), versioned and in history.
 */
@Injectable()
export class ContestAwardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: ContestAccess,
    private readonly policy: AccessPolicy,
  ) {}

  /**
   * Award records: the office and auditors of the officials' organisation see theirs (of any
   * organiser's round); the organiser's office and auditors see those of its rounds.
   */
  async awards(user: AuthUser, roundId?: string): Promise<ContestAwardView[]> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR))
      throw DomainError.forbidden();
    return this.awardRows(
      `(a.organisation_id = $1 OR r.organisation_id = $1) AND ($2::uuid IS NULL OR a.round_id = $2::uuid)`,
      [user.organisationId, roundId ?? null],
    );
  }

  /** The officials' own organisation's office records whether HR executed the award. */
  async updateAward(
    user: AuthUser,
    id: string,
    input: { hrStatus: AwardHrStatus; hrNote?: string | null; version: number },
  ): Promise<ContestAwardView> {
    // Read by the office and auditors of the officials' organisation and of the organiser (404
    // for anyone else); changed only by the officials' own organisation's office (403 otherwise).
    const full = this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR);
    const [row] = full
      ? await this.awardRows(`a.id = $1 AND (a.organisation_id = $2 OR r.organisation_id = $2)`, [
          id,
          user.organisationId,
        ])
      : [];
    if (!row) throw DomainError.notFound();
    if (
      row.organisationId !== user.organisationId ||
      !this.policy.hasRole(user, Role.PROACTIVE_OFFICE)
    )
      throw DomainError.forbidden();
    const note = input.hrNote?.trim() || null;
    if (input.hrStatus === 'NOT_EXECUTED' && !note)
      throw DomainError.invalidField('hrNote', 'required', {
        ko: '미집행 사유를 입력하세요.',
        en: 'a note is required when the award was not executed',
      });
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE contest_awards SET hr_status = $3, hr_note = $4, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2`,
        [id, input.version, input.hrStatus, note],
      );
      if (!affected) throw DomainError.conflict(row.version);
      await this.access.record(tx, user, row.organisationId, 'contest_award', id, 'hr.update', {
        hrStatus: { from: row.hrStatus, to: input.hrStatus },
        hrNote: { from: row.hrNote, to: note },
      });
    });
    const [after] = await this.awardRows(`a.id = $1`, [id]);
    return after;
  }

  private async awardRows(where: string, params: unknown[]): Promise<ContestAwardView[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        round_id: string;
        round_title: string;
        organiser_name: string;
        entry_id: string;
        entry_title: string;
        user_id: string;
        user_name: string;
        organisation_id: string;
        award: string;
        commendation: string | null;
        prize_share_krw: string;
        bonus_points: string;
        hr_status: AwardHrStatus;
        hr_note: string | null;
        version: number;
      }>
    >(
      `SELECT a.id, a.round_id, r.title AS round_title, o.name AS organiser_name, a.entry_id, e.title AS entry_title,
              a.user_id, u.name AS user_name, a.organisation_id, a.award, a.commendation, a.prize_share_krw,
              a.bonus_points, a.hr_status, a.hr_note, a.version
         FROM contest_awards a JOIN contest_rounds r ON r.id = a.round_id JOIN organisations o ON o.id = r.organisation_id
         JOIN contest_entries e ON e.id = a.entry_id JOIN users u ON u.id = a.user_id
        WHERE ${where}
        ORDER BY r.year DESC, r.title, e.field, e.rank, u.name, a.id LIMIT 1000`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      roundId: r.round_id,
      roundTitle: r.round_title,
      organiserName: r.organiser_name,
      entryId: r.entry_id,
      entryTitle: r.entry_title,
      userId: r.user_id,
      userName: r.user_name,
      organisationId: r.organisation_id,
      award: r.award,
      commendation: r.commendation,
      prizeShareKrw: Number(r.prize_share_krw),
      bonusPoints: Number(r.bonus_points),
      hrStatus: r.hr_status,
      hrNote: r.hr_note,
      version: r.version,
    }));
  }
}
