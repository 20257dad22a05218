import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { type Criterion, DEFAULT_CRITERIA } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import {
  DEMO_PASSWORD,
  demoActor,
  type OrganisationKind,
  PasswordService,
  type Role,
} from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { ContestEntriesService } from '../contest-entries.service.js';
import { ContestLinksService } from '../contest-links.service.js';
import { ContestResultsService } from '../contest-results.service.js';
import { ContestRoundsService } from '../contest-rounds.service.js';
import type { AwardRow } from '../contest-rules.js';

interface DemoOrg {
  key: string;
  name: string;
  kind: OrganisationKind;
  parent: string | null;
  departments: Array<{ name: string; office?: boolean }>;
}

/** The organisations of the two contest stories (DOMAIN.md §9): 제주 with its 행정시, 행안부, 고용노동부. */
const ORGS: DemoOrg[] = [
  {
    key: 'jeju',
    name: '제주특별자치도',
    kind: 'METROPOLITAN',
    parent: null,
    departments: [
      { name: '혁신정책담당관', office: true },
      { name: '적극행정위원회' },
      { name: '관광정책과' },
      { name: '기후환경국' },
    ],
  },
  {
    key: 'seogwipo',
    name: '서귀포시',
    kind: 'LOCAL',
    parent: 'jeju',
    departments: [
      { name: '기획예산과', office: true },
      { name: '감귤농정과' },
      { name: '안전총괄과' },
      { name: '관광진흥과' },
    ],
  },
  {
    key: 'jejusi',
    name: '제주시',
    kind: 'LOCAL',
    parent: 'jeju',
    departments: [
      { name: '기획예산과', office: true },
      { name: '교통행정과' },
      { name: '민원봉사과' },
    ],
  },
  {
    key: 'mois',
    name: '행정안전부',
    kind: 'CENTRAL_AGENCY',
    parent: null,
    departments: [{ name: '적극행정팀', office: true }, { name: '적극행정위원회' }],
  },
  {
    key: 'moel',
    name: '고용노동부',
    kind: 'CENTRAL_AGENCY',
    parent: null,
    departments: [
      { name: '혁신행정담당관', office: true },
      { name: '적극행정위원회' },
      { name: '고용서비스정책과' },
    ],
  },
  {
    key: 'comwel',
    name: '근로복지공단',
    kind: 'PUBLIC_INSTITUTION',
    parent: 'moel',
    departments: [{ name: '기획조정실', office: true }, { name: '재활보상부' }],
  },
];

interface DemoUser {
  email: string;
  name: string;
  org: string;
  dept: string;
  role: Role;
}

