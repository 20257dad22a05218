import { changeRefusal, editableUntil, newlyMentioned, threadRoot } from './comment-rules.js';

const AUTHOR = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const WRITTEN = new Date('2026-12-07T01:00:00Z');
const minutes = (n: number) => new Date(WRITTEN.getTime() + n * 60_000);

describe('comment edit window (comments.editMinutes)', () => {
  const comment = { authorId: AUTHOR, createdAt: WRITTEN, deletedAt: null };

  it('ends the set number of minutes after writing', () => {
    expect(editableUntil(WRITTEN, 15).toISOString()).toBe('2026-12-07T01:15:00.000Z');
  });

  it('lets the author change it until then, not at or after the end', () => {
    expect(changeRefusal(comment, AUTHOR, minutes(0), 15)).toBeNull();
    expect(changeRefusal(comment, AUTHOR, minutes(14.99), 15)).toBeNull();
    expect(changeRefusal(comment, AUTHOR, minutes(15), 15)).toBe('expired');
    expect(changeRefusal(comment, AUTHOR, minutes(60), 15)).toBe('expired');
  });

  it('with 0 minutes, never', () => {
    expect(changeRefusal(comment, AUTHOR, WRITTEN, 0)).toBe('expired');
  });

  it('never lets anyone else, nor anyone change a deleted comment', () => {
    expect(changeRefusal(comment, OTHER, minutes(1), 15)).toBe('notAuthor');
    expect(changeRefusal({ ...comment, authorId: null }, AUTHOR, minutes(1), 15)).toBe('notAuthor');
    expect(changeRefusal({ ...comment, deletedAt: minutes(1) }, AUTHOR, minutes(2), 15)).toBe(
      'deleted',
    );
  });
});

describe('threads and mentions', () => {
  it('attaches a reply to a reply to the thread’s first comment', () => {
    expect(threadRoot({ id: 'a', parentId: null })).toBe('a');
    expect(threadRoot({ id: 'b', parentId: 'a' })).toBe('a');
  });

  it('notifies only people an edit mentions for the first time, once each', () => {
    expect(newlyMentioned(['x', 'y'], ['y', 'z', 'z'])).toEqual(['z']);
    expect(newlyMentioned([], ['x'])).toEqual(['x']);
    expect(newlyMentioned(['x'], [])).toEqual([]);
  });
});
