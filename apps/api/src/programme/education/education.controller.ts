import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser, Role, Roles } from '@gwaje/identity';
import { XLSX_TYPE } from '@gwaje/onboarding';
import { EducationRosterService, EducationService } from '@gwaje/programme';
import {
  AddAttendeesDto,
  CreateEducationSessionDto,
  DepartmentParticipationDto,
  EducationCompletionDto,
  EducationCompletionQuery,
  EducationSessionDetailDto,
  EducationSessionDto,
  EducationYearQuery,
  RosterImportQuery,
  RosterResultDto,
  RosterUploadDto,
  UpdateEducationSessionDto,
} from './education.dto.js';
import {
  ApiAuth,
  ApiErrors,
  attachmentDisposition,
  fileUpload,
  HistoryEntryDto,
  UuidParamPipe,
} from '../http.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const OFFICE_KO =
  '적극행정 전담부서(PROACTIVE_OFFICE)만 할 수 있고(그 밖은 403), 다른 기관의 교육은 404입니다.';
const OFFICE_EN = 'PROACTIVE_OFFICE only (403 otherwise); another organisation’s session is a 404.';
const READ_KO =
  '기관의 모든 직원(부서 직원·부서장·감사담당관·전담부서·위원)이 교육을 읽습니다. 참석자는 전담부서·감사담당관에게는 모두, 부서장·직원에게는 자기 부서와 자신, 그 밖에는 자신만 보입니다. 다른 기관의 교육은 404입니다.';
const READ_EN =
  'Everyone of the organisation (STAFF, DEPT_HEAD, AUDITOR, PROACTIVE_OFFICE, COMMITTEE) reads its sessions. Attendees: all for the office and auditors, their department’s and themselves for department heads and staff, themselves for anyone else. Another organisation’s session is a 404.';
const HOURS_KO =
  '교육 시간은 0.5시간 단위로 0.5–40시간, 교육일은 YYYY-MM-DD의 실제 날짜입니다. 틀린 값은 400(필드 이름 포함)이며 아무것도 바뀌지 않습니다.';
const HOURS_EN =
  'Hours are half hours from 0.5 to 40, the date a real YYYY-MM-DD day; a wrong value is a 400 naming the field, and nothing changes.';
const BUSINESS: Role[] = [
  Role.STAFF,
  Role.DEPT_HEAD,
  Role.AUDITOR,
  Role.PROACTIVE_OFFICE,
  Role.COMMITTEE,
];

/** 적극행정 education (issue 22 part 2): sessions, attendance, rosters, completion, participation. */
@ApiTags('education · 적극행정 교육')
@ApiAuth()
@Controller('education')
export class EducationController {
  constructor(
    private readonly education: EducationService,
    private readonly roster: EducationRosterService,
  ) {}

