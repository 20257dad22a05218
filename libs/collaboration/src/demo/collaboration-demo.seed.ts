import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { addDays, nthBusinessDayBefore, seoulDate } from '@gwaje/calendar';
import { TransactionService, type Tx } from '@gwaje/db';
import {
  type AuthUser,
  DEMO_PASSWORD,
  demoActor,
  type DepartmentKind,
  type OrganisationKind,
  PasswordService,
  Role,
} from '@gwaje/identity';
import { TasksService } from '@gwaje/tasks';
import { DataSource } from 'typeorm';
import { CollaborationParticipantsService } from '../collaboration-participants.service.js';
import { CollaborationsService } from '../collaborations.service.js';
import { CollaborationSosService } from '../sos/collaboration-sos.service.js';
import { TfDecisionsService } from '../tf/tf-decisions.service.js';
import { TfService } from '../tf/tf.service.js';

/** The organisations of the story, found by name (and parent) or created. */
type OrgKey = 'mois' | 'seoul' | 'nowon' | 'ssis';

interface DemoOrg {
  key: OrgKey;
  name: string;
  kind: OrganisationKind;
  parent: OrgKey | null;
  departments: Array<{
    name: string;
    kind: DepartmentKind;
    office?: boolean;
    audit?: boolean;
  }>;
}

/**
 * 행정안전부 (as the contests demo has it), 서울특별시 and 노원구 (the identity demo's; a 전담부서 and
 * the departments the stories need are added to 서울특별시) and a public institution,
 * 한국사회보장정보원. Departments are matched by name (ON CONFLICT), so nothing is duplicated whichever
 * demo seed ran first.
 */
const ORGS: DemoOrg[] = [
  {
    key: 'mois',
    name: '행정안전부',
    kind: 'CENTRAL_AGENCY',
    parent: null,
    departments: [{ name: '적극행정팀', kind: 'DIVISION', office: true }],
  },
  {
    key: 'seoul',
    name: '서울특별시',
    kind: 'METROPOLITAN',
    parent: null,
    departments: [
      { name: '기획담당관', kind: 'OFFICER', office: true },
      { name: '복지정책과', kind: 'DIVISION' },
      { name: '치수안전과', kind: 'DIVISION' },
      { name: '주택정책과', kind: 'DIVISION' },
      { name: '자원순환과', kind: 'DIVISION' },
    ],
  },
  {
    key: 'nowon',
    name: '노원구',
    kind: 'LOCAL',
    parent: 'seoul',
    departments: [],
  },
  {
    key: 'ssis',
    name: '한국사회보장정보원',
    kind: 'PUBLIC_INSTITUTION',
    parent: null,
    departments: [
      { name: '기획조정실', kind: 'DIVISION', office: true },
      { name: '감사실', kind: 'DIVISION', audit: true },
      { name: '복지정보부', kind: 'DIVISION' },
    ],
  },
];

interface DemoUser {
  email: string;
  name: string;
  /** 직급 ('' as the contests demo leaves it) */
  grade: string;
  org: OrgKey;
  dept: string;
  role: Role;
}

/**
 * The people of the collaboration stories (password: the demo password). 노원구's people are the
 * identity and tasks demos' (they must exist: this seed runs after them); office@mois is the
 * contests demo's 행정안전부 office, created here the same way when the contests demo has not run
 * yet (setup runs it later; both insert by email, so whichever runs first makes it).
 */
export const COLLABORATION_DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'office@mois.demo.gwaje.kr',
    name: '정전국',
    grade: '',
    org: 'mois',
    dept: '적극행정팀',
    role: Role.PROACTIVE_OFFICE,
  },
  {
    email: 'office@seoul.demo.gwaje.kr',
    name: '배수진',
    grade: '행정6급',
    org: 'seoul',
    dept: '기획담당관',
    role: Role.PROACTIVE_OFFICE,
  },
  {
    email: 'welfare@seoul.demo.gwaje.kr',
    name: '임채원',
    grade: '행정5급',
    org: 'seoul',
    dept: '복지정책과',
    role: Role.DEPT_HEAD,
  },
  {
    email: 'flood@seoul.demo.gwaje.kr',
    name: '신동혁',
    grade: '시설5급',
    org: 'seoul',
    dept: '치수안전과',
    role: Role.DEPT_HEAD,
  },
  {
    email: 'housing@seoul.demo.gwaje.kr',
    name: '오민서',
    grade: '행정5급',
    org: 'seoul',
    dept: '주택정책과',
    role: Role.DEPT_HEAD,
  },
  {
    email: 'waste@seoul.demo.gwaje.kr',
    name: '권태윤',
    grade: '환경7급',
    org: 'seoul',
    dept: '자원순환과',
    role: Role.STAFF,
  },
  {
    email: 'it@seoul.demo.gwaje.kr',
    name: '남궁현',
    grade: '전산7급',
    org: 'seoul',
    dept: '정보기획관',
    role: Role.STAFF,
  },
  {
    email: 'office@ssis.demo.gwaje.kr',
    name: '홍예준',
    grade: '차장',
    org: 'ssis',
    dept: '기획조정실',
    role: Role.PROACTIVE_OFFICE,
  },
  {
    email: 'data@ssis.demo.gwaje.kr',
    name: '유다인',
    grade: '부장',
    org: 'ssis',
    dept: '복지정보부',
    role: Role.DEPT_HEAD,
  },
];

