import { Module } from '@nestjs/common';
import { ActionPlanModule } from './action-plan/index.js';
import { AnnualReportModule } from './annual-report/index.js';
import { CitizenApplicationsModule } from './citizen-applications/index.js';
import { ProgrammeDemoSeed } from './demo/programme-demo.seed.js';
import { EducationModule } from './education/index.js';
import { ExemptionsModule } from './exemptions/index.js';
import { PassiveReportsModule } from './passive-reports/index.js';

/**
 * The yearly 적극행정 programme (DOMAIN.md §9, issue 22): one sub-module per part, each with its
 * own tables, services, reminder sources and annual-report figures (@gwaje/annual-figures).
 */
@Module({
  imports: [
    ActionPlanModule,
    EducationModule,
    CitizenApplicationsModule,
    PassiveReportsModule,
    ExemptionsModule,
    AnnualReportModule,
  ],
  providers: [ProgrammeDemoSeed],
  exports: [
    ActionPlanModule,
    EducationModule,
    CitizenApplicationsModule,
    PassiveReportsModule,
    ExemptionsModule,
    AnnualReportModule,
    ProgrammeDemoSeed,
  ],
})
export class ProgrammeModule {}
