// Messages of the comments on a record. Korean first; English complete (.en.ts).
import { registerMessages } from '../i18n';

const ko = {
  heading: '댓글',
  count: '{{count}}건',
  empty: '아직 댓글이 없습니다.',
  listLabel: '댓글 목록',
  newLabel: '댓글 쓰기',
  body: '댓글',
  bodyHint: '이 기록을 볼 수 있는 사람만 읽습니다. 4,000자 이내.',
  post: '댓글 등록',
  posting: '등록 중…',
  reply: '답글',
  replyTo: '{{name}}님의 댓글에 답글',
  replyLabel: '답글 쓰기',
  postReply: '답글 등록',
  cancel: '취소',
  edit: '수정',
  editLabel: '댓글 수정',
  save: '수정 저장',
  remove: '삭제',
  confirmRemove: '이 댓글을 삭제하시겠습니까?',
  removeConsequence: '답글은 그대로 남고, 삭제한 내용은 변경 이력에 남습니다.',
  removeNow: '삭제합니다',
  removed: '삭제된 댓글입니다.',
  edited: '수정됨',
  editableUntil: '{{at}}까지 고칠 수 있음',
  someone: '(알 수 없음)',
  mentions: '언급한 사람',
  mention: '언급할 사람 찾기',
  mentionHint:
    '이름이나 부서를 입력하세요. 이 기록을 볼 수 있는 사람만 나옵니다. 언급한 사람에게는 바로 알림이 갑니다.',
  mentionAdd: '{{name}} ({{department}}) 언급',
  mentionRemove: '{{name}} 언급 빼기',
  posted: '댓글을 등록했습니다.',
};

export type Messages = typeof ko;

registerMessages('comments', ko, () => import('./comments-messages.en'));
