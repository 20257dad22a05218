// Messages of the declared holidays page (공휴일·휴무일). Korean first; English complete (.en.ts).
import { registerMessages } from '../../i18n';

const ko = {
  title: '공휴일·휴무일',
  description:
    '기한은 근무일로 셉니다. 공휴일 자료(관보)에 아직 없는 임시공휴일은 시스템 관리자가, 기관의 휴무일(재량휴업 등)은 기관 관리자가 지정합니다. 지정하거나 철회하면 그날을 세던 열린 기한이 다시 계산되고 기록마다 이력이 남습니다.',
  horizon: '공휴일 자료: {{until}}까지 ({{next}}년 기한은 패키지를 갱신해야 계산할 수 있습니다.)',
  caption: '지정한 공휴일과 휴무일',
  empty: '지정한 공휴일이나 휴무일이 없습니다.',
  colDate: '날짜',
  colName: '이름',
  colScope: '범위',
  colBasis: '근거',
  colMoved: '옮긴 기한',
  colState: '상태',
  national: '전국 공휴일',
  closure: '기관 휴무일: {{name}}',
  inForce: '지정됨',
  withdrawn: '철회됨',
  movedCount: '{{count}}건',
  withdraw: '철회',
  withdrawTitle: '{{date}} {{name}} 철회',
  withdrawConsequence:
    '철회하면 이 날 때문에 옮겨졌던 열린 기한이 다시 계산되어 돌아가고, 기록마다 이력이 남습니다.',
  withdrawSubmit: '철회하기',
  withdrawnNotice: '철회했습니다. 기한 {{count}}건이 다시 계산되었습니다.',
  declareTitle: '공휴일·휴무일 지정',
  scope: '범위',
  scopeNational: '전국 공휴일 (모든 기관)',
  scopeOrganisation: '우리 기관 휴무일',
  date: '날짜',
  dateHint: '오늘 이후의 날짜',
  name: '이름',
  nameHint: '예: 임시공휴일, 재량휴업일',
  basis: '근거',
  basisHint: '법령, 관보, 공고 또는 결재 문서',
  reason: '사유',
  reasonHint: '변경 이력에 남습니다.',
  declareSubmit: '지정하기',
  declareConsequence:
    '{{date}}을(를) 휴일로 지정하면 그날을 근무일로 세던 열린 기한(이행실적, 사전컨설팅 검토, 소극행정 신고, 국민신청, 협업SOS)이 근무일 수만큼 뒤로 옮겨지고, 알림도 새 기한을 따릅니다.',
  declaredNotice: '지정했습니다. 기한 {{count}}건이 옮겨졌습니다.',
};

export type Messages = typeof ko;

registerMessages('holidays', ko, () => import('./holidays-messages.en'));