const USERS: DemoUser[] = [
  {
    email: 'office@jeju.demo.gwaje.kr',
    name: '강도정',
    org: 'jeju',
    dept: '혁신정책담당관',
    role: 'PROACTIVE_OFFICE',
  },
  {
    email: 'judge1@jeju.demo.gwaje.kr',
    name: '오심사',
    org: 'jeju',
    dept: '적극행정위원회',
    role: 'COMMITTEE',
  },
  {
    email: 'judge2@jeju.demo.gwaje.kr',
    name: '현평가',
    org: 'jeju',
    dept: '적극행정위원회',
    role: 'COMMITTEE',
  },
  {
    email: 'tour@jeju.demo.gwaje.kr',
    name: '부관광',
    org: 'jeju',
    dept: '관광정책과',
    role: 'STAFF',
  },
  {
    email: 'climate@jeju.demo.gwaje.kr',
    name: '양기후',
    org: 'jeju',
    dept: '기후환경국',
    role: 'STAFF',
  },
  {
    email: 'office@seogwipo.demo.gwaje.kr',
    name: '고기획',
    org: 'seogwipo',
    dept: '기획예산과',
    role: 'PROACTIVE_OFFICE',
  },
  {
    email: 'citrus@seogwipo.demo.gwaje.kr',
    name: '문감귤',
    org: 'seogwipo',
    dept: '감귤농정과',
    role: 'STAFF',
  },
  {
    email: 'safety@seogwipo.demo.gwaje.kr',
    name: '좌안전',
    org: 'seogwipo',
    dept: '안전총괄과',
    role: 'STAFF',
  },
  {
    email: 'tour@seogwipo.demo.gwaje.kr',
    name: '홍관광',
    org: 'seogwipo',
    dept: '관광진흥과',
    role: 'STAFF',
  },
  {
    email: 'office@jejusi.demo.gwaje.kr',
    name: '김예산',
    org: 'jejusi',
    dept: '기획예산과',
    role: 'PROACTIVE_OFFICE',
  },
  {
    email: 'traffic@jejusi.demo.gwaje.kr',
    name: '이교통',
    org: 'jejusi',
    dept: '교통행정과',
    role: 'STAFF',
  },
  {
    email: 'civil@jejusi.demo.gwaje.kr',
    name: '박민원',
    org: 'jejusi',
    dept: '민원봉사과',
    role: 'STAFF',
  },
  {
    email: 'office@mois.demo.gwaje.kr',
    name: '정전국',
    org: 'mois',
    dept: '적극행정팀',
    role: 'PROACTIVE_OFFICE',
  },
  {
    email: 'judge@mois.demo.gwaje.kr',
    name: '한위원',
    org: 'mois',
    dept: '적극행정위원회',
    role: 'COMMITTEE',
  },
  {
    email: 'office@moel.demo.gwaje.kr',
    name: '최혁신',
    org: 'moel',
    dept: '혁신행정담당관',
    role: 'PROACTIVE_OFFICE',
  },
  {
    email: 'judge@moel.demo.gwaje.kr',
    name: '윤심사',
    org: 'moel',
    dept: '적극행정위원회',
    role: 'COMMITTEE',
  },
  {
    email: 'service@moel.demo.gwaje.kr',
    name: '서고용',
    org: 'moel',
    dept: '고용서비스정책과',
    role: 'STAFF',
  },
  {
    email: 'office@comwel.demo.gwaje.kr',
    name: '임공단',
    org: 'comwel',
    dept: '기획조정실',
    role: 'PROACTIVE_OFFICE',
  },
  {
    email: 'rehab@comwel.demo.gwaje.kr',
    name: '장재활',
    org: 'comwel',
    dept: '재활보상부',
    role: 'STAFF',
  },
];

/** 제주's half-yearly table: 3rd and 5th 가점 0.3 and the national contest; 9th and 10th 도지사 표창 and 200천원. */
const JEJU_AWARDS: AwardRow[] = [
  {
    fromRank: 1,
    toRank: 2,
    field: null,
    award: '최우수',
    commendation: '도지사 표창',
    prizeKrw: 500_000,
    bonusPoints: 0.5,
    advances: true,
  },
  {
    fromRank: 3,
    toRank: 5,
    field: null,
    award: '우수',
    commendation: null,
    prizeKrw: 0,
    bonusPoints: 0.3,
    advances: true,
  },
  {
    fromRank: 6,
    toRank: 10,
    field: null,
    award: '장려',
    commendation: '도지사 표창',
    prizeKrw: 200_000,
    bonusPoints: 0,
    advances: false,
  },
];

/** 제주's entries in the order they rank (1st first): [the official's email, title]. */
const JEJU_ENTRIES: Array<[string, string]> = [
  ['traffic@jejusi.demo.gwaje.kr', '대중교통 노선 전면 개편으로 환승 대기 40% 단축'],
  ['tour@jeju.demo.gwaje.kr', '제주 관광 불편신고 한 번에 처리하는 통합 창구'],
  ['citrus@seogwipo.demo.gwaje.kr', '감귤 수확기 농촌 인력 중개 플랫폼'],
  ['civil@jejusi.demo.gwaje.kr', '민원 서류 없는 원스톱 행정 서비스'],
  ['safety@seogwipo.demo.gwaje.kr', '폭염 취약계층 무더위 쉼터 실시간 지도'],
  ['climate@jeju.demo.gwaje.kr', '탄소중립 포인트로 일회용품 줄이기'],
  ['traffic@jejusi.demo.gwaje.kr', '어린이 보호구역 스마트 횡단보도 설치'],
  ['civil@jejusi.demo.gwaje.kr', '외국인 주민 다국어 민원 안내'],
  ['tour@seogwipo.demo.gwaje.kr', '올레길 안전 안내 QR 표지 정비'],
  ['citrus@seogwipo.demo.gwaje.kr', '감귤 부산물 재활용 퇴비화 지원'],
];

