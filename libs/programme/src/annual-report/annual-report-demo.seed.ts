import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { seoulDate } from '@gwaje/calendar';
import { demoActor } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { AnnualReportService } from './annual-report.service.js';

const OFFICE = 'office@nowon.demo.gwaje.kr';

/**
 * Demo data of the annual 적극행정 추진실적 report (DOMAIN.md §10, issue 22 part 8): 노원구's office
 * generates last year's report (and submits it to 서울특별시) and this year's (a draft), after every
 * other part's demo so the figures cover them. Idempotent: a year that already has a report is left
 * as it is.
 */
@Injectable()
export class AnnualReportDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: AnnualReportService,
  ) {}

  async run(): Promise<{ created: number }> {
    const office = await demoActor(this.dataSource, OFFICE);
    const thisYear = Number(seoulDate().slice(0, 4));
    let created = 0;
    for (const [year, submit] of [
      [thisYear - 1, true],
      [thisYear, false],
    ] as const) {
      const [existing] = await this.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM annual_reports WHERE organisation_id = $1 AND year = $2`,
        [office.organisationId, year],
      );
      if (existing.n > 0) continue;
      const report = await this.reports.generate(office, year);
      created++;
      if (submit) await this.reports.submit(office, year, report.version);
    }
    return { created };
  }
}
