import { Injectable } from '@nestjs/common';
import { HistoryService } from '@gwaje/audit';
import { addDays, daysBetween, nthBusinessDayAfter, seoulDate } from '@gwaje/calendar';
import { TransactionService } from '@gwaje/db';
import { DEMO_PASSWORD, PasswordService, Role } from '@gwaje/identity';
import type {
  ConsultationState,
  FollowUp,
  OpinionType,
  RejectionReason,
} from '../consultation.entity.js';

const NOWON = '노원구';
const SEOUL = '서울특별시';
const STAFF = 'staff@nowon.demo.gwaje.kr';
const HEAD = 'head@nowon.demo.gwaje.kr';
const AUDITOR = 'auditor@nowon.demo.gwaje.kr';
/** The parent's audit unit, so an escalated request has someone to answer it. */
const SEOUL_AUDITOR = {
  email: 'auditor@seoul.demo.gwaje.kr',
  name: '강도윤',
  grade: '감사5급',
  department: '감사위원회',
};

interface DemoConsultation {
  /** Days before today it was submitted (null: still a draft). */
  submittedDaysAgo: number | null;
  status: ConsultationState;
  subject: string;
  facts: string;
  question: string;
  /** A demo task of 복지정책과 to link, when it exists. */
  task?: string;
  rejection?: RejectionReason;
  /** Days after submission it was accepted. */
  acceptedAfter?: number;
  escalated?: boolean;
  opinion?: { type: OpinionType; text: string; daysAfterSubmission: number };
  followUp?: FollowUp;
  privateInterest?: boolean;
}

const DEMO: DemoConsultation[] = [
  {
    submittedDaysAgo: 330,
    status: 'CLOSED',
    subject: '비전센터 운영을 사회복지법인에 위탁할 때 공개모집 생략 가능 여부',
    facts: '뇌병변장애인 비전센터 개소를 앞두고 전문 운영기관이 한 곳뿐임',
    question: '사회복지시설 위탁 시 공개모집 절차를 생략하고 수의로 위탁할 수 있는지',
    task: '뇌병변장애인 비전센터 조성',
    acceptedAfter: 3,
    opinion: {
      type: 'CONDITIONAL',
      text: '처리위탁으로 보아 위탁계약과 공개 절차를 갖추면 추진 가능',
      daysAfterSubmission: 21,
    },
    followUp: 'FOLLOWED',
  },
  {
    submittedDaysAgo: 300,
    status: 'REJECTED',
    subject: '보조금 정산 지연 시 이자 면제 가능 여부',
    facts: '민간보조사업자가 정산을 두 달 늦게 제출함',
    question: '지연 이자를 면제할 수 있는지',
    rejection: 'CLEAR_RULE_EXISTS',
  },
  {
    submittedDaysAgo: 40,
    status: 'OPINION_ISSUED',
    subject: '당현천 음악분수 야간 운영 시 소음 기준 적용 방법',
    facts: '음악분수 운영시간을 21시까지 연장하려 함',
    question: '생활소음 규제기준 중 어느 기준을 적용해야 하는지',
    acceptedAfter: 4,
    opinion: {
      type: 'ACCEPTABLE',
      text: '주거지역 야간 기준을 적용하고 측정 결과를 공개하는 조건으로 운영 가능',
      daysAfterSubmission: 25,
    },
  },
  {
    submittedDaysAgo: 45,
    status: 'UNDER_REVIEW',
    subject: '통학로 보도 설치를 위한 사유지 일시 사용 보상 기준',
    facts: '초등학교 통학로 보도 설치 공사 중 인접 사유지를 3개월간 사용해야 함',
    question: '손실보상 없이 사용 승낙만으로 공사할 수 있는지',
    acceptedAfter: 5,
  },
  {
    submittedDaysAgo: 20,
    status: 'ESCALATED',
    subject: '시 보조사업 매칭비율 변경 시 구 의회 의결 필요 여부',
    facts: '서울시 보조사업의 구비 부담 비율이 사업 중간에 변경됨',
    question: '변경된 부담액에 대해 구 의회의 추가 의결이 필요한지',
    acceptedAfter: 2,
    escalated: true,
  },
  {
    submittedDaysAgo: 1,
    status: 'SUBMITTED',
    subject: '복지시설 기능보강 사업의 수의계약 가능 범위',
    facts: '긴급 보수가 필요한 장애인 복지시설이 있음',
    question: '지방계약법 시행령상 긴급 수의계약 사유에 해당하는지',
  },
  {
    submittedDaysAgo: null,
    status: 'DRAFT',
    subject: '공원 내 푸드트럭 영업 허가 절차',
    facts: '공원녹지과와 협의 중',
    question: '도시공원법상 점용허가로 처리할 수 있는지',
  },
];

/**
 * Demo pre-consultations (DOMAIN.md §10) of 노원구 복지정책과 in several states: closed with the
 * immunity presumption, rejected against the checklist, an opinion issued, one under review past
 * its opinion deadline, one escalated to 서울특별시, one awaiting screening and a draft. Runs once.
 */
@Injectable()
export class ConsultationsDemoSeed {
  constructor(
    private readonly tx: TransactionService,
    private readonly passwords: PasswordService,
    private readonly history: HistoryService,
  ) {}

