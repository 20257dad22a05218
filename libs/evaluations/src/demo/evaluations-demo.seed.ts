import {
  AgendaItemsService,
  CommitteeMeetingsService,
  CommitteeMembersService,
} from '@gwaje/committee';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { seoulDate } from '@gwaje/calendar';
import { type AuthUser, DEMO_PASSWORD, PasswordService, type Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import type { NominationInput } from '../evaluations.service.js';
import { EvaluationsService } from '../evaluations.service.js';

const NOWON = '노원구';
const SEOUL = '서울특별시';
const OFFICE = 'office@nowon.demo.gwaje.kr';
const HEAD = 'head@nowon.demo.gwaje.kr';
const STAFF = 'staff@nowon.demo.gwaje.kr';
const COMMITTEE = 'committee@nowon.demo.gwaje.kr';
/** Four more committee members, so the committee has five (trimming applies). */
const MORE_MEMBERS = [
  { email: 'committee2@nowon.demo.gwaje.kr', name: '한지민' },
  { email: 'committee3@nowon.demo.gwaje.kr', name: '서준호' },
  { email: 'committee4@nowon.demo.gwaje.kr', name: '윤가은' },
  { email: 'committee5@nowon.demo.gwaje.kr', name: '임태윤' },
];

/** Each nomination's sheets by member, in criteria order (40, 20, 20, 10, 10). */
const SHEETS: Record<string, number[][]> = {
  vision: [
    [37, 18, 18, 9, 9],
    [35, 17, 16, 8, 9],
    [38, 19, 18, 9, 8],
    [30, 15, 15, 7, 7],
    [36, 18, 17, 9, 9],
  ],
  schoolRoute: [
    [34, 17, 16, 8, 8],
    [33, 16, 17, 8, 8],
    [36, 18, 17, 9, 9],
    [28, 14, 14, 7, 7],
    [35, 17, 16, 8, 8],
  ],
  kakao: [
    [30, 16, 18, 7, 9],
    [31, 15, 17, 7, 8],
    [29, 16, 16, 8, 8],
    [33, 17, 18, 8, 9],
    [25, 13, 14, 6, 6],
  ],
  welfare: [
    [36, 17, 16, 8, 9],
    [34, 17, 16, 8, 8],
    [35, 16, 17, 9, 8],
    [30, 15, 15, 8, 7],
    [37, 18, 17, 9, 9],
  ],
  failure: [
    [28, 18, 17, 9, 8],
    [26, 17, 16, 9, 7],
    [30, 18, 18, 9, 8],
    [24, 15, 14, 8, 7],
    [27, 17, 17, 9, 8],
  ],
};

/**
 * Last year's completed evaluation of 노원구 (DOMAIN.md §10): nominations of every source, five
 * committee members' sheets, aggregation, the committee's resolution of the results (an
 * EVALUATION_RESULTS agenda item), grades and incentives (one executed). Everything goes through
 * EvaluationsService and the committee's services, so the demo obeys the same rules and writes
 * the same history as users would. Runs once.
 */
@Injectable()
export class EvaluationsDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationsService,
    private readonly passwords: PasswordService,
    private readonly committee: CommitteeMembersService,
    private readonly meetings: CommitteeMeetingsService,
    private readonly agenda: AgendaItemsService,
  ) {}

  /**
   * A meeting of the committee that decides one matter: held with every member present, each
   * voting for, resolved, closed. Goes through the committee's services like the office would.
   */
  private async resolveInMeeting(
    office: AuthUser,
    members: AuthUser[],
    title: string,
    meetingDate: string,
    subjectKind: 'EVALUATION_CRITERIA' | 'EVALUATION_RESULTS',
    subjectId: string,
    decision: string,
  ): Promise<void> {
    const meeting = await this.meetings.create(office, { title, meetingDate, kind: 'IN_PERSON' });
    const held = await this.meetings.hold(office, meeting.id, {
      version: meeting.version,
      attendeeIds: members.map((m) => m.id),
    });
    const item = await this.agenda.add(office, meeting.id, { subjectKind, subjectId });
    for (const m of members) await this.agenda.vote(m, item.id, { vote: 'FOR' });
    await this.agenda.resolve(office, item.id, { version: item.version, decision });
    await this.meetings.close(office, meeting.id, { version: held.version });
  }

  async run(now: Date = new Date()): Promise<{ created: number }> {
    const year = Number(seoulDate(now).slice(0, 4)) - 1;
    const [org] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT o.id FROM organisations o JOIN organisations p ON p.id = o.parent_id
        WHERE o.name = $1 AND p.name = $2 AND p.parent_id IS NULL`,
      [NOWON, SEOUL],
    );
    if (!org) throw new Error('EvaluationsDemoSeed needs the demo organisations');
    const [exists] = await this.dataSource.query<unknown[]>(
      // The demo's own round, by its title: an organisation may hold several rounds of one kind a year.
      `SELECT 1 FROM evaluation_rounds WHERE organisation_id = $1 AND year = $2 AND kind = 'ANNUAL' AND title = $3`,
      [org.id, year, `${year}년 적극행정 우수공무원 선발`],
    );
    if (exists) return { created: 0 };

    const [committee] = await this.dataSource.query<Array<{ department_id: string }>>(
      `SELECT department_id FROM users WHERE email = $1`,
      [COMMITTEE],
    );
    const hash = await this.passwords.hash(DEMO_PASSWORD);
    for (const m of MORE_MEMBERS) {
      await this.dataSource.query(
        `INSERT INTO users (organisation_id, department_id, name, email, grade, roles, password_hash)
         VALUES ($1, $2, $3, $4, '위촉위원', '{COMMITTEE}', $5) ON CONFLICT (email) DO NOTHING`,
        [org.id, committee.department_id, m.name, m.email, hash],
      );
    }
    const as = async (email: string): Promise<AuthUser> => {
      const [u] = await this.dataSource.query<
        Array<{
          id: string;
          organisation_id: string;
          department_id: string;
          roles: Role[];
          name: string;
        }>
      >(`SELECT id, organisation_id, department_id, roles, name FROM users WHERE email = $1`, [
        email,
      ]);
      if (!u) throw new Error(`EvaluationsDemoSeed: ${email} is missing`);
      return {
        id: u.id,
        sessionId: 'demo-seed',
        organisationId: u.organisation_id,
        departmentId: u.department_id,
        roles: u.roles,
        name: u.name,
        email,
        language: 'ko',
      };
    };
    const task = async (title: string) => {
      const [t] = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM tasks WHERE organisation_id = $1 AND year = $2 AND title = $3`,
        [org.id, year, title],
      );
      return t ? [t.id] : [];
    };
    const office = await as(OFFICE);
    const head = await as(HEAD);
    const staff = await as(STAFF);
    const digital = await as('digital@nowon.demo.gwaje.kr');
    const jaenan = await as('jaenan@nowon.demo.gwaje.kr');
    const members = [
      await as(COMMITTEE),
      ...(await Promise.all(MORE_MEMBERS.map((m) => as(m.email)))),
    ];

    // The standing committee: 위원장 and four members (two of them civilians) since the start of
    // that year; short of the statute's nine, which the committee's overview warns of.
    for (const [i, m] of members.entries()) {
      await this.committee.add(office, {
        userId: m.id,
        termStart: `${year}-01-01`,
        chair: i === 0,
        civilian: i % 2 === 1,
        affiliation: i % 2 === 1 ? '민간위원(외부 전문가)' : '노원구 공무원',
      });
    }

    const round = await this.evaluations.createRound(office, {
      kind: 'ANNUAL',
      year,
      title: `${year}년 적극행정 우수공무원 선발`,
      nominationsOpen: `${year}-11-03`,
      nominationsClose: `${year}-11-21`,
      scoringDue: `${year}-12-05`,
      resolutionDate: `${year}-12-12`,
    });
    await this.evaluations.setMembers(
      office,
      round.id,
      members.map((m) => m.id),
    );
    const nominate = (by: AuthUser, key: string, input: NominationInput) =>
      this.evaluations.nominate(by, round.id, input).then((n) => [key, n.id] as const);
    const nominations = [
      await nominate(head, 'vision', {
        type: 'OFFICIAL',
        source: 'DEPARTMENT',
        title: '성인 뇌병변장애인 비전센터 조성으로 낮 활동 공간 확보',
        nomineeUserIds: [staff.id],
        taskIds: await task('뇌병변장애인 비전센터 조성'),
        narrative:
          '부지 확보부터 개소까지 관계기관 협의를 주도하여 정원 20명 규모의 센터를 조기 개소함',
      }),
      await nominate(office, 'schoolRoute', {
        type: 'OFFICIAL',
        source: 'CITIZEN',
        title: '초등학교 맞춤형 통학로 개선',
        nomineeUserIds: [jaenan.id],
        taskIds: await task('초등학교 맞춤형 통학로 개선'),
        narrative: '학부모 추천: 통학로 보도 설치로 등하굣길 안전 확보',
      }),
      await nominate(digital, 'kakao', {
        type: 'OFFICIAL',
        source: 'SELF',
        title: '카카오톡 체납안내 서비스 도입',
        nomineeUserIds: [digital.id],
        taskIds: await task('카카오톡 체납안내 서비스'),
        narrative: '종이 고지서 대비 발송비를 줄이고 납부율을 높임',
      }),
      await nominate(head, 'welfare', {
        type: 'DEPARTMENT',
        source: 'DEPARTMENT',
        title: '복지정책과: 돌봄 사각지대 발굴 체계 구축',
        nomineeDepartmentIds: [head.departmentId],
        narrative: '위기가구 발굴부터 지원까지 한 번에 연계하는 체계를 마련함',
      }),
      await nominate(head, 'failure', {
        type: 'FAILURE_CASE',
        source: 'DEPARTMENT',
        title: '아름다운 도전: 공유 돌봄차량 시범운영',
        nomineeUserIds: [staff.id],
        narrative: '목표 이용률에는 못 미쳤으나 운영 경험을 다른 사업 설계에 반영함',
      }),
    ];
    for (const [, id] of nominations) {
      await this.evaluations.decide(office, id, { decision: 'verify' });
    }
    await this.resolveInMeeting(
      office,
      members,
      `${year}년 제1회 적극행정위원회`,
      `${year}-10-30`,
      'EVALUATION_CRITERIA',
      round.id,
      '평가 기준 및 등급표를 원안대로 의결함',
    );
    await this.evaluations.startScoring(office, round.id);
    const keys = round.criteria.map((c) => c.key);
    for (const [key, id] of nominations) {
      for (const [i, member] of members.entries()) {
        const sheet = Object.fromEntries(keys.map((k, j) => [k, SHEETS[key][i][j]]));
        await this.evaluations.score(member, id, sheet);
      }
    }
    await this.evaluations.aggregate(office, round.id);
    await this.resolveInMeeting(
      office,
      members,
      `${year}년 제2회 적극행정위원회`,
      `${year}-12-12`,
      'EVALUATION_RESULTS',
      round.id,
      '적극행정 우수공무원 선발 결과를 원안대로 의결함',
    );
    const id = (key: string) => nominations.find(([k]) => k === key)?.[1] ?? '';
    // The owner of 뇌병변장애인 비전센터 조성 may take two incentives; one is already executed.
    await this.evaluations.recordPreference(staff, id('vision'), {
      preferred: ['SPECIAL_STEP_INCREASE', 'REWARD_LEAVE'],
      note: '특별승급을 우선 희망합니다.',
    });
    const first = await this.evaluations.grant(office, round.id, {
      nominationId: id('vision'),
      userId: staff.id,
      incentiveType: 'SPECIAL_STEP_INCREASE',
    });
    await this.evaluations.updateGrant(office, first.id, {
      status: 'EXECUTED',
      hrNote: '인사발령 반영',
      version: first.version,
    });
    await this.evaluations.grant(office, round.id, {
      nominationId: id('vision'),
      userId: staff.id,
      incentiveType: 'REWARD_LEAVE',
      detail: '포상휴가 5일',
    });
    await this.evaluations.grant(office, round.id, {
      nominationId: id('schoolRoute'),
      userId: jaenan.id,
      incentiveType: 'RATING_BONUS_POINTS',
    });
    return { created: 1 + nominations.length + MORE_MEMBERS.length };
  }
}