const MOEL_FIELDS = [
  { key: 'innovation', label: '정부혁신' },
  { key: 'proactive', label: '적극행정' },
];
const MOEL_AWARDS: AwardRow[] = [
  {
    fromRank: 1,
    toRank: 1,
    field: 'innovation',
    award: '최우수상',
    commendation: '장관 표창',
    prizeKrw: 1_000_000,
    bonusPoints: 0,
    advances: false,
  },
  {
    fromRank: 1,
    toRank: 1,
    field: 'proactive',
    award: '최우수상',
    commendation: '장관 표창',
    prizeKrw: 1_000_000,
    bonusPoints: 0,
    advances: false,
  },
  {
    fromRank: 2,
    toRank: 3,
    field: null,
    award: '우수상',
    commendation: '장관 표창',
    prizeKrw: 300_000,
    bonusPoints: 0,
    advances: false,
  },
];
/** [field, entrant user email, title], each field's in rank order. */
const MOEL_ENTRIES: Array<[string, string, string]> = [
  ['innovation', 'rehab@comwel.demo.gwaje.kr', '산재 요양급여 모바일 전자신청'],
  ['innovation', 'service@moel.demo.gwaje.kr', '고용센터 상담 예약 통합'],
  ['innovation', 'rehab@comwel.demo.gwaje.kr', '재활 병원 연계 데이터 개방'],
  ['proactive', 'service@moel.demo.gwaje.kr', '청년 구직자 일자리 매칭 현장 지원'],
  ['proactive', 'rehab@comwel.demo.gwaje.kr', '코로나19 피해 근로자 생활안정자금 신속 지급'],
  ['proactive', 'service@moel.demo.gwaje.kr', '중대재해 예방 컨설팅 찾아가는 서비스'],
];

/** A judge's sheet for a total, spread over the criteria by their weights (0.5 steps). */
function sheetFor(criteria: readonly Criterion[], total: number): Record<string, number> {
  const out: Record<string, number> = {};
  let rest = total;
  for (const c of criteria.slice(1)) {
    out[c.key] = Math.round(((c.weight * total) / 100) * 2) / 2;
    rest -= out[c.key];
  }
  out[criteria[0].key] = rest;
  return out;
}

/**
 * The contest stories of DOMAIN.md §9 as demo data: 제주특별자치도's half-yearly 적극행정 경진대회
 * (서귀포시's entries ranked 3, 5, 9 and 10 with those awards; ranks 1–5 advance) published and
 * feeding 행정안전부's national round, which accepted it and holds the advanced entries; and
 * 고용노동부's contest of two fields (정부혁신, 적극행정) with 근로복지공단 entering and a 최우수상
 * per field. Organisations, departments and the few users they need are set up as the identity
 * demo does (with history); every contest record goes through the contests services, so the demo
 * obeys the same rules and writes the same history as users would. Runs once.
 */
