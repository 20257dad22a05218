import { Module } from '@nestjs/common';
import { AnnualReportDemoSeed } from './annual-report-demo.seed.js';
import { AnnualReportExportService } from './annual-report-export.service.js';
import { AnnualReportService } from './annual-report.service.js';

/**
 * The annual 적극행정 추진실적 report upward (issue 22 part 7): generated from the sections the
 * capabilities register through @gwaje/annual-figures (so it names none of their tables), stored
 * per version, submitted upward, exported as XLSX and PDF.
 */
@Module({
  providers: [AnnualReportService, AnnualReportExportService, AnnualReportDemoSeed],
  exports: [AnnualReportService, AnnualReportExportService, AnnualReportDemoSeed],
})
export class AnnualReportModule {}
