import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@gwaje/config';
import { seoulDate } from '@gwaje/calendar';
import {
  DEMO_PASSWORD,
  demoActor,
  headsOf,
  type AuthUser,
  Role,
  UsersService,
} from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { ActionPlanItemsService } from './action-plan-items.service.js';
import type { MeasureStatus } from './action-plan-rules.js';
import type { PlanView } from './action-plan-views.js';
import { ActionPlansService } from './action-plans.service.js';

const NOWON = '노원구';
const OFFICE_EMAIL = 'office@nowon.demo.gwaje.kr';
/** 기획예산과장: the head of 노원구's proactive office, made here when no demo has named one. */
export const DEMO_OFFICE_HEAD = {
  email: 'planning-head@nowon.demo.gwaje.kr',
  name: '한도윤',
  grade: '행정5급',
};

interface DemoMeasure {
  title: string;
  dept: string;
  target: string;
  /** MM-DD of the plan's year */
  due: string;
  status?: MeasureStatus;
  /** 중점 추진과제: the title of the current year's demo task it links */
  task?: string;
}

/** 영등포구's 2021 실행계획: four directions, two 중점 추진과제 linked to 노원구's priority tasks. */
export const DEMO_ACTION_PLAN: ReadonlyArray<{
  title: string;
  description: string;
  measures: DemoMeasure[];
}> = [
  {
    title: '추진체계 정비 및 교육',
    description: '적극행정 전담부서와 추진단을 운영하고 전 직원 교육으로 추진 기반을 다집니다.',
    measures: [
      {
        title: '적극행정 추진단 운영 및 분기별 점검회의',
        dept: '기획예산과',
        target: '분기 1회 점검회의',
        due: '03-31',
        status: 'DONE',
      },
      {
        title: '전 직원 적극행정 교육',
        dept: '행정지원과',
        target: '전 직원 이수율 90% 이상',
        due: '11-30',
        status: 'IN_PROGRESS',
      },
      {
        title: '적극행정위원회 정례 운영',
        dept: '기획예산과',
        target: '반기 1회 이상 개최',
        due: '12-15',
        status: 'IN_PROGRESS',
      },
    ],
  },
  {
    title: '우수공무원 선발 및 인센티브',
    description: '적극행정 우수공무원을 선발하고 실질적인 인센티브를 부여합니다.',
    measures: [
      {
        title: '적극행정 우수공무원 상·하반기 선발',
        dept: '행정지원과',
        target: '반기별 선발, 특별승진 등 인센티브 부여',
        due: '12-31',
        status: 'IN_PROGRESS',
      },
      {
        title: '적극행정 우수사례 경진대회',
        dept: '기획예산과',
        target: '경진대회 1회 개최',
        due: '10-31',
        status: 'DONE',
      },
      {
        title: '중점 추진과제: 찾아가는 복지상담 집중 관리',
        dept: '복지정책과',
        target: '복지버스 운영 연내 완료',
        due: '12-31',
        task: "찾아가는 복지상담 '노원 복지버스' 운영",
      },
    ],
  },
  {
    title: '면책·사전컨설팅 등 공무원 보호·지원',
    description: '면책 제도와 사전컨설팅을 안내하고 행정종합배상공제로 공무원을 보호합니다.',
    measures: [
      {
        title: '사전컨설팅 제도 안내 및 활성화',
        dept: '감사담당관',
        target: '사전컨설팅 10건 이상',
        due: '12-31',
        status: 'IN_PROGRESS',
      },
      {
        title: '적극행정 면책제도 안내',
        dept: '감사담당관',
        target: '반기 1회 전 부서 안내',
        due: '06-30',
        status: 'DONE',
      },
      {
        title: '행정종합배상공제 가입',
        dept: '행정지원과',
        target: '전 직원 가입 유지',
        due: '02-28',
        status: 'DONE',
      },
    ],
  },
  {
    title: '소극행정 예방 및 엄정 조치',
    description: '소극행정 신고센터를 운영하고 확인된 소극행정에는 엄정히 조치합니다.',
    measures: [
      {
        title: '소극행정 신고센터 운영',
        dept: '감사담당관',
        target: '신고 처리기한 준수 100%',
        due: '12-31',
        status: 'IN_PROGRESS',
      },
      {
        title: '중점 추진과제: AI 민원상담으로 민원 지연 해소',
        dept: '디지털정보과',
        target: '챗봇 상담 분야 확대',
        due: '12-31',
        task: "AI 민원상담 챗봇 '노원이' 고도화",
      },
      {
        title: '적극행정 국민신청제 운영',
        dept: '기획예산과',
        target: '신청 처리기한 준수',
        due: '12-31',
      },
    ],
  },
];

