import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { EVALUATION_ANNUAL_FIGURES } from './evaluation-annual-figures.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  EvaluationConflict,
  EvaluationMember,
  EvaluationResolution,
  EvaluationRound,
  EvaluationScore,
  IncentiveGrant,
  IncentivePreference,
  Nomination,
} from './evaluation.entity.js';
import { EvaluationExportService } from './evaluation-export.service.js';
import { EvaluationsDemoSeed } from './demo/evaluations-demo.seed.js';
import { EvaluationReminders } from './evaluation-reminders.js';
import { EvaluationsService } from './evaluations.service.js';
import { IncentiveReportService } from './incentive-report.service.js';
import { NotificationsModule } from '@gwaje/notifications';
import { CommitteeModule } from '@gwaje/committee';
import { EvaluationCriteriaAgenda, EvaluationResultsAgenda } from './evaluation-agenda.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      EvaluationRound,
      EvaluationMember,
      Nomination,
      EvaluationConflict,
      EvaluationScore,
      EvaluationResolution,
      IncentiveGrant,
      IncentivePreference,
    ]),
    NotificationsModule,
    CommitteeModule,
  ],
  providers: [
    EvaluationsService,
    EvaluationExportService,
    EvaluationsDemoSeed,
    EvaluationReminders,
    IncentiveReportService,
    EvaluationCriteriaAgenda,
    EvaluationResultsAgenda,
  ],
  exports: [
    EvaluationsService,
    EvaluationExportService,
    EvaluationsDemoSeed,
    IncentiveReportService,
  ],
})
export class EvaluationsModule implements OnModuleInit {
  onModuleInit(): void {
    // The annual 추진실적 report's 우수공무원·인사상 우대 section (@gwaje/annual-figures).
    registerAnnualFigures(EVALUATION_ANNUAL_FIGURES);
  }
}
