import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { currentRequestContext } from '@gwaje/common';
import { DataSource } from 'typeorm';
import { toJson } from '../history/history-hash.js';
import { canonicalHash } from '../ledger/ledger-hash.js';
import type { AccessAction } from './access-log-entry.entity.js';

export interface AccessContent {
  organisationId: string;
  userId: string;
  action: string;
  recordType: string;
  recordId: string | null;
  filter: unknown;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
  occurredAt: Date;
}

/** An access record's hash: sha256 of the canonical JSON of all it says. */
export function accessEntryHash(e: AccessContent): string {
  return canonicalHash({
    organisationId: e.organisationId,
    userId: e.userId,
    action: e.action,
    recordType: e.recordType,
    recordId: e.recordId,
    filter: e.filter,
    reason: e.reason,
    requestId: e.requestId,
    ip: e.ip,
    occurredAt: e.occurredAt.toISOString(),
  });
}

export interface AccessInput {
  organisationId: string;
  userId: string;
  action: AccessAction;
  recordType: string;
  recordId?: string | null;
  /** For list reads: the filter used, so one entry stands for the whole page. */
  filter?: Record<string, unknown> | null;
  reason?: string | null;
}

export interface AccessLogRecord {
  id: string;
  occurredAt: Date;
  organisationId: string;
  userId: string;
  userName: string | null;
  action: AccessAction;
  recordType: string;
  recordId: string | null;
  filter: Record<string, unknown> | null;
  reason: string | null;
  requestId: string | null;
}

@Injectable()
export class AccessLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one entry with the hash of its content; request id and client address come from the
   * request context. The worker seals entries into signed checkpoints (LedgerSealerService).
   */
  async record(input: AccessInput): Promise<void> {
    const request = currentRequestContext();
    const entry = {
      organisationId: input.organisationId,
      userId: input.userId,
      action: input.action,
      recordType: input.recordType,
      recordId: input.recordId ?? null,
      filter: (input.filter ? toJson(input.filter) : null) as Record<string, unknown> | null,
      reason: input.reason ?? null,
      requestId: request?.requestId ?? null,
      ip: request?.ip ?? null,
      occurredAt: new Date(),
    };
    await this.dataSource.query(
      `INSERT INTO access_log (occurred_at, organisation_id, user_id, action, record_type, record_id, filter, reason, request_id, ip, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        entry.occurredAt,
        entry.organisationId,
        entry.userId,
        entry.action,
        entry.recordType,
        entry.recordId,
        entry.filter === null ? null : JSON.stringify(entry.filter),
        entry.reason,
        entry.requestId,
        entry.ip,
        accessEntryHash(entry),
      ],
    );
  }

  /** Newest first, keyset-paginated by id, for the given organisations. */
  async list(
    organisationIds: string[],
    opts: { beforeId?: string; limit: number; userId?: string; recordType?: string },
  ): Promise<AccessLogRecord[]> {
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT a.id, a.occurred_at, a.organisation_id, a.user_id, u.name AS user_name, a.action,
              a.record_type, a.record_id, a.filter, a.reason, a.request_id
         FROM access_log a LEFT JOIN users u ON u.id = a.user_id
        WHERE a.organisation_id = ANY($1::uuid[])
          AND ($2::bigint IS NULL OR a.id < $2::bigint)
          AND ($3::uuid IS NULL OR a.user_id = $3::uuid)
          AND ($4::text IS NULL OR a.record_type = $4::text)
        ORDER BY a.id DESC LIMIT $5`,
      [
        organisationIds,
        opts.beforeId ?? null,
        opts.userId ?? null,
        opts.recordType ?? null,
        opts.limit,
      ],
    );
    return rows.map((r) => ({
      id: r.id as string,
      occurredAt: r.occurred_at as Date,
      organisationId: r.organisation_id as string,
      userId: r.user_id as string,
      userName: r.user_name as string | null,
      action: r.action as AccessAction,
      recordType: r.record_type as string,
      recordId: r.record_id as string | null,
      filter: r.filter as Record<string, unknown> | null,
      reason: r.reason as string | null,
      requestId: r.request_id as string | null,
    }));
  }
}
