import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import {
  type AnnualReportFile,
  AnnualReportExportService,
  AnnualReportService,
} from '@gwaje/programme';
import {
  AnnualReportDto,
  AnnualReportListQuery,
  AnnualReportSummaryDto,
  AnnualReportVersionQuery,
  AnnualReportYearParam,
  GenerateAnnualReportDto,
  OrganisationAnnualReportDto,
  SubmitAnnualReportDto,
} from './annual-report.dto.js';
import { ApiAuth, ApiErrors, attachmentDisposition } from '../http.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const READERS_KO =
  '내 기관의 적극행정 전담부서(PROACTIVE_OFFICE), 감사담당관(AUDITOR), 관리자(ADMIN)가 읽을 수 있고 그 밖은 403입니다. 다른 기관의 추진실적은 이 경로로 지정할 수 없습니다(언제나 내 기관).';
const READERS_EN =
  'Read by your organisation’s PROACTIVE_OFFICE, AUDITOR and ADMIN (403 otherwise). No other organisation’s report can be named here: it is always your own.';

const file = (f: AnnualReportFile) =>
  new StreamableFile(f.body, {
    type: f.contentType,
    length: f.body.length,
    disposition: attachmentDisposition(f.filename, f.localFilename),
  });

@ApiTags('annual-reports · 적극행정 추진실적')
@ApiAuth()
@Controller('annual-reports')
export class AnnualReportController {
  constructor(
    private readonly reports: AnnualReportService,
    private readonly exports: AnnualReportExportService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Generate the year’s report (PROACTIVE_OFFICE) · 추진실적 생성',
    description: ko_en(
      '내 기관의 해당 연도 적극행정 추진실적을 Gwaje의 기록에서 지금 산출해(중점과제 선정·완료·추진 중·완료율, 사전컨설팅 신청·회신·평균 처리기간(근무일)·의견대로 처리, 우수공무원 선발과 유형별 인사상 우대조치·주요 우대조치 비율, 적극행정위원회 개최·의결, 경진대회 출품·수상, 그리고 각 기능이 등록한 항목) 새 판(version)으로 저장하고 이력에 남깁니다. 이전 판은 바뀌지 않습니다. 적극행정 전담부서(PROACTIVE_OFFICE)만 호출할 수 있고(그 밖은 403), 사용자별 호출 횟수가 제한됩니다(429).',
      'Computes your organisation’s annual proactive-administration report of the year now from Gwaje’s records (priority tasks selected, completed, in progress and the completion rate; pre-consultations requested, answered, their average turnaround in business days and how many were followed; officials selected, incentives by type and the share with a major incentive; committee meetings and decisions; contest entries and awards; and whatever other capabilities register) and stores it as the next version, recorded in history. Earlier versions never change. PROACTIVE_OFFICE only (403 otherwise); rate-limited per user (429).',
    ),
  })
  @ApiCreatedResponse({ type: AnnualReportDto })
  @ApiErrors(400, 422)
  generate(
    @CurrentUser() user: AuthUser,
    @Body() dto: GenerateAnnualReportDto,
  ): Promise<AnnualReportDto> {
    return this.reports.generate(user, dto.year);
  }

  @Get()
  @ApiOperation({
    summary: 'The year’s latest figures: yours, or your subordinates’ side by side · 추진실적 비교',
    description: ko_en(
      `scope=own(기본)이면 내 기관, scope=subordinates이면 기관 체계에서 내 기관 아래의 모든 기관(하위의 하위 포함, 깊이·이름 순)마다 해당 연도 최신 판의 수치를 돌려줍니다. 아직 생성하지 않은 기관은 report가 null입니다. 수치와 일자만 담고 누구의 이름도 담지 않습니다. 열람 기록에 남습니다. ${READERS_KO}`,
      `scope=own (default): your organisation; scope=subordinates: every organisation below yours in the organisation tree (all levels, by depth then name), each with the latest version of its report of the year; report is null where none was generated. Figures and dates only, nobody’s name. Recorded in the access log. ${READERS_EN}`,
    ),
  })
  @ApiOkResponse({ type: [OrganisationAnnualReportDto] })
  @ApiErrors(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: AnnualReportListQuery,
  ): Promise<OrganisationAnnualReportDto[]> {
    return this.reports.list(user, query.year, query.scope);
  }

  @Get(':year')
  @ApiOperation({
    summary: 'The year’s report: the latest version, or one named · 추진실적 조회',
    description: ko_en(
      `내 기관의 해당 연도 추진실적을 항목별 수치, 생성·제출 일시와 사람, 지금 할 수 있는 일(allowedActions)과 함께 돌려줍니다. version을 주면 그 판, 없으면 최신 판입니다. 생성한 적이 없거나 없는 판이면 404입니다. 열람 기록에 남습니다. ${READERS_KO}`,
      `Your organisation’s report of the year with its figures per section, who generated and submitted it and when, and what you may do now (allowedActions): the given version, or the latest. 404 when none was generated or the version does not exist. Recorded in the access log. ${READERS_EN}`,
    ),
  })
  @ApiOkResponse({ type: AnnualReportDto })
  @ApiErrors(400, 404)
  get(
    @CurrentUser() user: AuthUser,
    @Param() params: AnnualReportYearParam,
    @Query() query: AnnualReportVersionQuery,
  ): Promise<AnnualReportDto> {
    return this.reports.get(user, params.year, query.version);
  }

  @Get(':year/versions')
  @ApiOperation({
    summary: 'Every version of the year’s report · 추진실적 판 목록',
    description: ko_en(
      `내 기관의 해당 연도 추진실적의 모든 판을 최신 판부터(수치 없이) 돌려줍니다. ${READERS_KO}`,
      `Every version of your organisation’s report of the year, newest first (without figures). ${READERS_EN}`,
    ),
  })
  @ApiOkResponse({ type: [AnnualReportSummaryDto] })
  @ApiErrors(400)
  versions(
    @CurrentUser() user: AuthUser,
    @Param() params: AnnualReportYearParam,
  ): Promise<AnnualReportSummaryDto[]> {
    return this.reports.versions(user, params.year);
  }

  @Post(':year/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit the latest version upward (PROACTIVE_OFFICE) · 추진실적 제출',
    description: ko_en(
      '최신 판을 상급기관에 제출(DRAFT → SUBMITTED)하고 제출한 사람과 일시를 이력에 남깁니다. version은 읽은 판으로, 그 뒤에 새 판이 생성되었으면 409(VERSION_CONFLICT), 이미 제출한 판이면 409(ILLEGAL_TRANSITION)이며 다시 생성한 새 판은 제출할 수 있습니다. 적극행정 전담부서(PROACTIVE_OFFICE)만 제출할 수 있고, 읽을 수 있는 다른 사람은 403, 생성한 적이 없으면 404입니다.',
      'Submits the latest version upward (DRAFT → SUBMITTED), recording who and when in history. version is the version you read: when a newer one was generated since, 409 (VERSION_CONFLICT); an already submitted version is a 409 (ILLEGAL_TRANSITION), and a newly generated version may be submitted. PROACTIVE_OFFICE only: other readers get a 403; 404 when none was generated.',
    ),
  })
  @ApiOkResponse({ type: AnnualReportDto })
  @ApiErrors(400, 404, 409)
  submit(
    @CurrentUser() user: AuthUser,
    @Param() params: AnnualReportYearParam,
    @Body() dto: SubmitAnnualReportDto,
  ): Promise<AnnualReportDto> {
    return this.reports.submit(user, params.year, dto.version);
  }

  @Get(':year/export.xlsx')
  @ApiOperation({
    summary: 'The year’s report as XLSX, Korean labels · 추진실적 내려받기(XLSX)',
    description: ko_en(
      `내 기관의 해당 연도 추진실적(version을 주면 그 판, 없으면 최신 판)을 구분·항목·실적·단위의 한국어 머리글로 된 XLSX 파일로 내려받습니다(비율은 백분율 서식). 내보내기 기록에 남고 사용자별 호출 횟수가 제한됩니다(429). ${READERS_KO}`,
      `Downloads your organisation’s report of the year (the given version, or the latest) as XLSX with Korean headers (구분, 항목, 실적, 단위; shares formatted as percent). Recorded in the access log; rate-limited per user (429). ${READERS_EN}`,
    ),
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async xlsx(
    @CurrentUser() user: AuthUser,
    @Param() params: AnnualReportYearParam,
    @Query() query: AnnualReportVersionQuery,
  ): Promise<StreamableFile> {
    return file(await this.exports.xlsx(user, params.year, query.version));
  }

  @Get(':year/export.pdf')
  @ApiOperation({
    summary: 'The year’s report as a printable PDF, Korean font embedded · 추진실적 내려받기(PDF)',
    description: ko_en(
      `내 기관의 해당 연도 추진실적(version을 주면 그 판, 없으면 최신 판)을 인쇄용 A4 PDF로 내려받습니다. 한글 글꼴(Noto Sans KR)의 사용한 글자만 문서에 넣어 어디서나 같게 인쇄되고 글자를 검색·복사할 수 있습니다. 내보내기 기록에 남고 사용자별 호출 횟수가 제한됩니다(429). ${READERS_KO}`,
      `Downloads your organisation’s report of the year (the given version, or the latest) as a printable A4 PDF. The Korean font (Noto Sans KR) is embedded as a subset, so it prints alike everywhere and its text can be searched and copied. Recorded in the access log; rate-limited per user (429). ${READERS_EN}`,
    ),
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async pdf(
    @CurrentUser() user: AuthUser,
    @Param() params: AnnualReportYearParam,
    @Query() query: AnnualReportVersionQuery,
  ): Promise<StreamableFile> {
    return file(await this.exports.pdf(user, params.year, query.version));
  }
}
