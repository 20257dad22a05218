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
import { ConsultationsService } from '@gwaje/consultations';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { HistoryEntryDto } from '../history/history.dto.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { fileUpload } from '../http/upload.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { AttachmentDto, UploadDto } from '../reports/reports.dto.js';
import {
  ConsultationDetailDto,
  ConsultationListQuery,
  ConsultationPageDto,
  ConsultationSummaryDto,
  ConsultationTransitionDto,
  CreateConsultationDto,
  UpdateConsultationDto,
} from './consultations.dto.js';

@ApiTags('consultations · 사전컨설팅')
@ApiAuth()
@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post('consultations')
  @ApiOperation({
    summary:
      'Draft a pre-consultation request of your department (STAFF, DEPT_HEAD) · 사전컨설팅 신청서 작성',
    description:
      '내 부서의 사전컨설팅 신청서를 DRAFT 상태로 작성하고 이력에 남깁니다(사실관계, 질의, 관련 법령, 자체 검토, 갑설·을설, 사적 이해관계 신고, 관련 중점과제). STAFF·DEPT_HEAD만 호출할 수 있고(그 밖은 403), 연결한 과제를 읽을 수 없으면 400(INVALID_REFERENCE)입니다. 초안은 작성 부서만 볼 수 있습니다.\n\n' +
      'Drafts a pre-consultation request of your department in DRAFT (facts, question, relevant laws, own review, options 갑설/을설, private-interest declaration, linked priority task), recorded in history. STAFF and DEPT_HEAD only (403 otherwise); a linked task you cannot read is a 400 (INVALID_REFERENCE). Only the drafting department sees a draft.',
  })
  @ApiCreatedResponse({ type: ConsultationDetailDto })
  @ApiErrors(400)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateConsultationDto,
  ): Promise<ConsultationDetailDto> {
    return this.consultations.create(user, dto);
  }

  @Get('consultations')
  @ApiOperation({
    summary:
      'Requests you may read: the audit unit’s queue (status, overdue, assigned to me) or a department’s own · 사전컨설팅 목록',
    description:
      '읽을 수 있는 사전컨설팅을 조건(상태, 기한 경과, 내 배정, 신청 부서, 연도, 과제)에 따라 정렬하여 한 쪽씩 돌려줍니다. 신청 부서의 직원·부서장은 초안을 포함한 자기 부서 신청을, 같은 기관의 AUDITOR·PROACTIVE_OFFICE는 제출된 신청 전체를, 상급기관 감사담당관(AUDITOR)은 자기 기관으로 이송(escalate)된 신청을 봅니다. 다른 기관은 볼 수 없으며, 조회 사실은 열람 기록에 남습니다.\n\n' +
      'Lists the pre-consultations you may read, filtered (status, overdue, assigned to me, requesting department, year, task), sorted and a page at a time. The requesting department’s STAFF and DEPT_HEAD see its own requests, drafts included; AUDITOR and PROACTIVE_OFFICE of the organisation see every submitted one; AUDITORs of a parent organisation see those escalated to it. No other organisation sees them; recorded in the access log.',
  })
  @ApiOkResponse({ type: ConsultationPageDto })
  @ApiErrors(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ConsultationListQuery,
  ): Promise<ConsultationPageDto> {
    const { sort, order, limit, offset, ...filter } = query;
    return this.consultations.list(user, filter, { sort, order, limit, offset });
  }

  @ApiOperation({
    summary: 'One pre-consultation with its attachments · 사전컨설팅 조회',
    description:
      '사전컨설팅 하나를 신청 내용, 심사·의견·자문·이행 정보, 첨부파일, 지금 할 수 있는 처리(allowedActions)와 함께 돌려주고 열람 기록에 남깁니다. 목록과 같은 읽기 범위가 적용되며, 읽을 수 없으면 404입니다.\n\n' +
      'Returns one pre-consultation with its request, screening, opinion, advice and follow-up details, attachments and the actions you may take now (allowedActions), and records the read in the access log. The list’s read scope applies; anything else is a 404.',
  })
  @Get('consultations/:id')
  @ApiOkResponse({ type: ConsultationDetailDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ConsultationDetailDto> {
    return this.consultations.get(user, id);
  }

  @Patch('consultations/:id')
  @ApiOperation({
    summary: 'Edit a draft (its department) · 사전컨설팅 신청서 수정',
    description:
      'DRAFT 상태의 신청서 내용을 고치고 이력에 남깁니다. 신청 부서의 STAFF·DEPT_HEAD만 고칠 수 있고 그 밖은 403, 이미 제출된 신청서는 409(ILLEGAL_TRANSITION)입니다. 읽은 version이 오래되었으면 409, 연결한 과제를 읽을 수 없으면 400입니다.\n\n' +
      'Changes a DRAFT request, recorded in history. STAFF and DEPT_HEAD of the requesting department only (403 otherwise); a submitted request can no longer be edited (409 ILLEGAL_TRANSITION). A stale version is a 409; a linked task you cannot read is a 400.',
  })
  @ApiOkResponse({ type: ConsultationDetailDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateConsultationDto,
  ): Promise<ConsultationDetailDto> {
    return this.consultations.update(user, id, dto);
  }

  @Post('consultations/:id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'submit, startScreening, reject, accept, startReview, escalate, returnAdvice, requestCommitteeAdvice, recordCommitteeAdvice, issueOpinion, extend, close · 사전컨설팅 처리',
    description:
      '사전컨설팅을 다음 단계로 옮기고 이력에 남깁니다. 제출(submit)은 신청 부서의 부서장(DEPT_HEAD)이, 심사 착수·반려(체크리스트 항목)·접수(검토 감사담당관 배정)·검토 착수·상급기관 이송(상급기관이 있을 때)·위원회 자문 요청과 기록·의견 회신·기한 연장(한 번, 설정 일수 이내)은 같은 기관의 감사담당관(AUDITOR)이, 이송된 건의 자문 회신·의견 회신·연장은 상급기관 AUDITOR가, 종결(의견 이행 여부 기록)은 신청 부서의 STAFF·DEPT_HEAD가 합니다. 상급기관 이송은 한 단계를 넘어 이어질 수 있습니다(구 → 시·도 → 중앙행정기관 감사기구 또는 감사원): 이송받은 기관의 AUDITOR가 다시 자기 상급기관으로, 상급기관이 없으면 감사원(BOARD_OF_AUDIT)이나 중앙행정기관 감사기구(MINISTRY_AUDIT, externalName)로 이송하며(외부 이송은 마지막 단계, 그 회신은 이송한 기관의 AUDITOR가 기록), 각 단계는 법령이 정한 장의 승인(approverName, approverTitle, approvedOn)과 함께 escalationHops에 남습니다(첫 단계 상급기관 이송은 승인을 적으면 기록, 그 이후와 외부 이송은 필수). 의견 회신 때 신청인이 감사기구에 필요한 정보를 주지 않았는지(informationWithheld)를 기록합니다. 의견을 따르고 사적 이해관계 신고가 없으며 정보 미제공이 없으면 종결 시 면책 추정(immunityPresumed)이 표시됩니다. 지금 할 수 없거나 내 권한이 아닌 처리, 두 번째 연장은 409(ILLEGAL_TRANSITION, allowedActions 포함)이고, 처리에 필요한 항목이 없거나(예: 제출 시 사실관계·질의·자체 검토, 반려 사유, 의견과 의견 유형) 그 처리에 쓰지 않는 항목을 보내면 400, 보낸 version이 오래되었으면 409입니다.\n\n' +
      'Moves the request to its next step, recorded in history. The requesting department’s DEPT_HEAD submits; an AUDITOR of the organisation starts screening, rejects (a checklist item), accepts (assigning the reviewing auditor), starts the review, escalates to the parent organisation’s audit unit (when there is one), requests and records committee advice, issues the opinion and extends the deadline once within the setting; an AUDITOR of the parent organisation answers, issues the opinion on or extends an escalated request; the requesting department’s STAFF or DEPT_HEAD closes it by recording whether the opinion was followed. Escalation may go beyond one level (구 → 시·도 → a ministry’s audit body or 감사원): the AUDITOR of the organisation it was escalated to passes it on to its own parent or, without one, out of Gwaje to 감사원 (BOARD_OF_AUDIT) or a ministry’s audit body (MINISTRY_AUDIT, externalName), the last hop, whose answer the sending organisation’s AUDITOR records; each hop is kept in escalationHops with the approval of the head the statute names (approverName, approverTitle, approvedOn: recorded when given on a first hop to the parent, required beyond it and out of Gwaje). With the opinion the auditor records whether the requester withheld information the audit unit needed (informationWithheld). Followed, no private interest declared and no information withheld: the closed request is marked immunityPresumed. An action not possible now, not yours, or a second extension is a 409 (ILLEGAL_TRANSITION) with allowedActions; a missing input (facts, question and own review to submit, the rejection reason, opinion and its type, …) or a field the action does not use is a 400; a stale version, when sent, is a 409.',
  })
  @ApiOkResponse({ type: ConsultationDetailDto })
  @ApiErrors(400, 404, 409)
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ConsultationTransitionDto,
  ): Promise<ConsultationDetailDto> {
    const { action, ...input } = dto;
    return this.consultations.transition(user, id, action, input);
  }

  @ApiOperation({
    summary: 'Every change of the pre-consultation, oldest first · 사전컨설팅 변경 이력',
    description:
      '사전컨설팅의 변경 이력(작성, 제출, 심사, 자문, 의견, 종결, 첨부 등)을 오래된 것부터 최대 500건 돌려줍니다. 신청을 읽을 수 있는 사용자라면 누구나 볼 수 있고, 그렇지 않으면 404입니다.\n\n' +
      'Returns the request’s changes (drafting, submission, screening, advice, opinion, closing, attachments), oldest first, up to 500. Anyone who may read the request may read its history; anyone else gets a 404.',
  })
  @Get('consultations/:id/history')
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.consultations.historyOf(user, id);
  }

  @Post('consultations/:id/attachments')
  @ApiOperation({
    summary:
      'Attach a file: the department while drafting, the reviewing auditors while the opinion is pending · 사전컨설팅 첨부',
    description:
      '사전컨설팅에 파일 하나(multipart의 file 필드)를 첨부하고 sha256과 함께 저장하며 이력에 남깁니다. 초안일 때는 신청 부서의 STAFF·DEPT_HEAD가, 의견 준비 중(ACCEPTED·UNDER_REVIEW·ESCALATED·COMMITTEE_ADVICE)에는 같은 기관 또는 이송받은 기관의 AUDITOR가 첨부할 수 있고, 그 밖은 403입니다. 기관 설정(attachments.maxFileMb)보다 크면 413, 허용 형식이 아니거나 내용이 확장자와 다르면 415, 파일이 없거나 비어 있으면 400, 그 사이 상태가 바뀌었으면 409입니다.\n\n' +
      'Attaches one file (multipart field "file") to the request, stored with its sha256 and recorded in history. The requesting department’s STAFF and DEPT_HEAD may attach while it is a draft, and AUDITORs of its organisation or of the one it was escalated to while the opinion is pending (ACCEPTED, UNDER_REVIEW, ESCALATED, COMMITTEE_ADVICE); anyone else gets a 403. Above the organisation’s limit (attachments.maxFileMb): 413; a type outside the allow-list or content not matching its extension: 415; a missing or empty file: 400; a status changed meanwhile: 409.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDto })
  @ApiCreatedResponse({ type: ConsultationDetailDto })
  @ApiErrors(400, 404, 409)
  async attach(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ConsultationDetailDto> {
    return this.consultations.addAttachment(user, id, await fileUpload(request));
  }

  @ApiOperation({
    summary: 'Files attached to a pre-consultation · 사전컨설팅 첨부파일 목록',
    description:
      '사전컨설팅의 첨부파일 목록(이름, 형식, 크기, sha256, 올린 사람)을 돌려줍니다. 신청을 읽을 수 있는 사용자라면 누구나 볼 수 있고, 그렇지 않으면 404입니다.\n\n' +
      'Lists the files attached to the request (name, type, size, sha256, uploader). Anyone who may read the request may call it; anyone else gets a 404.',
  })
  @Get('consultations/:id/attachments')
  @ApiOkResponse({ type: [AttachmentDto] })
  @ApiErrors(404)
  attachments(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<AttachmentDto[]> {
    return this.consultations.listAttachments(user, id);
  }

  @Get('consultations/:id/attachments/:attachmentId')
  @ApiOperation({
    summary: 'Download a file (recorded in the access log) · 사전컨설팅 첨부파일 내려받기',
    description:
      '사전컨설팅의 첨부파일을 내려받습니다. 신청을 읽을 수 있는 사용자라면 누구나 내려받을 수 있고, 내려받은 사실은 열람 기록에 남습니다. 신청을 읽을 수 없거나 이 신청의 파일이 아니면 404입니다.\n\n' +
      'Downloads a file attached to the request. Anyone who may read the request may download it, and each download is recorded in the access log; a request you cannot read or a file not of this request is a 404.',
  })
  @ApiProduces('*/*') // the stored file's own type
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    const file = await this.consultations.download(user, id, attachmentId);
    return new StreamableFile(file.stream, {
      type: file.mediaType,
      length: file.sizeBytes,
      disposition: attachmentDisposition(file.fileName),
    });
  }

  @ApiOperation({
    summary: 'Remove a file from a pre-consultation · 사전컨설팅 첨부파일 삭제',
    description:
      '사전컨설팅의 첨부파일을 지우고 이력에 남깁니다. 첨부할 수 있는 사람(초안일 때 신청 부서, 의견 준비 중에는 검토하는 감사담당관)만 지울 수 있고 그 밖은 403, 이 신청의 파일이 아니면 404입니다.\n\n' +
      'Removes a file from the request, recorded in history. Only those who may attach now (the requesting department while drafting, the reviewing AUDITORs while the opinion is pending) may remove one (403 otherwise); a file not of this request is a 404.',
  })
  @Delete('consultations/:id/attachments/:attachmentId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(404)
  removeAttachment(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<void> {
    return this.consultations.removeAttachment(user, id, attachmentId);
  }

  @Get('tasks/:id/consultations')
  @ApiOperation({
    summary:
      'The consultations linked to a task (those you may read), with immunityPresumed · 과제의 사전컨설팅',
    description:
      '중점과제에 연결된 사전컨설팅 가운데 내가 읽을 수 있는 것을 작성순으로(최대 200건) 면책 추정(immunityPresumed) 여부와 함께 돌려줍니다. 과제를 읽을 수 없으면 404입니다.\n\n' +
      'Returns the pre-consultations linked to a priority task that you may read, oldest first (up to 200), each with its immunityPresumed flag. A task you cannot read is a 404.',
  })
  @ApiTags('tasks · 중점과제')
  @ApiOkResponse({ type: [ConsultationSummaryDto] })
  @ApiErrors(404)
  ofTask(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ConsultationSummaryDto[]> {
    return this.consultations.ofTask(user, id);
  }
}
