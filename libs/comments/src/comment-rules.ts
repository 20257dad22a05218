/** Records people comment on (issue 23): each is read through its own capability's scope. */
export const COMMENT_RECORD_TYPES = ['task', 'report', 'consultation', 'collaboration'] as const;
export type CommentRecordType = (typeof COMMENT_RECORD_TYPES)[number];

export const COMMENT_MAX_LENGTH = 4000;
export const COMMENT_MAX_MENTIONS = 20;

/** The web app's page of a commented record. */
export const RECORD_PATHS: Record<CommentRecordType, string> = {
  task: '/tasks/',
  report: '/reports/',
  consultation: '/consultations/',
  collaboration: '/collaborations/',
};

export interface CommentFacts {
  authorId: string | null;
  createdAt: Date;
  deletedAt: Date | null;
}

/** Until when the author may edit or delete it (comments.editMinutes after writing it). */
export function editableUntil(createdAt: Date, editMinutes: number): Date {
  return new Date(createdAt.getTime() + editMinutes * 60_000);
}

export type ChangeRefusal = 'notAuthor' | 'deleted' | 'expired';

/** Why `userId` may not change the comment `now`, or null if they may. */
export function changeRefusal(
  comment: CommentFacts,
  userId: string,
  now: Date,
  editMinutes: number,
): ChangeRefusal | null {
  if (comment.authorId !== userId) return 'notAuthor';
  if (comment.deletedAt) return 'deleted';
  if (now >= editableUntil(comment.createdAt, editMinutes)) return 'expired';
  return null;
}

/** Threads are one level deep: a reply to a reply answers the comment that started the thread. */
export function threadRoot(parent: { id: string; parentId: string | null }): string {
  return parent.parentId ?? parent.id;
}

/** Who an edit mentions for the first time (they are notified; the others were already). */
export function newlyMentioned(before: readonly string[], after: readonly string[]): string[] {
  const had = new Set(before);
  return [...new Set(after)].filter((id) => !had.has(id));
}