/** The lead organisation's office of each story, which makes its task a collaboration. */
const OFFICE: Record<Exclude<OrgKey, 'mois'>, string> = {
  seoul: 'office@seoul.demo.gwaje.kr',
  nowon: 'office@nowon.demo.gwaje.kr',
  ssis: 'office@ssis.demo.gwaje.kr',
};
/** The coordinator's office (행정안전부 적극행정팀). */
export const DEMO_COORDINATOR_OFFICE = 'office@mois.demo.gwaje.kr';

interface DemoMilestone {
  title: string;
  /** days from today (Asia/Seoul) */
  due: number;
  weight?: number;
  /** the participant carrying it */
  share: Exclude<OrgKey, 'mois'>;
  /** completed today by its participant's contact */
  done?: boolean;
}

export interface DemoCollaboration {
  title: string;
  summary: string;
  /** The lead: its department and the task's owner (a STAFF or DEPT_HEAD of it). */
  lead: { org: Exclude<OrgKey, 'mois'>; dept: string; owner: string };
  participants: Array<{ org: Exclude<OrgKey, 'mois'>; dept: string; contact: string }>;
  goals: string;
  plan: string;
  milestones: DemoMilestone[];
  /** Whose agreement is recorded (each for its own organisation); the others have yet to agree. */
  agreedBy: string[];
  /** SELECTED stays selected; IN_PROGRESS is started by its owner. */
  status: 'SELECTED' | 'IN_PROGRESS';
}

/** The 중점 협업과제 of the story: designated by 행정안전부, with a reason. */
export const FOCUS_TITLE = '고독사 예방 통합 돌봄 협업';
export const FOCUS_REASON =
  '1인 가구 고독사 위험군 발굴에 광역·기초·공공기관의 정보와 돌봄 자원이 함께 필요하고, ' +
  '부처 협의가 필요한 정보 연계 쟁점이 있어 행정안전부가 TF를 운영하며 밀착 관리함';

