import {
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser, Role, Roles } from '@gwaje/identity';
import { ImportService, type ImportKind, XLSX_TYPE } from '@gwaje/onboarding';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { fileUpload } from '../http/upload.js';
import { ImportQuery, ImportResultDto, ImportUploadDto } from './imports.dto.js';

const COMMON_KO =
  '첫 행(위에 제목 행이 있으면 그 아래)은 양식과 같은 한국어 머리글이어야 하며, 형식은 파일 이름이 아니라 내용으로 판단합니다. 모든 행을 먼저 검사하고 하나라도 틀리면 아무것도 저장하지 않고 400(IMPORT_INVALID)으로 rowErrors에 행 번호·열 이름·오류를 돌려줍니다. 오류가 없으면 모든 행을 한 트랜잭션으로 저장하고 변경마다 이력(사유: 파일·시트·행)을 남기며, 행마다 created·updated·unchanged를 돌려줍니다. 같은 파일을 다시 가져오면 모두 unchanged입니다. dryRun=true면 검사와 결과만 돌려주고 저장하지 않습니다. 파일이 설정(imports.maxFileMb, 기본 5MB)보다 크면 413, XLSX·CSV가 아니면 415, 데이터 행이 imports.maxRows(기본 5,000)를 넘으면 400, 파일이 없거나 비어 있으면 400입니다. 호출 기관의 자료만 읽고 바꿉니다.';
const COMMON_EN =
  'The first row (below a title row, if any) must hold the template’s Korean headers; the content decides the format, not the file name. Every row is checked first: any problem is a 400 (IMPORT_INVALID) listing row number, column header and error in rowErrors, and nothing is stored. Otherwise all rows are written in one transaction, each change recorded in history (reason: file, sheet, row), and every row answers created, updated or unchanged; importing the same file again changes nothing. dryRun=true checks and answers without writing. A file above imports.maxFileMb (default 5 MB) is a 413, anything but XLSX or CSV a 415, more data rows than imports.maxRows (default 5,000) a 400, a missing or empty file a 400. Only the caller’s organisation is read and changed.';

const KINDS: Record<ImportKind, { ko: string; en: string; who: string; whoKo: string }> = {
  departments: {
    ko: '부서(부서명·종류·감사부서·적극행정 전담부서)를 부서명으로 찾아 만들거나 맞춥니다. 부서장은 정하지 않습니다(사용자 가져오기의 부서장 역할).',
    en: 'Departments (부서명, 종류, 감사부서, 적극행정 전담부서), keyed by name: created or brought in line. The head is not set here (the users import’s 부서장 role).',
    who: 'ADMIN only',
    whoKo: 'ADMIN만 호출할 수 있습니다',
  },
  users: {
    ko: '사용자(이름·이메일·부서·직급·역할·언어)를 이메일로 찾아 만들거나 맞춥니다. 역할은 한국어 이름(부서 직원, 부서장, …)이나 코드로 쉼표로 나누어 씁니다. 새 사용자에게는 임시 비밀번호를 만들어 이 응답에만 한 번 보여 주며(temporaryPassword), 처음 로그인할 때 바꿔야 합니다. 자기 자신에게 AUDITOR·PROACTIVE_OFFICE·COMMITTEE를 더하거나 자신의 ADMIN을 빼는 행, 다른 기관에 등록된 이메일, 없는 부서는 행 오류입니다.',
    en: 'Users (이름, 이메일, 부서, 직급, 역할, 언어), keyed by e-mail: created or brought in line. Roles by Korean label (부서 직원, 부서장, …) or code, comma separated. A new user gets a temporary password shown once, in this answer only (temporaryPassword), to be changed at the first sign-in. A row adding AUDITOR, PROACTIVE_OFFICE or COMMITTEE to yourself or removing your own ADMIN, an e-mail registered in another organisation, or an unknown department is a row error.',
    who: 'ADMIN only',
    whoKo: 'ADMIN만 호출할 수 있습니다',
  },
  tasks: {
    ko: '중점과제(「중점과제」 시트: 과제번호·연도·과제명·분야·주관부서·주담당자 이메일·시작일·종료일·목표·성과지표…)와 단계별 추진계획(XLSX의 「단계별 계획」 시트)을 과제번호(없으면 연도와 과제명)로 찾아 만들거나 맞춥니다. 새 과제는 작성중(상태 열이 제안이면 제안) 상태이고 번호가 없으면 그 연도의 다음 번호를 받습니다. 작성중·제안이 아닌 과제는 값이 다르면 행 오류이며, 없는 부서·사용자, 파일 안의 중복 번호, 잘못된 날짜도 행 오류입니다.',
    en: 'Priority tasks (sheet 「중점과제」: code, year, title, category, lead department, owner e-mail, dates, goal, KPI …) and their milestones (the XLSX sheet 「단계별 계획」), keyed by code (or, without one, year and title): created or brought in line. New tasks are DRAFT (PROPOSED when the 상태 column says 제안) and get the year’s next code when none is given. A task past PROPOSED whose row differs, unknown departments or users, duplicate codes in the file and bad dates are row errors.',
    who: 'PROACTIVE_OFFICE only',
    whoKo: 'PROACTIVE_OFFICE만 호출할 수 있습니다',
  },
  milestones: {
    ko: '기관의 과제에 단계별 추진계획(과제번호·단계명·완료 예정일·가중치)을 더하거나 맞춥니다. CSV로 과제를 가져온 뒤 단계를 가져올 때 씁니다. 단계는 과제 안에서 단계명으로 찾으며, 파일에 없는 단계는 지우지 않습니다.',
    en: 'Milestones (과제번호, 단계명, 완료 예정일, 가중치) of the organisation’s tasks, added or brought in line: for CSV files, after the tasks. A milestone is keyed by its title within the task; milestones the file does not list stay.',
    who: 'PROACTIVE_OFFICE only',
    whoKo: 'PROACTIVE_OFFICE만 호출할 수 있습니다',
  },
};

