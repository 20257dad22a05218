import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, HistoryService } from '@gwaje/audit';
import { DomainError } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { DataSource, type EntityManager } from 'typeorm';
import { CONTRIBUTIONS_SQL, type ContributionRow } from './collaboration-progress-query.js';
import {
  CONTRIBUTION_EDITABLE_STATES,
  mayWriteContribution,
  reviewingOrganisation,
} from './collaboration-progress-rules.js';
import { detail, invalid } from './collaboration-references.js';
import type { CollaborationFacts } from './collaboration-rules.js';
import { CollaborationsService } from './collaborations.service.js';

export interface ContributionView {
  organisationId: string;
  organisationName: string;
  role: 'LEAD' | 'PARTICIPANT';
  /** null: not written yet */
  text: string | null;
  /** The progress (%) of the participant's own share, if it gave one. */
  progress: number | null;
  author: { id: string; name: string } | null;
  /** null until written; the version to send back when changing it. */
  version: number | null;
  updatedAt: Date | null;
  /** Whether the caller may write it now (its organisation's people, the report still a draft). */
  editable: boolean;
}

export interface ContributionsView {
  collaborationId: string;
  reportId: string;
  reportStatus: string;
  /** Whose AUDITOR and PROACTIVE_OFFICE review the report (the collaboration's review setting). */
  reviewerOrganisationId: string;
  items: ContributionView[];
}

export interface PutContributionInput {
  text: string;
  progress?: number | null;
  /** The version read; absent when writing the first contribution. */
  version?: number;
}

interface ReportRef {
  id: string;
  state: string;
  organisation_id: string;
}

/**
 * The participants' contributions to the reports (이행실적) the lead files on the collaboration's
 * task (issue 21 item 4): per participant organisation a text and optionally the progress of its
 * share, written by that organisation's people while the report is a draft or returned, read by
 * every participant and the coordinator (404 for anyone else). A change is recorded in the
 * report's history (under the lead organisation, like the report), under the report's row lock.
 */