/** Six collaboration tasks 행정안전부 coordinates (the first is the focus task). */
export const DEMO_COLLABORATIONS: readonly DemoCollaboration[] = [
  {
    title: FOCUS_TITLE,
    summary:
      '고독사 위험이 큰 1인 가구를 복지·통신·공공요금 정보로 찾아내고, 구의 안부 확인과 시의 ' +
      '돌봄 서비스를 한 번에 연결하는 통합 돌봄 체계',
    lead: { org: 'nowon', dept: '복지정책과', owner: 'head@nowon.demo.gwaje.kr' },
    participants: [
      { org: 'seoul', dept: '복지정책과', contact: 'welfare@seoul.demo.gwaje.kr' },
      { org: 'ssis', dept: '복지정보부', contact: 'data@ssis.demo.gwaje.kr' },
    ],
    goals: '고독사 위험 1인 가구 발굴 후 7일 안에 돌봄 서비스 연계, 고독사 발생 20% 감소',
    plan:
      '① 한국사회보장정보원이 위기정보(단전·단수·체납 등)로 위험군 명단을 분기마다 제공\n' +
      '② 노원구가 동 주민센터 방문과 AI 안부 확인으로 실태를 확인\n' +
      '③ 서울특별시가 돌봄 SOS 센터와 연계해 서비스를 제공하고 결과를 공유',
    milestones: [
      { title: '위기정보 연계 기준 합의', due: -45, share: 'ssis', done: true },
      { title: '고독사 위험군 실태조사', due: -5, weight: 2, share: 'nowon', done: true },
      { title: 'AI 안부 확인 서비스 확대', due: 40, weight: 2, share: 'nowon' },
      { title: '돌봄 SOS 센터 연계 운영', due: 90, weight: 2, share: 'seoul' },
      { title: '통합 돌봄 성과 공유회', due: 160, share: 'seoul' },
    ],
    agreedBy: [
      'head@nowon.demo.gwaje.kr',
      'welfare@seoul.demo.gwaje.kr',
      'data@ssis.demo.gwaje.kr',
    ],
    status: 'IN_PROGRESS',
  },
  {
    title: '지하 공간 침수 방지 합동 점검',
    summary: '반지하 주택과 지하주차장·지하차도의 침수 방지시설을 시와 구가 함께 점검하고 보완',
    lead: { org: 'seoul', dept: '치수안전과', owner: 'flood@seoul.demo.gwaje.kr' },
    participants: [{ org: 'nowon', dept: '재난안전과', contact: 'jaenan@nowon.demo.gwaje.kr' }],
    goals: '침수 우려 지하 공간 전수 점검, 차수판·역류방지기 설치율 95%',
    plan: '시가 점검 대상과 기준을 정하고, 구가 현장 점검과 설치 지원을 맡으며, 결과를 월별로 공유',
    milestones: [
      { title: '점검 대상 선정과 점검표 배포', due: -60, share: 'seoul', done: true },
      { title: '반지하 주택 현장 점검', due: -10, weight: 2, share: 'nowon' },
      { title: '차수판·역류방지기 설치 지원', due: 50, weight: 2, share: 'nowon' },
      { title: '침수 예·경보 문자 연계', due: 120, share: 'seoul' },
    ],
    agreedBy: ['flood@seoul.demo.gwaje.kr'],
    status: 'IN_PROGRESS',
  },
  {
    title: '청년 주거 지원 원스톱 창구',
    summary: '청년 월세 지원, 전세 보증금 이자 지원과 주거급여 신청을 한 창구에서 안내하고 접수',
    lead: { org: 'seoul', dept: '주택정책과', owner: 'housing@seoul.demo.gwaje.kr' },
    participants: [
      { org: 'nowon', dept: '주택관리과', contact: 'jutaek@nowon.demo.gwaje.kr' },
      { org: 'ssis', dept: '복지정보부', contact: 'data@ssis.demo.gwaje.kr' },
    ],
    goals: '신청 서류 5종에서 1종으로, 처리기간 30일에서 14일로 단축',
    plan: '시가 창구와 안내 체계를, 구가 현장 접수를, 한국사회보장정보원이 소득·자격 정보 조회를 맡음',
    milestones: [
      { title: '지원사업 통합 안내서 제작', due: -30, share: 'seoul', done: true },
      { title: '구 주민센터 원스톱 창구 시범 운영', due: 30, weight: 2, share: 'nowon' },
      { title: '소득·자격 정보 일괄 조회 연계', due: 75, weight: 2, share: 'ssis' },
    ],
    agreedBy: ['housing@seoul.demo.gwaje.kr', 'office@nowon.demo.gwaje.kr'],
    status: 'IN_PROGRESS',
  },
  {
    title: '복지 사각지대 위기가구 발굴 데이터 연계',
    summary:
      '사회보장정보시스템의 위기정보를 시·구 복지 담당에게 바로 전달해 위기가구를 먼저 찾아감',
    lead: { org: 'ssis', dept: '복지정보부', owner: 'data@ssis.demo.gwaje.kr' },
    participants: [
      { org: 'seoul', dept: '복지정책과', contact: 'welfare@seoul.demo.gwaje.kr' },
      { org: 'nowon', dept: '복지정책과', contact: 'staff@nowon.demo.gwaje.kr' },
    ],
    goals: '위기정보 입수 후 현장 확인까지 30일에서 10일로 단축',
    plan: '정보원이 위기정보 항목을 넓히고, 시가 발굴 기준을, 구가 현장 확인 결과 입력을 맡음',
    milestones: [
      { title: '위기정보 항목 확대(44종→47종)', due: -20, share: 'ssis', done: true },
      { title: '시 발굴 기준 정비', due: 20, share: 'seoul' },
      { title: '구 현장 확인 결과 입력 시범', due: 80, weight: 2, share: 'nowon' },
    ],
    agreedBy: ['data@ssis.demo.gwaje.kr'],
    status: 'IN_PROGRESS',
  },
  {
    title: '생활폐기물 수거 사각지대 공동 관리',
    summary: '시·구 경계 지역과 골목길의 생활폐기물 수거 사각지대를 함께 찾아 수거 노선을 조정',
    lead: { org: 'nowon', dept: '청소행정과', owner: 'cheongso@nowon.demo.gwaje.kr' },
    participants: [{ org: 'seoul', dept: '자원순환과', contact: 'waste@seoul.demo.gwaje.kr' }],
    goals: '무단투기 민원 25% 감소, 수거 사각지대 해소',
    plan: '구가 사각지대를 조사하고 노선을 조정하며, 시가 광역 수거 차량과 예산을 지원',
    milestones: [
      { title: '수거 사각지대 실태 조사', due: 15, share: 'nowon' },
      { title: '광역 수거 차량 지원 협의', due: 60, share: 'seoul' },
      { title: '조정 노선 시범 운영', due: 110, weight: 2, share: 'nowon' },
    ],
    agreedBy: ['office@nowon.demo.gwaje.kr'],
    status: 'IN_PROGRESS',
  },
  {
    title: '디지털 취약계층 전자증명서 발급 지원',
    summary:
      '어르신·장애인이 복지 서비스 신청에 필요한 증명서를 주민센터에서 전자로 받아 바로 제출',
    lead: { org: 'ssis', dept: '복지정보부', owner: 'data@ssis.demo.gwaje.kr' },
    participants: [
      { org: 'nowon', dept: '디지털정보과', contact: 'digital@nowon.demo.gwaje.kr' },
      { org: 'seoul', dept: '정보기획관', contact: 'it@seoul.demo.gwaje.kr' },
    ],
    goals: '복지 서비스 신청 증명서 종이 제출 50% 감소',
    plan: '정보원이 전자증명서 연계를 개발하고, 시가 표준을, 구가 주민센터 시범 운영을 맡음',
    milestones: [
      { title: '전자증명서 연계 개발', due: 45, weight: 2, share: 'ssis' },
      { title: '서울시 표준 안내 마련', due: 70, share: 'seoul' },
      { title: '주민센터 시범 운영', due: 130, weight: 2, share: 'nowon' },
    ],
    agreedBy: [],
    status: 'SELECTED',
  },
];

