import { Module } from '@nestjs/common';
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
import { EvaluationsService } from './evaluations.service.js';

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
  ],
  providers: [EvaluationsService, EvaluationExportService, EvaluationsDemoSeed],
  exports: [EvaluationsService, EvaluationExportService, EvaluationsDemoSeed],
})
export class EvaluationsModule {}