const importDoc = (kind: ImportKind, summary: string) =>
  ApiOperation({
    summary,
    description: `${KINDS[kind].ko} ${KINDS[kind].whoKo}(그 밖은 403). ${COMMON_KO}\n\n${KINDS[kind].en} ${KINDS[kind].who} (403 otherwise). ${COMMON_EN}`,
  });

const templateDoc = (kind: ImportKind, summary: string) =>
  ApiOperation({
    summary,
    description: `이 종류를 가져올 XLSX 양식: 머리글 행(값이 정해진 열은 목록 선택), 그리고 열마다 설명·허용 값·예시 행과 기관의 사용 중인 부서 목록을 담은 「작성 안내」 시트. ${KINDS[kind].whoKo}(그 밖은 403).\n\nThe XLSX template of this kind: the header row (drop-down lists where the values are fixed) and a 「작성 안내」 sheet explaining every column with its allowed values, an example row and the organisation’s active departments. ${KINDS[kind].who} (403 otherwise).`,
  });

/** Spreadsheet imports (issue 19, part 3): one template and one import route per kind. */
@ApiTags('imports · 가져오기')
@ApiAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  private async template(user: AuthUser, kind: ImportKind): Promise<StreamableFile> {
    const file = await this.imports.template(user, kind);
    return new StreamableFile(file.bytes, {
      type: file.contentType,
      disposition: attachmentDisposition(file.filename, file.localFilename),
    });
  }

  private async run(
    user: AuthUser,
    kind: ImportKind,
    query: ImportQuery,
    request: FastifyRequest,
  ): Promise<ImportResultDto> {
    return this.imports.run(user, kind, await fileUpload(request), {
      dryRun: query.dryRun ?? false,
    });
  }

  @Get('departments/template')
  @Roles(Role.ADMIN)
  @templateDoc('departments', 'Template for the departments import (XLSX) · 부서 가져오기 양식')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The XLSX template', schema: { type: 'string', format: 'binary' } })
  departmentsTemplate(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.template(user, 'departments');
  }

  @Post('departments')
  @Roles(Role.ADMIN)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @importDoc('departments', 'Import departments from XLSX or CSV (ADMIN) · 부서 가져오기')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiErrors(400, 409, 413, 415)
  importDepartments(
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
  ): Promise<ImportResultDto> {
    return this.run(user, 'departments', query, request);
  }

  @Get('users/template')
  @Roles(Role.ADMIN)
  @templateDoc('users', 'Template for the users import (XLSX) · 사용자 가져오기 양식')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The XLSX template', schema: { type: 'string', format: 'binary' } })
  usersTemplate(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.template(user, 'users');
  }

  @Post('users')
  @Roles(Role.ADMIN)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @importDoc('users', 'Import users with their roles from XLSX or CSV (ADMIN) · 사용자 가져오기')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiErrors(400, 409, 413, 415)
  importUsers(
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
  ): Promise<ImportResultDto> {
    return this.run(user, 'users', query, request);
  }

  @Get('tasks/template')
  @Roles(Role.PROACTIVE_OFFICE)
  @templateDoc('tasks', 'Template for the tasks import (XLSX) · 중점과제 가져오기 양식')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The XLSX template', schema: { type: 'string', format: 'binary' } })
  tasksTemplate(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.template(user, 'tasks');
  }

  @Post('tasks')
  @Roles(Role.PROACTIVE_OFFICE)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @importDoc(
    'tasks',
    'Import priority tasks and milestones from XLSX or CSV (PROACTIVE_OFFICE) · 중점과제 가져오기',
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiErrors(400, 409, 413, 415)
  importTasks(
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
  ): Promise<ImportResultDto> {
    return this.run(user, 'tasks', query, request);
  }

  @Get('milestones/template')
  @Roles(Role.PROACTIVE_OFFICE)
  @templateDoc(
    'milestones',
    'Template for the milestones import (XLSX) · 단계별 계획 가져오기 양식',
  )
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The XLSX template', schema: { type: 'string', format: 'binary' } })
  milestonesTemplate(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.template(user, 'milestones');
  }

  @Post('milestones')
  @Roles(Role.PROACTIVE_OFFICE)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @importDoc(
    'milestones',
    'Import milestones of existing tasks from XLSX or CSV (PROACTIVE_OFFICE) · 단계별 계획 가져오기',
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiErrors(400, 409, 413, 415)
  importMilestones(
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
  ): Promise<ImportResultDto> {
    return this.run(user, 'milestones', query, request);
  }
}
