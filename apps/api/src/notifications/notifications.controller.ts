import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { NotificationInbox, ReminderRunner } from '@gwaje/notifications';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
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

class RunRequestedDto {
  @ApiProperty() requested: boolean;
}

@ApiTags('notifications · 알림')
@ApiAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly runner: ReminderRunner,
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
      "Run today's reminders for your organisation now (PROACTIVE_OFFICE); the worker sends them",
  })
  @ApiOkResponse({ type: RunRequestedDto, status: 202 } as never)
  run(@CurrentUser() user: AuthUser): Promise<RunRequestedDto> {
    return this.runner.requestRun(user);
  }
}
