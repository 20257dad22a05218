// The task labels 나의 업무 shows too (flags, risk, report timeliness, pre-consultation states),
// apart from the task pages' messages so that the start page does not load those. Same namespace.
import { registerMessages } from '../../i18n';

const ko = {
  list: {
    risk: '위험도',
  },
  flag: {
    delayed: '지연',
    onTime: '정상',
    overdue: '기한 경과',
  },
  riskLevel: { LOW: '낮음', MEDIUM: '보통', HIGH: '높음' },
  timeliness: {
    PENDING: '제출 전',
    MISSING: '미제출 ({{days}}일 경과)',
    ON_TIME: '기한 내 제출',
    LATE: '지연 제출 ({{days}}일)',
  },
  consultationState: {
    DRAFT: '작성 중',
    SUBMITTED: '신청',
    SCREENING: '접수 검토',
    REJECTED: '반려',
    ACCEPTED: '접수',
    UNDER_REVIEW: '검토 중',
    ESCALATED: '상급기관 이관',
    COMMITTEE_ADVICE: '위원회 자문',
    OPINION_ISSUED: '의견 회신',
    CLOSED: '종결',
  },
};

export type Labels = typeof ko;

registerMessages('tasks', ko, () => import('./labels.en'));