  async run(now: Date = new Date()): Promise<{ created: number }> {
    const today = seoulDate(now);
    return this.tx.run(async (tx) => {
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('seed-demo', 0))`);
      const [org] = await tx.manager.query<Array<{ nowon: string; seoul: string }>>(
        `SELECT o.id AS nowon, p.id AS seoul FROM organisations o JOIN organisations p ON p.id = o.parent_id
          WHERE o.name = $1 AND p.name = $2 AND p.parent_id IS NULL`,
        [NOWON, SEOUL],
      );
      if (!org) throw new Error('ConsultationsDemoSeed needs the demo organisations');
      const [exists] = await tx.manager.query<unknown[]>(
        `SELECT 1 FROM consultations WHERE organisation_id = $1 LIMIT 1`,
        [org.nowon],
      );
      if (exists) return { created: 0 };

      let created = 0;
      const [seoulAudit] = await tx.manager.query<Array<{ id: string }>>(
        `SELECT id FROM departments WHERE organisation_id = $1 AND name = $2`,
        [org.seoul, SEOUL_AUDITOR.department],
      );
      const [seoulAuditor] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO users (organisation_id, department_id, name, email, grade, roles, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6::user_role[], $7) ON CONFLICT (email) DO NOTHING RETURNING id`,
        [
          org.seoul,
          seoulAudit.id,
          SEOUL_AUDITOR.name,
          SEOUL_AUDITOR.email,
          SEOUL_AUDITOR.grade,
          [Role.AUDITOR],
          await this.passwords.hash(DEMO_PASSWORD),
        ],
      );
      if (seoulAuditor) created++;
      const users = await tx.manager.query<
        Array<{ id: string; email: string; department_id: string }>
      >(`SELECT id, email, department_id FROM users WHERE email = ANY($1::text[])`, [
        [STAFF, HEAD, AUDITOR],
      ]);
      const user = (email: string) => {
        const found = users.find((u) => u.email === email);
        if (!found) throw new Error(`ConsultationsDemoSeed: ${email} is missing`);
        return found;
      };
      const staff = user(STAFF);
      const head = user(HEAD);
      const auditor = user(AUDITOR);

      for (const c of DEMO) {
        const [task] = c.task
          ? await tx.manager.query<Array<{ id: string }>>(
              `SELECT id FROM tasks WHERE organisation_id = $1 AND title = $2 ORDER BY year DESC LIMIT 1`,
              [org.nowon, c.task],
            )
          : [];
        const submitted = c.submittedDaysAgo === null ? null : addDays(today, -c.submittedDaysAgo);
        const accepted =
          submitted && c.acceptedAfter !== undefined ? addDays(submitted, c.acceptedAfter) : null;
        const opinionOn =
          submitted && c.opinion ? addDays(submitted, c.opinion.daysAfterSubmission) : null;
        const at = (day: string | null) => (day ? `${day}T10:00:00+09:00` : null);
        const screened = c.rejection ? addDays(submitted ?? today, 2) : accepted;
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO consultations (
             organisation_id, requesting_department_id, drafter_id, requester_id, task_id, year, subject,
             facts, question, relevant_laws, own_review, options, private_interest, state, submitted_at,
             screening_due_date, screener_id, screened_at, screening_checklist, rejection_reason,
             assigned_auditor_id, accepted_at, opinion_due_date, escalated_to_organisation_id, escalated_at,
             advice, opinion, opinion_type, opinion_at, opinion_by, opinion_organisation_id, turnaround_days,
             follow_up, closed_at, immunity_presumed)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                   $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35)
           RETURNING id`,
          [
            org.nowon,
            staff.department_id,
            staff.id,
            submitted ? head.id : null,
            task?.id ?? null,
            Number((submitted ?? today).slice(0, 4)),
            c.subject,
            c.facts,
            c.question,
            '관련 법령 및 지침',
            '부서 자체 검토 결과 갑설이 타당하다고 판단하나 해석이 엇갈림',
            JSON.stringify([
              { label: '갑설', content: '가능하다는 견해' },
              { label: '을설', content: '불가하다는 견해' },
            ]),
            c.privateInterest ?? false,
            c.status,
            at(submitted),
            submitted ? nthBusinessDayAfter(submitted, 5) : null,
            screened ? auditor.id : null,
            at(screened),
            screened
              ? JSON.stringify({
                  CLEAR_RULE_EXISTS: c.rejection === 'CLEAR_RULE_EXISTS',
                  NO_OWN_REVIEW: false,
                  DISPOSITION_ALREADY_MADE: false,
                  PROCEEDINGS_PENDING_OR_FINAL: false,
                })
              : null,
            c.rejection ?? null,
            accepted ? auditor.id : null,
            at(accepted),
            accepted ? addDays(accepted, 30) : null,
            c.escalated ? org.seoul : null,
            c.escalated && accepted ? at(addDays(accepted, 5)) : null,
            JSON.stringify(
              c.escalated && accepted
                ? [
                    {
                      kind: 'ESCALATION',
                      requestedAt: at(addDays(accepted, 5)),
                      requestedBy: auditor.id,
                      request: '시 보조금 관리 조례 해석에 관한 상급기관 의견 요청',
                      advisedAt: null,
                      advisedBy: null,
                      advice: null,
                    },
                  ]
                : [],
            ),
            c.opinion?.text ?? null,
            c.opinion?.type ?? null,
            at(opinionOn),
            opinionOn ? auditor.id : null,
            opinionOn ? org.nowon : null,
            submitted && opinionOn ? daysBetween(submitted, opinionOn) : null,
            c.followUp ?? null,
            c.followUp && opinionOn ? at(addDays(opinionOn, 30)) : null,
            c.followUp === 'FOLLOWED' && !c.privateInterest,
          ],
        );
        created++;
        await this.history.record(tx, {
          organisationId: org.nowon,
          recordType: 'consultation',
          recordId: row.id,
          action: 'seed',
          actorId: null,
          changes: { subject: { from: null, to: c.subject }, state: { from: null, to: c.status } },
          reason: null,
        });
      }
      return { created };
    });
  }
}