/** Why a share's completion date is entered after the day (the demo enters past work). */
const DEMO_DONE_LATE_REASON = '참여기관이 완료한 단계를 협업과제 등록 후 옮겨 적음';

/** What the focus task's later steps (TF, meeting, decision, SOS, 협업정원) build on. */
export interface FocusTaskIds {
  collaborationId: string;
  taskId: string;
  /** 행정안전부 (the coordinator) and its office user, who designated the focus task */
  coordinator: { organisationId: string; officeUserId: string };
  /** Lead first, each with its responsible department and contact (user id and email). */
  participants: Array<{
    organisationId: string;
    organisationName: string;
    role: 'LEAD' | 'PARTICIPANT';
    departmentId: string;
    contactUserId: string | null;
    contactEmail: string | null;
  }>;
  /** The task's milestones, in due-date order. */
  milestoneIds: string[];
}

export interface CollaborationDemoResult {
  /** Records created by this run (users, departments, organisations, collaborations); 0 on a rerun. */
  created: number;
  focus: FocusTaskIds;
}

/**
 * The collaboration story of issue 21 as demo data: 행정안전부 coordinates six collaboration tasks
 * (협업과제) of 서울특별시, 노원구 and 한국사회보장정보원, each with participants (responsible department
 * and contact), goals and plan, milestones (created with the task, through TasksService) shared out
 * per participant, the agreements of some participants, a few shares completed; one of them,
 * 고독사 예방 통합 돌봄 협업, is the 중점 협업과제 designated by 행정안전부 with a reason. Everything after
 * the people goes through the tasks and collaboration services as the demo users (demoActor), so
 * the records obey the same rules and write the same history as users would.
 *
 * Runs after IdentityDemoSeed and TasksDemoSeed (노원구's people) and before ReportsDemoSeed (which
 * then generates the expected reports of 노원구's collaboration tasks with the others). 행정안전부 is
 * found by name or created as ContestsDemoSeed creates it (which then reuses it, and this seed
 * reuses its, whichever runs first). Idempotent: a story whose task
 * (lead organisation, year, title) exists is skipped, people are matched by email and departments
 * by name, so a second run creates nothing.
 *
 * The focus task's own steps go in `seedFocusTask`'s follow-ups (see `run`): each is a method of
 * its own taking the focus task's ids, idempotent by itself, returning the records it created.
 */
