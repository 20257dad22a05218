import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { ConsultationsModule } from '@gwaje/consultations';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { ExemptionReportsService } from './exemption-reports.service.js';
import { ExemptionsDemoSeed } from './exemptions-demo.seed.js';
import { ANNUAL_FIGURES_SQL } from './exemptions-query.js';
import { ExemptionReminders } from './exemptions-reminders.js';
import { ExemptionsService } from './exemptions.service.js';

/**
 * 면책 register and the quarterly report to 감사원 (issue 22 part 5). On start it registers its
 * section `exemptions` of the annual report (@gwaje/annual-figures); its reminder source registers
 * itself with notifications, so the worker runs the quarterly report's reminders.
 */
@Module({
  imports: [ConsultationsModule, OutboxModule, NotificationsModule],
  providers: [ExemptionsService, ExemptionReportsService, ExemptionReminders, ExemptionsDemoSeed],
  exports: [ExemptionsService, ExemptionReportsService, ExemptionsDemoSeed],
})
export class ExemptionsModule implements OnModuleInit {
  onModuleInit(): void {
    registerAnnualFigures({
      name: 'exemptions',
      order: 50,
      titleKo: '적극행정 면책',
      titleEn: '적극행정 면책 (immunity) decisions',
      async compute(m, { organisationId, year }) {
        const [f] = await m.query<
          Array<{
            cases: number;
            granted: number;
            partially: number;
            denied: number;
            reports_submitted: number;
            reports_on_time: number;
          }>
        >(ANNUAL_FIGURES_SQL, [organisationId, year]);
        return [
          {
            key: 'cases',
            labelKo: '면책 사건(신청·직권)',
            labelEn: 'Cases registered',
            value: f.cases,
            unit: 'COUNT',
          },
          {
            key: 'granted',
            labelKo: '면책',
            labelEn: 'Granted (면책)',
            value: f.granted,
            unit: 'COUNT',
          },
          {
            key: 'partiallyGranted',
            labelKo: '감경',
            labelEn: 'Partially granted (감경)',
            value: f.partially,
            unit: 'COUNT',
          },
          {
            key: 'denied',
            labelKo: '불인정',
            labelEn: 'Denied (불인정)',
            value: f.denied,
            unit: 'COUNT',
          },
          {
            key: 'quarterlyReportsSubmitted',
            labelKo: '감사원 분기 보고 제출',
            labelEn: 'Quarterly reports to 감사원 submitted',
            value: f.reports_submitted,
            unit: 'COUNT',
          },
          {
            key: 'quarterlyReportsOnTime',
            labelKo: '감사원 분기 보고 기한 내 제출',
            labelEn: 'Quarterly reports to 감사원 submitted on time',
            value: f.reports_on_time,
            unit: 'COUNT',
          },
        ];
      },
    });
  }
}
