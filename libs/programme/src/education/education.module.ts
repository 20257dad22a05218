import { Module } from '@nestjs/common';
import { EducationDemoSeed } from './education-demo.seed.js';

/** 적극행정 education: sessions, attendance, completion. */
@Module({
  providers: [EducationDemoSeed],
  exports: [EducationDemoSeed],
})
export class EducationModule {}
