import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { registerPassiveReportDeadlines } from './passive-report-deadlines.js';
import { seoulDate } from '@gwaje/calendar';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { PassiveReportInvestigationService } from './passive-report-investigation.service.js';
import { PassiveReportReminders } from './passive-report-reminders.js';
import { PASSIVE_REPORT_OUTCOME_LABELS, PASSIVE_REPORT_OUTCOMES } from './passive-report-rules.js';
import { PassiveReportsDemoSeed } from './passive-reports-demo.seed.js';
import { PassiveReportsService } from './passive-reports.service.js';

/**
 * 소극행정 신고 (reports of passive administration). On start it registers its reminder source
 * (the worker runs it) and its section of the annual 추진실적 report (`passiveReports`).
 */
@Module({
  imports: [OutboxModule, NotificationsModule],
  providers: [
    PassiveReportsService,
    PassiveReportInvestigationService,
    PassiveReportReminders,
    PassiveReportsDemoSeed,
  ],
  exports: [PassiveReportsService, PassiveReportInvestigationService, PassiveReportsDemoSeed],
})
export class PassiveReportsModule implements OnModuleInit {
  constructor(private readonly reports: PassiveReportsService) {}

  onModuleInit(): void {
    registerPassiveReportDeadlines();
    registerAnnualFigures({
      name: 'passiveReports',
      order: 70,
      titleKo: '소극행정 신고',
      titleEn: 'Reports of passive administration',
      compute: async (m, { organisationId, year }) => {
        const s = await this.reports.yearFigures(m, organisationId, year, seoulDate());
        return [
          {
            key: 'received',
            labelKo: '접수',
            labelEn: 'Received',
            value: s.received,
            unit: 'COUNT' as const,
          },
          {
            key: 'concluded',
            labelKo: '조사 종결',
            labelEn: 'Concluded',
            value: s.concluded,
            unit: 'COUNT' as const,
          },
          ...PASSIVE_REPORT_OUTCOMES.map((o) => ({
            key: outcomeKey(o),
            labelKo: PASSIVE_REPORT_OUTCOME_LABELS[o].ko,
            labelEn: PASSIVE_REPORT_OUTCOME_LABELS[o].en,
            value: s.byOutcome[o],
            unit: 'COUNT' as const,
          })),
          {
            key: 'disciplinaryRequests',
            labelKo: '징계 요구',
            labelEn: 'Disciplinary requests',
            value: s.byOutcome.DISCIPLINE_REQUESTED,
            unit: 'COUNT' as const,
          },
        ];
      },
    });
  }
}

/** NO_ACTION → noAction, DISCIPLINE_REQUESTED → disciplineRequested (figure keys are letters). */
function outcomeKey(outcome: string): string {
  return outcome.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
