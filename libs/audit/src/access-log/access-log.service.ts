import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { currentRequestContext } from '@gwaje/common';
import { DataSource, type EntityManager } from 'typeorm';
import { toJson } from '../history/history-hash.js';
import { canonicalHash } from '../ledger/ledger-hash.js';
import { type AccessAction, AccessResult } from './access-log-entry.entity.js';

export interface AccessContent {
  organisationId: string;
  userId: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  filter: unknown;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
  occurredAt: Date;
  /** Added by issue 18: hashed only when present, so entries written before keep their hash. */
  account?: string | null;
  userAgent?: string | null;
  result?: string | null;
}

/** An access record's hash: sha256 of the canonical JSON of all it says. */
export function accessEntryHash(e: AccessContent): string {
  const added: Record<string, string> = {};
  if (e.account != null) added.account = e.account;
  if (e.userAgent != null) added.userAgent = e.userAgent;
  if (e.result != null) added.result = e.result;
  return canonicalHash({
    ...added,
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
  /** null only for a failed sign-in of an unknown account. */
  userId: string | null;
  action: AccessAction;
  recordType: string;
  recordId?: string | null;
  /** For list reads: the filter used, so one entry stands for the whole page. */
  filter?: Record<string, unknown> | null;
  reason?: string | null;
  /** The account used; defaults to the signed-in caller's e-mail from the request context. */
  account?: string | null;
  /** Defaults to SUCCESS: a read that is recorded happened. */
  result?: AccessResult;
}

export interface AccessLogFilter {
  beforeId?: string;
  limit: number;
  userId?: string;
  recordType?: string;
  action?: AccessAction;
  result?: AccessResult;
  /** The account (e-mail), compared normalised (trimmed, lower-cased). */
  account?: string;
  /** occurredAt at or after (ISO 8601) */
  from?: string;
  /** occurredAt before (ISO 8601) */
  to?: string;
}

export interface AccessLogRecord {
  id: string;
  occurredAt: Date;
  organisationId: string;
  userId: string | null;
  userName: string | null;
  account: string | null;
  action: AccessAction;
  recordType: string;
  recordId: string | null;
  filter: Record<string, unknown> | null;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  result: AccessResult | null;
}

@Injectable()
export class AccessLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one entry with the hash of its content; request id and client address come from the
   * request context. The worker seals entries into signed checkpoints (LedgerSealerService).
   * `manager`: write inside that transaction (the entry commits or rolls back with the change).
   */
  async record(input: AccessInput, manager?: EntityManager): Promise<void> {
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
      account: input.account !== undefined ? input.account : (request?.account ?? null),
      userAgent: request?.userAgent ?? null,
      result: input.result ?? AccessResult.SUCCESS,
    };
    await (manager ?? this.dataSource).query(
      `INSERT INTO access_log (occurred_at, organisation_id, user_id, action, record_type, record_id, filter, reason, request_id, ip, account, user_agent, result, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
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
        entry.account,
        entry.userAgent,
        entry.result,
        accessEntryHash(entry),
      ],
    );
  }

  /** Newest first, keyset-paginated by id, for the given organisations, filtered in SQL. */
  async list(organisationIds: string[], opts: AccessLogFilter): Promise<AccessLogRecord[]> {
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT a.id, a.occurred_at, a.organisation_id, a.user_id, u.name AS user_name, a.account,
              a.action, a.record_type, a.record_id, a.filter, a.reason, a.request_id, a.ip,
              a.user_agent, a.result
         FROM access_log a LEFT JOIN users u ON u.id = a.user_id
        WHERE a.organisation_id = ANY($1::uuid[])
          AND ($2::bigint IS NULL OR a.id < $2::bigint)
          AND ($3::uuid IS NULL OR a.user_id = $3::uuid)
          AND ($4::text IS NULL OR a.record_type = $4::text)
          AND ($6::text IS NULL OR a.action = $6::text)
          AND ($7::text IS NULL OR a.result = $7::text)
          AND ($8::text IS NULL OR a.account = $8::text)
          AND ($9::timestamptz IS NULL OR a.occurred_at >= $9::timestamptz)
          AND ($10::timestamptz IS NULL OR a.occurred_at < $10::timestamptz)
        ORDER BY a.id DESC LIMIT $5`,
      [
        organisationIds,
        opts.beforeId ?? null,
        opts.userId ?? null,
        opts.recordType ?? null,
        opts.limit,
        opts.action ?? null,
        opts.result ?? null,
        opts.account ? normaliseAccount(opts.account) : null,
        opts.from ?? null,
        opts.to ?? null,
      ],
    );
    return rows.map((r) => ({
      id: r.id as string,
      occurredAt: r.occurred_at as Date,
      organisationId: r.organisation_id as string,
      userId: r.user_id as string | null,
      userName: r.user_name as string | null,
      account: r.account as string | null,
      action: r.action as AccessAction,
      recordType: r.record_type as string,
      recordId: r.record_id as string | null,
      filter: r.filter as Record<string, unknown> | null,
      reason: r.reason as string | null,
      requestId: r.request_id as string | null,
      ip: r.ip as string | null,
      userAgent: r.user_agent as string | null,
      result: r.result as AccessResult | null,
    }));
  }
}

/** An account name as sign-in compares it: an e-mail, trimmed and lower-cased. */
export function normaliseAccount(value: string): string {
  return value.trim().toLowerCase();
}
