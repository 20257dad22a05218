import { Module } from '@nestjs/common';
import { CitizenApplicationsDemoSeed } from './citizen-applications-demo.seed.js';

/** 적극행정 국민신청 (citizens' applications). */
@Module({
  providers: [CitizenApplicationsDemoSeed],
  exports: [CitizenApplicationsDemoSeed],
})
export class CitizenApplicationsModule {}
