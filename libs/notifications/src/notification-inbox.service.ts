import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@gwaje/common';
import type { AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import type { NotificationSection } from './notification.entity.js';
import {
  type NotificationDescription,
  type NotificationRef,
  ReminderSources,
} from './reminder-port.js';

/** A person's own notifications: what was sent to them, and their preferences. */
@Injectable()
export class NotificationInbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: ReminderSources,
  ) {}

  // ── Users ────────────────────────────────────────────────────────────────────────────────────

  /**
   * What was sent to me, when and why, newest first (only the unread with `unread`): each with the
   * record's title and page as its source describes it now, and whether it is still to be acted on.
   */
  async mine(user: AuthUser, page: { limit: number; offset: number; unread?: boolean }) {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        rule: string;
        section: NotificationSection;
        urgent: boolean;
        record_type: string;
        record_id: string;
        due_date: string;
        created_at: Date;
        read_at: Date | null;
        status: string | null;
        sent_at: Date | null;
        total: string;
      }>
    >(
      `SELECT n.id, n.rule, n.section, n.urgent, n.record_type, n.record_id, to_char(n.due_date, 'YYYY-MM-DD') AS due_date,
              n.created_at, n.read_at, e.status, e.sent_at, count(*) OVER () AS total
         FROM notifications n LEFT JOIN notification_emails e ON e.id = n.email_id
        WHERE n.recipient_id = $1 AND ($4::boolean IS NOT TRUE OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC LIMIT $2 OFFSET $3`,
      [user.id, page.limit, page.offset, page.unread ?? null],
    );
    const described = await this.describe(
      rows.map((r) => ({
        id: String(r.id),
        rule: r.rule,
        recordType: r.record_type,
        recordId: r.record_id,
        dueDate: r.due_date,
      })),
    );
    const lang = user.language === 'en' ? 'en' : 'ko';
    return {
      items: rows.map((r) => {
        const d = described.get(String(r.id));
        return {
          id: String(r.id),
          rule: r.rule,
          label: this.sources.label(r.rule)[lang],
          section: r.section,
          urgent: r.urgent,
          recordType: r.record_type,
          recordId: r.record_id,
          title: d?.title ?? null,
          path: d?.path ?? null,
          stillOpen: d?.stillOpen ?? false,
          note: d?.note ?? null,
          dueDate: r.due_date,
          createdAt: r.created_at,
          readAt: r.read_at,
          emailStatus: r.status ?? 'PENDING',
          sentAt: r.sent_at,
        };
      }),
      total: rows.length ? Number(rows[0].total) : 0,
      unread: await this.unreadCount(user),
      limit: page.limit,
      offset: page.offset,
    };
  }

  async unreadCount(user: AuthUser): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`,
      [user.id],
    );
    return row.n;
  }

  /** Marks one of my notifications read (a no-op if it was); another's or none is a 404. */
  async markRead(user: AuthUser, id: string): Promise<void> {
    const [, affected] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_id = $2`,
      [id, user.id],
    );
    if (!affected) throw DomainError.notFound();
  }

  /** Marks every unread notification of mine read; how many were. */
  async markAllRead(user: AuthUser): Promise<{ marked: number }> {
    const [, affected] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL`,
      [user.id],
    );
    return { marked: affected };
  }

  /** Each source describes its own notifications (title, page, still open) as its records are now. */
  private async describe(refs: NotificationRef[]): Promise<Map<string, NotificationDescription>> {
    const byType = new Map<string, NotificationRef[]>();
    for (const ref of refs)
      byType.set(ref.recordType, [...(byType.get(ref.recordType) ?? []), ref]);
    const out = new Map<string, NotificationDescription>();
    for (const [type, group] of byType) {
      const source = this.sources.forRecordType(type);
      if (!source) continue;
      for (const [id, d] of await source.describe(group)) out.set(id, d);
    }
    return out;
  }

  async preferences(user: AuthUser): Promise<{ digest: boolean; language: 'ko' | 'en' }> {
    const [row] = await this.dataSource.query<
      Array<{ digest: boolean | null; language: 'ko' | 'en' }>
    >(
      `SELECT p.digest, COALESCE(p.language, u.language) AS language
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = $1`,
      [user.id],
    );
    return { digest: row?.digest ?? true, language: row?.language ?? 'ko' };
  }

  async setPreferences(
    user: AuthUser,
    input: { digest?: boolean; language?: 'ko' | 'en' },
  ): Promise<{ digest: boolean; language: 'ko' | 'en' }> {
    const current = await this.preferences(user);
    const next = {
      digest: input.digest ?? current.digest,
      language: input.language ?? current.language,
    };
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, digest, language) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET digest = EXCLUDED.digest, language = EXCLUDED.language`,
      [user.id, next.digest, next.language],
    );
    return next;
  }
}
