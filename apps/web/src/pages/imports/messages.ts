// Messages of the spreadsheet import page. Korean first; English complete (.en.ts).
import { registerMessages } from '../../i18n';

const ko = {
  title: '가져오기',
  crumb: '관리',
  description:
    '부서·사용자·중점과제 목록을 엑셀(XLSX) 또는 CSV 파일로 한꺼번에 가져옵니다. 양식을 내려받아 작성하고, 먼저 미리 보기로 확인한 뒤 가져오세요.',
  kind: '가져올 자료',
  kinds: {
    departments: '부서',
    users: '사용자와 역할',
    tasks: '중점과제와 단계별 계획',
    milestones: '단계별 계획(이미 있는 과제)',
  },
  kindHint: {
    departments: '부서명이 같은 부서는 새로 만들지 않고 값을 맞춥니다. 시스템 관리자만 가져옵니다.',
    users:
      '이메일이 같은 사용자는 새로 만들지 않고 값을 맞춥니다. 새 사용자는 임시 비밀번호를 받고 처음 로그인할 때 바꿉니다. 시스템 관리자만 가져옵니다.',
    tasks:
      '과제번호(없으면 연도와 과제명)가 같은 과제는 새로 만들지 않고 값을 맞춥니다. 새 과제는 작성중 또는 제안 상태가 됩니다. 적극행정 전담부서만 가져옵니다.',
    milestones:
      'CSV로 과제를 가져온 뒤 단계별 계획을 따로 가져올 때 씁니다. 적극행정 전담부서만 가져옵니다.',
  },
  template: '양식 내려받기(XLSX)',
  templateFailed: '양식을 내려받지 못했습니다.',
  file: '파일',
  fileHint:
    'XLSX 또는 CSV(UTF-8, EUC-KR) 파일 하나. 형식은 파일 이름이 아니라 내용으로 판단합니다.',
  chooseFile: '가져올 파일을 고르세요.',
  preview: '미리 보기',
  previewing: '검사하는 중입니다…',
  import: '가져오기',
  importing: '가져오는 중입니다…',
  importHint: '미리 보기에 오류가 없으면 가져올 수 있습니다. 모든 행을 한 번에 저장합니다.',
  previewNotice: '미리 보기입니다. 아직 아무것도 저장하지 않았습니다.',
  done: '가져왔습니다.',
  summary: '새로 만듦 {{created}}건 · 바뀜 {{updated}}건 · 그대로 {{unchanged}}건',
  previewSummary: '새로 만들 것 {{created}}건 · 바꿀 것 {{updated}}건 · 그대로 {{unchanged}}건',
  ignored: '읽지 않은 열: {{columns}}',
  resultCaption: '행별 결과 ({{count}}건)',
  colSheet: '시트',
  colRow: '행',
  colKey: '대상',
  colOutcome: '결과',
  colChanges: '바뀌는 항목',
  colChanged: '바뀐 항목',
  colPassword: '임시 비밀번호',
  outcome: { created: '새로 만듦', updated: '바뀜', unchanged: '그대로' },
  previewOutcome: { created: '새로 만들 것', updated: '바꿀 것', unchanged: '그대로' },
  passwordsWarning:
    '임시 비밀번호는 이 화면에서 한 번만 보입니다. 화면을 떠나기 전에 사용자에게 안전한 방법으로 전달하세요. 사용자는 처음 로그인할 때 비밀번호를 바꿔야 합니다.',
  errorsTitle: '파일에 오류가 있어 아무것도 가져오지 않았습니다.',
  errorsCaption: '오류 목록 ({{count}}건)',
  errorsMore: '오류가 모두 {{total}}건이며 처음 {{shown}}건만 보입니다.',
  colColumn: '열',
  colError: '오류',
  whole: '전체',
  none: '–',
  forbidden:
    '가져오기는 시스템 관리자(부서·사용자)와 적극행정 전담부서(중점과제)만 쓸 수 있습니다.',
};

export type Messages = typeof ko;

registerMessages('imports', ko, () => import('./messages.en'));
