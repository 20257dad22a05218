import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, nthBusinessDayBefore, seoulDate } from '@gwaje/calendar';
import { demoActor } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { ExemptionReportsService } from './exemption-reports.service.js';
import { lastCompletedQuarter, quarterlyReportDueDate, quarterRange } from './exemptions-rules.js';
import { ExemptionsService } from './exemptions.service.js';

const AUDITOR = 'auditor@nowon.demo.gwaje.kr';
const STAFF = 'staff@nowon.demo.gwaje.kr';
/** The consultations demo's closed request whose opinion 노원구 followed (면책 추정). */
const FOLLOWED_CONSULTATION = '비전센터 운영을 사회복지법인에 위탁할 때 공개모집 생략 가능 여부';
const GRANTED_TITLE = '비전센터 운영 위탁 시 공개모집 생략';
const DENIED_TITLE = '보조금 정산 지연에 따른 이자 미징수';

/**
 * Demo data of the 면책 register and the quarterly report to 감사원 (issue 22 part 8), in 노원구
 * as its audit unit: in the last completed quarter, an official's application linked to the
 * followed pre-consultation (granted, 면책) and an ex officio case (denied, 불인정), both notified,
 * and that quarter's report submitted. Idempotent: a case of the same title is not registered
 * again, a submitted report not submitted again.
 */
@Injectable()
export class ExemptionsDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly exemptions: ExemptionsService,
    private readonly reports: ExemptionReportsService,
  ) {}

  async run(): Promise<{ created: number }> {
    const auditor = await demoActor(this.dataSource, AUDITOR);
    const staff = await demoActor(this.dataSource, STAFF);
    const today = seoulDate();
    const q = lastCompletedQuarter(today);
    const { start } = quarterRange(q);
    const on = (days: number) => addDays(start, days);
    let created = 0;

    const existing = new Set(
      (
        await this.dataSource.query<Array<{ title: string }>>(
          `SELECT title FROM exemption_cases WHERE organisation_id = $1 AND title = ANY($2::text[])`,
          [auditor.organisationId, [GRANTED_TITLE, DENIED_TITLE]],
        )
      ).map((r) => r.title),
    );
    const [followed] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM consultations WHERE organisation_id = $1 AND subject = $2 AND state = 'CLOSED'`,
      [auditor.organisationId, FOLLOWED_CONSULTATION],
    );

    if (!existing.has(GRANTED_TITLE)) {
      const c = await this.exemptions.register(auditor, {
        kind: 'APPLICATION',
        applicantId: staff.id,
        title: GRANTED_TITLE,
        auditReference: `${q.year}년 복지정책과 자체감사 지적 제2호`,
        finding: '장애인 비전센터 운영 위탁 시 공개모집 절차를 거치지 않음',
        appliedOn: on(10),
        ...(followed ? { consultationId: followed.id } : {}),
        checklist: {
          PUBLIC_INTEREST: { met: true, note: '뇌병변장애인 돌봄 공백 해소' },
          NO_PRIVATE_INTEREST: { met: true, note: '위탁기관과 이해관계 없음' },
          NO_INTENT_OR_GROSS_NEGLIGENCE: { met: true, note: '사전컨설팅 의견대로 처리(면책 추정)' },
          PROCEDURE_AND_PROACTIVE_HANDLING: { met: true, note: '위탁계약과 공개 절차 보완' },
        },
      });
      const d = await this.exemptions.decide(auditor, c.id, {
        version: c.version,
        decision: 'GRANTED',
        reasons: '사전컨설팅 의견에 따라 공익 목적으로 적극 처리하였고 면책 요건을 모두 충족함',
        decidedOn: on(30),
      });
      await this.exemptions.notify(auditor, c.id, { version: d.version, notifiedOn: on(31) });
      created++;
    }

    if (!existing.has(DENIED_TITLE)) {
      const c = await this.exemptions.register(auditor, {
        kind: 'EX_OFFICIO',
        subjectName: '청소행정과 주무관',
        title: DENIED_TITLE,
        auditReference: `${q.year}년 재무감사 지적 제7호`,
        finding: '보조금 정산 지연에도 반환 이자를 징수하지 않음',
        appliedOn: on(20),
        checklist: {
          PUBLIC_INTEREST: { met: true, note: '' },
          NO_PRIVATE_INTEREST: { met: true, note: '' },
          NO_INTENT_OR_GROSS_NEGLIGENCE: { met: false, note: '정산 기한을 반복하여 넘김(중과실)' },
          PROCEDURE_AND_PROACTIVE_HANDLING: { met: false, note: '내부 결재 없이 처리' },
        },
      });
      const d = await this.exemptions.decide(auditor, c.id, {
        version: c.version,
        decision: 'DENIED',
        reasons: '정산 기한 관리 소홀은 중과실에 해당하여 면책 요건을 충족하지 못함',
        decidedOn: on(45),
      });
      await this.exemptions.notify(auditor, c.id, {
        version: d.version,
        notifiedOn: on(46),
        note: '감사담당관 공문으로 소속 부서에 통지',
      });
      created++;
    }

    const report = await this.reports.get(auditor, q);
    if (!report.submission) {
      const due = quarterlyReportDueDate(q);
      await this.reports.submit(auditor, q, {
        reference: `감사담당관-${q.year}-${q.quarter}`,
        // On time: the business day before the due date (today, if that is earlier).
        submittedOn: today < due ? today : nthBusinessDayBefore(due, 1),
      });
      created++;
    }
    return { created };
  }
}