  @Post('sessions')
  @Roles(Role.PROACTIVE_OFFICE)
  @ApiOperation({
    summary: 'Create an education session · 교육 등록',
    description: ko_en(
      `기관의 적극행정 교육(교육명, 종류: 전 직원 교육·리더십 과정·신규자 교육·기타, 교육일, 시간, 온라인·오프라인, 장소·비고)을 등록하고 이력에 남깁니다. ${HOURS_KO} ${OFFICE_KO}`,
      `Registers a proactive administration education session of the organisation (title, kind: all staff, leadership, new staff, other; date, hours, online or offline, place and notes), recorded in history. ${HOURS_EN} ${OFFICE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: EducationSessionDetailDto })
  @ApiErrors(400)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateEducationSessionDto,
  ): Promise<EducationSessionDetailDto> {
    return this.education.create(user, dto);
  }

  @Get('sessions')
  @Roles(...BUSINESS)
  @ApiOperation({
    summary: 'The year’s education sessions · 교육 목록',
    description: ko_en(
      `한 해(기본: 올해)의 교육을 최근 것부터(최대 500건) 참석 인원·이수시간 합계와 함께 돌려줍니다. ${READ_KO}`,
      `The sessions of a year (default: this year), newest first (up to 500), with the number of attendees and hours attended. ${READ_EN}`,
    ),
  })
  @ApiOkResponse({ type: [EducationSessionDto] })
  @ApiErrors(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: EducationYearQuery,
  ): Promise<EducationSessionDto[]> {
    return this.education.list(user, query.year);
  }

  @Get('sessions/:id')
  @Roles(...BUSINESS)
  @ApiOperation({
    summary: 'One education session with its attendees · 교육 조회',
    description: ko_en(
      `교육 하나와 참석자(이수시간, 입력 방식: 직접 입력·명단 가져오기)를 돌려주고 열람 기록에 남깁니다. ${READ_KO}`,
      `One session with its attendees (hours attended, how they were entered: by hand or from a roster), recorded in the access log. ${READ_EN}`,
    ),
  })
  @ApiOkResponse({ type: EducationSessionDetailDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<EducationSessionDetailDto> {
    return this.education.get(user, id);
  }

  @Get('sessions/:id/history')
  @Roles(...BUSINESS)
  @ApiOperation({
    summary: 'The session’s history · 교육 이력',
    description: ko_en(
      `등록, 수정, 참석자 추가·삭제, 명단 가져오기 이력을 오래된 것부터 돌려줍니다. ${READ_KO}`,
      `Creation, edits, attendees added and removed and roster imports, oldest first. ${READ_EN}`,
    ),
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.education.historyOf(user, id);
  }

  @Patch('sessions/:id')
  @Roles(Role.PROACTIVE_OFFICE)
  @ApiOperation({
    summary: 'Change an education session · 교육 수정',
    description: ko_en(
      `교육의 교육명·종류·교육일·시간·방식·장소·비고를 고칩니다. 읽은 version이 오래되었으면 409, 참석자의 이수시간보다 짧게 줄이면 400(hours, belowAttendance). ${HOURS_KO} ${OFFICE_KO}`,
      `Changes the session’s title, kind, date, hours, delivery, place or notes. A stale version is a 409; hours below an attendee’s hours are a 400 (hours, belowAttendance). ${HOURS_EN} ${OFFICE_EN}`,
    ),
  })
  @ApiOkResponse({ type: EducationSessionDetailDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateEducationSessionDto,
  ): Promise<EducationSessionDetailDto> {
    return this.education.update(user, id, dto);
  }

  @Post('sessions/:id/attendees')
  @Roles(Role.PROACTIVE_OFFICE)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add attendees · 참석자 추가',
    description: ko_en(
      `참석자를 더합니다. 각 참석자는 기관의 사용 중인 사용자이고(다른 기관·없는 사용자는 400 INVALID_REFERENCE), 이수시간은 0.5시간 단위로 교육 시간 이하(빼면 교육 시간 전부)입니다. 이미 참석자인 사용자나 요청 안의 중복은 400이며, 필드는 attendees.<순번>.userId·hours로 알려 주고 아무것도 더하지 않습니다. ${OFFICE_KO}`,
      `Adds attendees: each an active user of the organisation (another organisation’s or an unknown user is a 400 INVALID_REFERENCE), with hours attended in half hours up to the session’s (the whole session when left out). A user already attending or listed twice is a 400; fields are named attendees.<index>.userId or .hours, and nothing is added. ${OFFICE_EN}`,
    ),
  })
  @ApiOkResponse({ type: EducationSessionDetailDto })
  @ApiErrors(400, 404)
  addAttendees(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddAttendeesDto,
  ): Promise<EducationSessionDetailDto> {
    return this.education.addAttendees(user, id, dto.attendees);
  }

  @Delete('sessions/:id/attendees/:userId')
  @Roles(Role.PROACTIVE_OFFICE)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an attendee · 참석자 삭제',
    description: ko_en(
      `참석자 한 명을 지우고 이력에 남깁니다. 참석자가 아니면 404입니다. ${OFFICE_KO}`,
      `Removes one attendee, recorded in history; a user not attending is a 404. ${OFFICE_EN}`,
    ),
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(404)
  removeAttendee(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('userId', UuidParamPipe) userId: string,
  ): Promise<void> {
    return this.education.removeAttendee(user, id, userId);
  }

  @Post('sessions/:id/roster')
  @Roles(Role.PROACTIVE_OFFICE)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Import the attendance roster (XLSX or CSV) · 참석자 명단 가져오기',
    description: ko_en(
      `교육의 참석자 명단 파일(머리글: 이메일, 이수시간(선택, 비우면 교육 시간), 이름(선택, 읽기용))을 가져옵니다. 형식은 내용으로 판단하고, 모든 행을 먼저 검사해 하나라도 틀리면(기관의 사용 중인 사용자가 아닌 이메일, 파일 안의 같은 이메일, 0.5시간 단위가 아니거나 교육 시간보다 많은 이수시간) 400(IMPORT_INVALID)으로 행·열·오류 목록(rowErrors)을 돌려주고 아무것도 가져오지 않습니다. 오류가 없으면 행마다 참석자를 더하거나(created) 이수시간을 맞추고(updated) 같으면 그대로(unchanged) 두며, 파일에 없는 참석자는 그대로 둡니다. 같은 파일을 다시 가져오면 바뀌는 것이 없습니다. dryRun=true는 검사만 합니다. 파일이 imports.maxFileMb(기본 5MB)보다 크면 413, XLSX·CSV가 아니면 415, 데이터 행이 imports.maxRows(기본 5,000)를 넘으면 400입니다. ${OFFICE_KO}`,
      `Imports the session’s attendance roster (headers: 이메일, 이수시간 (optional, blank: the session’s hours), 이름 (optional, for reading)). The content decides the format; every row is checked first and any problem (an e-mail of no active user of the organisation, an e-mail twice in the file, hours not in half hours or above the session’s) is a 400 (IMPORT_INVALID) listing row, column and error in rowErrors, with nothing imported. Otherwise each row adds its user (created), sets the hours (updated) or finds them as they are (unchanged); attendees the file does not list stay. Importing the same file again changes nothing. dryRun=true only checks. A file above imports.maxFileMb (default 5 MB) is a 413, anything but XLSX or CSV a 415, more data rows than imports.maxRows (default 5,000) a 400. ${OFFICE_EN}`,
    ),
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: RosterUploadDto })
  @ApiOkResponse({ type: RosterResultDto })
  @ApiErrors(400, 404, 409, 413, 415)
  async importRoster(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: RosterImportQuery,
    @Req() request: FastifyRequest,
  ): Promise<RosterResultDto> {
    return this.roster.import(user, id, await fileUpload(request), {
      dryRun: query.dryRun ?? false,
    });
  }

  @Get('roster-template')
  @Roles(Role.PROACTIVE_OFFICE)
  @ApiOperation({
    summary: 'The attendance roster template (XLSX) · 참석자 명단 양식',
    description: ko_en(
      `참석자 명단 가져오기 양식: 「교육 이수자」 시트(이메일, 이수시간, 이름)와 열마다 설명·예시를 담은 「작성 안내」 시트. 적극행정 전담부서만 받을 수 있습니다(그 밖은 403).`,
      `The roster template: the 「교육 이수자」 sheet (이메일, 이수시간, 이름) and a 「작성 안내」 sheet explaining every column with an example. PROACTIVE_OFFICE only (403 otherwise).`,
    ),
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The XLSX template', schema: { type: 'string', format: 'binary' } })
  async rosterTemplate(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    const file = await this.roster.template(user);
    return new StreamableFile(file.bytes, {
      type: file.contentType,
      disposition: attachmentDisposition(file.filename, file.localFilename),
    });
  }

  @Get('completion')
  @Roles(...BUSINESS)
  @ApiOperation({
    summary: 'Education completion per user and department · 교육 이수 현황',
    description: ko_en(
      `한 해의 사용자별 이수시간·이수 여부·부족 시간(기준: 설정 education.requiredHoursPerYear, 기본 2시간)과 부서별 이수율(이수 인원 / 부서의 사용 중인 직원: 부서 직원·부서장·감사담당관·전담부서 역할의 사용자)을 돌려줍니다. 전담부서·감사담당관은 기관 전체(부서로 거를 수 있음), 부서장·직원은 자기 부서, 그 밖은 자신만 봅니다. 열람 기록에 남습니다.`,
      `Per user the hours attended in the year, whether completed and the shortfall (required: setting education.requiredHoursPerYear, default 2 hours), and per department the completion rate (users completed / the department’s active users holding STAFF, DEPT_HEAD, AUDITOR or PROACTIVE_OFFICE). The office and auditors see the whole organisation (filter by department), department heads and staff their department, anyone else themselves. Recorded in the access log.`,
    ),
  })
  @ApiOkResponse({ type: EducationCompletionDto })
  @ApiErrors(400)
  completion(
    @CurrentUser() user: AuthUser,
    @Query() query: EducationCompletionQuery,
  ): Promise<EducationCompletionDto> {
    return this.education.completion(user, query);
  }

  @Get('departments')
  @Roles(Role.PROACTIVE_OFFICE, Role.AUDITOR)
  @ApiOperation({
    summary: 'Department participation for incentives · 부서별 교육 참여 현황',
    description: ko_en(
      `부서 단위 인센티브를 위한 한 해(기본: 올해)의 부서별 참석 건수·참석 인원·이수시간 합계·1인당 시간·이수율과 순위(이수율, 같으면 1인당 시간 순; 같은 값은 같은 순위; 직원이 없는 부서는 순위 없음)를 돌려줍니다. 전담부서와 감사담당관만 읽습니다(그 밖은 403).`,
      `For department incentives: per department of the year (default: this year) the attendances, participants, hours attended, hours per user, completion rate and rank (by completion rate, then hours per user; equal figures share a rank; departments without users are unranked). PROACTIVE_OFFICE and AUDITOR only (403 otherwise).`,
    ),
  })
  @ApiOkResponse({ type: [DepartmentParticipationDto] })
  @ApiErrors(400)
  departments(
    @CurrentUser() user: AuthUser,
    @Query() query: EducationYearQuery,
  ): Promise<DepartmentParticipationDto[]> {
    return this.education.participation(user, query.year);
  }
}
