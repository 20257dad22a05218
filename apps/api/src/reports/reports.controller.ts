import {
  Body,
  Controller,
  Delete,
  Get,
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
  ApiProduces,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { PastReportsService, ReportsService } from '@gwaje/reports';
import { HistoryEntryDto } from '../history/history.dto.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { fileUpload } from '../http/upload.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  AttachmentDto,
  OpenReportDto,
  PastReportDto,
  ReportDetailDto,
  ReportListQuery,
  ReportPageDto,
  ReportTransitionDto,
  RequestApprovalDto,
  UpdateReportDto,
  UploadDto,
  WithdrawApprovalRequestDto,
} from './reports.dto.js';

@ApiTags('reports · 이행실적')
@ApiAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pastReports: PastReportsService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The review queue: reports you may read, filtered (year, period, department, status, late, missing, task) and paginated · 이행실적 목록',
    description:
      '읽을 수 있는 이행실적을 조건(연도, 기간, 주관부서, 상태, 지연 제출, 미제출, 과제, 결재 요청)에 따라 정렬하여 한 쪽씩 돌려줍니다. 감사담당관·전담부서의 검토 대기열로도 씁니다. 과제와 같은 읽기 범위가 적용되어, AUDITOR·PROACTIVE_OFFICE는 기관 전체를, 부서 직원·부서장은 자기 부서가 주관·협업하거나 본인이 담당하는 과제의 실적을 봅니다. 조회 사실은 열람 기록에 남습니다.\n\n' +
      'Lists the milestone reports you may read, filtered (year, period, lead department, status, late, missing, task, pending approval request), sorted and a page at a time; it doubles as the reviewers’ queue. The task read scope applies: AUDITOR and PROACTIVE_OFFICE see the whole organisation, STAFF and DEPT_HEAD the reports of tasks their department leads or partners or that they own or are members of. Recorded in the access log.',
  })
  @ApiOkResponse({ type: ReportPageDto })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ReportListQuery): Promise<ReportPageDto> {
    const { sort, order, limit, offset, ...filter } = query;
    return this.reports.list(user, filter, { sort, order, limit, offset });
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Open a task’s report for a period (lead department): the expected report, created if not yet generated · 이행실적 열기',
    description:
      '과제의 해당 기간 이행실적을 엽니다. 매일 자동 생성되는 제출 대상 실적이 아직 없으면 지금 만듭니다. 주관부서의 STAFF·DEPT_HEAD만 호출할 수 있고(그 밖은 403), 읽을 수 없는 과제는 400(INVALID_REFERENCE)입니다. 기간이 그 해 보고 주기의 기간이 아니거나, 아직 시작되지 않았거나, 그 기간에 과제가 추진 중(SELECTED·IN_PROGRESS)이 아니었으면 400, 그 해의 공휴일 자료가 없으면 422입니다.\n\n' +
      'Opens the task’s report for a period: the expected report, created now if the daily generation has not made it yet. STAFF and DEPT_HEAD of the lead department only (403 otherwise); a task you cannot read is a 400 (INVALID_REFERENCE). A period that is not in the year’s reporting calendar, has not begun, or in which the task was not SELECTED or IN_PROGRESS is a 400; a year without holiday data is a 422.',
  })
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(400, 422)
  open(@CurrentUser() user: AuthUser, @Body() dto: OpenReportDto): Promise<ReportDetailDto> {
    return this.reports.open(user, dto);
  }

  @Post('past-records')
  @ApiOperation({
    summary:
      'Enter a past period’s report as it went, afterwards (PROACTIVE_OFFICE) · 지난 기간 이행실적 사후 입력',
    description:
      '적극행정 전담부서(PROACTIVE_OFFICE)가 지난 기간의 이행실적을 있었던 그대로 사후 입력합니다: 내용과, 제출·반려·재제출·승인 경과를 각각 일어난 날짜와 함께 적습니다. 경과는 이행실적 상태 흐름을 따라야 하고(DRAFT→제출→승인/반려→재제출…), 날짜는 앞 단계보다 빠르거나 미래이거나 보고 기간 시작 전이면 안 됩니다. 지연 여부는 첫 제출일로 판단합니다. 과제의 활동 기간(선정·착수·중단·완료일, 사후 입력 가능)에 그 기간이 들어야 하며, 아직 손대지 않은 보고에만 할 수 있습니다(이미 작성·제출된 보고는 409 DUPLICATE). 보고는 사후 입력으로 표시되고, 각 단계는 입력 시각과 일어난 날짜, 사후 입력 사유와 함께 이력에 남으며, 알림은 보내지 않습니다. 승인으로 끝나면 과제 추진률이 최신 승인 실적을 따릅니다. 잘못된 입력은 400(details가 events.<번호>.on 등 항목을 가리킴)이고 아무것도 바뀌지 않습니다.\n\n' +
      'PROACTIVE_OFFICE enters a past period’s report as it went: its content and the steps (submit, return, resubmit, accept) with the day each happened. The steps must follow the report state machine, and a day may not go before the previous step, lie in the future or before the period began; lateness is judged on the first submission’s day. The task must have been active during the period (its selected, started, suspended and completed days, which can be entered afterwards too), and the report must be untouched (one already written or submitted is a 409 DUPLICATE). The report is flagged enteredLater, every step is recorded in history with when it was entered, when it happened and the reason, and nothing is sent. Ending accepted makes the task’s progress follow its latest accepted report. Bad input is a 400 naming the item (events.<i>.on, …) and changes nothing.',
  })
  @ApiCreatedResponse({ type: ReportDetailDto })
  @ApiErrors(400, 409, 422)
  recordPast(@CurrentUser() user: AuthUser, @Body() dto: PastReportDto): Promise<ReportDetailDto> {
    return this.pastReports.record(user, dto);
  }

  @ApiOperation({
    summary: 'One report with its attachments · 이행실적 조회',
    description:
      '이행실적 하나를 내용, 제출·검토 정보, 첨부파일, 지금 할 수 있는 처리(allowedActions)와 함께 돌려주고 열람 기록에 남깁니다. 과제를 읽을 수 있는 사용자만 볼 수 있고, 그렇지 않으면 404입니다.\n\n' +
      'Returns one report with its content, submission and review details, attachments and the actions you may take now (allowedActions), and records the read in the access log. Only those who may read its task may read it; anyone else gets a 404.',
  })
  @Get(':id')
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ReportDetailDto> {
    return this.reports.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit a draft or returned report (lead department) · 이행실적 작성·수정',
    description:
      'DRAFT 또는 RETURNED 상태의 이행실적 내용(추진률, 추진실적, 단계별 실적, 문제점, 향후 계획, 지원 필요사항, 관련 사전컨설팅)을 고치고 이력에 남깁니다. 주관부서의 STAFF·DEPT_HEAD만 고칠 수 있으며 그 밖은 403입니다. 제출·승인된 실적은 작성 부서도 고칠 수 없어 409(ILLEGAL_TRANSITION)이고, 읽은 version이 오래되었으면 409, 이 과제의 단계가 아니거나 중복된 단계, 읽을 수 없거나 다른 기관의 사전컨설팅을 적으면 400입니다.\n\n' +
      'Changes the content of a DRAFT or RETURNED report (progress, achievements, per-milestone results, issues, next steps, support needed, linked pre-consultation), recorded in history. Only STAFF and DEPT_HEAD of the lead department may edit (403 otherwise). A submitted or accepted report is read-only even to them (409 ILLEGAL_TRANSITION); a stale version is a 409; a milestone not of this task or listed twice, or a pre-consultation you cannot read or of another organisation, is a 400.',
  })
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateReportDto,
  ): Promise<ReportDetailDto> {
    return this.reports.update(user, id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'submit (DEPT_HEAD of the lead department), accept or return with a comment (AUDITOR, PROACTIVE_OFFICE) · 이행실적 제출·검토',
    description:
      '이행실적을 제출(submit)·승인(accept)·반려(return)하고 이력에 남깁니다. 제출은 주관부서 부서장(DEPT_HEAD)이 DRAFT·RETURNED 실적에, 승인·반려는 같은 기관의 감사담당관(AUDITOR)·적극행정 전담부서(PROACTIVE_OFFICE)가 제출자 본인이 아닐 때 SUBMITTED 실적에 합니다. 마감 후 처음 제출하면 지연(LATE)으로 표시되지만 승인할 수 있고, 승인하면 과제 추진률이 최신 승인 실적을 따르며, 반려하면 작성자와 주담당자에게 알림이 갑니다. 할 수 없는 처리는 409(ILLEGAL_TRANSITION, allowedActions 포함), 추진률·추진실적 없이 제출하거나 검토 의견 없이 반려하면 400, 보낸 version이 오래되었으면 409입니다.\n\n' +
      'Submits, accepts or returns a report, recorded in history. The lead department’s DEPT_HEAD submits a DRAFT or RETURNED report; an AUDITOR or PROACTIVE_OFFICE member of the organisation who did not submit it accepts or returns a SUBMITTED one. A first submission after the due date is flagged LATE but may still be accepted; acceptance makes the task’s progress follow its latest accepted report; a return notifies the author and the task owner. An action not possible now is a 409 (ILLEGAL_TRANSITION) with allowedActions; submitting without progress or achievements, or returning without a comment, is a 400; a stale version, when sent, is a 409.',
  })
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(400, 404, 409)
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReportTransitionDto,
  ): Promise<ReportDetailDto> {
    return this.reports.transition(user, id, dto.action, dto);
  }

  @Post(':id/approval-request')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask the head of the lead department to submit (STAFF) · 결재 요청',
    description:
      '주관부서 직원(STAFF)이 작성을 마친 DRAFT·RETURNED 이행실적의 제출을 부서장에게 요청합니다. 부서장에게 바로 알림(메일)이 가고 부서장의 나의 업무 결재 대기 목록(approvalRequested=true)에 나오며, 이력에 남습니다. 제출되거나 요청이 철회되면 요청이 끝납니다. 주관부서 사람이 아니면 403, 부서장 본인이거나 이미 요청되었거나 제출된 실적이면 409(ILLEGAL_TRANSITION), 추진률·추진실적이 비어 있으면 400, 읽은 version이 오래되었으면 409입니다.\n\n' +
      'Lead-department STAFF ask the department’s head to submit a finished DRAFT or RETURNED report. The heads are notified at once (e-mail) and find it in their queue (approvalRequested=true); recorded in history. A submission or a withdrawal ends the request. Anyone outside the lead department gets a 403; a head (who submits directly), a pending request or a submitted report is a 409 (ILLEGAL_TRANSITION); missing progress or achievements is a 400; a stale version is a 409.',
  })
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(400, 404, 409)
  requestApproval(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RequestApprovalDto,
  ): Promise<ReportDetailDto> {
    return this.reports.requestApproval(user, id, dto);
  }

  @Post(':id/approval-request/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw (requester) or decline (head) a pending approval request · 결재 요청 철회',
    description:
      '대기 중인 결재 요청을 요청한 직원이 철회하거나 부서장이 사유와 함께 돌려보냅니다(이력에 남음). 그 밖의 주관부서 사람이거나 대기 중인 요청이 없으면 409(ILLEGAL_TRANSITION), 주관부서 사람이 아니면 403, 읽은 version이 오래되었으면 409입니다.\n\n' +
      'The requester withdraws a pending approval request, or a head of the department declines it with a reason (recorded in history). Anyone else of the lead department, or no pending request, is a 409 (ILLEGAL_TRANSITION); anyone outside it a 403; a stale version a 409.',
  })
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(400, 404, 409)
  withdrawApprovalRequest(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: WithdrawApprovalRequestDto,
  ): Promise<ReportDetailDto> {
    return this.reports.withdrawApprovalRequest(user, id, dto);
  }

  @ApiOperation({
    summary: 'Every change of the report, oldest first · 이행실적 변경 이력',
    description:
      '이행실적의 변경 이력(작성, 제출, 승인·반려, 첨부 등)을 오래된 것부터 최대 500건 돌려줍니다. 실적을 읽을 수 있는 사용자라면 누구나 볼 수 있고, 그렇지 않으면 404입니다.\n\n' +
      'Returns the report’s changes (edits, submissions, reviews, attachments), oldest first, up to 500. Anyone who may read the report may read its history; anyone else gets a 404.',
  })
  @Get(':id/history')
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.reports.historyOf(user, id);
  }

  @Post(':id/attachments')
  @ApiOperation({
    summary:
      'Attach a file (lead department, draft or returned report): size limit per organisation, type allow-list checked on content, sha256 stored · 이행실적 첨부',
    description:
      'DRAFT·RETURNED 이행실적에 파일 하나(multipart의 file 필드)를 첨부하고 sha256과 함께 저장하며 이력에 남깁니다. 주관부서의 STAFF·DEPT_HEAD만 첨부할 수 있고 그 밖은 403, 제출된 실적이면 409입니다. 기관 설정(attachments.maxFileMb)보다 큰 파일은 413, 허용 형식(pdf, hwp, hwpx, 오피스 문서, png, jpg, zip, txt, csv)이 아니거나 내용이 확장자와 다르면 415, 파일이 없거나 비어 있으면 400입니다.\n\n' +
      'Attaches one file (multipart field "file") to a DRAFT or RETURNED report, stored with its sha256 and recorded in history. STAFF and DEPT_HEAD of the lead department only (403 otherwise); a submitted report is a 409. A file above the organisation’s limit (attachments.maxFileMb) is a 413; a type outside the allow-list (pdf, hwp, hwpx, Office documents, png, jpg, zip, txt, csv) or content not matching its extension is a 415; a missing or empty file is a 400.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDto })
  @ApiCreatedResponse({ type: ReportDetailDto })
  @ApiErrors(400, 404, 409)
  async attach(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ReportDetailDto> {
    return this.reports.addAttachment(user, id, await fileUpload(request));
  }

  @ApiOperation({
    summary: 'Files attached to a report · 이행실적 첨부파일 목록',
    description:
      '이행실적의 첨부파일 목록(이름, 형식, 크기, sha256, 올린 사람)을 돌려줍니다. 실적을 읽을 수 있는 사용자라면 누구나 볼 수 있고, 그렇지 않으면 404입니다.\n\n' +
      'Lists the files attached to a report (name, type, size, sha256, uploader). Anyone who may read the report may call it; anyone else gets a 404.',
  })
  @Get(':id/attachments')
  @ApiOkResponse({ type: [AttachmentDto] })
  @ApiErrors(404)
  attachments(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<AttachmentDto[]> {
    return this.reports.listAttachments(user, id);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({
    summary:
      'Download a file of a report you may read (recorded in the access log) · 이행실적 첨부파일 내려받기',
    description:
      '이행실적의 첨부파일을 내려받습니다. 실적을 읽을 수 있는 사용자라면 누구나 내려받을 수 있고, 내려받은 사실은 열람 기록에 남습니다. 실적을 읽을 수 없거나 이 실적의 파일이 아니면 404입니다.\n\n' +
      'Downloads a file attached to a report. Anyone who may read the report may download it, and each download is recorded in the access log; a report you cannot read or a file not of this report is a 404.',
  })
  @ApiProduces('*/*') // the stored file's own type
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    const file = await this.reports.download(user, id, attachmentId);
    return new StreamableFile(file.stream, {
      type: file.mediaType,
      length: file.sizeBytes,
      disposition: attachmentDisposition(file.fileName),
    });
  }

  @ApiOperation({
    summary: 'Remove a file from a report · 이행실적 첨부파일 삭제',
    description:
      'DRAFT·RETURNED 이행실적에서 첨부파일을 지우고 이력에 남깁니다. 주관부서의 STAFF·DEPT_HEAD만 지울 수 있고 그 밖은 403, 제출된 실적이면 409, 이 실적의 파일이 아니면 404입니다.\n\n' +
      'Removes a file from a DRAFT or RETURNED report, recorded in history. STAFF and DEPT_HEAD of the lead department only (403 otherwise); a submitted report is a 409; a file not of this report is a 404.',
  })
  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  removeAttachment(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<void> {
    return this.reports.removeAttachment(user, id, attachmentId);
  }
}
