import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { SEARCH_MAX_CHARS, SEARCH_TYPES, SearchService, type SearchType } from '@gwaje/search';
import { toList } from '../http/dto-helpers.js';
import { FieldLabels } from '../http/field-labels.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { Optional } from '../http/validation.js';

@FieldLabels({ q: '검색어', types: '검색 대상', limit: '최대 건수' })
class SearchQuery {
  @ApiProperty({
    minLength: 2,
    maxLength: SEARCH_MAX_CHARS,
    example: '청년 창업',
    description:
      'Text to find (at least 2 characters after trimming): part of a code, a title or a text',
  })
  @IsString()
  // The service counts the characters again after normalising (and refuses fewer than 2).
  @MaxLength(SEARCH_MAX_CHARS)
  q: string;

  @ApiPropertyOptional({
    enum: SEARCH_TYPES,
    isArray: true,
    description: 'Kinds of record to search, comma-separated (default: all)',
    example: ['task', 'report'],
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(SEARCH_TYPES, { each: true })
  @ArrayMaxSize(SEARCH_TYPES.length)
  types?: SearchType[];

  @ApiPropertyOptional({
    default: 10,
    minimum: 1,
    maximum: 50,
    example: 10,
    description: 'Hits per kind',
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 10;
}

class SearchHitDto {
  @ApiProperty({ enum: SEARCH_TYPES }) type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-01',
    description: 'The task code (a report: with its period); null for kinds without a code',
  })
  code: string | null;
  @ApiProperty({ example: '청년 창업 공간 확충' }) title: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '…역세권 청년 창업 공간 3곳을 새로 열고…',
    description: 'An excerpt around the match when the text matched (not the code or title)',
  })
  snippet: string | null;
  @ApiProperty({ enum: ['code', 'title', 'text'], description: 'What matched' }) matched: string;
  @ApiProperty({ example: '/tasks/9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a' }) path: string;
  @ApiProperty({ nullable: true, type: Number, example: 2026 }) year: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'IN_PROGRESS' }) status: string | null;
}

class SearchGroupDto {
  @ApiProperty({ enum: SEARCH_TYPES }) type: string;
  @ApiProperty({ type: [SearchHitDto] }) items: SearchHitDto[];
  @ApiProperty({ description: 'More records of this kind match than were returned' })
  hasMore: boolean;
}

class SearchResultDto {
  @ApiProperty({ example: '청년 창업', description: 'The query as matched (normalised)' })
  q: string;
  @ApiProperty({ type: [SearchGroupDto], description: 'Kinds with hits, in a fixed order' })
  groups: SearchGroupDto[];
}

@ApiTags('search · 통합 검색')
@ApiAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({
    summary:
      'Search tasks, reports, pre-consultations and contest entries you may read · 통합 검색',
    description:
      '읽을 수 있는 중점과제, 이행실적, 사전컨설팅, 경진대회 출품작(공모 사례)에서 검색어를 코드·제목·본문 어디에서든 찾아 종류별로 돌려줍니다(한국어 부분 일치). 각 종류는 그 목록과 같은 범위로만 찾습니다: 감사담당관과 적극행정 전담부서는 기관 전체, 직원과 부서장은 부서의 것과 참여하는 것. 코드가 검색어와 같은 것, 코드나 제목에 있는 것, 본문에만 있는 것 순이고 같은 순위에서는 최근에 바뀐 것부터입니다. 검색어가 앞뒤 공백을 빼고 2자보다 짧으면 400입니다. 검색은 접속기록에 남습니다.\n\n' +
      'Finds the query anywhere in the codes, titles and texts of the priority tasks, milestone reports, pre-consultations and contest entries you may read, grouped by kind (Korean substring matching). Each kind is searched within its own list’s scope: AUDITOR and PROACTIVE_OFFICE the whole organisation, STAFF and DEPT_HEAD their department’s and what they take part in. Ranked by an exact code, then code or title, then text only, newest change first. A query shorter than 2 characters after trimming is a 400. Each search is recorded in the access log.',
  })
  @ApiOkResponse({ type: SearchResultDto })
  @ApiErrors(400)
  search(@CurrentUser() user: AuthUser, @Query() q: SearchQuery): Promise<SearchResultDto> {
    return this.searchService.search(user, { q: q.q, types: q.types, limit: q.limit });
  }
}
