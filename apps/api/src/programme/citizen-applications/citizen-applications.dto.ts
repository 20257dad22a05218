import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  APPLICATION_ACTIONS,
  APPLICATION_CHANNELS,
  APPLICATION_DECISIONS,
  APPLICATION_STATUSES,
  type ApplicationChannel,
  type ApplicationDecision,
  type ApplicationStatus,
  REPLY_METHODS,
  type ReplyMethod,
} from '@gwaje/programme';
import { DATE, DATE_MESSAGE, FieldLabels, Optional, RealDate, toList, trim } from '../http.js';

const TEXT_MAX = 10_000;
const VERSION = { description: 'The version you read; a stale one is a 409', example: 1 };

@FieldLabels({
  applicationNumber: '신청번호',
  channel: '접수 경로',
  receivedOn: '접수일',
  applicantName: '신청인 성명',
  applicantPhone: '신청인 전화번호',
  applicantEmail: '신청인 이메일',
  content: '신청 내용',
  challengedRule: '개선을 요구하는 규정·관행',
})
export class RegisterApplicationDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 50,
    example: '2026-국민신청-001',
    description: 'Unique in the organisation (e.g. the 국민신문고 number)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  applicationNumber: string;

  @ApiProperty({
    enum: APPLICATION_CHANNELS,
    example: 'EPEOPLE',
    description: 'OFFICE (received at the office), EPEOPLE (entered from the 국민신문고 record)',
  })
  @IsIn(APPLICATION_CHANNELS)
  channel: ApplicationChannel;

  @ApiProperty({ example: '2026-03-02', description: 'Day of receipt; not in the future' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  receivedOn: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: '김민수' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  applicantName: string;

  @ApiPropertyOptional({
    maxLength: 30,
    example: '010-1234-5678',
    description: 'A phone number or an e-mail address (or both) is required',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(30)
  applicantPhone?: string;

  @ApiPropertyOptional({
    maxLength: 254,
    example: 'minsu.kim@example.com',
    description: 'If given, the reply is also e-mailed to it',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  applicantEmail?: string;

  @ApiProperty({
    minLength: 1,
    maxLength: TEXT_MAX,
    example: '공원 내 푸드트럭 영업 허가 기간을 1년 단위로 늘려 주십시오.',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  content: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: '도시공원 점용허가 기간을 6개월로 제한하는 관행',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  challengedRule: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '0b9a3c2e-6f1d-4c8e-9a57-3d2f1e0c4b6a',
    description: 'Assign at once to this department of your organisation',
  })
  @Optional()
  @IsUUID('all')
  departmentId?: string;
}

@FieldLabels({ version: '버전', departmentId: '부서', reason: '배정 사유' })
export class AssignApplicationDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ format: 'uuid', example: '0b9a3c2e-6f1d-4c8e-9a57-3d2f1e0c4b6a' })
  @IsUUID('all')
  departmentId: string;

  @ApiPropertyOptional({ maxLength: 2000, example: '소관 부서 변경' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

@FieldLabels({ version: '버전', notes: '검토 의견' })
export class StartReviewDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '관련 조례 검토 착수' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  notes?: string;
}

@FieldLabels({ version: '버전', notes: '검토 의견' })
export class ReviewNotesDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({
    minLength: 1,
    maxLength: TEXT_MAX,
    example: '조례 개정 없이 허가 기간 연장 가능',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  notes: string;
}

@FieldLabels({ version: '버전', requestedOn: '의견 요청일', note: '요청 내용' })
export class RequestOpinionDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    example: '2026-03-10',
    description: 'Day the committee was asked (today when left out); not before receipt',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  requestedOn?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '선례가 없어 위원회 의견을 구함' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string;
}

@FieldLabels({ version: '버전', opinionOn: '의견일', opinion: '위원회 의견' })
export class RecordOpinionDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    example: '2026-03-20',
    description: 'Day of the opinion (today when left out); not before it was asked',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  opinionOn?: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, example: '수용 의견' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  opinion: string;
}

@FieldLabels({ version: '버전', decision: '결정', reasons: '결정 사유', decidedOn: '결정일' })
export class DecideApplicationDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({
    enum: APPLICATION_DECISIONS,
    example: 'ACCEPTED',
    description: 'ACCEPTED (수용) or REJECTED (불수용)',
  })
  @IsIn(APPLICATION_DECISIONS)
  decision: ApplicationDecision;

  @ApiProperty({
    minLength: 1,
    maxLength: TEXT_MAX,
    example: '점용허가 기간을 1년으로 연장하도록 운영 지침을 개정함',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  reasons: string;

  @ApiPropertyOptional({
    example: '2026-03-25',
    description: 'Day of the decision (today when left out); not before receipt, not in the future',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  decidedOn?: string;
}

@FieldLabels({ version: '버전', repliedOn: '회신일', method: '회신 방법', text: '회신 내용' })
export class ReplyApplicationDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    example: '2026-03-26',
    description: 'Day of the reply (today when left out); not before the decision',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  repliedOn?: string;

  @ApiProperty({ enum: REPLY_METHODS, example: 'EMAIL' })
  @IsIn(REPLY_METHODS)
  method: ReplyMethod;

  @ApiProperty({
    minLength: 1,
    maxLength: TEXT_MAX,
    example: '신청하신 내용을 수용하여 허가 기간을 1년으로 늘렸습니다.',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  text: string;
}

export class ApplicationListQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Year of receipt' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    enum: APPLICATION_STATUSES,
    isArray: true,
    description: 'One or more statuses, comma-separated',
  })
  @Optional()
  @Transform(toList)
  @IsIn(APPLICATION_STATUSES, { each: true })
  @ArrayMaxSize(APPLICATION_STATUSES.length)
  status?: ApplicationStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID('all')
  departmentId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, example: 100 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 0 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class ApplicationYearQuery {
  @ApiProperty({ example: 2026, description: 'Year of receipt' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

class ApplicantDto {
  @ApiProperty({ nullable: true, type: String, description: 'null when masked' })
  name: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when masked or not given' })
  phone: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when masked or not given' })
  email: string | null;
}

class ApplicationDepartmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

class ApplicationReviewDto {
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
}

class CommitteeOpinionDto {
  @ApiProperty({ format: 'date' }) requestedOn: string;
  @ApiProperty({ nullable: true, type: String }) requestNote: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) opinionOn: string | null;
  @ApiProperty({ nullable: true, type: String }) opinion: string | null;
}

class ApplicationDecisionDto {
  @ApiProperty({ enum: APPLICATION_DECISIONS }) decision: string;
  @ApiProperty() reasons: string;
  @ApiProperty({ format: 'date' }) decidedOn: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
}

class ApplicationReplyDto {
  @ApiProperty({ format: 'date' }) repliedOn: string;
  @ApiProperty({ enum: REPLY_METHODS }) method: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) repliedBy: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: ['PENDING', 'SENDING', 'SENT', 'FAILED'],
    description: 'The e-mail to the applicant; null when no address was given',
  })
  emailStatus: string | null;
  @ApiProperty({ nullable: true, type: Date }) emailSentAt: Date | null;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() applicationNumber: string;
  @ApiProperty({ enum: APPLICATION_CHANNELS }) channel: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({
    description: 'Whether applicant holds the personal data (office and assigned department)',
  })
  personalDataVisible: boolean;
  @ApiProperty({ type: ApplicantDto }) applicant: ApplicantDto;
  @ApiProperty() content: string;
  @ApiProperty() challengedRule: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty({ type: 'integer' }) processingBusinessDays: number;
  @ApiProperty({ format: 'date', description: '처리기한 (business days after receipt)' })
  dueDate: string;
  @ApiProperty({ description: 'Not replied to after its deadline' }) overdue: boolean;
  @ApiProperty({ type: ApplicationDepartmentDto, nullable: true })
  department: ApplicationDepartmentDto | null;
  @ApiProperty({ nullable: true, type: Date }) assignedAt: Date | null;
  @ApiProperty({ type: 'integer' }) reassignedCount: number;
  @ApiProperty({ type: ApplicationReviewDto, nullable: true }) review: ApplicationReviewDto | null;
  @ApiProperty({ type: CommitteeOpinionDto, nullable: true })
  committeeOpinion: CommitteeOpinionDto | null;
  @ApiProperty({ type: ApplicationDecisionDto, nullable: true })
  decision: ApplicationDecisionDto | null;
  @ApiProperty({ type: ApplicationReplyDto, nullable: true }) reply: ApplicationReplyDto | null;
  @ApiProperty({ enum: APPLICATION_ACTIONS, isArray: true }) allowedActions: string[];
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

class ApplicationsByStatusDto {
  @ApiProperty({ type: 'integer' }) RECEIVED: number;
  @ApiProperty({ type: 'integer' }) ASSIGNED: number;
  @ApiProperty({ type: 'integer' }) UNDER_REVIEW: number;
  @ApiProperty({ type: 'integer' }) COMMITTEE_OPINION_REQUESTED: number;
  @ApiProperty({ type: 'integer' }) DECIDED: number;
  @ApiProperty({ type: 'integer' }) REPLIED: number;
}

export class ApplicationStatisticsDto {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'integer' }) received: number;
  @ApiProperty({ type: ApplicationsByStatusDto }) byStatus: ApplicationsByStatusDto;
  @ApiProperty({ type: 'integer' }) accepted: number;
  @ApiProperty({ type: 'integer' }) rejected: number;
  @ApiProperty({ type: 'integer', description: 'Received, not decided yet' }) pending: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Business days from receipt to the reply, averaged over those replied to',
  })
  averageProcessingBusinessDays: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'Replied after the deadline, or not replied and past it today',
  })
  overdue: number;
}