/**
 * Demo data of 실행계획 (DOMAIN.md §10, issue 22 part 8): 노원구's plan of the current year with
 * 영등포구's four directions, measures in several states, two 중점 추진과제 linked to the tasks
 * demo's priority tasks, submitted by the office and approved by the head of the proactive office
 * (기획예산과장, made as a user when no demo has named one), all through the public services.
 * Idempotent: nothing is done when 노원구 has a plan of the year. Runs after the identity and tasks
 * demos.
 */
@Injectable()
export class ActionPlanDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly plans: ActionPlansService,
    private readonly items: ActionPlanItemsService,
  ) {}

  async run(): Promise<{ created: number }> {
    const year = Number(seoulDate().slice(0, 4));
    const [org] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT o.id FROM organisations o JOIN organisations p ON p.id = o.parent_id
        WHERE o.name = $1 AND p.name = '서울특별시'`,
      [NOWON],
    );
    if (!org) throw new Error('ActionPlanDemoSeed: 노원구 is missing: run IdentityDemoSeed first');
    const [existing] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM action_plans WHERE organisation_id = $1 AND year = $2`,
      [org.id, year],
    );
    if (existing) return { created: 0 };

    const departments = new Map(
      (
        await this.dataSource.query<Array<{ id: string; name: string; office: boolean }>>(
          `SELECT id, name, is_proactive_office AS office FROM departments WHERE organisation_id = $1`,
          [org.id],
        )
      ).map((d) => [d.name, d]),
    );
    const dept = (name: string) => {
      const d = departments.get(name);
      if (!d) throw new Error(`ActionPlanDemoSeed: department ${NOWON}/${name} is missing`);
      return d.id;
    };
    const titles = DEMO_ACTION_PLAN.flatMap((d) => d.measures.flatMap((m) => m.task ?? []));
    const tasks = new Map(
      (
        await this.dataSource.query<Array<{ id: string; title: string }>>(
          `SELECT id, title FROM tasks WHERE organisation_id = $1 AND year = $2 AND title = ANY($3::text[])`,
          [org.id, year, titles],
        )
      ).map((t) => [t.title, t.id]),
    );
    const missing = titles.filter((t) => !tasks.has(t));
    if (missing.length)
      throw new Error(`ActionPlanDemoSeed needs ${missing.join(', ')}: run TasksDemoSeed first`);

    let created = 0;
    const office = await demoActor(this.dataSource, OFFICE_EMAIL);
    const head = await this.officeHead(dept('기획예산과'));
    created += head.created;

    let plan: PlanView = await this.plans.create(office, {
      year,
      directions: DEMO_ACTION_PLAN.map((d) => ({ title: d.title, description: d.description })),
    });
    created += 1 + plan.directions.length;
    for (const [i, d] of DEMO_ACTION_PLAN.entries()) {
      for (const m of d.measures) {
        plan = await this.items.addMeasure(office, plan.id, {
          version: plan.version,
          directionId: plan.directions[i].id,
          title: m.title,
          ownerDepartmentId: dept(m.dept),
          target: m.target,
          dueDate: `${year}-${m.due}`,
          ...(m.task ? { focus: true, taskIds: [tasks.get(m.task)!] } : {}),
        });
        created++;
      }
    }
    // Where the year stands: the office records what the departments reported.
    for (const [i, d] of DEMO_ACTION_PLAN.entries()) {
      for (const m of d.measures) {
        if (!m.status) continue;
        const measure = plan.directions[i].measures.find((x) => x.title === m.title)!;
        plan = await this.items.setMeasureStatus(office, plan.id, measure.id, {
          version: measure.version,
          status: m.status,
        });
      }
    }
    plan = await this.plans.act(office, plan.id, 'submit', { version: plan.version });
    await this.plans.act(head.actor, plan.id, 'approve', { version: plan.version });
    return { created };
  }

  /** The head of 노원구's proactive office; 기획예산과장 is made (through UsersService) when none. */
  private async officeHead(
    officeDepartmentId: string,
  ): Promise<{ actor: AuthUser; created: number }> {
    const current = (await headsOf(this.dataSource, [officeDepartmentId])).get(officeDepartmentId);
    if (current) {
      const [u] = await this.dataSource.query<Array<{ email: string }>>(
        `SELECT email FROM users WHERE id = $1`,
        [current.userId],
      );
      return { actor: await demoActor(this.dataSource, u.email), created: 0 };
    }
    const admin = await demoActor(this.dataSource, this.config.admin.email.toLowerCase());
    await this.users.create(admin, {
      departmentId: officeDepartmentId,
      name: DEMO_OFFICE_HEAD.name,
      email: DEMO_OFFICE_HEAD.email,
      grade: DEMO_OFFICE_HEAD.grade,
      roles: [Role.DEPT_HEAD],
      password: DEMO_PASSWORD,
    });
    return { actor: await demoActor(this.dataSource, DEMO_OFFICE_HEAD.email), created: 1 };
  }
}
