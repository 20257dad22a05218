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
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  COMMENT_MAX_LENGTH,
  COMMENT_MAX_MENTIONS,
  COMMENT_RECORD_TYPES,
  type CommentRecordType,
  CommentsService,
} from '@gwaje/comments';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { FieldLabels } from '../http/field-labels.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { Optional } from '../http/validation.js';

@FieldLabels({ recordType: '댓글 대상 종류', recordId: '댓글 대상' })
class CommentTargetQuery {
  @ApiProperty({ enum: COMMENT_RECORD_TYPES, example: 'task' })
  @IsIn(COMMENT_RECORD_TYPES)
  recordType: CommentRecordType;

  @ApiProperty({ format: 'uuid', example: '9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a' })
  @IsUUID()
  recordId: string;
}

@FieldLabels({ q: '이름 또는 부서' })
class MentionableQuery extends CommentTargetQuery {
  @ApiProperty({ maxLength: 50, example: '김' })
  @IsString()
  @MaxLength(50)
  q: string;
}

@FieldLabels({ body: '댓글 내용', mentionIds: '언급한 사람', parentId: '답글을 다는 댓글' })
class CreateCommentDto extends CommentTargetQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The comment this replies to (a reply to a reply joins its thread)',
  })
  @Optional()
  @IsUUID()
  parentId?: string;

  @ApiProperty({
    maxLength: COMMENT_MAX_LENGTH,
    example: '@김민지 3분기 집행 내역 확인 부탁드립니다.',
  })
  @IsString()
  @MaxLength(COMMENT_MAX_LENGTH)
  body: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    isArray: true,
    maxItems: COMMENT_MAX_MENTIONS,
    description: 'People mentioned (notified at once); each must be able to read the record',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(COMMENT_MAX_MENTIONS)
  @IsUUID('all', { each: true })
  mentionIds?: string[];
}

@FieldLabels({ body: '댓글 내용', mentionIds: '언급한 사람' })
class UpdateCommentDto {
  @ApiProperty({ maxLength: COMMENT_MAX_LENGTH, example: '3분기 집행 내역을 첨부했습니다.' })
  @IsString()
  @MaxLength(COMMENT_MAX_LENGTH)
  body: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    isArray: true,
    maxItems: COMMENT_MAX_MENTIONS,
    description: 'Everyone it mentions now (left out: unchanged); those new to it are notified',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(COMMENT_MAX_MENTIONS)
  @IsUUID('all', { each: true })
  mentionIds?: string[];

  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

class CommentPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '김민지' }) name: string;
}

class CommentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: COMMENT_RECORD_TYPES }) recordType: string;
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ type: CommentPersonDto, nullable: true }) author: CommentPersonDto | null;
  @ApiProperty({ description: 'Empty once deleted' }) body: string;
  @ApiProperty({ type: [CommentPersonDto] }) mentions: CommentPersonDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) editedAt: Date | null;
  @ApiProperty() deleted: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'Until when you may still edit or delete it (null: you may not)',
  })
  editableUntil: Date | null;
}

class MentionCandidateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '김민지' }) name: string;
  @ApiProperty({ example: '복지정책과' }) departmentName: string;
}

@ApiTags('comments · 댓글')
@ApiAuth()
@Controller('comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @ApiOperation({
    summary: 'The comments on a record, oldest first · 댓글 목록',
    description:
      '중점과제·이행실적·사전컨설팅·협업과제 하나의 댓글과 답글을 오래된 순으로 돌려줍니다(언급한 사람, 수정 시각, 내가 아직 고칠 수 있는 시한 포함). 그 기록을 읽을 수 있는 사용자만 볼 수 있고, 그렇지 않으면 404입니다.\n\n' +
      'Returns the comments and replies on one task, report, pre-consultation or collaboration task, oldest first, with the people mentioned, when edited and until when you may still change yours. Only those who may read the record may read them; anyone else gets a 404.',
  })
  @ApiOkResponse({ type: [CommentDto] })
  @ApiErrors(400, 404)
  list(@CurrentUser() user: AuthUser, @Query() query: CommentTargetQuery): Promise<CommentDto[]> {
    return this.comments.list(user, query.recordType, query.recordId);
  }

  @Get('mentionable')
  @ApiOperation({
    summary: 'People you may mention on a record, by name or department · 언급할 사람 찾기',
    description:
      '이름이나 부서로 찾은, 그 기록을 읽을 수 있는 활성 사용자(내 기관과 기록의 기관)를 최대 10명 돌려줍니다. 기록을 읽을 수 없으면 404입니다.\n\n' +
      'Returns up to 10 active users (of your organisation and the record’s) whose name or department matches and who may read the record. A record you may not read is a 404.',
  })
  @ApiOkResponse({ type: [MentionCandidateDto] })
  @ApiErrors(400, 404)
  mentionable(
    @CurrentUser() user: AuthUser,
    @Query() query: MentionableQuery,
  ): Promise<MentionCandidateDto[]> {
    return this.comments.mentionable(user, query.recordType, query.recordId, query.q);
  }

  @Post()
  @ApiOperation({
    summary: 'Comment on a record, or reply, mentioning people · 댓글 쓰기',
    description:
      '기록에 댓글이나 답글을 쓰고 언급한 사람에게 바로 알림(메일)을 보내며, 기록의 변경 이력에 남깁니다. 그 기록을 읽을 수 있는 사용자라면 누구나 쓸 수 있고(그 밖은 404), 내용이 비었거나 4,000자를 넘거나, 다른 기록의 댓글에 답하거나, 기록을 읽을 수 없는 사람을 언급하면 400입니다.\n\n' +
      'Writes a comment or a reply on a record, notifies the people it mentions at once (e-mail) and records it in the record’s history. Anyone who may read the record may comment (anyone else gets a 404); an empty body or one over 4,000 characters, a reply to a comment of another record, or mentioning someone who may not read the record is a 400.',
  })
  @ApiCreatedResponse({ type: CommentDto })
  @ApiErrors(400, 404)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCommentDto): Promise<CommentDto> {
    return this.comments.add(user, dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit your comment, within the edit window · 댓글 수정',
    description:
      '내 댓글을 작성 후 comments.editMinutes(기본 15분) 안에 고칩니다. 새로 언급한 사람에게만 알림이 가고, 이전 내용은 변경 이력에 남습니다. 다른 사람의 댓글이면 403, 시간이 지났거나 삭제된 댓글이면 409, 읽은 version이 오래되었으면 409, 기록을 읽을 수 없으면 404입니다.\n\n' +
      'Edits your comment within comments.editMinutes (15 by default) of writing it. Only people it mentions for the first time are notified; the earlier text stays in the history. Another person’s comment is a 403; after the window or once deleted a 409; a stale version a 409; a record you may not read a 404.',
  })
  @ApiOkResponse({ type: CommentDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCommentDto,
  ): Promise<CommentDto> {
    return this.comments.edit(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete your comment, within the edit window · 댓글 삭제',
    description:
      '내 댓글을 작성 후 comments.editMinutes 안에 지웁니다. 답글은 그대로 남고 지운 댓글은 "삭제된 댓글"로 보이며, 내용은 변경 이력에 남습니다. 다른 사람의 댓글이면 403, 시간이 지났거나 이미 삭제되었으면 409, 기록을 읽을 수 없으면 404입니다.\n\n' +
      'Deletes your comment within comments.editMinutes of writing it. Its replies stay; it shows as deleted, and its text stays in the history. Another person’s comment is a 403; after the window or once deleted a 409; a record you may not read a 404.',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.comments.remove(user, id);
  }
}
