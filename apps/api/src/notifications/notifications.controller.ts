import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import {
  EmailFailures,
  NotificationInbox,
  NotificationRuns,
  RUN_STATES,
} from '@gwaje/notifications';
import { DATE, DATE_MESSAGE, toBool } from '../http/dto-helpers.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { SerialParamPipe } from '../http/serial-param.pipe.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { Optional } from '../http/validation.js';
import { FieldLabels } from '../http/field-labels.js';

class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, example: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000, example: 40 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset: number = 0;
}

@FieldLabels({ unread: '읽지 않은 알림만' })
class MyNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the unread ones', example: true })
  @Optional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;
}

class NotificationDto {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty({ example: 'report.due-5' }) rule: string;
  @ApiProperty({ example: '이행실적 제출 기한 임박' }) label: string;
  @ApiProperty({ enum: ['ACTION_REQUIRED', 'DUE_SOON', 'OVERDUE'] }) section: string;
  @ApiProperty() urgent: boolean;
  @ApiProperty({ example: 'report' }) recordType: string;
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '청년 창업 공간 확충 (2026-Q3)',
    description: 'The record as it is called now (null if it no longer exists)',
  })
  title: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '/reports/9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a',
    description: 'The web app page of the record (null if it has none)',
  })
  path: string | null;
  @ApiProperty({ description: 'What it is about is still to be done (false: dealt with since)' })
  stillOpen: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'A comment it carries (a return’s reason, an approval request’s note)',
  })
  note: string | null;
  @ApiProperty({ example: '2026-12-08' }) dueDate: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'When you marked it read; null: unread' })
  readAt: Date | null;
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
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: 'All your unread notifications' }) unread: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

class UnreadCountDto {
  @ApiProperty({ type: 'integer', example: 3 }) unread: number;
}

class MarkedDto {
  @ApiProperty({ type: 'integer', example: 3, description: 'Notifications marked read' })
  marked: number;
}

class PreferencesDto {
  @ApiProperty({ description: 'One reminder email a day (urgent events still come at once)' })
  digest: boolean;
  @ApiProperty({ enum: ['ko', 'en'] }) language: 'ko' | 'en';
}

@FieldLabels({ digest: '요약 메일 수신 여부' })
class UpdatePreferencesDto {
  @ApiPropertyOptional({ example: true }) @Optional() @IsBoolean() digest?: boolean;
  @ApiPropertyOptional({ enum: ['ko', 'en'], example: 'ko' })
  @Optional()
  @IsIn(['ko', 'en'])
  language?: 'ko' | 'en';
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
    example: true,
  })
  @Optional()
  @IsBoolean()
  dryRun?: boolean;
}

class RunRecipientDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ nullable: true, type: String, example: '김민지' }) name: string | null;
  @ApiProperty({ nullable: true, type: String, example: '도시계획과' }) department: string | null;
  @ApiProperty({
    enum: ['ko', 'en'],
    description:
      'The language of their e-mails (their notification preference, else their account)',
  })
  language: 'ko' | 'en';
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'report.due-1': 1, 'weekly.summary': 1 },
    description: 'Reminders their e-mail(s) carry, per rule',
  })
  rules: Record<string, number>;
}

class DeliveryCountsDto {
  @ApiProperty({ type: 'integer', description: 'E-mailed (accepted by the mail server)' })
  sent: number;
  @ApiProperty({ type: 'integer', description: 'Refused by the mail server, tried again later' })
  retrying: number;
  @ApiProperty({
    type: 'integer',
    description: 'Given up after every retry (GET /notifications/failures)',
  })
  failed: number;
  @ApiProperty({
    type: 'integer',
    description: 'Not e-mailed yet (being sent, or waiting for a later digest)',
  })
  pending: number;
  @ApiProperty({ type: 'integer', description: 'Not sent: nothing left to remind of by then' })
  skipped: number;
}

