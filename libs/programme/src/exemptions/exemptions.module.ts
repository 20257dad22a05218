import { Module } from '@nestjs/common';
import { ExemptionsDemoSeed } from './exemptions-demo.seed.js';

/** 면책 register and the quarterly report to 감사원. */
@Module({
  providers: [ExemptionsDemoSeed],
  exports: [ExemptionsDemoSeed],
})
export class ExemptionsModule {}
