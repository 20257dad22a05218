// Gwaje's glossary (issue 23): one word for each thing, in Korean and English, used by every page,
// e-mail title and field label. `avoid` lists the words that drifted in before; glossary.spec.ts
// fails when one of them appears in the web app's text again (`allowed` are longer phrases that
// contain an avoided word but mean something else, e.g. a committee member's 임기 종료일).
export interface GlossaryTerm {
  ko: string;
  en: string;
  /** What it is, for whoever writes a new page. */
  meaning: string;
  avoid: readonly string[];
  allowed?: readonly string[];
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    ko: '중점과제',
    en: 'priority task',
    meaning: 'A task the organisation selected for the year (적극행정 중점과제).',
    avoid: ['핵심과제', '중점 과제'],
  },
  {
    ko: '진척도',
    en: 'progress',
    meaning:
      'How far a task, report, collaboration task or action-plan item is, in percent (milestones by weight, or as reported).',
    avoid: ['추진률', '진행률', '추진율'],
  },
  {
    ko: '완료 예정일',
    en: 'due date',
    meaning: 'The day a task or milestone is planned to be finished.',
    avoid: ['종료일', '완료예정일'],
    // Other things that end: a member's term, a quarter, a collaboration period.
    allowed: ['임기 종료일', '분기 종료일', '기간 종료일'],
  },
  {
    ko: '이행실적',
    en: 'progress report',
    meaning:
      'What a department reports for a task in a reporting period, reviewed by the audit office.',
    avoid: ['실적보고서', '이행 실적'],
  },
  {
    ko: '사전컨설팅',
    en: 'pre-consultation',
    meaning: 'A request to the audit office for an opinion on an unclear rule before acting.',
    avoid: ['사전 컨설팅', '사전상담'],
  },
  {
    ko: '의견 회신',
    en: 'opinion issued',
    meaning: 'The audit office sends its opinion on a pre-consultation (or an opinion request).',
    avoid: ['의견 통보', '의견통보', '의견회신'],
  },
  {
    ko: '주관부서',
    en: 'lead department',
    meaning: 'The department that owns a task.',
    avoid: ['주무부서', '주관 부서'],
  },
  {
    ko: '협업부서',
    en: 'partner department',
    meaning: 'A department sharing a task with the lead department.',
    avoid: ['협조부서', '협업 부서'],
  },
  {
    ko: '주담당자',
    en: 'owner',
    meaning: 'The official in charge of a task.',
    avoid: ['주 담당자', '책임자'],
  },
  {
    ko: '결재 요청',
    en: 'approval request',
    meaning: 'Staff asking their head to submit a report they drafted.',
    avoid: ['결재요청', '승인 요청'],
  },
];
