import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import type { NotificationSection } from './notification.entity.js';
import { ReminderSources } from './reminder-port.js';

/** A person's own notifications: what was sent to them, and their preferences. */
@Injectable()
export class NotificationInbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: ReminderSources,
  ) {}

  // ── Users ────────────────────────────────────────────────────────────────────────────────────

  /** What was sent to me, when and why. */
  async mine(user: AuthUser, page: { limit: number; offset: number }) {
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
        status: string | null;
        sent_at: Date | null;
        total: string;
      }>
    >(
      `SELECT n.id, n.rule, n.section, n.urgent, n.record_type, n.record_id, to_char(n.due_date, 'YYYY-MM-DD') AS due_date,
              n.created_at, e.status, e.sent_at, count(*) OVER () AS total
         FROM notifications n LEFT JOIN notification_emails e ON e.id = n.email_id
        WHERE n.recipient_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT $2 OFFSET $3`,
      [user.id, page.limit, page.offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        rule: r.rule,
        label: this.sources.label(r.rule)[user.language === 'en' ? 'en' : 'ko'],
        section: r.section,
        urgent: r.urgent,
        recordType: r.record_type,
        recordId: r.record_id,
        dueDate: r.due_date,
        createdAt: r.created_at,
        emailStatus: r.status ?? 'PENDING',
        sentAt: r.sent_at,
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      limit: page.limit,
      offset: page.offset,
    };
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
