import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { nthBusinessDayBefore, seoulDate } from '@gwaje/calendar';
import { demoActor } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { PassiveReportInvestigationService } from './passive-report-investigation.service.js';
import { PassiveReportsService } from './passive-reports.service.js';

const AUDITOR = 'auditor@nowon.demo.gwaje.kr';
const STAFF = 'staff@nowon.demo.gwaje.kr';

/**
 * Demo data of 소극행정 신고 (DOMAIN.md §10, issue 22 part 8) in 노원구, through the service as its
 * auditor: a named report from 국민신문고 about 복지정책과 (its staff member as the official
 * concerned), investigated and concluded with 주의, and an anonymous internal report about 건축과
 * still awaiting its investigator. Idempotent: a receipt number already in 노원구 is skipped.
 */
@Injectable()
export class PassiveReportsDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: PassiveReportsService,
    private readonly investigation: PassiveReportInvestigationService,
  ) {}

  async run(): Promise<{ created: number }> {
    const auditor = await demoActor(this.dataSource, AUDITOR);
    const staff = await demoActor(this.dataSource, STAFF);
    const [building] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM departments WHERE organisation_id = $1 AND name = '건축과'`,
      [auditor.organisationId],
    );
    const exists = async (receiptNumber: string) =>
      (
        await this.dataSource.query<unknown[]>(
          `SELECT 1 FROM passive_reports WHERE organisation_id = $1 AND receipt_number = $2`,
          [auditor.organisationId, receiptNumber],
        )
      ).length > 0;
    const today = seoulDate();
    let created = 0;

    if (!(await exists('소극-데모-001'))) {
      const received = await this.reports.receive(auditor, {
        receiptNumber: '소극-데모-001',
        receivedOn: nthBusinessDayBefore(today, 25),
        channel: 'SINMUNGO',
        anonymous: false,
        reporter: { name: '홍길동', contact: '010-0000-0000' },
        content:
          '기초생활수급 변경 신청을 세 차례 문의했으나 담당자가 관련 규정이 없다며 접수를 미루고 다른 부서로 안내만 반복했습니다.',
        departmentId: staff.departmentId,
        officialIds: [staff.id],
      });
      const assigned = await this.investigation.assign(auditor, received.id, {
        version: received.version,
        investigatorId: auditor.id,
      });
      await this.investigation.conclude(auditor, received.id, {
        version: assigned.version,
        outcome: 'CAUTION',
        findings:
          '변경 신청은 현행 지침으로 접수 가능한 사안이었으나 접수를 지연함. 담당자에게 주의 처분하고 부서에 접수 절차 안내를 정비하도록 통보함.',
        concludedOn: nthBusinessDayBefore(today, 8),
      });
      created++;
    }

    if (building && !(await exists('소극-데모-002'))) {
      await this.reports.receive(auditor, {
        receiptNumber: '소극-데모-002',
        receivedOn: nthBusinessDayBefore(today, 2),
        channel: 'INTERNAL',
        anonymous: true,
        content:
          '건축 인허가 협의 요청이 한 달 넘게 회신되지 않고 있으며, 담당 부서가 책임을 다른 부서로 미루고 있다는 내부 제보입니다.',
        departmentId: building.id,
      });
      created++;
    }
    return { created };
  }
}
