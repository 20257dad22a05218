import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ExemptionReportsService } from '@gwaje/programme';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { QuarterlyReportDto, QuarterQuery, SubmitQuarterlyReportDto } from './exemptions.dto.js';
import { ApiAuth, ApiErrors, attachmentDisposition } from '../http.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const DUE_KO =
  '기한은 공공감사에 관한 법률 시행령 제13조의4의 "분기 종료 후 10일 이내"로, 분기 말일 다음 날부터 세어 10일째(분기 말일 + 10일, 달력일)이며 그날이 토요일·일요일·공휴일이면 다음 근무일입니다(민법 제161조).';
const DUE_EN =
  'Due within 10 days after the quarter (공공감사에 관한 법률 시행령 제13조의4): counted in calendar days from the day after the quarter, so the quarter’s end + 10; a Saturday, Sunday or public holiday moves it to the next business day (민법 제161조).';
const CALENDAR_KO =
  '공휴일 자료가 없는 연도(기한을 계산할 수 없음)는 422(CALENDAR_UNAVAILABLE)입니다.';
const CALENDAR_EN =
  'A year without published holidays (its due date cannot be computed) is a 422 (CALENDAR_UNAVAILABLE).';
const SCOPE_KO =
  '기관의 감사담당관(AUDITOR)과 적극행정 전담부서(PROACTIVE_OFFICE)가 읽고, 제출은 감사담당관만 합니다(전담부서는 403). 그 밖의 사람은 404입니다.';
const SCOPE_EN =
  'Read by the organisation’s AUDITOR and PROACTIVE_OFFICE and submitted by the AUDITOR (PROACTIVE_OFFICE: 403); anyone else gets a 404.';

@ApiTags('exemptions · 적극행정 면책')
@ApiAuth()
@Controller('exemption-reports')
export class ExemptionReportsController {
  constructor(private readonly reports: ExemptionReportsService) {}

  @Get()
  @ApiOperation({
    summary: 'The quarterly 면책 report to 감사원 · 감사원 적극행정면책 분기 보고',
    description: ko_en(
      `그 분기에 결정된 면책 사건으로 자동 작성된 보고(결정·면책·감경·불인정 건수, 사전컨설팅 면책 추정 건수와 사건별 행)와 기한, 상태(NOT_ENDED, DUE, OVERDUE, SUBMITTED), 제출 기록을 돌려줍니다. 제출된 보고는 제출 당시의 내용입니다. ${DUE_KO} ${CALENDAR_KO} ${SCOPE_KO}`,
      `The report compiled from the cases decided in the quarter (decided, granted, partially granted, denied, presumed from a pre-consultation, and one row per case) with its due date, status (NOT_ENDED, DUE, OVERDUE, SUBMITTED) and submission; a submitted report shows what was submitted. ${DUE_EN} ${CALENDAR_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: QuarterlyReportDto })
  @ApiErrors(400, 404, 422)
  get(@CurrentUser() user: AuthUser, @Query() params: QuarterQuery): Promise<QuarterlyReportDto> {
    return this.reports.get(user, params);
  }

  @Post('submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark the quarterly report submitted · 감사원 분기 보고 제출 기록',
    description: ko_en(
      `감사담당관이 분기 보고를 감사원에 제출했음을 제출일(기본 오늘, 분기 종료 뒤 오늘까지), 문서번호와 함께 기록합니다(한 번). 제출자와 일시, 당시의 집계와 행이 남고 기한 내 제출 여부(onTime)가 계산되며 알림이 멈춥니다. 끝나지 않은 분기는 400(PERIOD_NOT_OPEN, quarter), 이미 제출된 분기는 409(DUPLICATE, quarter)이며 아무것도 바뀌지 않습니다. ${DUE_KO} ${CALENDAR_KO} ${SCOPE_KO}`,
      `The AUDITOR records that the report went to 감사원: the day (default today, after the quarter and not after today) and the reference, once. Who and when, the figures and rows as submitted are kept, onTime is computed and the reminders stop. A quarter not ended yet is a 400 (PERIOD_NOT_OPEN, quarter), a submitted one a 409 (DUPLICATE, quarter), and nothing changes. ${DUE_EN} ${CALENDAR_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: QuarterlyReportDto })
  @ApiErrors(400, 403, 404, 409, 422)
  submit(
    @CurrentUser() user: AuthUser,
    @Body() dto: SubmitQuarterlyReportDto,
  ): Promise<QuarterlyReportDto> {
    const { year, quarter, ...input } = dto;
    return this.reports.submit(user, { year, quarter }, input);
  }

  @Get('export.xlsx')
  @ApiOperation({
    summary: 'The quarterly report as XLSX · 감사원 분기 보고 내려받기',
    description: ko_en(
      `분기 보고를 XLSX 파일(한글 머리글: 구분, 대상자, 소속, 사건명, 감사 지적, 신청일, 결정, 결정일, 결정 이유, 사전컨설팅 면책 추정)로 내려받습니다. 열람 기록에 남고 사용자별 호출 횟수가 제한됩니다(429). ${CALENDAR_KO} ${SCOPE_KO}`,
      `Downloads the quarterly report as XLSX with Korean headers (kind, official, department, case, audit finding, application day, decision, decision day, reasons, presumption from a pre-consultation). Recorded in the access log; rate-limited per user (429). ${CALENDAR_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404, 422)
  async export(
    @CurrentUser() user: AuthUser,
    @Query() params: QuarterQuery,
  ): Promise<StreamableFile> {
    const file = await this.reports.export(user, params);
    return new StreamableFile(file.body, {
      type: file.contentType,
      length: file.body.length,
      disposition: attachmentDisposition(file.filename, file.localFilename),
    });
  }
}
