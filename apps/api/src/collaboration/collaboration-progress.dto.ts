import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ALL_TASK_STATUSES } from '@gwaje/tasks';
import { trim } from '../http/dto-helpers.js';
import { FieldLabels } from '../http/field-labels.js';
import { Optional } from '../http/validation.js';
import { EducationDashboardFiguresDto } from '../programme/education/education.dto.js';

// Shared progress of collaboration tasks (issue 21 item 4) and the coordinator's dashboard figures.

@FieldLabels({ text: '참여기관 추진실적', progress: '분담 진척도', version: '버전' })
export class PutContributionDto {
  @ApiProperty({
    maxLength: 10_000,
    description: '이 기관의 기여(추진실적) · what the organisation contributed in the period',
    example: '구 시범 운영 대상 3개 동 선정, 주민 설명회 2회 개최',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  text: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    nullable: true,
    type: Number,
    example: 40,
    description: 'The progress (%) of its own share; left as it was when absent, cleared with null',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number | null;

  @ApiPropertyOptional({
    example: 1,
    description:
      'The version you read; required to change a contribution already written (a stale one is a 409), absent for the first',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ContributionDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ['LEAD', 'PARTICIPANT'] }) role: 'LEAD' | 'PARTICIPANT';
  @ApiProperty({ nullable: true, type: String, description: 'null: not written yet' })
  text: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Progress (%) of its own share' })
  progress: number | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) author: PersonRefDto | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null until written' })
  version: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: Date | null;
  @ApiProperty({ description: 'Whether you may write it now' }) editable: boolean;
}

export class ContributionsDto {
  @ApiProperty({ format: 'uuid' }) collaborationId: string;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({
    description: 'The report’s status (contributions are written in DRAFT and RETURNED)',
  })
  reportStatus: string;
  @ApiProperty({
    format: 'uuid',
    description: 'Whose AUDITOR and PROACTIVE_OFFICE accept or return the report (reviewBy)',
  })
  reviewerOrganisationId: string;
  @ApiProperty({ type: [ContributionDto], description: 'Every participant, the lead first' })
  items: ContributionDto[];
}

class CoordinatorCountsDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: '중점 협업과제' }) focus: number;
  @ApiProperty({ type: 'integer', description: '기관관리 협업과제' }) agencyManaged: number;
  @ApiProperty({
    type: 'integer',
    description: 'Running, and past due or with a milestone past due',
  })
  delayed: number;
  @ApiProperty({
    type: 'integer',
    description: 'Tasks with a participant that has not agreed the current plan',
  })
  awaitingAgreement: number;
  @ApiProperty({ type: 'integer', description: 'Missing agreements in all (participants × tasks)' })
  agreementsMissing: number;
}

class CoordinatorLeadFiguresDto extends CoordinatorCountsDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
}

export class CoordinatorFiguresDto extends CoordinatorCountsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: `Tasks by status (${ALL_TASK_STATUSES.join(', ')})`,
  })
  byStatus: Record<string, number>;
  @ApiProperty({ type: 'integer', description: 'Focus tasks that are delayed' })
  focusDelayed: number;
  @ApiProperty({ type: [CoordinatorLeadFiguresDto], description: 'Per lead organisation' })
  byLead: CoordinatorLeadFiguresDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Figures of other collaboration capabilities by name (e.g. 협업SOS)',
  })
  extensions: Record<string, unknown>;
}

/** The registered sections of a dashboard (libs/dashboards/src/dashboard-sections.ts). */
export class DashboardSectionsDto {
  @ApiPropertyOptional({
    type: CoordinatorFiguresDto,
    description:
      'The collaboration tasks of the year the organisation coordinates (only for a coordinating organisation) · 총괄 협업과제 현황',
  })
  collaborations?: CoordinatorFiguresDto;

  @ApiPropertyOptional({
    type: EducationDashboardFiguresDto,
    description:
      '적극행정 education of the year: completion per department (issue 22 part 2) · 적극행정 교육 이수 현황',
  })
  education?: EducationDashboardFiguresDto;
}
