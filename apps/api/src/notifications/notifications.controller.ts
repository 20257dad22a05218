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
import { NotificationInbox, NotificationRuns, RUN_STATES } from '@gwaje/notifications';
import { DATE, DATE_MESSAGE } from '../http/dto-helpers.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { Optional } from '../http/validation.js';

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
  @ApiProperty({ enum: ['PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED'] }) emailStatus: string;
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

class UpdatePreferencesDto {
  @ApiPropertyOptional() @Optional() @IsBoolean() digest?: boolean;
  @ApiPropertyOptional({ enum: ['ko', 'en'] }) @Optional() @IsIn(['ko', 'en']) language?:
    'ko' | 'en';
}

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
  @ApiProperty() emails: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
}

@ApiTags('notifications · 알림')
@ApiAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly runs: NotificationRuns,
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
}
