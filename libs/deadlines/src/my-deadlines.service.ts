import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ical from 'ical-generator';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import { addDays, seoulDate } from '@gwaje/calendar';
import { DomainError, type LocalText } from '@gwaje/common';
import { AppConfig, webUrl } from '@gwaje/config';
import type { AuthUser, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { type Deadline, type DeadlineKind, myDeadlinesQuery, toDeadlines } from './my-deadlines.js';

/** How far a feed looks back and ahead (calendar days from today, Asia/Seoul). */
const FEED_PAST_DAYS = 31;
const FEED_AHEAD_DAYS = 366;

const KIND_LABELS: Record<DeadlineKind, LocalText> = {
  MILESTONE: { ko: '단계 기한', en: 'Milestone due' },
  REPORT: { ko: '이행실적 제출', en: 'Report due' },
  CONSULTATION_SCREENING: { ko: '사전컨설팅 접수 검토', en: 'Consultation screening due' },
  CONSULTATION_OPINION: { ko: '사전컨설팅 의견 회신', en: 'Consultation opinion due' },
};

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A person's deadlines: the calendar page and the iCal feed behind a revocable secret URL. */
@Injectable()
export class MyDeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly accessLog: AccessLogService,
  ) {}

  async list(user: AuthUser, from: string, to: string): Promise<Deadline[]> {
    if (to < from) {
      throw DomainError.invalidField('to', 'notBeforeFrom', {
        ko: '끝 날짜는 시작 날짜보다 빠를 수 없습니다.',
        en: 'must not be before from',
      });
    }
    if (to > addDays(from, 366)) {
      throw DomainError.invalidField('to', 'range', {
        ko: '한 번에 366일까지 볼 수 있습니다.',
        en: 'at most 366 days at a time',
      });
    }
    return this.read(user, from, to, 'app');
  }

  /** One access-log entry per read, as for any list of business records (SECURITY.md). */
  private async read(
    user: AuthUser,
    from: string,
    to: string,
    via: 'app' | 'feed',
  ): Promise<Deadline[]> {
    const q = myDeadlinesQuery(user, from, to);
    const rows = toDeadlines(await this.dataSource.query(q.sql, q.values));
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: 'deadline',
      filter: { from, to, via },
    });
    return rows;
  }

  async feed(user: AuthUser): Promise<{ active: boolean; createdAt: Date | null }> {
    const [row] = await this.dataSource.query<Array<{ created_at: Date }>>(
      `SELECT created_at FROM calendar_feeds WHERE user_id = $1`,
      [user.id],
    );
    return { active: Boolean(row), createdAt: row?.created_at ?? null };
  }

  /** A new secret URL, shown once; any earlier one stops working. */
  async createFeed(user: AuthUser): Promise<{ url: string; createdAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const [row] = await this.dataSource.query<Array<{ created_at: Date }>>(
      `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now(), last_read_at = NULL
       RETURNING created_at`,
      [user.id, hash(token)],
    );
    return {
      url: webUrl(this.config, `/api/v1/calendar-feeds/${token}.ics`),
      createdAt: row.created_at,
    };
  }

  async revokeFeed(user: AuthUser): Promise<void> {
    await this.dataSource.query(`DELETE FROM calendar_feeds WHERE user_id = $1`, [user.id]);
  }

  /** The feed of a secret URL: 404 for an unknown or revoked one, or an inactive person. */
  async ics(token: string): Promise<string> {
    // An UPDATE answers [rows, count].
    const [[u]] = await this.dataSource.query<
      [
        Array<{
          id: string;
          organisation_id: string;
          department_id: string;
          roles: Role[];
          name: string;
          email: string;
          language: 'ko' | 'en';
        }>,
        number,
      ]
    >(
      `UPDATE calendar_feeds f SET last_read_at = now() FROM users u
        WHERE f.token_hash = $1 AND u.id = f.user_id AND u.active
        RETURNING u.id, u.organisation_id, u.department_id, u.roles::text[] AS roles, u.name, u.email, u.language`,
      [hash(token)],
    );
    if (!u) throw DomainError.notFound();
    const user: AuthUser = {
      id: u.id,
      sessionId: 'calendar-feed',
      organisationId: u.organisation_id,
      departmentId: u.department_id,
      roles: u.roles,
      name: u.name,
      email: u.email,
      language: u.language,
    };
    const today = seoulDate();
    const deadlines = await this.read(
      user,
      addDays(today, -FEED_PAST_DAYS),
      addDays(today, FEED_AHEAD_DAYS),
      'feed',
    );
    const lang = u.language === 'en' ? 'en' : 'ko';
    const cal = ical({
      name: lang === 'en' ? 'Gwaje deadlines' : '과제 일정',
      timezone: 'Asia/Seoul',
      prodId: { company: 'Gwaje', product: 'gwaje', language: lang.toUpperCase() },
      ttl: 60 * 60,
    });
    for (const d of deadlines) {
      cal.createEvent({
        id: `${d.id}@gwaje`,
        // Noon in Seoul: the same calendar day whatever zone the date is formatted in.
        start: new Date(`${d.date}T12:00:00+09:00`),
        allDay: true,
        summary: `[${KIND_LABELS[d.kind][lang]}] ${d.title}`,
        url: webUrl(this.config, d.path),
      });
    }
    return cal.toString();
  }
}
