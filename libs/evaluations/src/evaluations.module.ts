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
  providers: [EvaluationsService, EvaluationExportService],
  exports: [EvaluationsService, EvaluationExportService],
})
export class EvaluationsModule {}
