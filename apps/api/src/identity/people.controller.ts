import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { type AuthUser, CurrentUser, PeopleDirectoryService } from '@gwaje/identity';
import { FieldLabels } from '../http/field-labels.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { Optional } from '../http/validation.js';

@FieldLabels({ q: '이름 또는 부서', limit: '최대 건수' })
class PeopleQuery {
  @ApiProperty({ minLength: 1, maxLength: 50, example: '김' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  q: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 50, example: 10 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 20;
}

class DirectoryPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '김민지' }) name: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ example: '복지정책과' }) departmentName: string;
}

@ApiTags('users · 사용자')
@ApiAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleDirectoryService) {}

  @Get()
  @ApiOperation({
    summary: 'People of your organisation by name or department, for pickers · 사람 찾기',
    description:
      '내 기관의 활성 사용자를 이름이나 부서 이름 일부로 찾아 이름순으로 돌려줍니다(ID, 이름, 부서). 과제 참여자처럼 사람을 고르는 화면에서 씁니다. 연락처는 돌려주지 않으며, 로그인한 사용자라면 누구나 호출할 수 있습니다. 다른 기관의 사람은 나오지 않습니다.\n\n' +
      'Finds active users of your organisation by part of their name or their department’s, by name (id, name, department), for pickers such as a task’s members. No contact details; any signed-in user may call it; people of other organisations are never listed.',
  })
  @ApiOkResponse({ type: [DirectoryPersonDto] })
  @ApiErrors(400)
  search(@CurrentUser() user: AuthUser, @Query() q: PeopleQuery): Promise<DirectoryPersonDto[]> {
    return this.people.search(user, q.q, q.limit);
  }
}