@Injectable()
export class CollaborationContributionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly collaborations: CollaborationsService,
  ) {}

  async list(user: AuthUser, id: string, reportId: string): Promise<ContributionsView> {
    const view = await this.read(user, id, reportId, null);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: 'report',
      recordId: reportId,
      filter: { collaborationId: id, contributions: true },
    });
    return view;
  }

  async get(
    user: AuthUser,
    id: string,
    reportId: string,
    organisationId: string,
  ): Promise<ContributionView> {
    const view = await this.read(user, id, reportId, organisationId);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: 'report',
      recordId: reportId,
      filter: { collaborationId: id, contributionOf: organisationId },
    });
    return view.items[0];
  }

  /**
   * Writes the contribution of participant `organisationId`: 404 unless the caller reads the
   * collaboration and the report is one of its task's; 400 INVALID_REFERENCE for an organisation
   * not taking part; 403 for anyone but that organisation's people; 409 once the report is
   * submitted or accepted, or on a stale version.
   */
  async put(
    user: AuthUser,
    id: string,
    reportId: string,
    organisationId: string,
    input: PutContributionInput,
  ): Promise<ContributionView> {
    const { facts, report } = await this.context(user, id, reportId, organisationId);
    if (!mayWriteContribution(user, facts, organisationId)) throw DomainError.forbidden();
    await this.tx.run(async (tx) => {
      // The report's row lock orders its history and keeps its state while the contribution is
      // written (a submission waits, or is waited for). Only the report is locked: no task lock.
      const [locked] = await tx.manager.query<Array<{ state: string }>>(
        `SELECT state FROM reports WHERE id = $1 FOR NO KEY UPDATE`,
        [reportId],
      );
      if (!locked) throw DomainError.notFound();
      if (!CONTRIBUTION_EDITABLE_STATES.includes(locked.state)) {
        throw DomainError.illegalTransition(
          { resource: 'report', currentStatus: locked.state, allowedActions: [] },
          {
            ko: '제출되었거나 승인된 이행실적의 참여기관 실적은 고칠 수 없습니다. 반려되면 다시 고칠 수 있습니다.',
            en: 'The report is submitted or accepted: contributions can be changed again only once it is returned.',
          },
        );
      }
      const [participant] = await tx.manager.query<unknown[]>(
        `SELECT 1 FROM collaboration_participants WHERE collaboration_id = $1 AND organisation_id = $2 FOR KEY SHARE`,
        [id, organisationId],
      );
      if (!participant) throw notParticipant();
      const [before] = await tx.manager.query<
        Array<{ text: string; progress: number | null; version: number }>
      >(
        `SELECT text, progress, version FROM collaboration_report_contributions
          WHERE report_id = $1 AND organisation_id = $2`,
        [reportId, organisationId],
      );
      const progress = input.progress === undefined ? (before?.progress ?? null) : input.progress;
      if (!before) {
        if (input.version !== undefined) throw DomainError.conflict(0);
        await tx.manager.query(
          `INSERT INTO collaboration_report_contributions (report_id, organisation_id, collaboration_id, text, progress, author_id)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [reportId, organisationId, id, input.text, progress, user.id],
        );
      } else {
        if (input.version !== before.version) throw DomainError.conflict(before.version);
        await tx.manager.query(
          `UPDATE collaboration_report_contributions
              SET text = $3, progress = $4, author_id = $5, version = version + 1, updated_at = now()
            WHERE report_id = $1 AND organisation_id = $2`,
          [reportId, organisationId, input.text, progress, user.id],
        );
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (before?.text !== input.text) {
        changes[`contribution:${organisationId}.text`] = {
          from: before?.text ?? null,
          to: input.text,
        };
      }
      if ((before?.progress ?? null) !== progress) {
        changes[`contribution:${organisationId}.progress`] = {
          from: before?.progress ?? null,
          to: progress,
        };
      }
      await this.history.record(tx, {
        organisationId: report.organisation_id,
        recordType: 'report',
        recordId: reportId,
        action: before ? 'contribution.update' : 'contribution.create',
        actorId: user.id,
        changes,
        reason: null,
      });
    });
    return (await this.read(user, id, reportId, organisationId)).items[0];
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  /** The collaboration (404 unless readable), its facts, the report of its task (else 404), the participant (else 400). */
  private async context(
    user: AuthUser,
    id: string,
    reportId: string,
    organisationId: string | null,
    db: DataSource | EntityManager = this.dataSource,
  ) {
    const row = await this.collaborations.readableRow(user, id, db);
    const [report] = await db.query<ReportRef[]>(
      `SELECT id, state, organisation_id FROM reports WHERE id = $1 AND task_id = $2`,
      [reportId, row.task_id],
    );
    if (!report) throw DomainError.notFound();
    const { facts } = await this.collaborations.facts(row, db);
    if (organisationId && !facts.participants.some((p) => p.organisationId === organisationId)) {
      throw notParticipant();
    }
    return { row, facts, report };
  }

  private async read(
    user: AuthUser,
    id: string,
    reportId: string,
    organisationId: string | null,
  ): Promise<ContributionsView> {
    const { row, facts, report } = await this.context(user, id, reportId, organisationId);
    const rows = await this.dataSource.query<ContributionRow[]>(CONTRIBUTIONS_SQL, [
      id,
      reportId,
      organisationId,
    ]);
    const open = CONTRIBUTION_EDITABLE_STATES.includes(report.state);
    return {
      collaborationId: id,
      reportId,
      reportStatus: report.state,
      reviewerOrganisationId: reviewingOrganisation(row.review_by, facts),
      items: rows.map((r) => contributionView(user, facts, r, open)),
    };
  }
}

function contributionView(
  user: AuthUser,
  facts: CollaborationFacts,
  r: ContributionRow,
  open: boolean,
): ContributionView {
  return {
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    role: r.role,
    text: r.text,
    progress: r.progress,
    author: r.author_id && r.author_name ? { id: r.author_id, name: r.author_name } : null,
    version: r.version,
    updatedAt: r.updated_at,
    editable: open && mayWriteContribution(user, facts, r.organisation_id),
  };
}

const notParticipant = () =>
  invalid([
    detail('organisationId', 'participant', {
      ko: '이 협업과제의 참여기관이 아닙니다.',
      en: 'not a participant of this collaboration task',
    }),
  ]);
