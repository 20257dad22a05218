// Messages of the global search (the header's box and the results page). Korean first; English complete (.en.ts).
import { registerMessages } from '../../i18n';

const ko = {
  title: '통합 검색',
  description:
    '읽을 수 있는 중점과제, 이행실적, 사전컨설팅, 경진대회 출품작에서 코드·제목·본문을 찾습니다.',
  label: '검색어',
  hint: '2자 이상 입력하세요. 예: 과제 코드, 제목의 일부, 본문의 낱말',
  submit: '검색',
  tooShort: '검색어를 2자 이상 입력하세요.',
  start: '검색어를 입력하고 검색을 누르세요.',
  summary: '“{{q}}” 검색 결과 {{count}}건',
  none: '“{{q}}”에 맞는 기록이 없습니다.',
  showMore: '{{type}} 더 보기',
  type: {
    task: '중점과제',
    report: '이행실적',
    consultation: '사전컨설팅',
    contestEntry: '경진대회 출품작',
  },
  typeCount: '{{type}} {{count}}건',
  matched: {
    code: '코드 일치',
    title: '제목 일치',
    text: '본문 일치',
  },
  year: '{{year}}년',
  header: {
    label: '통합 검색',
    placeholder: '과제·이행실적·사전컨설팅 검색',
    submit: '검색',
  },
};

export type Messages = typeof ko;

registerMessages('search', ko, () => import('./messages.en'));