class RunDeliveryDto {
  @ApiProperty({ type: DeliveryCountsDto, description: 'All notifications the run made' })
  states: DeliveryCountsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DeliveryCountsDto' },
    example: { 'report.due-1': { sent: 2, retrying: 0, failed: 0, pending: 0, skipped: 0 } },
    description: 'The same per rule',
  })
  rules: Record<string, DeliveryCountsDto>;
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
  status: string;
  @ApiProperty() businessDay: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'report.due-5': 2, 'report.overdue': 1 },
    description: 'Notifications made (a dry run: that would be made), per rule',
  })
  rules: Record<string, number>;
  @ApiProperty({ type: 'integer' }) notifications: number;
  @ApiProperty({ type: 'integer', description: 'People with reminders to be e-mailed by the run' })
  recipients: number;
  @ApiProperty({
    type: [RunRecipientDto],
    description:
      'Who the run e-mails (a dry run: would e-mail) and what each gets per rule, by department and name; at most 500 (see recipientsTruncated). Empty while QUEUED.',
  })
  recipientList: RunRecipientDto[];
  @ApiProperty({ description: 'More people than the 500 listed in recipientList' })
  recipientsTruncated: boolean;
  @ApiProperty({
    type: RunDeliveryDto,
    nullable: true,
    description:
      'A processed real run: what became of the e-mails of the notifications it made, in all and per rule, as of now (reminders owed from before that the run also sent count in emails, not here). Null for dry runs and while QUEUED.',
  })
  delivery: RunDeliveryDto | null;
  @ApiProperty({ type: 'integer', description: 'E-mails the mail server accepted' }) emails: number;
  @ApiProperty({
    type: 'integer',
    description: 'E-mails the mail server refused (retried with backoff)',
  })
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
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, example: '550 mailbox unavailable' })
  error: string | null;
  @ApiProperty() lastAttemptAt: Date;
  @ApiProperty({ nullable: true, type: Date }) nextAttemptAt: Date | null;
  @ApiProperty({ type: 'integer', description: 'Reminders the e-mail carries' })
  notifications: number;
}