@Injectable()
export class CollaborationDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly passwords: PasswordService,
    private readonly tasks: TasksService,
    private readonly collaborations: CollaborationsService,
    private readonly participants: CollaborationParticipantsService,
    private readonly tf: TfService,
    private readonly tfDecisions: TfDecisionsService,
    private readonly sos: CollaborationSosService,
  ) {}

  async run(now: Date = new Date()): Promise<CollaborationDemoResult> {
    const today = seoulDate(now);
    const year = Number(today.slice(0, 4));
    const people = await this.people();
    const orgs = people.orgIds;
    let created = people.created;
    for (const story of DEMO_COLLABORATIONS.slice(1)) {
      if (await this.seedCollaboration(story, orgs, today, year)) created++;
    }
    const focus = await this.seedFocusTask(orgs, today, year);
    created += focus.created;

    // The focus task's follow-ups: each idempotent on its own, returning what it created.
    created += await this.seedTaskForce(focus.ids, today);
    created += await this.seedSos(focus.ids, today);
    return { created, focus: focus.ids };
  }

  /**
   * The 중점 협업과제: the first story, created like the others, then designated by 행정안전부's
   * office with a reason. Returns its ids on every run (found again on a rerun).
   */
  async seedFocusTask(
    orgs: ReadonlyMap<OrgKey, string>,
    today: string,
    year: number,
  ): Promise<{ created: number; ids: FocusTaskIds }> {
    const story = DEMO_COLLABORATIONS[0];
    const created = await this.seedCollaboration(story, orgs, today, year);
    const coordinator = await demoActor(this.dataSource, DEMO_COORDINATOR_OFFICE);
    const found = await this.find(orgs.get(story.lead.org)!, year, story.title);
    if (!found?.collaborationId) {
      throw new Error(`CollaborationDemoSeed: the focus task ${story.title} has no collaboration`);
    }
    let detail = await this.collaborations.get(coordinator, found.collaborationId);
    if (!detail.focus) {
      detail = await this.collaborations.setFocus(coordinator, detail.id, {
        version: detail.version,
        focus: true,
        reason: FOCUS_REASON,
      });
    }
    const contacts = await this.dataSource.query<Array<{ id: string; email: string }>>(
      `SELECT id, email FROM users WHERE id = ANY($1::uuid[])`,
      [detail.participants.flatMap((p) => (p.contactUserId ? [p.contactUserId] : []))],
    );
    const emailOf = new Map(contacts.map((c) => [c.id, c.email]));
    return {
      created: created ? 1 : 0,
      ids: {
        collaborationId: detail.id,
        taskId: detail.task.id,
        coordinator: { organisationId: coordinator.organisationId, officeUserId: coordinator.id },
        participants: [...detail.participants]
          .sort((a, b) => (a.role === b.role ? 0 : a.role === 'LEAD' ? -1 : 1))
          .map((p) => ({
            organisationId: p.organisationId,
            organisationName: p.organisationName,
            role: p.role,
            departmentId: p.departmentId,
            contactUserId: p.contactUserId,
            contactEmail: p.contactUserId ? (emailOf.get(p.contactUserId) ?? null) : null,
          })),
        // The story's own milestones (the TF's decision adds one more).
        milestoneIds: detail.milestones
          .filter((m) => story.milestones.some((x) => x.title === m.title))
          .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
          .map((m) => m.milestoneId),
      },
    };
  }

  /**
   * The focus task's TF: 노원구's department head leads it, 서울특별시's and 한국사회보장정보원's
   * contacts are members, 행정안전부's office is the liaison. Its first meeting (two weeks ago)
   * decided a new milestone for 서울특별시 (which resets the agreements: the three agree again to the
   * new plan) and an action item for 한국사회보장정보원. Skipped when the TF has members already.
   */
  private async seedTaskForce(ids: FocusTaskIds, today: string): Promise<number> {
    const [{ n }] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM collaboration_tf_members WHERE collaboration_id = $1`,
      [ids.collaborationId],
    );
    if (n > 0) return 0;
    const as = (email: string) => demoActor(this.dataSource, email);
    const office = await as(OFFICE.nowon);
    const lead = await as('head@nowon.demo.gwaje.kr');
    const members: Array<[AuthUser, 'LEAD' | 'MEMBER' | 'LIAISON']> = [
      [lead, 'LEAD'],
      [await as('welfare@seoul.demo.gwaje.kr'), 'MEMBER'],
      [await as('data@ssis.demo.gwaje.kr'), 'MEMBER'],
      [await as(DEMO_COORDINATOR_OFFICE), 'LIAISON'],
    ];
    for (const [user, role] of members)
      await this.tf.addMember(office, ids.collaborationId, { userId: user.id, role });

    const meeting = await this.tf.createMeeting(lead, ids.collaborationId, {
      heldAt: `${addDays(today, -14)}T14:00:00+09:00`,
      title: '제1차 고독사 예방 통합 돌봄 TF 회의',
      place: '노원구청 3층 소회의실',
      online: false,
      attendeeIds: members.map(([u]) => u.id),
      minutes:
        '1. 위험군 명단 제공 주기(분기)와 항목(단전·단수·체납·통신비 연체)을 확인함\n' +
        '2. 서울특별시 돌봄 SOS 센터 연계 결과를 구와 정보원이 함께 볼 수 있게 하기로 함\n' +
        '3. 행정안전부 연락관: 개인정보 제공 근거는 사회보장급여법 제12조로 검토 완료',
    });
    const seoul = ids.participants.find((p) => p.organisationName === '서울특별시')!;
    await this.tfDecisions.decide(lead, ids.collaborationId, meeting.id, {
      text: '돌봄 SOS 센터 연계 결과를 매월 공유하는 체계를 서울특별시가 구축한다.',
      milestones: [
        {
          title: '돌봄 연계 결과 월별 공유 체계 구축',
          dueDate: addDays(today, 60),
          organisationId: seoul.organisationId,
        },
      ],
    });
    const data = members[2][0];
    await this.tfDecisions.decide(lead, ids.collaborationId, meeting.id, {
      text: '위기정보 항목 확대안을 한국사회보장정보원이 다음 회의 전까지 제출한다.',
      actionItems: [
        {
          title: '위기정보 연계 항목 확대안 제출',
          ownerUserId: data.id,
          dueDate: addDays(today, 10),
        },
      ],
    });
    // The new milestone moved the plan on: the three agree again.
    let detail = await this.collaborations.get(office, ids.collaborationId);
    for (const user of [lead, members[1][0], data]) {
      detail = await this.participants.agree(user, ids.collaborationId, {
        planVersion: detail.planVersion,
      });
    }
    return members.length + 1 + 2;
  }

  /**
   * The focus task's 협업SOS: 서울특별시 asks, six business days ago, how 한국사회보장정보원 may give
   * it the risk list (past its answer date, so the reminders chase and escalate it), and 노원구's
   * office asks 행정안전부 yesterday for two extra staff (협업정원), not decided yet. Skipped when the
   * task has an SOS already.
   */
  private async seedSos(ids: FocusTaskIds, today: string): Promise<number> {
    const [{ n }] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM collaboration_sos WHERE collaboration_id = $1`,
      [ids.collaborationId],
    );
    if (n > 0) return 0;
    const as = (email: string) => demoActor(this.dataSource, email);
    const ssis = ids.participants.find((p) => p.organisationName === '한국사회보장정보원')!;
    await this.sos.file(
      await as('welfare@seoul.demo.gwaje.kr'),
      ids.collaborationId,
      {
        blocked: '위기가구 명단을 돌봄 SOS 센터에 넘길 수 있는지 판단이 서지 않아 연계가 멈춰 있음',
        blockingOrganisationId: ssis.organisationId,
        needKind: 'RULE_INTERPRETATION',
        details:
          '한국사회보장정보원이 제공한 위기정보 명단을 서울특별시 돌봄 SOS 센터(민간 위탁)에 ' +
          '제공해도 되는지, 사회보장급여법 제12조의 범위인지 해석이 필요합니다.',
      },
      { filedOn: nthBusinessDayBefore(today, 6) },
    );
    await this.sos.file(
      await as(OFFICE.nowon),
      ids.collaborationId,
      {
        blocked: '동 주민센터 방문 확인 인력이 부족해 실태조사 후속 조치가 늦어지고 있음',
        blockingOrganisationId: ids.coordinator.organisationId,
        needKind: 'STAFF',
        details: '고위험 1인 가구 1,200세대의 정기 방문을 위해 한시 인력이 필요합니다.',
        staffRequest: {
          count: 2,
          grade: '사회복지7급',
          months: 12,
          reason: '고위험 1인 가구 정기 방문과 돌봄 연계 사례 관리',
        },
      },
      { filedOn: nthBusinessDayBefore(today, 1) },
    );
    return 2;
  }

  /**
   * One story: the owner drafts the task with its milestones and proposes it, the lead's office
   * selects it, the owner starts it; the lead's office makes it a collaboration coordinated by
   * 행정안전부 and shares the milestones out; the named users agree; the participants complete
   * their done shares. False when the story's task already exists (a rerun).
   */
  private async seedCollaboration(
    story: DemoCollaboration,
    orgs: ReadonlyMap<OrgKey, string>,
    today: string,
    year: number,
  ): Promise<boolean> {
    const leadOrgId = orgs.get(story.lead.org)!;
    if (await this.find(leadOrgId, year, story.title)) return false;
    const as = (email: string) => demoActor(this.dataSource, email);
    const owner = await as(story.lead.owner);
    const office = await as(OFFICE[story.lead.org]);
    const dues = story.milestones.map((m) => addDays(today, m.due));
    const startDate = [addDays(today, -120), ...dues].reduce((a, b) => (b < a ? b : a));
    const dueDate = [addDays(today, 200), ...dues].reduce((a, b) => (b > a ? b : a));

    const task = await this.tasks.create(owner, {
      year,
      title: story.title,
      summary: story.summary,
      category: 'COLLABORATION',
      ownerId: owner.id,
      goal: story.goals,
      startDate,
      dueDate,
      risk: 'MEDIUM',
      milestones: story.milestones.map((m, i) => ({
        title: m.title,
        dueDate: dues[i],
        weight: m.weight,
      })),
    });
    let version = (await this.tasks.transition(owner, task.id, 'propose', undefined, task.version))
      .version;
    version = (await this.tasks.transition(office, task.id, 'select', undefined, version)).version;
    if (story.status === 'IN_PROGRESS') {
      await this.tasks.transition(owner, task.id, 'start', undefined, version);
    }

    const contacts = new Map<string, AuthUser>();
    for (const p of story.participants) contacts.set(p.contact, await as(p.contact));
    let collaboration = await this.collaborations.create(office, {
      taskId: task.id,
      coordinatorOrganisationId: orgs.get('mois')!,
      goals: story.goals,
      plan: story.plan,
      leadContactUserId: owner.id,
      participants: story.participants.map((p) => {
        const contact = contacts.get(p.contact)!;
        return {
          organisationId: orgs.get(p.org)!,
          departmentId: contact.departmentId,
          contactUserId: contact.id,
        };
      }),
    });
    const milestoneId = new Map(task.milestones.map((m) => [m.title, m.id]));
    collaboration = await this.participants.putShares(office, collaboration.id, {
      version: collaboration.version,
      shares: story.milestones.map((m) => ({
        milestoneId: milestoneId.get(m.title)!,
        organisationId: orgs.get(m.share)!,
      })),
    });
    for (const email of story.agreedBy) {
      collaboration = await this.participants.agree(await as(email), collaboration.id, {
        planVersion: collaboration.planVersion,
      });
    }
    // Done on its due date (entered later, with the reason), or today if that is not yet past.
    for (const [i, m] of story.milestones.entries()) {
      if (!m.done) continue;
      const by = this.contactFor(story, m.share, owner, contacts);
      const share = collaboration.milestones.find(
        (x) => x.milestoneId === milestoneId.get(m.title),
      )!;
      const doneDate = [dues[i], `${year}-01-01`].reduce((a, b) => (b > a ? b : a));
      await this.participants.completeShare(by, collaboration.id, share.milestoneId, {
        version: share.version,
        ...(doneDate < today ? { doneDate, lateEntryReason: DEMO_DONE_LATE_REASON } : {}),
      });
    }
    return true;
  }

  /** Who completes a share: the lead's task owner, or the participant's contact. */
  private contactFor(
    story: DemoCollaboration,
    org: OrgKey,
    owner: AuthUser,
    contacts: ReadonlyMap<string, AuthUser>,
  ): AuthUser {
    if (org === story.lead.org) return owner;
    const p = story.participants.find((x) => x.org === org)!;
    return contacts.get(p.contact)!;
  }

  /** The story's task (and its collaboration) in the lead organisation, if seeded already. */
  private async find(
    organisationId: string,
    year: number,
    title: string,
  ): Promise<{ taskId: string; collaborationId: string | null } | undefined> {
    const [row] = await this.dataSource.query<
      Array<{ task_id: string; collaboration_id: string | null }>
    >(
      `SELECT t.id AS task_id, c.id AS collaboration_id FROM tasks t
         LEFT JOIN collaboration_tasks c ON c.task_id = t.id
        WHERE t.organisation_id = $1 AND t.year = $2 AND t.title = $3
        ORDER BY t.created_at LIMIT 1`,
      [organisationId, year, title],
    );
    return row ? { taskId: row.task_id, collaborationId: row.collaboration_id } : undefined;
  }

  /**
   * The organisations (found by name and parent, else created), their departments (by name) and
   * the story's users (by email), each created with a seed history entry, under the demo seeds'
   * lock. 서울특별시 and 노원구 must exist already, with 노원구's people (IdentityDemoSeed, TasksDemoSeed).
   */
  private async people(): Promise<{ created: number; orgIds: Map<OrgKey, string> }> {
    const hash = await this.passwords.hash(DEMO_PASSWORD);
    return this.tx.run(async (tx) => {
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('seed-demo', 0))`);
      let created = 0;
      const orgIds = new Map<OrgKey, string>();
      for (const o of ORGS) {
        const parentId = o.parent ? orgIds.get(o.parent)! : null;
        const [found] = await tx.manager.query<Array<{ id: string }>>(
          `SELECT id FROM organisations WHERE name = $1 AND parent_id IS NOT DISTINCT FROM $2
            ORDER BY created_at LIMIT 1`,
          [o.name, parentId],
        );
        let id = found?.id;
        if (!id) {
          if (o.key === 'seoul' || o.key === 'nowon') {
            throw new Error(
              'CollaborationDemoSeed needs the demo organisations: run IdentityDemoSeed first',
            );
          }
          [{ id }] = await tx.manager.query<Array<{ id: string }>>(
            `INSERT INTO organisations (name, kind, parent_id) VALUES ($1, $2, $3) RETURNING id`,
            [o.name, o.kind, parentId],
          );
          await this.record(tx, id, 'organisation', id, { name: o.name, kind: o.kind, parentId });
          created++;
        }
        orgIds.set(o.key, id);
        for (const d of o.departments) {
          const [row] = await tx.manager.query<Array<{ id: string }>>(
            `INSERT INTO departments (organisation_id, name, kind, is_audit_unit, is_proactive_office)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organisation_id, name) DO NOTHING RETURNING id`,
            [id, d.name, d.kind, d.audit ?? false, d.office ?? false],
          );
          if (!row) continue;
          await this.record(tx, id, 'department', row.id, {
            name: d.name,
            kind: d.kind,
            isAuditUnit: d.audit ?? false,
            isProactiveOffice: d.office ?? false,
          });
          created++;
        }
      }
      for (const u of COLLABORATION_DEMO_USERS) {
        const organisationId = orgIds.get(u.org)!;
        const [dept] = await tx.manager.query<Array<{ id: string }>>(
          `SELECT id FROM departments WHERE organisation_id = $1 AND name = $2`,
          [organisationId, u.dept],
        );
        if (!dept)
          throw new Error(`CollaborationDemoSeed: department ${u.org}/${u.dept} is missing`);
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO users (organisation_id, department_id, name, email, grade, roles, password_hash)
           VALUES ($1, $2, $3, $4, $5, $6::user_role[], $7) ON CONFLICT (email) DO NOTHING RETURNING id`,
          [organisationId, dept.id, u.name, u.email, u.grade, [u.role], hash],
        );
        if (!row) continue;
        await this.record(tx, organisationId, 'user', row.id, {
          name: u.name,
          email: u.email,
          roles: [u.role],
          departmentId: dept.id,
        });
        created++;
      }
      // 노원구's people of the stories come from the identity and tasks demos.
      const needed = [
        ...new Set(
          DEMO_COLLABORATIONS.flatMap((s) => [
            s.lead.owner,
            ...s.participants.map((p) => p.contact),
            ...s.agreedBy,
          ]).concat(Object.values(OFFICE)),
        ),
      ];
      const present = await tx.manager.query<Array<{ email: string }>>(
        `SELECT email FROM users WHERE email = ANY($1::text[]) AND active`,
        [needed],
      );
      const missing = needed.filter((e) => !present.some((p) => p.email === e));
      if (missing.length) {
        throw new Error(
          `CollaborationDemoSeed needs ${missing.join(', ')}: run IdentityDemoSeed and TasksDemoSeed first`,
        );
      }
      return { created, orgIds };
    });
  }

  private record(
    tx: Tx,
    organisationId: string,
    recordType: string,
    recordId: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId,
      recordType,
      recordId,
      action: 'seed',
      actorId: null,
      changes: Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { from: null, to: v }]),
      ),
    });
  }
}
