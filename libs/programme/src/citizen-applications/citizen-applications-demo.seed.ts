import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { nthBusinessDayAfter, nthBusinessDayBefore, seoulDate } from '@gwaje/calendar';
import { demoActor } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { CitizenApplicationsService } from './citizen-applications.service.js';

const OFFICE = 'office@nowon.demo.gwaje.kr';
const STAFF = 'staff@nowon.demo.gwaje.kr';
const HEAD = 'head@nowon.demo.gwaje.kr';

/**
 * Demo data of 적극행정 국민신청 (DOMAIN.md §10, issue 22 part 8): three applications of 노원구 this
 * year, all assigned to 복지정책과 (the demo STAFF and DEPT_HEAD's department): one accepted
 * (수용) and replied through 국민신문고, one rejected (불수용) with its reasons and replied by post,
 * one under review. Made through the service as the demo office, staff and head; idempotent (an
 * application number already registered is left alone).
 */
@Injectable()
export class CitizenApplicationsDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: CitizenApplicationsService,
  ) {}

  async run(): Promise<{ created: number }> {
    const office = await demoActor(this.dataSource, OFFICE);
    const staff = await demoActor(this.dataSource, STAFF);
    const head = await demoActor(this.dataSource, HEAD);
    const today = seoulDate();
    const year = today.slice(0, 4);
    const number = (n: number) => `${year}-국민신청-${String(n).padStart(3, '0')}`;
    const exists = async (no: string) =>
      (
        await this.dataSource.query<unknown[]>(
          `SELECT 1 FROM citizen_applications WHERE organisation_id = $1 AND application_number = $2`,
          [office.organisationId, no],
        )
      ).length > 0;
    let created = 0;

    // 1. Accepted and replied (국민신문고).
    if (!(await exists(number(1)))) {
      const received = nthBusinessDayBefore(today, 30);
      let a = await this.applications.register(office, {
        applicationNumber: number(1),
        channel: 'EPEOPLE',
        receivedOn: received,
        applicantName: '한지민',
        applicantPhone: '010-2345-6789',
        content:
          '장애인 보호자가 복지시설 이용 신청서를 낼 때마다 같은 증빙서류를 다시 내야 합니다. 한 번 낸 서류는 행정정보 공동이용으로 확인해 주십시오.',
        challengedRule: '복지시설 이용 신청 시 매번 주민등록등본·장애인증명서 원본을 받는 관행',
        departmentId: head.departmentId,
      });
      a = await this.applications.act(staff, a.id, 'startReview', {
        version: a.version,
        text: '행정정보 공동이용으로 확인 가능한 서류 목록 검토',
      });
      a = await this.applications.act(head, a.id, 'decide', {
        version: a.version,
        decision: 'ACCEPTED',
        text: '행정정보 공동이용으로 확인되는 서류는 받지 않도록 신청 안내와 서식을 고침',
        on: nthBusinessDayAfter(received, 8),
      });
      await this.applications.act(staff, a.id, 'reply', {
        version: a.version,
        method: 'EPEOPLE',
        text: '신청하신 내용을 수용하여 다음 달부터 증빙서류 제출을 생략합니다.',
        on: nthBusinessDayAfter(received, 10),
      });
      created++;
    }

    // 2. Rejected with its reasons, replied by post.
    if (!(await exists(number(2)))) {
      const received = nthBusinessDayBefore(today, 20);
      let a = await this.applications.register(office, {
        applicationNumber: number(2),
        channel: 'OFFICE',
        receivedOn: received,
        applicantName: '오세훈',
        applicantPhone: '02-2116-3114',
        content: '기초생활수급자 선정 시 자동차 재산 기준을 구 자체로 완화해 주십시오.',
        challengedRule: '국민기초생활 보장법 시행령의 자동차 재산 환산 기준',
        departmentId: head.departmentId,
      });
      a = await this.applications.act(staff, a.id, 'startReview', { version: a.version });
      a = await this.applications.act(head, a.id, 'decide', {
        version: a.version,
        decision: 'REJECTED',
        text: '재산 환산 기준은 법령(국민기초생활 보장법 시행령)이 정한 것으로 구가 달리 정할 수 없음. 보건복지부에 제도 개선을 건의함',
        on: nthBusinessDayAfter(received, 9),
      });
      await this.applications.act(head, a.id, 'reply', {
        version: a.version,
        method: 'POST',
        text: '불수용 사유와 보건복지부 건의 결과를 우편으로 안내함',
        on: nthBusinessDayAfter(received, 11),
      });
      created++;
    }

    // 3. Under review.
    if (!(await exists(number(3)))) {
      const a = await this.applications.register(office, {
        applicationNumber: number(3),
        channel: 'EPEOPLE',
        receivedOn: nthBusinessDayBefore(today, 5),
        applicantName: '윤서영',
        applicantEmail: 'applicant3@example.com',
        content: '어르신 일자리 사업 참여 신청을 온라인으로도 받아 주십시오.',
        challengedRule: '노인일자리 참여 신청을 주민센터 방문으로만 받는 관행',
        departmentId: head.departmentId,
      });
      await this.applications.act(staff, a.id, 'startReview', {
        version: a.version,
        text: '구 누리집 온라인 신청 기능 도입 가능성 검토 중',
      });
      created++;
    }
    return { created };
  }
}
