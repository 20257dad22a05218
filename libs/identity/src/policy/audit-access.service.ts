import { Injectable } from '@nestjs/common';
import {
  type AccessLogRecord,
  AccessLogService,
  type HistoryRecord,
  HistoryService,
  HistoryVerifierService,
  type VerificationReport,
} from '@gwaje/audit';
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
  ) {}

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

  async accessLogPage(
    actor: AuthUser,
    query: { beforeId?: string; limit: number; userId?: string; recordType?: string },
  ): Promise<AccessLogRecord[]> {
    return this.accessLog.list(await this.policy.auditableOrganisationIds(actor), query);
  }
}
