// Messages of the calendar page (my deadlines, month and list, the iCal feed). Korean first.
import { registerMessages } from '../../i18n';

const ko = {
  title: '일정',
  description:
    '내가 챙겨야 할 기한입니다: 담당·참여 과제의 단계, 제출할 이행실적, 사전컨설팅 검토와 회신.',
  month: '{{year}}년 {{month}}월',
  caption: '{{year}}년 {{month}}월 일정 (서울 시각)',
  previous: '이전 달',
  next: '다음 달',
  thisMonth: '이번 달',
  viewMonth: '달력으로 보기',
  viewList: '목록으로 보기',
  weekdays: '일,월,화,수,목,금,토',
  today: '오늘',
  empty: '이 달에 챙길 기한이 없습니다.',
  date: '날짜',
  kindLabel: '구분',
  item: '내용',
  kind: {
    MILESTONE: '단계 기한',
    REPORT: '이행실적 제출',
    CONSULTATION_SCREENING: '사전컨설팅 검토',
    CONSULTATION_OPINION: '사전컨설팅 회신',
  },
  dayItems: '{{day}}일: {{count}}건',
  feed: {
    heading: '달력 앱에서 구독',
    intro:
      '휴대전화나 업무용 달력 앱(iCal)에 이 일정을 구독할 수 있습니다. 주소를 가진 사람은 누구나 일정의 제목과 날짜를 볼 수 있으니 남에게 알리지 마세요.',
    none: '아직 구독 주소가 없습니다.',
    active: '{{at}}에 만든 구독 주소가 있습니다. 주소는 만들 때 한 번만 보여 줍니다.',
    create: '구독 주소 만들기',
    renew: '새 주소 만들기 (이전 주소는 쓸 수 없게 됨)',
    revoke: '구독 주소 없애기',
    url: '구독 주소',
    urlHint: '달력 앱의 "URL로 구독"에 붙여 넣으세요. 이 화면을 떠나면 다시 볼 수 없습니다.',
    copy: '주소 복사',
    copied: '주소를 복사했습니다.',
    revoked: '구독 주소를 없앴습니다. 그 주소로는 더 이상 일정을 받을 수 없습니다.',
    confirmRevoke: '구독 주소를 없애시겠습니까?',
    revokeConsequence: '이 주소를 구독한 달력 앱은 더 이상 일정을 받지 못합니다.',
    revokeNow: '없앱니다',
  },
};

export type Messages = typeof ko;

registerMessages('calendar', ko, () => import('./messages.en'));
