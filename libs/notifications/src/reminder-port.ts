import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LocalText } from '@gwaje/common';
import type { SettingValues } from '@gwaje/identity';
import type { NotificationSection } from './notification.entity.js';
import { DataSource } from 'typeorm';
import { deadlinesRemindedOn } from './reminder-days.js';

/**
 * The notifications port (ARCHITECTURE.md: ports, not reach-ins). Each capability registers, in a
 * file of its own library, what it reminds of and what its urgent events notify; notifications runs
 * them, groups the results into e-mails and sends them, and reads none of the capability's tables.
 */

/** One run of a reminder rule for one organisation and day. */
export interface ReminderRunContext {
  organisationId: string;
  /** The run's day in Asia/Seoul, YYYY-MM-DD. */
  today: string;
  settings: SettingValues;
}

/**
 * The notifications a rule owes: a SELECT of the columns (organisation_id, recipient_id, rule,
 * section, urgent, record_type, record_id, due_date, send_on) for organisation $1 and today $2
 * (Asia/Seoul); `params` are $3, $4, …. The runner inserts them (each once: rule, record, due date
 * and recipient are unique) and counts what was new.
 */
export interface OwedNotifications {
  /** The rule (or rule family) for counts: report.due-5, report.overdue, … */
  rule: string;
  select: string;
  params: unknown[];
}

/** A notification as the runner hands it to its source to describe. */
export interface NotificationRef {
  id: string;
  rule: string;
  recordType: string;
  recordId: string;
  /** YYYY-MM-DD */
  dueDate: string;
}

/** What an e-mail says of one notification, as its source sees the record now. */
export interface NotificationDescription {
  title: string;
  /** Path of the web app page (after the public URL), e.g. /reports/<id>. */
  path: string;
  /** False when what it reminds of is already done: the item is dropped. */
  stillOpen: boolean;
  /** Shown under the item, e.g. the reviewer's comment on a returned report. */
  note?: string | null;
}

export interface ReminderSource {
  /**
   * Where its rules run in a day's run (lower first): notifications made earlier come first among
   * items of the same section and due date in an e-mail.
   */
  readonly order: number;
  /** The record types whose notifications this source describes. */
  readonly recordTypes: readonly string[];
  /** Labels of its rules by prefix (the longest matching prefix wins). */
  readonly labels: ReadonlyArray<readonly [string, LocalText]>;
  /** The notifications owed on a day (a daily run). */
  daily?(ctx: ReminderRunContext): OwedNotifications[];
  /**
   * An urgent event this source emitted (through the outbox): what it notifies, and the rules of
   * the notifications it makes (all of them are sent, so a retried job resends what failed).
   */
  event?(
    event: string,
    recordId: string,
    payload: Record<string, unknown>,
  ): { owed: OwedNotifications; rules: string[] } | null;
  /** Describes notifications of its record types, by notification id. */
  describe(refs: NotificationRef[]): Promise<Map<string, NotificationDescription>>;
  /**
   * After a real (not dry) run of a day inserted what its rules owe: records on the capability's
   * own records what the run did (e.g. the first escalation of an overdue item).
   */
  afterRun?(ctx: ReminderRunContext): Promise<void>;
}

/** Every source, registered by the capabilities' modules at start-up. */
@Injectable()
export class ReminderSources {
  private readonly sources: ReminderSource[] = [];

  register(source: ReminderSource): void {
    this.sources.push(source);
    this.sources.sort((a, b) => a.order - b.order);
  }

  all(): readonly ReminderSource[] {
    return this.sources;
  }

  forRecordType(recordType: string): ReminderSource | undefined {
    return this.sources.find((s) => s.recordTypes.includes(recordType));
  }

  label(rule: string): LocalText {
    let best: readonly [string, LocalText] | undefined;
    for (const s of this.sources)
      for (const l of s.labels)
        if (rule.startsWith(l[0]) && (!best || l[0].length > best[0].length)) best = l;
    return best?.[1] ?? { ko: '알림', en: 'Notice' };
  }
}

/** A row of a source's description query (ReminderSourceBase.describeSql). */
interface DescribedRow {
  id: string;
  title: string;
  path: string;
  still_open: boolean;
  note?: string | null;
}

/**
 * The base of a capability's reminder source: registers itself when its module starts, and
 * describes its notifications with one query of its own (`describeSql`) over
 * `n(id, rule, record_type, record_id, due_date)` = unnest($1::bigint[], $2::text[], $3::text[],
 * $4::uuid[], $5::date[]), returning id, title, path, still_open and optionally note.
 */
export abstract class ReminderSourceBase implements ReminderSource, OnModuleInit {
  abstract readonly order: number;
  abstract readonly recordTypes: readonly string[];
  abstract readonly labels: ReadonlyArray<readonly [string, LocalText]>;
  protected abstract readonly describeSql: string;

  constructor(
    private readonly registry: ReminderSources,
    @InjectDataSource() protected readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async describe(refs: NotificationRef[]): Promise<Map<string, NotificationDescription>> {
    const rows = await this.dataSource.query<DescribedRow[]>(this.describeSql, [
      refs.map((r) => r.id),
      refs.map((r) => r.rule),
      refs.map((r) => r.recordType),
      refs.map((r) => r.recordId),
      refs.map((r) => r.dueDate),
    ]);
    return new Map(
      rows.map((r) => [
        String(r.id),
        { title: r.title, path: r.path, stillOpen: r.still_open, note: r.note ?? null },
      ]),
    );
  }
}

/** The notifications a description query runs over (ReminderSourceBase). */
export const DESCRIBED = `unnest($1::bigint[], $2::text[], $3::text[], $4::uuid[], $5::date[])
         AS n(id, rule, record_type, record_id, due_date)`;

/**
 * "D-n business days before a deadline" rules, one per configured n, each with the deadlines a run on
 * `today` is about as $3 (none on a day that reminds of nothing).
 */
export function dueRules(
  today: string,
  days: readonly number[],
  prefix: string,
  select: (rule: string) => string,
): OwedNotifications[] {
  return days.flatMap((n) => {
    const dates = deadlinesRemindedOn(today, n);
    const rule = `${prefix}-${n}`;
    return dates.length ? [{ rule, select: select(rule), params: [dates] }] : [];
  });
}

/** Active users of an organisation with a role, for rule SELECTs: `IN (${usersWithRole(...)})`. */
export const usersWithRole = (role: string, organisation: string) =>
  `SELECT u.id FROM users u WHERE u.organisation_id = ${organisation} AND u.active AND '${role}' = ANY(u.roles)`;

export type { NotificationSection };
