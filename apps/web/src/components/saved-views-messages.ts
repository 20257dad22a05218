// Messages of the saved views (저장된 보기) above the lists. Korean first; English complete (.en.ts).
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

export type Messages = typeof ko;

registerMessages('savedViews', ko, () => import('./saved-views-messages.en'));
