import { Module } from '@nestjs/common';
import { AnnualReportDemoSeed } from './annual-report-demo.seed.js';

/** The annual 적극행정 추진실적 report upward. */
@Module({
  providers: [AnnualReportDemoSeed],
  exports: [AnnualReportDemoSeed],
})
export class AnnualReportModule {}
