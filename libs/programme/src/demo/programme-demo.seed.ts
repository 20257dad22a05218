import { Injectable } from '@nestjs/common';
import { ActionPlanDemoSeed } from '../action-plan/index.js';
import { AnnualReportDemoSeed } from '../annual-report/index.js';
import { CitizenApplicationsDemoSeed } from '../citizen-applications/index.js';
import { EducationDemoSeed } from '../education/index.js';
import { ExemptionsDemoSeed } from '../exemptions/index.js';
import { PassiveReportsDemoSeed } from '../passive-reports/index.js';

/** The yearly programme's demo (issue 22 part 8), after the tasks, consultations and contests. */
@Injectable()
export class ProgrammeDemoSeed {
  constructor(
    private readonly actionPlan: ActionPlanDemoSeed,
    private readonly education: EducationDemoSeed,
    private readonly citizenApplications: CitizenApplicationsDemoSeed,
    private readonly passiveReports: PassiveReportsDemoSeed,
    private readonly exemptions: ExemptionsDemoSeed,
    private readonly annualReport: AnnualReportDemoSeed,
  ) {}

  async run(): Promise<{ created: number }> {
    let created = 0;
    // The annual report last: it is generated from what the others created.
    for (const part of [
      this.actionPlan,
      this.education,
      this.citizenApplications,
      this.passiveReports,
      this.exemptions,
      this.annualReport,
    ]) {
      created += (await part.run()).created;
    }
    return { created };
  }
}
