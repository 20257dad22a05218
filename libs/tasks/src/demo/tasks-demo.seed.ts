import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { TransactionService, type Tx } from '@gwaje/db';
import { DEMO_PASSWORD, demoActor, PasswordService, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { seoulToday } from '../task-derived.js';
import { type TaskCategory, type TaskRisk, TaskStatus } from '../task.entity.js';
import { TasksService } from '../tasks.service.js';

const SEOUL = '서울특별시';
const NOWON = '노원구';
const DEMO_STAFF = 'staff@nowon.demo.gwaje.kr';
const DEMO_HEAD = 'head@nowon.demo.gwaje.kr';
const DEMO_OFFICE = 'office@nowon.demo.gwaje.kr';
/** Why last year's record is entered now: the demo office adopted Gwaje this year. */
export const DEMO_LATE_ENTRY_REASON = 'Gwaje 도입 전 지난해 추진 실적을 전담부서가 옮겨 적음';

/**
 * Demo staff of the departments that lead demo tasks (owners must be active users of the lead
 * department). Idempotent by email; they sign in with the demo password like every demo user.
 */
const DEMO_STAFF_USERS: ReadonlyArray<{
  email: string;
  name: string;
  grade: string;
  department: string;
}> = [
  {
    email: 'bokji@nowon.demo.gwaje.kr',
    name: '강지호',
    grade: '사회복지7급',
    department: '복지정책과',
  },
  {
    email: 'jaenan@nowon.demo.gwaje.kr',
    name: '김도윤',
    grade: '방재안전7급',
    department: '재난안전과',
  },
  {
    email: 'digital@nowon.demo.gwaje.kr',
    name: '윤지우',
    grade: '전산7급',
    department: '디지털정보과',
  },
  {
    email: 'gongwon@nowon.demo.gwaje.kr',
    name: '한예린',
    grade: '녹지7급',
    department: '공원녹지과',
  },
  {
    email: 'cheongso@nowon.demo.gwaje.kr',
    name: '박서준',
    grade: '환경7급',
    department: '청소행정과',
  },
  { email: 'geonchuk@nowon.demo.gwaje.kr', name: '오시우', grade: '건축7급', department: '건축과' },
  {
    email: 'jutaek@nowon.demo.gwaje.kr',
    name: '장하린',
    grade: '행정7급',
    department: '주택관리과',
  },
  {
    email: 'haengjeong@nowon.demo.gwaje.kr',
    name: '송유나',
    grade: '행정7급',
    department: '행정지원과',
  },
];

interface DemoMilestone {
  title: string;
  dueDate: string;
  /** Set: DONE on that date; unset: PLANNED. */
  doneDate?: string;
  weight?: number;
}

interface DemoTask {
  year: number;
  seq: number;
  title: string;
  summary: string;
  category: TaskCategory;
  /** 노원구 department name */
  lead: string;
  /** owner's email: an active user of the lead department */
  owner: string;
  goal: string;
  kpi?: { indicator: string; unit: string; baseline: number; target: number; current: number };
  startDate: string;
  dueDate: string;
  status: TaskStatus;
  risk: TaskRisk;
  milestones: DemoMilestone[];
  members?: string[];
  /** "organisation/department" names */
  partners?: string[];
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const earliest = (...dates: string[]): string => dates.reduce((a, b) => (b < a ? b : a));
const latest = (...dates: string[]): string => dates.reduce((a, b) => (b > a ? b : a));

/**
 * When a demo task was active (SELECTED or IN_PROGRESS), for reporting: from its start date; a
 * completed task until its last milestone was done, a suspended or dropped one until a week ago
 * (or its due date); an active one still open (until null). Never-selected tasks have none.
 */
function activeSpan(
  status: TaskStatus,
  startDate: string,
  milestones: ReadonlyArray<{ doneDate?: string }>,
  dueDate: string,
  today: string,
): { from: string; until: string | null } | null {
  const from = earliest(startDate, today);
  switch (status) {
    case TaskStatus.DRAFT:
    case TaskStatus.PROPOSED:
    case TaskStatus.REJECTED:
      return null;
    case TaskStatus.SELECTED:
    case TaskStatus.IN_PROGRESS:
      return { from, until: null };
    case TaskStatus.COMPLETED: {
      const done = milestones.flatMap((m) => (m.doneDate ? [m.doneDate] : []));
      return {
        from,
        until: latest(from, earliest(today, done.length ? latest(...done) : dueDate)),
      };
    }
    case TaskStatus.SUSPENDED:
    case TaskStatus.DROPPED:
      return { from, until: latest(from, earliest(dueDate, addDays(today, -7))) };
  }
}

/**
 * The demo's tasks (DOMAIN.md §10), dated relative to `today` (Asia/Seoul): the previous year's are
 * all in that year, except the two still in progress, which run into this year; this year's show
 * every state, with a delayed task whichever day the seed runs.
 */
export function demoTasks(today: string): DemoTask[] {
  const Y = Number(today.slice(0, 4));
  const P = Y - 1;
  /** The given date, or `days` before today if that is earlier (so it has surely passed). */
  const past = (date: string, days: number) => earliest(date, addDays(today, -days));
  /** The given date, or `days` after today if that is later (so it surely lies ahead). */
  const ahead = (date: string, days: number) => latest(date, addDays(today, days));
  const { DRAFT, PROPOSED, SELECTED, REJECTED, IN_PROGRESS, COMPLETED, SUSPENDED, DROPPED } =
    TaskStatus;
  const done = (title: string, dueDate: string, doneDate = dueDate): DemoMilestone => ({
    title,
    dueDate,
    doneDate,
  });
  const planned = (title: string, dueDate: string): DemoMilestone => ({ title, dueDate });

  return [
    // ── Previous year: 9 tasks, 7 completed and 2 still in progress ────────────────────────────
    {
      year: P,
      seq: 1,
      title: '뇌병변장애인 비전센터 조성',
      summary:
        '성인 뇌병변장애인이 낮 시간 동안 교육·재활·여가 프로그램을 이용할 수 있는 전용 비전센터를 조성',
      category: 'PROACTIVE',
      lead: '복지정책과',
      owner: DEMO_STAFF,
      goal: '뇌병변장애인 낮 활동 공간 확보와 가족 돌봄 부담 완화',
      kpi: { indicator: '이용 정원', unit: '명', baseline: 0, target: 20, current: 20 },
      startDate: `${P}-01-15`,
      dueDate: `${P}-11-30`,
      status: COMPLETED,
      risk: 'MEDIUM',
      milestones: [
        done('부지 확보 및 기본계획 수립', `${P}-03-31`, `${P}-03-28`),
        done('리모델링 설계 및 공사', `${P}-08-31`, `${P}-09-12`),
        done('운영기관 선정 및 개소', `${P}-11-30`, `${P}-11-20`),
      ],
      members: [DEMO_HEAD],
    },
    {
      year: P,
      seq: 2,
      title: '당현천 음악분수 개선',
      summary:
        '노후한 당현천 음악분수의 설비를 교체하고 야간 경관과 연계한 주민 친화 공간으로 개선',
      category: 'PROACTIVE',
      lead: '공원녹지과',
      owner: 'gongwon@nowon.demo.gwaje.kr',
      goal: '분수 가동 중단 없는 안정 운영과 하천변 이용객 증가',
      startDate: `${P}-03-02`,
      dueDate: ahead(`${Y}-05-31`, 45),
      status: IN_PROGRESS,
      risk: 'MEDIUM',
      milestones: [
        done('기본계획 수립', `${P}-04-30`, `${P}-04-25`),
        done('실시설계 완료', `${P}-07-31`, `${P}-08-14`),
        planned('분수 설비 교체 공사', ahead(`${Y}-04-30`, 30)),
        planned('시운전 및 재개장', ahead(`${Y}-05-31`, 45)),
      ],
    },
    {
      year: P,
      seq: 3,
      title: '초등학교 맞춤형 통학로 개선',
      summary:
        '관내 초등학교별 위험 요소를 조사해 보도 확장, 옐로카펫, 보행 신호 개선을 맞춤형으로 추진',
      category: 'COLLABORATION',
      lead: '재난안전과',
      owner: 'jaenan@nowon.demo.gwaje.kr',
      goal: '어린이 보행 안전사고 감소',
      kpi: { indicator: '통학로 정비 학교', unit: '개교', baseline: 0, target: 12, current: 12 },
      startDate: `${P}-02-01`,
      dueDate: `${P}-12-15`,
      status: COMPLETED,
      risk: 'LOW',
      milestones: [
        done('학교별 통학로 위험요소 조사', `${P}-04-30`),
        done('학부모·학교 의견 수렴', `${P}-06-30`, `${P}-06-20`),
        done('보도 확장 및 안전시설 설치', `${P}-11-30`, `${P}-12-05`),
      ],
      partners: [`${NOWON}/건축과`],
    },
    {
      year: P,
      seq: 4,
      title: '카카오톡 체납안내 서비스',
      summary: '지방세·세외수입 체납 안내를 종이 고지서 대신 카카오톡 알림톡으로 발송',
      category: 'GOV_INNOVATION',
      lead: '디지털정보과',
      owner: 'digital@nowon.demo.gwaje.kr',
      goal: '체납 안내 도달률 향상과 우편 발송비 절감',
      kpi: { indicator: '안내 도달률', unit: '%', baseline: 62, target: 90, current: 93 },
      startDate: `${P}-01-02`,
      dueDate: `${P}-09-30`,
      status: COMPLETED,
      risk: 'LOW',
      milestones: [
        done('알림톡 발송 시스템 구축', `${P}-04-30`),
        done('시범 발송', `${P}-06-30`),
        done('전면 시행', `${P}-09-30`, `${P}-09-15`),
      ],
      partners: [`${NOWON}/행정지원과`],
    },
    {
      year: P,
      seq: 5,
      title: '공동주택 층간소음 갈등 조정단 운영',
      summary: '전문 조정위원이 현장을 방문해 층간소음 분쟁을 상담하고 이웃 간 합의를 지원',
      category: 'PROACTIVE',
      lead: '주택관리과',
      owner: 'jutaek@nowon.demo.gwaje.kr',
      goal: '층간소음 민원의 조기 해결',
      kpi: { indicator: '조정 성립 건수', unit: '건', baseline: 0, target: 50, current: 58 },
      startDate: `${P}-03-01`,
      dueDate: `${P}-12-31`,
      status: COMPLETED,
      risk: 'LOW',
      milestones: [
        done('조정위원 위촉', `${P}-03-31`),
        done('상반기 현장 조정', `${P}-06-30`),
        done('하반기 현장 조정 및 성과 분석', `${P}-12-31`, `${P}-12-22`),
      ],
    },
    {
      year: P,
      seq: 6,
      title: '음식물쓰레기 RFID 종량기 확대',
      summary: '공동주택 단지에 무게만큼 수수료를 내는 RFID 음식물쓰레기 종량기를 확대 설치',
      category: 'GOV_INNOVATION',
      lead: '청소행정과',
      owner: 'cheongso@nowon.demo.gwaje.kr',
      goal: '음식물쓰레기 배출량 감량',
      kpi: { indicator: '설치 단지', unit: '개', baseline: 40, target: 70, current: 72 },
      startDate: `${P}-02-01`,
      dueDate: `${P}-10-31`,
      status: COMPLETED,
      risk: 'MEDIUM',
      milestones: [
        done('설치 희망 단지 모집', `${P}-03-31`),
        done('종량기 구매 및 설치', `${P}-08-31`, `${P}-09-05`),
        done('감량 효과 분석', `${P}-10-31`),
      ],
    },
    {
      year: P,
      seq: 7,
      title: '빈집 정비 및 주민 공유공간 전환',
      summary: '장기간 방치된 빈집을 정비해 주민 쉼터와 공유 주차장 등 생활 공간으로 전환',
      category: 'REGULATORY',
      lead: '건축과',
      owner: 'geonchuk@nowon.demo.gwaje.kr',
      goal: '방치 빈집으로 인한 안전·위생 문제 해소',
      startDate: `${P}-04-01`,
      dueDate: ahead(`${Y}-06-30`, 60),
      status: IN_PROGRESS,
      risk: 'HIGH',
      milestones: [
        done('빈집 실태조사', `${P}-06-30`, `${P}-07-10`),
        done('소유자 협의 및 정비 계약', `${P}-10-31`),
        planned('정비 공사', ahead(`${Y}-03-31`, 30)),
        planned('공유공간 개방', ahead(`${Y}-06-30`, 60)),
      ],
      members: ['haengjeong@nowon.demo.gwaje.kr'],
    },
    {
      year: P,
      seq: 8,
      title: '무인민원발급기 야간·휴일 이용 확대',
      summary:
        '지하철역과 주민센터 무인민원발급기의 운영 시간을 야간과 휴일로 넓히고 발급 종류를 확대',
      category: 'GOV_INNOVATION',
      lead: '행정지원과',
      owner: 'haengjeong@nowon.demo.gwaje.kr',
      goal: '직장인의 민원서류 발급 편의 향상',
      startDate: `${P}-01-02`,
      dueDate: `${P}-06-30`,
      status: COMPLETED,
      risk: 'LOW',
      milestones: [
        done('설치 장소 관리기관 협의', `${P}-02-28`),
        done('야간·휴일 운영 개시', `${P}-06-30`, `${P}-06-16`),
      ],
    },
    {
      year: P,
      seq: 9,
      title: '노원 안심귀갓길 스마트 보안등 설치',
      summary: '어두운 골목길에 사람을 감지해 밝기를 높이는 스마트 보안등과 비상벨을 설치',
      category: 'PROACTIVE',
      lead: '재난안전과',
      owner: 'jaenan@nowon.demo.gwaje.kr',
      goal: '야간 보행 안전과 범죄 불안감 해소',
      kpi: { indicator: '설치 구간', unit: '곳', baseline: 0, target: 30, current: 31 },
      startDate: `${P}-03-02`,
      dueDate: `${P}-11-30`,
      status: COMPLETED,
      risk: 'LOW',
      milestones: [
        done('설치 구간 선정', `${P}-04-30`),
        done('보안등·비상벨 설치', `${P}-10-31`, `${P}-11-07`),
        done('주민 만족도 조사', `${P}-11-30`),
      ],
      partners: [`${NOWON}/디지털정보과`],
    },

    // ── This year: every state, two of them delayed ────────────────────────────────────────────
    {
      // Delayed: a milestone's due date has passed unfinished.
      year: Y,
      seq: 1,
      title: "찾아가는 복지상담 '노원 복지버스' 운영",
      summary: '상담 버스가 복지 사각지대 주거지를 순회하며 현장에서 복지 상담과 신청을 받음',
      category: 'PROACTIVE',
      lead: '복지정책과',
      owner: DEMO_STAFF,
      goal: '복지 사각지대 발굴 확대',
      kpi: { indicator: '현장 상담 건수', unit: '건', baseline: 0, target: 600, current: 240 },
      startDate: `${Y}-02-02`,
      dueDate: ahead(`${Y}-12-31`, 60),
      status: IN_PROGRESS,
      risk: 'MEDIUM',
      milestones: [
        done('버스 임차 및 상담인력 배치', past(`${Y}-03-31`, 60), past(`${Y}-03-27`, 60)),
        planned('상반기 순회 상담', past(`${Y}-06-30`, 20)),
        planned('하반기 순회 상담 및 성과 보고', ahead(`${Y}-12-31`, 60)),
      ],
      members: ['bokji@nowon.demo.gwaje.kr'],
    },
    {
      // Delayed: the task's own due date has passed; partners include a 서울특별시 department.
      year: Y,
      seq: 2,
      title: '스마트 침수감지 경보체계 구축',
      summary:
        '상습 침수 지역 지하주택과 도로에 수위 센서를 설치해 침수 위험을 주민에게 자동으로 알림',
      category: 'COLLABORATION',
      lead: '재난안전과',
      owner: 'jaenan@nowon.demo.gwaje.kr',
      goal: '여름철 반지하 주택 침수 인명피해 예방',
      kpi: { indicator: '센서 설치 지점', unit: '곳', baseline: 0, target: 80, current: 64 },
      startDate: `${Y}-01-02`,
      dueDate: past(`${Y}-10-31`, 7),
      status: IN_PROGRESS,
      risk: 'HIGH',
      milestones: [
        done('설치 대상지 선정', past(`${Y}-03-31`, 40), past(`${Y}-03-31`, 40)),
        done('센서 1차 설치', past(`${Y}-06-15`, 25), past(`${Y}-06-12`, 25)),
        planned('경보 연계 시스템 개통', past(`${Y}-10-31`, 7)),
      ],
      members: [DEMO_STAFF],
      partners: [`${SEOUL}/정보기획관`, `${NOWON}/디지털정보과`],
    },
    {
      year: Y,
      seq: 3,
      title: "AI 민원상담 챗봇 '노원이' 고도화",
      summary: '구청 누리집 챗봇에 생성형 AI를 적용해 야간·휴일 민원 상담 범위를 넓힘',
      category: 'GOV_INNOVATION',
      lead: '디지털정보과',
      owner: 'digital@nowon.demo.gwaje.kr',
      goal: '단순 문의 전화 민원 감소',
      kpi: { indicator: '챗봇 응답 정확도', unit: '%', baseline: 71, target: 90, current: 84 },
      startDate: `${Y}-02-02`,
      dueDate: ahead(`${Y}-12-31`, 60),
      status: IN_PROGRESS,
      risk: 'MEDIUM',
      milestones: [
        done('민원 상담 데이터 정비', past(`${Y}-04-30`, 90), past(`${Y}-04-24`, 90)),
        done('AI 모델 적용 및 시범 운영', past(`${Y}-07-31`, 30), past(`${Y}-07-31`, 30)),
        planned('전면 개통', ahead(`${Y}-12-15`, 30)),
      ],
      partners: [`${SEOUL}/정보기획관`],
    },
    {
      year: Y,
      seq: 4,
      title: '불암산 힐링타운 무장애 숲길 확장',
      summary: '휠체어와 유모차가 다닐 수 있는 무장애 숲길을 불암산 힐링타운 일대로 연장',
      category: 'PROACTIVE',
      lead: '공원녹지과',
      owner: 'gongwon@nowon.demo.gwaje.kr',
      goal: '교통약자의 숲 이용 기회 확대',
      startDate: `${Y}-04-01`,
      dueDate: ahead(`${Y}-12-31`, 120),
      status: SELECTED,
      risk: 'LOW',
      milestones: [
        planned('노선 설계', ahead(`${Y}-09-30`, 45)),
        planned('데크길 조성 공사', ahead(`${Y}-12-31`, 120)),
      ],
    },
    {
      year: Y,
      seq: 5,
      title: '재활용품 무인회수기 확대 설치',
      summary: '투명 페트병과 캔을 넣으면 포인트를 적립해 주는 무인회수기를 주민센터에 확대 설치',
      category: 'GOV_INNOVATION',
      lead: '청소행정과',
      owner: 'cheongso@nowon.demo.gwaje.kr',
      goal: '고품질 재활용품 회수량 증가',
      startDate: `${Y}-03-02`,
      dueDate: `${Y}-12-31`,
      status: PROPOSED,
      risk: 'LOW',
      milestones: [
        planned('설치 장소 선정', `${Y}-05-31`),
        planned('회수기 설치 및 운영', `${Y}-12-31`),
      ],
    },
    {
      year: Y,
      seq: 6,
      title: '1인가구 고독사 예방 스마트플러그 지원',
      summary: '전력 사용량 변화를 감지하는 스마트플러그로 고립 위험 1인가구의 안부를 확인',
      category: 'PROACTIVE',
      lead: '복지정책과',
      owner: DEMO_STAFF,
      goal: '고립 위험 가구의 위기 조기 발견',
      startDate: `${Y}-03-02`,
      dueDate: `${Y}-12-31`,
      status: DRAFT,
      risk: 'MEDIUM',
      milestones: [
        planned('대상 가구 발굴', `${Y}-05-31`),
        planned('스마트플러그 보급 및 관제', `${Y}-12-31`),
      ],
    },
    {
      year: Y,
      seq: 7,
      title: '건축허가 사전검토 온라인 창구',
      summary: '건축허가 신청 전에 설계도서를 온라인으로 받아 보완 사항을 미리 안내',
      category: 'REGULATORY',
      lead: '건축과',
      owner: 'geonchuk@nowon.demo.gwaje.kr',
      goal: '건축허가 보완 요구 횟수 감소',
      startDate: `${Y}-03-02`,
      dueDate: `${Y}-12-31`,
      status: REJECTED,
      risk: 'LOW',
      milestones: [planned('온라인 창구 개설', `${Y}-06-30`)],
    },
    {
      year: Y,
      seq: 8,
      title: '공동주택 관리비 공개 점검',
      summary: '의무관리 대상 공동주택의 관리비 공개 실태를 점검하고 우수 단지 사례를 공유',
      category: 'PROACTIVE',
      lead: '주택관리과',
      owner: 'jutaek@nowon.demo.gwaje.kr',
      goal: '관리비 투명성 제고',
      kpi: { indicator: '점검 단지', unit: '개', baseline: 0, target: 40, current: 40 },
      startDate: `${Y}-01-02`,
      dueDate: past(`${Y}-09-30`, 14),
      status: COMPLETED,
      risk: 'LOW',
      milestones: [
        done('점검 계획 수립', past(`${Y}-02-28`, 60)),
        done('단지별 현장 점검', past(`${Y}-07-31`, 30), past(`${Y}-08-08`, 30)),
        done('결과 공개 및 우수사례 공유', past(`${Y}-09-30`, 14)),
      ],
    },
    {
      year: Y,
      seq: 9,
      title: '경춘선숲길 야간 경관조명 개선',
      summary: '경춘선숲길 구간의 노후 조명을 에너지 효율이 높은 경관조명으로 교체',
      category: 'PROACTIVE',
      lead: '공원녹지과',
      owner: 'gongwon@nowon.demo.gwaje.kr',
      goal: '야간 보행 환경 개선',
      startDate: `${Y}-03-02`,
      dueDate: ahead(`${Y}-12-31`, 90),
      status: SUSPENDED,
      risk: 'HIGH',
      milestones: [
        done('조명 설계', past(`${Y}-05-31`, 60), past(`${Y}-05-29`, 60)),
        planned('조명 교체 공사', ahead(`${Y}-12-31`, 90)),
      ],
    },
    {
      year: Y,
      seq: 10,
      title: '종이 없는 회의 전면 도입',
      summary: '구청 내부 회의 자료를 태블릿과 전자회의 시스템으로 대체',
      category: 'GOV_INNOVATION',
      lead: '행정지원과',
      owner: 'haengjeong@nowon.demo.gwaje.kr',
      goal: '회의 자료 인쇄량 감축',
      startDate: `${Y}-02-02`,
      dueDate: `${Y}-12-31`,
      status: DROPPED,
      risk: 'LOW',
      milestones: [planned('전자회의 시스템 도입', `${Y}-06-30`)],
    },
    {
      year: Y,
      seq: 11,
      title: '폭염 취약계층 안부 확인 서비스',
      summary: '폭염특보 때 홀몸 어르신에게 AI 안부전화를 걸고 응답이 없으면 방문 확인',
      category: 'COLLABORATION',
      lead: '복지정책과',
      owner: DEMO_HEAD,
      goal: '폭염 온열질환 피해 예방',
      startDate: `${Y}-05-01`,
      dueDate: `${Y}-09-30`,
      status: PROPOSED,
      risk: 'MEDIUM',
      milestones: [
        planned('대상자 명단 정비', `${Y}-05-31`),
        planned('폭염기 안부 확인 운영', `${Y}-09-30`),
      ],
      members: [DEMO_STAFF],
      partners: [`${NOWON}/디지털정보과`],
    },
  ];
}

/**
 * Seeds the demo's priority tasks in 노원구 (DOMAIN.md §10) after IdentityDemoSeed. Idempotent: a
 * task whose (organisation, year, code) exists is skipped, users are matched by email, and history
 * is written only for rows actually created, so a second run changes nothing. "Previous year" and
 * "this year" are computed from today's date in Asia/Seoul.
 *
 * Last year is entered as an office adopting Gwaje would (issue 19): through TasksService, each
 * task drafted by its owner, its life (proposed, selected, started, completed) and its milestones'
 * actual dates entered afterwards (사후 입력) by the office and the owner, so the activity spans
 * that decide expected reports follow the recorded days. This year's tasks are written directly.
 */
@Injectable()
export class TasksDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly passwords: PasswordService,
    private readonly history: HistoryService,
    private readonly tasksService: TasksService,
  ) {}

  async run(now: Date = new Date()): Promise<{ created: number; tasks: number; users: number }> {
    const today = seoulToday(now);
    const year = Number(today.slice(0, 4));
    const all = demoTasks(today);
    const tasks = all.filter((t) => t.year === year);
    let passwordHash: string | undefined;
    const hash = async () => (passwordHash ??= await this.passwords.hash(DEMO_PASSWORD));
    let createdTasks = 0;
    let createdUsers = 0;

    await this.tx.run(async (tx) => {
      // The same lock as the identity seed: demo seeding runs one at a time.
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('seed-demo', 0))`);
      const orgs = await tx.manager.query<Array<{ id: string; name: string }>>(
        `SELECT o.id, o.name FROM organisations o
           LEFT JOIN organisations p ON p.id = o.parent_id
          WHERE (o.name = $1 AND o.parent_id IS NULL) OR (o.name = $2 AND p.name = $1 AND p.parent_id IS NULL)`,
        [SEOUL, NOWON],
      );
      const orgId = new Map(orgs.map((o) => [o.name, o.id]));
      const nowon = orgId.get(NOWON);
      if (!nowon || !orgId.get(SEOUL)) {
        throw new Error('TasksDemoSeed needs the demo organisations: run IdentityDemoSeed first');
      }
      const depts = await tx.manager.query<Array<{ id: string; org: string; name: string }>>(
        `SELECT d.id, o.name AS org, d.name FROM departments d JOIN organisations o ON o.id = d.organisation_id
          WHERE d.organisation_id = ANY($1::uuid[])`,
        [[...orgId.values()]],
      );
      const deptId = new Map(depts.map((d) => [`${d.org}/${d.name}`, d.id]));
      const department = (path: string): string => {
        const id = deptId.get(path);
        if (!id) throw new Error(`TasksDemoSeed: department ${path} is missing`);
        return id;
      };

      for (const u of DEMO_STAFF_USERS) {
        const departmentId = department(`${NOWON}/${u.department}`);
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO users (organisation_id, department_id, name, email, grade, roles, password_hash)
           VALUES ($1, $2, $3, $4, $5, $6::user_role[], $7) ON CONFLICT (email) DO NOTHING RETURNING id`,
          [nowon, departmentId, u.name, u.email, u.grade, [Role.STAFF], await hash()],
        );
        if (!row) continue;
        createdUsers++;
        await this.record(tx, nowon, 'user', row.id, {
          email: u.email,
          roles: [Role.STAFF],
          departmentId,
        });
      }
      const emails = [DEMO_STAFF, DEMO_HEAD, ...DEMO_STAFF_USERS.map((u) => u.email)];
      const users = await tx.manager.query<Array<{ id: string; email: string }>>(
        `SELECT id, email FROM users WHERE email = ANY($1::text[])`,
        [emails],
      );
      const userId = new Map(users.map((u) => [u.email, u.id]));
      const user = (email: string): string => {
        const id = userId.get(email);
        if (!id) throw new Error(`TasksDemoSeed: user ${email} is missing`);
        return id;
      };

      for (const t of tasks) {
        const code = `${t.year}-${String(t.seq).padStart(2, '0')}`;
        // Keep every milestone within the task's dates (a rule of the app), whatever today is.
        const dues = t.milestones.map((m) => m.dueDate);
        const startDate = earliest(t.startDate, ...dues);
        const dueDate = latest(t.dueDate, ...dues);
        const leadDepartmentId = department(`${NOWON}/${t.lead}`);
        const ownerId = user(t.owner);
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO tasks (organisation_id, code, year, title, summary, category, lead_department_id, owner_id,
                              goal, kpi_indicator, kpi_unit, kpi_baseline, kpi_target, kpi_current,
                              start_date, due_date, status, risk, completed_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
           ON CONFLICT (organisation_id, year, code) DO NOTHING RETURNING id`,
          [
            nowon,
            code,
            t.year,
            t.title,
            t.summary,
            t.category,
            leadDepartmentId,
            ownerId,
            t.goal,
            t.kpi?.indicator ?? null,
            t.kpi?.unit ?? null,
            t.kpi?.baseline ?? null,
            t.kpi?.target ?? null,
            t.kpi?.current ?? null,
            startDate,
            dueDate,
            t.status,
            t.risk,
            // Completed on its last milestone's day (or today, if that is still to come).
            t.status === TaskStatus.COMPLETED
              ? earliest(today, latest(...t.milestones.map((m) => m.doneDate ?? m.dueDate)))
              : null,
          ],
        );
        if (!row) continue;
        createdTasks++;
        // A completed task has every milestone done.
        const milestones = t.milestones.map((m) => ({
          ...m,
          doneDate: m.doneDate ?? (t.status === TaskStatus.COMPLETED ? m.dueDate : undefined),
        }));
        for (const m of milestones) {
          await tx.manager.query(
            `INSERT INTO milestones (task_id, title, due_date, weight, status, done_date)
             VALUES ($1, $2, $3, $4, $5, $6)`,
            [
              row.id,
              m.title,
              m.dueDate,
              m.weight ?? 1,
              m.doneDate ? 'DONE' : 'PLANNED',
              m.doneDate ?? null,
            ],
          );
        }
        const span = activeSpan(t.status, startDate, milestones, dueDate, today);
        if (span) {
          // Days in Asia/Seoul: active from 09:00 on the first day, until 18:00 on the last.
          await tx.manager.query(
            `INSERT INTO task_active_spans (task_id, active_from, active_until)
             VALUES ($1, ($2::date + time '09:00') AT TIME ZONE 'Asia/Seoul',
                         ($3::date + time '18:00') AT TIME ZONE 'Asia/Seoul')`,
            [row.id, span.from, span.until],
          );
        }
        const memberIds = (t.members ?? []).map(user);
        for (const id of memberIds) {
          await tx.manager.query(`INSERT INTO task_members (task_id, user_id) VALUES ($1, $2)`, [
            row.id,
            id,
          ]);
        }
        const partnerIds = (t.partners ?? []).map(department);
        for (const id of partnerIds) {
          await tx.manager.query(
            `INSERT INTO task_partner_departments (task_id, department_id) VALUES ($1, $2)`,
            [row.id, id],
          );
        }
        await this.record(tx, nowon, 'task', row.id, {
          code,
          year: t.year,
          title: t.title,
          category: t.category,
          leadDepartmentId,
          ownerId,
          startDate,
          dueDate,
          status: t.status,
          risk: t.risk,
          milestones: milestones.map((m) => ({
            title: m.title,
            dueDate: m.dueDate,
            status: m.doneDate ? 'DONE' : 'PLANNED',
          })),
          ...(memberIds.length ? { memberIds } : {}),
          ...(partnerIds.length ? { partnerDepartmentIds: partnerIds } : {}),
        });
      }
    });
    createdTasks += await this.seedPreviousYear(
      all.filter((t) => t.year === year - 1),
      year - 1,
    );
    return { created: createdTasks + createdUsers, tasks: createdTasks, users: createdUsers };
  }

  /**
   * Last year through the public services; skipped when 노원구 has any task of that year, so a second
   * run changes nothing. Returns the tasks created.
   */
  private async seedPreviousYear(tasks: DemoTask[], year: number): Promise<number> {
    const [nowon] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT o.id FROM organisations o JOIN organisations p ON p.id = o.parent_id
        WHERE o.name = $1 AND p.name = $2 AND p.parent_id IS NULL`,
      [NOWON, SEOUL],
    );
    const [seeded] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM tasks WHERE organisation_id = $1 AND year = $2 LIMIT 1`,
      [nowon.id, year],
    );
    if (seeded) return 0;
    const office = await demoActor(this.dataSource, DEMO_OFFICE);
    const late = { lateEntryReason: DEMO_LATE_ENTRY_REASON };
    const partnerIds = await this.dataSource.query<Array<{ id: string; path: string }>>(
      `SELECT d.id, o.name || '/' || d.name AS path FROM departments d
         JOIN organisations o ON o.id = d.organisation_id`,
    );
    const partner = new Map(partnerIds.map((d) => [d.path, d.id]));
    for (const t of [...tasks].sort((a, b) => a.seq - b.seq)) {
      const owner = await demoActor(this.dataSource, t.owner);
      const dues = t.milestones.map((m) => m.dueDate);
      const startDate = earliest(t.startDate, ...dues);
      const created = await this.tasksService.create(owner, {
        year,
        title: t.title,
        summary: t.summary,
        category: t.category,
        ownerId: owner.id,
        goal: t.goal,
        kpiIndicator: t.kpi?.indicator ?? null,
        kpiUnit: t.kpi?.unit ?? null,
        kpiBaseline: t.kpi?.baseline ?? null,
        kpiTarget: t.kpi?.target ?? null,
        kpiCurrent: t.kpi?.current ?? null,
        startDate,
        dueDate: latest(t.dueDate, ...dues),
        risk: t.risk,
        memberIds: await Promise.all(
          (t.members ?? []).map(async (e) => (await demoActor(this.dataSource, e)).id),
        ),
        partnerDepartmentIds: (t.partners ?? []).map((path) => partner.get(path)!),
        milestones: t.milestones.map((m) => ({
          title: m.title,
          dueDate: m.dueDate,
          weight: m.weight,
        })),
      });
      // Proposed two weeks and selected a week before the start (within the year), started on it.
      const first = `${year}-01-02`;
      const proposed = latest(first, addDays(startDate, -14));
      const selected = latest(proposed, addDays(startDate, -7));
      let version = created.version;
      const step = async (
        action: 'propose' | 'select' | 'start' | 'complete',
        on: string,
        reason?: string,
      ) => {
        const moved = await this.tasksService.transition(
          office,
          created.id,
          action,
          reason,
          version,
          {
            occurredOn: on,
            ...late,
          },
        );
        version = moved.version;
      };
      await step('propose', proposed);
      await step('select', selected);
      await step('start', latest(selected, startDate));
      // A completed task has every milestone done; the owner enters their actual dates.
      const done = t.milestones.flatMap((m, i) => {
        const on = m.doneDate ?? (t.status === TaskStatus.COMPLETED ? m.dueDate : undefined);
        return on ? [{ milestone: created.milestones[i], on }] : [];
      });
      if (done.length) {
        await this.tasksService.completeMilestones(owner, created.id, {
          items: done.map((d) => ({
            milestoneId: d.milestone.id,
            version: d.milestone.version,
            doneDate: d.on,
          })),
          ...late,
        });
      }
      if (t.status === TaskStatus.COMPLETED) {
        const lastDone = latest(...done.map((d) => d.on));
        version = (await this.tasksService.readableRow(office, created.id)).version;
        await step('complete', latest(lastDone, startDate), `${t.title} 완료(결과보고서 제출)`);
      }
    }
    return tasks.length;
  }

  private record(
    tx: Tx,
    organisationId: string,
    recordType: string,
    recordId: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    const changes = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, { from: null, to: v }]),
    );
    return this.history.record(tx, {
      organisationId,
      recordType,
      recordId,
      action: 'seed',
      actorId: null,
      changes,
    });
  }
}
