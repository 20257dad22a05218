import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import {
  SAVED_VIEW_LISTS,
  SAVED_VIEW_NAME_MAX,
  SAVED_VIEW_QUERY_MAX,
  type SavedViewList,
  SavedViewsService,
} from '@gwaje/saved-views';
import { trim } from '../http/dto-helpers.js';
import { FieldLabels } from '../http/field-labels.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { Optional } from '../http/validation.js';

@FieldLabels({ list: '목록' })
class SavedViewListQuery {
  @ApiProperty({ enum: SAVED_VIEW_LISTS, example: 'tasks' })
  @IsIn(SAVED_VIEW_LISTS)
  list: SavedViewList;
}

@FieldLabels({ list: '목록', name: '보기 이름', query: '조건', shared: '공유' })
class CreateSavedViewDto {
  @ApiProperty({ enum: SAVED_VIEW_LISTS, example: 'tasks' })
  @IsIn(SAVED_VIEW_LISTS)
  list: SavedViewList;

  @ApiProperty({ maxLength: SAVED_VIEW_NAME_MAX, example: '지연 과제(올해)' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(SAVED_VIEW_NAME_MAX)
  name: string;

  @ApiProperty({
    maxLength: SAVED_VIEW_QUERY_MAX,
    example: 'year=2026&delayed=true&sort=dueDate',
    description:
      'The list’s filters and sort as a URL query string; only the names the list keeps in its URL (tasks: year, status, leadDepartmentId, ownerId, risk, delayed, q, sort, order, limit; reports: year, period, departmentId, taskId, state, late, missing, sort, order; consultations: state, overdue, assignedToMe, departmentId, year, taskId, sort, order)',
  })
  @IsString()
  @MaxLength(SAVED_VIEW_QUERY_MAX)
  query: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Shared with the organisation (PROACTIVE_OFFICE and ADMIN only)',
  })
  @Optional()
  @IsBoolean()
  shared?: boolean;
}

@FieldLabels({ name: '보기 이름', query: '조건', shared: '공유' })
class UpdateSavedViewDto {
  @ApiPropertyOptional({ maxLength: SAVED_VIEW_NAME_MAX, example: '지연 과제(전체)' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(SAVED_VIEW_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: SAVED_VIEW_QUERY_MAX, example: 'delayed=true' })
  @Optional()
  @IsString()
  @MaxLength(SAVED_VIEW_QUERY_MAX)
  query?: string;

  @ApiPropertyOptional({
    description: 'Shared with the organisation (PROACTIVE_OFFICE and ADMIN only)',
  })
  @Optional()
  @IsBoolean()
  shared?: boolean;
}

class SavedViewOwnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '김민지' }) name: string;
}

class SavedViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SAVED_VIEW_LISTS }) list: string;
  @ApiProperty({ example: '지연 과제(올해)' }) name: string;
  @ApiProperty({ example: 'year=2026&delayed=true' }) query: string;
  @ApiProperty() shared: boolean;
  @ApiProperty({ type: SavedViewOwnerDto }) owner: SavedViewOwnerDto;
  @ApiProperty({ description: 'You saved it (and may change it)' }) mine: boolean;
  @ApiProperty({ description: 'You may delete it' }) deletable: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

@ApiTags('saved-views · 저장된 보기')
@ApiAuth()
@Controller('saved-views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  @ApiOperation({
    summary: 'Your saved views of a list and the ones your organisation shares · 저장된 보기 목록',
    description:
      '중점과제 목록·이행실적 목록·사전컨설팅 목록(list) 하나의 저장된 보기를 돌려줍니다: 내가 저장한 보기와 우리 기관에 공유된 보기(공유 보기 먼저, 이름 순).\n\n' +
      'Returns the saved views of one list (tasks, reports or consultations): your own and those shared with your organisation (shared first, then by name).',
  })
  @ApiOkResponse({ type: [SavedViewDto] })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: SavedViewListQuery): Promise<SavedViewDto[]> {
    return this.views.list(user, query.list);
  }

  @Post()
  @ApiOperation({
    summary: 'Save the list’s current filters and sort as a view · 보기 저장',
    description:
      '목록의 현재 조건과 정렬(URL 쿼리 문자열)을 이름을 붙여 저장하고 변경 이력에 남깁니다. 누구나 자기 보기를 저장할 수 있고, 기관에 공유하는 보기(shared: true)는 적극행정 전담부서(PROACTIVE_OFFICE)와 관리자(ADMIN)만 만들 수 있습니다(그 밖은 403). 그 목록이 쓰지 않는 조건, 같은 조건 두 번, 1,000자를 넘는 조건, 알 수 없는 정렬은 400입니다.\n\n' +
      'Saves the list’s current filters and sort (a URL query string) under a name, recorded in history. Anyone may save their own views; only PROACTIVE_OFFICE and ADMIN may create one shared with the organisation (403 otherwise). A parameter the list does not use, one given twice, a query over 1,000 characters or an unknown sort is a 400.',
  })
  @ApiCreatedResponse({ type: SavedViewDto })
  @ApiErrors(400)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSavedViewDto): Promise<SavedViewDto> {
    return this.views.create(user, dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename a view of yours or change its filters · 저장된 보기 수정',
    description:
      '내가 저장한 보기의 이름·조건·공유 여부를 바꾸고 변경 이력에 남깁니다. 다른 사람의 공유 보기면 403, 공유로 바꾸는 것은 전담부서·관리자만(그 밖은 403), 보이지 않는 보기(다른 사람의 공유하지 않은 보기, 다른 기관의 보기)는 404입니다.\n\n' +
      'Changes the name, filters or sharing of a view you saved, recorded in history. Someone else’s shared view is a 403; sharing is for PROACTIVE_OFFICE and ADMIN only (403); a view you cannot see (someone’s unshared one, another organisation’s) is a 404.',
  })
  @ApiOkResponse({ type: SavedViewDto })
  @ApiErrors(400, 404)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateSavedViewDto,
  ): Promise<SavedViewDto> {
    return this.views.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a view of yours (a shared one: also the office) · 저장된 보기 삭제',
    description:
      '내가 저장한 보기를 지우고 변경 이력에 남깁니다. 기관에 공유된 보기는 그 기관의 적극행정 전담부서(PROACTIVE_OFFICE)와 관리자(ADMIN)도 지울 수 있습니다. 그 밖의 공유 보기는 403, 보이지 않는 보기는 404입니다.\n\n' +
      'Deletes a view you saved, recorded in history. A view shared with the organisation may also be deleted by its PROACTIVE_OFFICE and ADMIN. Any other shared view is a 403; a view you cannot see a 404.',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.views.remove(user, id);
  }
}
