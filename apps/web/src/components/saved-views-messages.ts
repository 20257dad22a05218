// Messages of the saved views (저장된 보기) above the lists. Korean first; English complete.
import { registerMessages } from '../i18n';

const ko = {
  label: '저장된 보기',
  none: '저장된 보기 선택',
  shared: '{{name}} (공유)',
  apply: '보기 적용',
  save: '현재 조건 저장',
  remove: '보기 삭제',
  dialogTitle: '현재 조건을 보기로 저장',
  name: '보기 이름',
  nameHint: '100자 이내. 목록의 현재 조건과 정렬을 저장합니다.',
  share: '기관 전체에 공유',
  shareHint:
    '우리 기관의 모든 사용자가 이 보기를 고를 수 있습니다(삭제는 만든 사람과 전담부서·관리자).',
  submit: '저장',
  saved: '“{{name}}” 보기를 저장했습니다.',
  applied: '“{{name}}” 보기를 적용했습니다.',
  removed: '“{{name}}” 보기를 삭제했습니다.',
  confirmRemove: '“{{name}}” 보기를 삭제하시겠습니까?',
  removeConsequence: '저장된 조건만 지워지고 목록의 기록은 바뀌지 않습니다.',
  removeNow: '삭제합니다',
  exportXlsx: 'XLSX 내려받기',
  exportCsv: 'CSV 내려받기',
  exporting: '파일을 만드는 중입니다…',
  exported: '파일을 내려받았습니다. 현재 조건이 적용된 목록입니다.',
};

type Messages = typeof ko;

const en: Messages = {
  label: 'Saved views',
  none: 'Choose a saved view',
  shared: '{{name}} (shared)',
  apply: 'Apply view',
  save: 'Save current filters',
  remove: 'Delete view',
  dialogTitle: 'Save the current filters as a view',
  name: 'View name',
  nameHint: 'Up to 100 characters. Saves the list’s current filters and sort.',
  share: 'Share with the whole organisation',
  shareHint:
    'Everyone in your organisation can choose this view (deleted by its author, the office or an administrator).',
  submit: 'Save',
  saved: 'Saved the view “{{name}}”.',
  applied: 'Applied the view “{{name}}”.',
  removed: 'Deleted the view “{{name}}”.',
  confirmRemove: 'Delete the view “{{name}}”?',
  removeConsequence: 'Only the saved filters go; no record of the list changes.',
  removeNow: 'Delete',
  exportXlsx: 'Download XLSX',
  exportCsv: 'Download CSV',
  exporting: 'Preparing the file…',
  exported: 'Downloaded: the list with the current filters.',
};

registerMessages('savedViews', { ko, en });
