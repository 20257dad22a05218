import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import {
  EmailFailures,
  NotificationInbox,
  NotificationRuns,
  RUN_STATES,
} from '@gwaje/notifications';
import { DATE, DATE_MESSAGE } from '../http/dto-helpers.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { SerialParamPipe } from '../http/serial-param.pipe.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { Optional } from '../http/validation.js';
import { FieldLabels } from '../http/field-labels.js';

class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset: number = 0;
}

class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'report.due-5' }) rule: string;
  @ApiProperty({ example: '이행실적 제출 기한 임박' }) label: string;
  @ApiProperty({ enum: ['ACTION_REQUIRED', 'DUE_SOON', 'OVERDUE'] }) section: string;
  @ApiProperty() urgent: boolean;
  @ApiProperty({ example: 'report' }) recordType: string;
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty({ example: '2026-12-08' }) dueDate: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({
    enum: ['PENDING', 'SENDING', 'SENT', 'RETRY', 'FAILED', 'SKIPPED'],
    description:
      'PENDING (not e-mailed yet), SENDING, SENT, RETRY (refused by the mail server, tried again later), FAILED (given up), SKIPPED (nothing left to remind of)',
  })
  emailStatus: string;
  @ApiProperty({ nullable: true, type: Date }) sentAt: Date | null;
}

class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

class PreferencesDto {
  @ApiProperty({ description: 'One reminder email a day (urgent events still come at once)' })
  digest: boolean;
  @ApiProperty({ enum: ['ko', 'en'] }) language: 'ko' | 'en';
}

@FieldLabels({ digest: '요약 메일 수신 여부' })
class UpdatePreferencesDto {
  @ApiPropertyOptional() @Optional() @IsBoolean() digest?: boolean;
  @ApiPropertyOptional({ enum: ['ko', 'en'] }) @Optional() @IsIn(['ko', 'en']) language?:
    'ko' | 'en';
}

@FieldLabels({ date: '실행일' })
class RunRequestDto {
  @ApiPropertyOptional({
    example: '2026-11-23',
    description:
      'The day to run (Asia/Seoul); default today. A future day only as a dry run (a real run would send its reminders early).',
  })
  @Optional()
  @Matches(DATE, DATE_MESSAGE)
  date?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Work out what the run would make and for whom, change nothing and send nothing',
  })
  @Optional()
  @IsBoolean()
  dryRun?: boolean;
}

class RunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-11-23' }) date: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({
    enum: RUN_STATES,
    description:
      'QUEUED (the worker has not run it yet), WOULD_SEND (dry run: someone would get e-mail), SENT, NOTHING_DUE, NOT_A_BUSINESS_DAY (nothing is reminded on weekends and holidays), FAILED',
  })
  state: string;
  @ApiProperty() businessDay: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'report.due-5': 2, 'report.overdue': 1 },
    description: 'Notifications made (a dry run: that would be made), per rule',
  })
  rules: Record<string, number>;
  @ApiProperty() notifications: number;
  @ApiProperty({ description: 'People with reminders to be e-mailed by the run' })
  recipients: number;
  @ApiProperty({ description: 'E-mails the mail server accepted' }) emails: number;
  @ApiProperty({ description: 'E-mails the mail server refused (retried with backoff)' })
  failedEmails: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
}

class FailedEmailRecipientDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

class FailedEmailDto {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty({ enum: ['FAILED', 'RETRY'] }) status: string;
  @ApiProperty({ type: FailedEmailRecipientDto }) recipient: FailedEmailRecipientDto;
  @ApiProperty({ enum: ['DIGEST', 'IMMEDIATE'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-07' }) digestDate: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String, example: '550 mailbox unavailable' })
  error: string | null;
  @ApiProperty() lastAttemptAt: Date;
  @ApiProperty({ nullable: true, type: Date }) nextAttemptAt: Date | null;
  @ApiProperty({ description: 'Reminders the e-mail carries' }) notifications: number;
}

class FailedEmailPageDto {
  @ApiProperty({ type: [FailedEmailDto] }) items: FailedEmailDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

@ApiTags('notifications · 알림')
@ApiAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly runs: NotificationRuns,
    private readonly failures: EmailFailures,
  ) {}

  @Get('me/notifications')
  @ApiOperation({ summary: 'What was sent to me, when and why' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiErrors(400)
  mine(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<NotificationPageDto> {
    return this.inbox.mine(user, query);
  }

  @Get('me/notification-preferences')
  @ApiOkResponse({ type: PreferencesDto })
  preferences(@CurrentUser() user: AuthUser): Promise<PreferencesDto> {
    return this.inbox.preferences(user);
  }

  @Put('me/notification-preferences')
  @ApiOkResponse({ type: PreferencesDto })
  @ApiErrors(400)
  setPreferences(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdatePreferencesDto,
  ): Promise<PreferencesDto> {
    return this.inbox.setPreferences(user, dto);
  }

  @Post('notifications/run')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Run the reminders of a day for your organisation, or a dry run (PROACTIVE_OFFICE, ADMIN)',
    description:
      'A dry run is worked out at once and answers who would get what; a real run is queued for the worker. Either way the answer is the run, also readable at GET /notifications/runs/{id}.',
  })
  @ApiResponse({ status: 202, type: RunDto })
  @ApiErrors(400)
  run(@CurrentUser() user: AuthUser, @Body() dto: RunRequestDto): Promise<RunDto> {
    return this.runs.request(user, dto);
  }

  @Get('notifications/runs/:id')
  @ApiOperation({ summary: 'A reminder run of your organisation, with what it made per rule' })
  @ApiOkResponse({ type: RunDto })
  @ApiErrors(400, 404)
  getRun(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<RunDto> {
    return this.runs.get(user, id);
  }

  @Get('notifications/failures')
  @ApiOperation({
    summary: 'E-mails given up after every retry, for your organisation (ADMIN)',
    description:
      'An e-mail the mail server refuses is retried with backoff (smtp.retryBaseMs, doubling) up to smtp.maxAttempts; then it is listed here.',
  })
  @ApiOkResponse({ type: FailedEmailPageDto })
  @ApiErrors(400)
  listFailures(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQuery,
  ): Promise<FailedEmailPageDto> {
    return this.failures.list(user, query);
  }

  @Post('notifications/failures/:id/resend')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a failed e-mail again (ADMIN)',
    description:
      'The worker sends it within a minute, with its attempts reset and the same Message-ID; 409 unless it is FAILED.',
  })
  @ApiResponse({ status: 202, type: FailedEmailDto })
  @ApiErrors(400, 404, 409)
  resendFailure(
    @CurrentUser() user: AuthUser,
    @Param('id', SerialParamPipe) id: string,
  ): Promise<FailedEmailDto> {
    return this.failures.resend(user, id);
  }
}
