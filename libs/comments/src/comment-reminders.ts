import { Injectable } from '@nestjs/common';
import { DESCRIBED, ReminderSourceBase } from '@gwaje/notifications';

/** Outbox events of comments that notify at once. */
export const CommentEvent = {
  MENTIONED: 'comment.mentioned',
} as const;

/** The people a comment mentions ($3), active, each once (rule, comment, day, recipient). */
const MENTIONED = `
  SELECT c.organisation_id, u.id, 'comment.mention', 'ACTION_REQUIRED', true, 'comment', c.id, $2::date, $2::date
    FROM comments c JOIN users u ON u.id = ANY($3::uuid[]) AND u.active
   WHERE c.organisation_id = $1 AND c.id = $4::uuid`;

/** A mention in a comment notifies the person at once, linking to the comment on its record. */
@Injectable()
export class CommentReminders extends ReminderSourceBase {
  readonly order = 90;
  readonly recordTypes = ['comment'] as const;
  readonly labels = [
    ['comment.mention', { ko: '댓글에서 언급', en: 'Mentioned in a comment' }],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id, c.record_title AS title,
           CASE c.record_type
             WHEN 'task' THEN '/tasks/' || c.record_id || '#comment-' || c.id
             WHEN 'report' THEN '/reports/' || c.record_id || '#comment-' || c.id
             WHEN 'consultation' THEN '/consultations/' || c.record_id || '#comment-' || c.id
             ELSE '/collaborations/' || c.record_id || '#comment-' || c.id END AS path,
           c.deleted_at IS NULL AS still_open,
           COALESCE(au.name || ': ', '') || left(c.body, 200) AS note
      FROM ${DESCRIBED} JOIN comments c ON c.id = n.record_id LEFT JOIN users au ON au.id = c.author_id`;

  event(event: string, recordId: string, payload: Record<string, unknown>) {
    if (event !== CommentEvent.MENTIONED) return null;
    const ids = payload.mentionIds;
    const mentionIds = typeof ids === 'string' ? ids.split(',').filter(Boolean) : [];
    return {
      owed: { rule: 'comment.mention', select: MENTIONED, params: [mentionIds, recordId] },
      rules: ['comment.mention'],
    };
  }
}
