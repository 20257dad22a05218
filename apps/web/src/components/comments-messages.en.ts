// The English of `comments` (comments-messages.ts), fetched when the user reads English.
import type { Messages } from './comments-messages';

const en: Messages = {
  heading: 'Comments',
  count: '{{count}}',
  empty: 'No comments yet.',
  listLabel: 'Comments',
  newLabel: 'Write a comment',
  body: 'Comment',
  bodyHint: 'Only people who may see this record read it. Up to 4,000 characters.',
  post: 'Post comment',
  posting: 'Posting…',
  reply: 'Reply',
  replyTo: 'Reply to {{name}}',
  replyLabel: 'Write a reply',
  postReply: 'Post reply',
  cancel: 'Cancel',
  edit: 'Edit',
  editLabel: 'Edit comment',
  save: 'Save changes',
  remove: 'Delete',
  confirmRemove: 'Delete this comment?',
  removeConsequence: 'Its replies stay, and what it said stays in the history.',
  removeNow: 'Delete',
  removed: 'This comment was deleted.',
  edited: 'edited',
  editableUntil: 'can be changed until {{at}}',
  someone: '(unknown)',
  mentions: 'Mentioned',
  mention: 'Find someone to mention',
  mentionHint:
    'Type a name or department. Only people who may see this record are listed. People you mention are notified at once.',
  mentionAdd: 'Mention {{name}} ({{department}})',
  mentionRemove: 'Remove {{name}}',
  posted: 'Comment posted.',
};

export default en;
