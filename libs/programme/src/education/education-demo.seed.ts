import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { seoulDate } from '@gwaje/calendar';
import { demoActor } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import type { EducationDelivery, EducationKind } from './education-rules.js';
import { EducationService } from './education.service.js';

interface DemoSession {
  title: string;
  kind: EducationKind;
  monthDay: string;
  hours: number;
  delivery: EducationDelivery;
  place: string;
  notes: string;
  /** Demo users (by e-mail; those another seed did not create are left out) and hours attended. */
  attendees: Array<[string, number?]>;
}

const D = (name: string) => `${name}@nowon.demo.gwaje.kr`;

const SESSIONS: DemoSession[] = [
  {
    title: '적극행정 전 직원 교육',
    kind: 'ALL_STAFF',
    monthDay: '04-15',
    hours: 2,
    delivery: 'OFFLINE',
    place: '노원구청 대강당',
    notes: '적극행정 우수사례와 면책 제도 안내',
    attendees: [[D('staff')], [D('auditor')], [D('office')], [D('bokji'), 1.5], [D('jaenan')]],
  },
  {
    title: '적극행정 리더십 과정(부서장)',
    kind: 'LEADERSHIP',
    monthDay: '06-10',
    hours: 1.5,
    delivery: 'ONLINE',
    place: '인재개발원 온라인 강의',
    notes: '부서장 대상: 사전컨설팅 활용과 의사결정 부담 줄이기',
    attendees: [[D('head')], [D('office')], [D('digital'), 1]],
  },
];

/**
 * Demo data of 적극행정 education (DOMAIN.md §10, issue 22 part 8): two sessions of 노원구 this
 * year (a 전 직원 교육 offline and a 리더십 과정 online) with the attendance of several demo
 * users, entered by the demo proactive office through the service. Idempotent: a session found
 * by title and date is not created again, and users already attending are not added again.
 */
@Injectable()
export class EducationDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly education: EducationService,
  ) {}

  async run(): Promise<{ created: number }> {
    const office = await demoActor(this.dataSource, D('office'));
    const year = seoulDate().slice(0, 4);
    let created = 0;
    for (const s of SESSIONS) {
      const sessionDate = `${year}-${s.monthDay}`;
      const [found] = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM education_sessions WHERE organisation_id = $1 AND title = $2 AND session_date = $3`,
        [office.organisationId, s.title, sessionDate],
      );
      let id = found?.id;
      if (!id) {
        const session = await this.education.create(office, {
          title: s.title,
          kind: s.kind,
          sessionDate,
          hours: s.hours,
          delivery: s.delivery,
          place: s.place,
          notes: s.notes,
        });
        id = session.id;
        created++;
      }
      const emails = s.attendees.map(([email]) => email);
      const users = await this.dataSource.query<Array<{ id: string; email: string }>>(
        `SELECT u.id, u.email FROM users u
          WHERE u.organisation_id = $1 AND u.active AND u.email = ANY($2::text[])
            AND NOT EXISTS (SELECT 1 FROM education_attendances a WHERE a.session_id = $3 AND a.user_id = u.id)`,
        [office.organisationId, emails, id],
      );
      const byEmail = new Map(users.map((u) => [u.email, u.id]));
      const attendees = s.attendees.flatMap(([email, hours]) =>
        byEmail.has(email) ? [{ userId: byEmail.get(email)!, hours: hours ?? s.hours }] : [],
      );
      if (attendees.length) {
        await this.education.addAttendees(office, id, attendees);
        created += attendees.length;
      }
    }
    return { created };
  }
}
