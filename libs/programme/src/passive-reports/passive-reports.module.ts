import { Module } from '@nestjs/common';
import { PassiveReportsDemoSeed } from './passive-reports-demo.seed.js';

/** 소극행정 신고 (reports of passive administration). */
@Module({
  providers: [PassiveReportsDemoSeed],
  exports: [PassiveReportsDemoSeed],
})
export class PassiveReportsModule {}
