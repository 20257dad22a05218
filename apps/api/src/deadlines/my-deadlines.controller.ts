import { Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DEADLINE_KINDS, MyDeadlinesService } from '@gwaje/deadlines';
import { type AuthUser, CurrentUser, Public } from '@gwaje/identity';
import { DATE, DATE_MESSAGE } from '../http/dto-helpers.js';
import { FieldLabels } from '../http/field-labels.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';

@FieldLabels({ from: '시작 날짜', to: '끝 날짜' })
class DeadlineRangeQuery {
  @ApiProperty({ example: '2026-12-01', description: 'First day (Asia/Seoul)' })
  @Matches(DATE, DATE_MESSAGE)
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day; at most 366 days after from' })
  @Matches(DATE, DATE_MESSAGE)
  to: string;
}

class DeadlineDto {
  @ApiProperty({ example: 'report-9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a' }) id: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: string;
  @ApiProperty({ example: '2026-12-08' }) date: string;
  @ApiProperty({ example: '2026-01 청년 창업 공간 확충 (2026-Q4)' }) title: string;
  @ApiProperty({ example: '/reports/9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a' }) path: string;
  @ApiProperty({ format: 'uuid' }) recordId: string;
}

class FeedDto {
  @ApiProperty({ description: 'A feed URL exists (it is shown only when made)' }) active: boolean;
  @ApiProperty({ nullable: true, type: Date }) createdAt: Date | null;
}

class NewFeedDto {
  @ApiProperty({
    example: 'https://gwaje.example.go.kr/api/v1/calendar-feeds/Qm9vdHN0cmFw…c2VjcmV0.ics',
    description: 'The secret URL to subscribe to; keep it private (anyone with it reads the feed)',
  })
  url: string;
  @ApiProperty() createdAt: Date;
}

@ApiTags('deadlines · 내 일정')
@Controller()
export class MyDeadlinesController {
  constructor(private readonly deadlines: MyDeadlinesService) {}

  @Get('me/deadlines')
  @ApiAuth()
  @ApiOperation({
    summary: 'My deadlines between two days · 내 일정',
    description:
      '내가 챙겨야 할 기한을 날짜순으로 돌려줍니다: 내가 담당하거나 참여하는(부서장은 부서가 주관하는) 추진 중 과제의 계획된 단계, 내가 담당하거나 부서가 주관하는 과제의 제출 전 이행실적, 감사담당관이면 기관 사전컨설팅의 접수 검토와 배정된 의견 회신, 신청한 사전컨설팅의 의견 회신. 한 번에 366일까지이며, 끝 날짜가 시작보다 빠르거나 범위를 넘으면 400입니다.\n\n' +
      'Returns the deadlines you are concerned with, by date: planned milestones of running tasks you own or are a member of (a head: of tasks your department leads), reports still to submit of tasks you own or your department leads, and, as an AUDITOR, the screening of your organisation’s pre-consultations and the opinions assigned to you, plus the opinion on consultations you filed. Up to 366 days at a time; an end before the start or a longer range is a 400.',
  })
  @ApiOkResponse({ type: [DeadlineDto] })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() q: DeadlineRangeQuery): Promise<DeadlineDto[]> {
    return this.deadlines.list(user, q.from, q.to);
  }

  @Get('me/calendar-feed')
  @ApiAuth()
  @ApiOperation({
    summary: 'Whether you have a calendar feed URL · 일정 구독 주소 상태',
    description:
      '내 일정을 달력 앱(iCal)으로 구독하는 주소가 있는지와 만든 때를 돌려줍니다. 주소 자체는 만들 때 한 번만 보여 줍니다.\n\n' +
      'Whether you have an iCal feed URL of your deadlines, and since when; the URL itself is shown only when made.',
  })
  @ApiOkResponse({ type: FeedDto })
  feed(@CurrentUser() user: AuthUser): Promise<FeedDto> {
    return this.deadlines.feed(user);
  }

  @Post('me/calendar-feed')
  @ApiAuth()
  @ApiOperation({
    summary: 'Make a new calendar feed URL (the old one stops working) · 일정 구독 주소 만들기',
    description:
      '내 일정을 달력 앱에서 구독할 비밀 주소를 새로 만들어 한 번 보여 줍니다. 이전 주소는 바로 쓸 수 없게 됩니다. 주소를 가진 사람은 누구나 내 일정(제목과 날짜)을 볼 수 있으니 남에게 알리지 마세요.\n\n' +
      'Makes a new secret URL to subscribe to your deadlines in a calendar application and shows it once; any earlier one stops working at once. Anyone with the URL reads your deadlines (titles and days): keep it private.',
  })
  @ApiCreatedResponse({ type: NewFeedDto })
  createFeed(@CurrentUser() user: AuthUser): Promise<NewFeedDto> {
    return this.deadlines.createFeed(user);
  }

  @Delete('me/calendar-feed')
  @ApiAuth()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke your calendar feed URL · 일정 구독 주소 없애기',
    description:
      '일정 구독 주소를 없앱니다. 그 주소는 바로 404가 됩니다.\n\n' +
      'Revokes your calendar feed URL: it answers 404 at once.',
  })
  @ApiNoContentResponse()
  revokeFeed(@CurrentUser() user: AuthUser): Promise<void> {
    return this.deadlines.revokeFeed(user);
  }

  @Get('calendar-feeds/:token.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: 'A calendar feed (iCal), by its secret URL · 일정 구독(iCal)',
    description:
      '비밀 주소의 주인이 챙겨야 할 기한(오늘 전 31일부터 뒤 366일까지)을 iCal(text/calendar) 종일 일정으로 돌려줍니다. 로그인 없이 주소가 곧 자격이며, 없거나 없앤 주소, 비활성 사용자의 주소는 404입니다.\n\n' +
      'Returns the deadlines of the secret URL’s owner (31 days back to 366 ahead) as all-day iCal (text/calendar) events. No sign-in: the URL is the credential; an unknown or revoked URL, or one of a deactivated user, is a 404.',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The iCal feed', schema: { type: 'string' } })
  @ApiErrors(404)
  ics(@Param('token') token: string): Promise<string> {
    return this.deadlines.ics(token);
  }
}
