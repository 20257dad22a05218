import { Injectable } from '@nestjs/common';
import {
  type AccessLogFilter,
  type AccessLogRecord,
  AccessLogService,
  type CheckpointExport,
  type CheckpointRecord,
  type Ledger,
  LedgerCheckpointsService,
  type HistoryRecord,
  HistoryService,
  HistoryVerifierService,
  type VerificationReport,
} from '@gwaje/audit';
import { DomainError } from '@gwaje/common';
import type { AuthUser } from '../auth/auth-user.js';
import { AccessPolicy } from './access-policy.service.js';

/** Reads of the history and access log, scoped to what the caller may audit (SECURITY.md). */
@Injectable()
export class AuditAccessService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly verifier: HistoryVerifierService,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly checkpoints: LedgerCheckpointsService,
  ) {}

  async checkpointPage(
    actor: AuthUser,
    query: { ledger?: Ledger; limit: number },
  ): Promise<CheckpointRecord[]> {
    return this.checkpoints.list(await this.policy.auditableOrganisationIds(actor), query);
  }

  /** The newest signed checkpoint of an organisation the caller audits (its own by default). */
  async latestCheckpoint(
    actor: AuthUser,
    ledger: Ledger,
    organisationId = actor.organisationId,
  ): Promise<CheckpointExport> {
    const auditable = await this.policy.auditableOrganisationIds(actor);
    if (!auditable.includes(organisationId)) throw DomainError.notFound();
    return this.checkpoints.latestExport(organisationId, ledger);
  }

  async verifyHistory(actor: AuthUser): Promise<VerificationReport> {
    return this.verifier.verify(await this.policy.auditableOrganisationIds(actor));
  }

  async recordHistory(
    actor: AuthUser,
    recordType: string,
    recordId: string,
  ): Promise<HistoryRecord[]> {
    return this.history.forRecord(
      await this.policy.auditableOrganisationIds(actor),
      recordType,
      recordId,
    );
  }

  async accessLogPage(actor: AuthUser, query: AccessLogFilter): Promise<AccessLogRecord[]> {
    return this.accessLog.list(await this.policy.auditableOrganisationIds(actor), query);
  }
}