class FailedEmailPageDto {
  @ApiProperty({ type: [FailedEmailDto] }) items: FailedEmailDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
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
  @ApiOperation({
    summary: 'What was sent to me, when and why · 내 알림',
    description:
      '나에게 만들어진 알림(무엇이, 어떤 기록의 어떤 기한 때문에, 언제)과 각 알림의 메일 발송 상태를 최신순으로 한 쪽씩 돌려줍니다. 로그인한 사용자라면 누구나 자기 알림만 볼 수 있습니다.\n\n' +
      'Returns the reminders made for you (which rule, which record and due date, when), each with the status of its e-mail, newest first and a page at a time. Any signed-in user may call it and sees only their own.',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiErrors(400)
  mine(
    @CurrentUser() user: AuthUser,
    @Query() query: MyNotificationsQuery,
  ): Promise<NotificationPageDto> {
    return this.inbox.mine(user, query);
  }

  @Get('me/notifications/unread-count')
  @ApiOperation({
    summary: 'How many of my notifications are unread · 읽지 않은 알림 수',
    description:
      '읽지 않은 내 알림의 수를 돌려줍니다(머리글의 알림 배지). 로그인한 사용자라면 누구나 자기 것만 볼 수 있습니다.\n\n' +
      'Returns how many of your notifications are unread (the header’s badge). Any signed-in user may call it, for their own.',
  })
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { unread: await this.inbox.unreadCount(user) };
  }

  @Post('me/notifications/read-all')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark all my notifications read · 모든 알림 읽음 표시',
    description:
      '읽지 않은 내 알림을 모두 읽음으로 표시하고 표시한 수를 돌려줍니다.\n\n' +
      'Marks every unread notification of yours read and answers how many were.',
  })
  @ApiOkResponse({ type: MarkedDto })
  markAllRead(@CurrentUser() user: AuthUser): Promise<MarkedDto> {
    return this.inbox.markAllRead(user);
  }

  @Post('me/notifications/:id/read')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Mark one of my notifications read · 알림 읽음 표시',
    description:
      '내 알림 하나를 읽음으로 표시합니다(이미 읽었으면 그대로). 다른 사람의 알림이거나 없는 알림이면 404입니다.\n\n' +
      'Marks one of your notifications read (already read: unchanged). Another person’s notification, or none, is a 404.',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  markRead(@CurrentUser() user: AuthUser, @Param('id', SerialParamPipe) id: string): Promise<void> {
    return this.inbox.markRead(user, id);
  }

  @ApiOperation({
    summary: 'Your notification preferences · 알림 설정 조회',
    description:
      '내 알림 메일 설정(하루 한 번 모아 받기 여부, 메일 언어)을 돌려줍니다. 따로 정하지 않았으면 모아 받기는 켜져 있고 언어는 계정 언어를 따릅니다. 로그인한 사용자라면 누구나 호출할 수 있습니다.\n\n' +
      'Returns your e-mail preferences for reminders (daily digest on or off, language); without your own choice the digest is on and the language follows your account. Any signed-in user may call it.',
  })
  @Get('me/notification-preferences')
  @ApiOkResponse({ type: PreferencesDto })
  preferences(@CurrentUser() user: AuthUser): Promise<PreferencesDto> {
    return this.inbox.preferences(user);
  }

  @ApiOperation({
    summary: 'Change your notification preferences · 알림 설정 변경',
    description:
      '내 알림 메일 설정을 바꿉니다. 모아 받기를 끄면 알림마다 메일을 받고, 켜도 긴급 알림은 즉시 옵니다. 보내지 않은 항목은 그대로 두며, 로그인한 사용자라면 누구나 자기 설정만 바꿀 수 있습니다.\n\n' +
      'Changes your e-mail preferences for reminders: with the digest off each reminder comes on its own; urgent ones come at once either way. Fields left out keep their value; any signed-in user may change only their own.',
  })
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
      'Run the reminders of a day for your organisation, or a dry run (PROACTIVE_OFFICE, ADMIN) · 알림 실행',
    description:
      '내 기관의 하루치 알림(기본은 오늘, Asia/Seoul)을 실행하거나 미리보기(dryRun)합니다. 미리보기는 바로 계산하여 누가 무엇을 받을지(받을 사람마다 이름·부서·언어·규칙별 알림 수) 알려 주되 아무것도 바꾸거나 보내지 않고, 실제 실행은 워커에 맡겨져 QUEUED로 응답합니다. 어느 쪽이든 응답은 실행 기록이며 GET /notifications/runs/{id}로 다시 볼 수 있습니다. PROACTIVE_OFFICE·ADMIN만 호출할 수 있고(그 밖은 403), 미래 날짜를 미리보기가 아닌 실제 실행으로 요청하면 400입니다.\n\n' +
      'Runs the reminders of a day (default today, Asia/Seoul) for your organisation, or a dry run. A dry run is worked out at once and answers who would get what (each recipient with name, department, language and reminders per rule), changing and sending nothing; a real run is queued for the worker and answers QUEUED. Either way the answer is the run, also readable at GET /notifications/runs/{id}. PROACTIVE_OFFICE and ADMIN only (403 otherwise); a future date other than as a dry run is a 400.',
  })
  @ApiResponse({ status: 202, type: RunDto })
  @ApiErrors(400)
  run(@CurrentUser() user: AuthUser, @Body() dto: RunRequestDto): Promise<RunDto> {
    return this.runs.request(user, dto);
  }

  @Get('notifications/runs/:id')
  @ApiOperation({
    summary: 'A reminder run of your organisation, with what it made per rule · 알림 실행 결과',
    description:
      '내 기관의 알림 실행 하나를 상태(QUEUED, SENT, NOTHING_DUE 등), 규칙별로 만든 알림 수, 받은 사람 수와 명단(사람마다 이름·부서·언어·규칙별 알림 수, 최대 500명), 메일 발송·실패 수, 처리된 실제 실행이면 만든 알림의 메일 상태별(발송·재시도·실패·대기·생략) 수를 전체와 규칙별로 함께 돌려줍니다. PROACTIVE_OFFICE·ADMIN만 볼 수 있고(그 밖은 403), 다른 기관의 실행이거나 없는 실행이면 404입니다.\n\n' +
      'Returns one reminder run of your organisation with its status (QUEUED, SENT, NOTHING_DUE, …), the reminders made per rule, the recipients and their list (each with name, department, language and reminders per rule, at most 500), the e-mails accepted and refused and, for a processed real run, its reminders per e-mail state (sent, retrying, failed, pending, skipped) in all and per rule. PROACTIVE_OFFICE and ADMIN only (403 otherwise); a run of another organisation, or none, is a 404.',
  })
  @ApiOkResponse({ type: RunDto })
  @ApiErrors(400, 404)
  getRun(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<RunDto> {
    return this.runs.get(user, id);
  }

  @Get('notifications/failures')
  @ApiOperation({
    summary:
      'E-mails given up after every retry, for your organisation (ADMIN) · 발송 실패 메일 목록',
    description:
      '메일 서버가 거부한 메일은 간격을 두 배씩 늘리며(smtp.retryBaseMs) smtp.maxAttempts번까지 다시 보내고, 그래도 실패하면 여기에 나옵니다. 내 기관 사용자에게 가던 발송 실패(FAILED) 메일을 받는 사람, 시도 횟수, 마지막 오류와 함께 한 쪽씩 돌려줍니다. ADMIN만 호출할 수 있고 그 밖은 403입니다.\n\n' +
      'An e-mail the mail server refuses is retried with backoff (smtp.retryBaseMs, doubling) up to smtp.maxAttempts; then it is listed here. Returns, a page at a time, the FAILED e-mails to users of your organisation with recipient, attempts and last error. ADMIN only (403 otherwise).',
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
    summary: 'Send a failed e-mail again (ADMIN) · 발송 실패 메일 재발송',
    description:
      '발송 실패한 메일을 시도 횟수를 초기화하여 다시 보내도록 하며, 워커가 1분 안에 같은 Message-ID로 보냅니다. ADMIN만 호출할 수 있고(그 밖은 403), 내 기관 사용자의 메일이 아니면 404, 발송 실패(FAILED) 상태가 아니면 409입니다.\n\n' +
      'Queues a failed e-mail to be sent again: the worker sends it within a minute, with its attempts reset and the same Message-ID. ADMIN only (403 otherwise); an e-mail not to a user of your organisation is a 404; one that is not FAILED is a 409.',
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