@Injectable()
export class ContestsDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly passwords: PasswordService,
    private readonly rounds: ContestRoundsService,
    private readonly links: ContestLinksService,
    private readonly entries: ContestEntriesService,
    private readonly results: ContestResultsService,
  ) {}

  async run(now: Date = new Date()): Promise<{ created: number }> {
    const year = Number(seoulDate(now).slice(0, 4));
    const [done] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM contest_rounds r JOIN organisations o ON o.id = r.organisation_id
        WHERE o.name = '제주특별자치도' AND o.parent_id IS NULL AND r.year = $1`,
      [year],
    );
    if (done) return { created: 0 };
    let created = await this.people();
    const as = (email: string) => demoActor(this.dataSource, email);

    // ── 행정안전부: the national round, open to feeders ──────────────────────────────────────
    const moisOffice = await as('office@mois.demo.gwaje.kr');
    const national = await this.rounds.createRound(moisOffice, {
      year,
      title: `${year}년 전국 적극행정 우수사례 경진대회`,
      description: '시·도 경진대회 입상 사례가 진출하는 전국 단위 경진대회',
      entriesOpen: `${year}-07-01`,
      entriesClose: `${year}-09-30`,
      judgingDue: `${year}-10-31`,
      resultsDate: `${year}-11-30`,
      fields: [{ key: 'proactive', label: '적극행정' }],
      awardTable: [
        {
          fromRank: 1,
          toRank: 1,
          field: null,
          award: '대상',
          commendation: '대통령 표창',
          prizeKrw: 3_000_000,
          bonusPoints: 0,
          advances: false,
        },
        {
          fromRank: 2,
          toRank: 5,
          field: null,
          award: '최우수',
          commendation: '국무총리 표창',
          prizeKrw: 1_000_000,
          bonusPoints: 0,
          advances: false,
        },
      ],
      budgetKrw: 10_000_000,
      acceptsAdvancement: true,
    });
    await this.rounds.transition(moisOffice, national.id, 'open', national.version);

    // ── 제주특별자치도: the half-yearly contest of 도 departments and 행정시 ────────────────────
    const jejuOffice = await as('office@jeju.demo.gwaje.kr');
    const judges = [await as('judge1@jeju.demo.gwaje.kr'), await as('judge2@jeju.demo.gwaje.kr')];
    let jeju = await this.rounds.createRound(jejuOffice, {
      year,
      title: `${year}년 상반기 적극행정 우수사례 경진대회`,
      description: '도 본청 부서와 행정시(제주시·서귀포시)가 참여하는 반기별 경진대회',
      entriesOpen: `${year}-04-01`,
      entriesClose: `${year}-04-30`,
      judgingDue: `${year}-05-20`,
      resultsDate: `${year}-05-31`,
      fields: [{ key: 'proactive', label: '적극행정' }],
      criteria: [...DEFAULT_CRITERIA],
      awardTable: JEJU_AWARDS,
      budgetKrw: 2_000_000,
    });
    jeju = await this.rounds.transition(jejuOffice, jeju.id, 'open', jeju.version);
    jeju = await this.links.proposeNextRound(jejuOffice, jeju.id, national.id, jeju.version);
    await this.links.decideFeeder(moisOffice, national.id, jeju.id, true);
    const jejuIds: string[] = [];
    for (const [email, title] of JEJU_ENTRIES) {
      const official = await as(email);
      const office = await as(await this.officeOf(official.organisationId));
      const entry = await this.entries.submit(office, jeju.id, {
        field: 'proactive',
        title,
        summary: `${title}: 현장의 불편을 찾아 규정 해석과 협업으로 해결한 사례`,
        departmentId: official.departmentId,
        officialIds: [official.id],
      });
      jejuIds.push(entry.id);
      await this.entries.screen(jejuOffice, entry.id, {
        decision: 'accept',
        version: entry.version,
      });
    }
    jeju = await this.rounds.getRound(jejuOffice, jeju.id);
    jeju = await this.rounds.transition(jejuOffice, jeju.id, 'closeEntries', jeju.version);
    jeju = await this.rounds.setPanel(
      jejuOffice,
      jeju.id,
      judges.map((j) => j.id),
    );
    jeju = await this.rounds.transition(jejuOffice, jeju.id, 'startJudging', jeju.version);
    for (const [i, id] of jejuIds.entries())
      for (const [j, judge] of judges.entries())
        await this.entries.score(judge, id, sheetFor(jeju.criteria, 94 - i * 3 - j));
    jeju = await this.rounds.getRound(jejuOffice, jeju.id);
    await this.results.publish(jejuOffice, jeju.id, jeju.version);
    created += 2 + jejuIds.length;

    // ── 고용노동부: two fields, a 최우수상 each, 근로복지공단 among the entrants ─────────────────
    const moelOffice = await as('office@moel.demo.gwaje.kr');
    const moelJudge = await as('judge@moel.demo.gwaje.kr');
    let moel = await this.rounds.createRound(moelOffice, {
      year,
      title: `${year}년 정부혁신·적극행정 우수사례 경진대회`,
      description: '본부와 소속·산하기관의 정부혁신 및 적극행정 우수사례 선정',
      entriesOpen: `${year}-08-01`,
      entriesClose: `${year}-08-31`,
      judgingDue: `${year}-09-20`,
      resultsDate: `${year}-09-30`,
      fields: MOEL_FIELDS,
      awardTable: MOEL_AWARDS,
      budgetKrw: 3_500_000,
    });
    moel = await this.rounds.transition(moelOffice, moel.id, 'open', moel.version);
    const moelIds: Array<[string, string]> = [];
    for (const [field, email, title] of MOEL_ENTRIES) {
      const official = await as(email);
      const office = await as(await this.officeOf(official.organisationId));
      const entry = await this.entries.submit(office, moel.id, {
        field,
        title,
        summary: `${title}: 국민이 체감한 변화를 만든 사례`,
        departmentId: official.departmentId,
        officialIds: [official.id],
      });
      moelIds.push([field, entry.id]);
      await this.entries.screen(moelOffice, entry.id, {
        decision: 'accept',
        version: entry.version,
      });
    }
    moel = await this.rounds.getRound(moelOffice, moel.id);
    moel = await this.rounds.transition(moelOffice, moel.id, 'closeEntries', moel.version);
    moel = await this.rounds.setPanel(moelOffice, moel.id, [moelJudge.id]);
    moel = await this.rounds.transition(moelOffice, moel.id, 'startJudging', moel.version);
    for (const field of ['innovation', 'proactive'])
      for (const [i, [, id]] of moelIds.filter(([f]) => f === field).entries())
        await this.entries.score(moelJudge, id, sheetFor(moel.criteria, 92 - i * 4));
    moel = await this.rounds.getRound(moelOffice, moel.id);
    await this.results.publish(moelOffice, moel.id, moel.version);
    created += 1 + moelIds.length;
    return { created };
  }

  private async officeOf(organisationId: string): Promise<string> {
    const [u] = await this.dataSource.query<Array<{ email: string }>>(
      `SELECT email FROM users WHERE organisation_id = $1 AND 'PROACTIVE_OFFICE' = ANY(roles) ORDER BY email LIMIT 1`,
      [organisationId],
    );
    return u.email;
  }

  /** The organisations, departments and users of the stories, each with a seed history entry. */
  private async people(): Promise<number> {
    const hash = await this.passwords.hash(DEMO_PASSWORD);
    return this.tx.run(async (tx) => {
      let created = 0;
      const orgIds = new Map<string, string>();
      const deptIds = new Map<string, string>();
      for (const o of ORGS) {
        const parentId = o.parent ? orgIds.get(o.parent)! : null;
        const [found] = await tx.manager.query<Array<{ id: string }>>(
          `SELECT id FROM organisations WHERE name = $1 AND parent_id IS NOT DISTINCT FROM $2`,
          [o.name, parentId],
        );
        let id = found?.id;
        if (!id) {
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
             VALUES ($1, $2, 'DIVISION', false, $3) ON CONFLICT (organisation_id, name) DO NOTHING RETURNING id`,
            [id, d.name, d.office ?? false],
          );
          if (row) {
            await this.record(tx, id, 'department', row.id, {
              name: d.name,
              isProactiveOffice: d.office ?? false,
            });
            created++;
          }
          const [dept] = await tx.manager.query<Array<{ id: string }>>(
            `SELECT id FROM departments WHERE organisation_id = $1 AND name = $2`,
            [id, d.name],
          );
          deptIds.set(`${o.key}/${d.name}`, dept.id);
        }
      }
      for (const u of USERS) {
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash)
           VALUES ($1, $2, $3, $4, $5::user_role[], $6) ON CONFLICT (email) DO NOTHING RETURNING id`,
          [orgIds.get(u.org), deptIds.get(`${u.org}/${u.dept}`), u.name, u.email, [u.role], hash],
        );
        if (row) {
          await this.record(tx, orgIds.get(u.org)!, 'user', row.id, {
            name: u.name,
            email: u.email,
            roles: [u.role],
          });
          created++;
        }
      }
      return created;
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
