import { Injectable, Logger } from '@nestjs/common';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import type { AuthUser } from '@gwaje/identity';
import {
  koreanDate,
  koreanDateTime,
  LIST_EXPORT_CONTENT_TYPES,
  type ListExportColumn,
  type ListExportFile,
  type ListExportFormat,
  seoulToday,
  streamListExport,
  YES_NO_LABELS,
} from '@gwaje/tasks';
import type { ConsultationState, FollowUp, OpinionType } from './consultation.entity.js';
import { consultationDeadline } from './consultation-deadlines.js';
import type { ConsultationFilter, ConsultationRow } from './consultation-query.js';
import { ConsultationsService } from './consultations.service.js';

export const CONSULTATION_STATE_LABELS: Readonly<Record<ConsultationState, string>> = {
  DRAFT: '작성 중',
  SUBMITTED: '신청',
  SCREENING: '사전검토 중',
  REJECTED: '반려',
  ACCEPTED: '접수',
  UNDER_REVIEW: '검토 중',
  ESCALATED: '상급기관 검토 중',
  COMMITTEE_ADVICE: '위원회 자문 중',
  OPINION_ISSUED: '의견 회신',
  CLOSED: '종결',
};

const OPINION_TYPE_LABELS: Readonly<Record<OpinionType, string>> = {
  ACCEPTABLE: '수용 가능',
  NOT_ACCEPTABLE: '수용 불가',
  CONDITIONAL: '조건부 수용',
};

const FOLLOW_UP_LABELS: Readonly<Record<FollowUp, string>> = {
  FOLLOWED: '의견대로 이행함',
  NOT_FOLLOWED: '의견대로 이행하지 않음',
};

const dateTime = (at: Date | null): string => (at ? koreanDateTime(new Date(at)) : '');

/** The queue's columns (what the list shows: no request content), and the outcome. */
function columns(today: string): ReadonlyArray<ListExportColumn<ConsultationRow>> {
  const deadline = (r: ConsultationRow) =>
    consultationDeadline(
      {
        status: r.state,
        screeningDueDate: r.screening_due_date,
        opinionDueDate: r.opinion_due_date,
        extensionDays: r.extension_days,
      },
      today,
    );
  return [
    { header: '연도', width: 7, value: (r) => r.year },
    { header: '제목', width: 40, text: true, value: (r) => r.subject },
    { header: '신청부서', width: 14, text: true, value: (r) => r.department_name },
    { header: '과제번호', width: 10, value: (r) => r.task_code ?? '' },
    { header: '과제명', width: 30, text: true, value: (r) => r.task_title ?? '' },
    { header: '상태', width: 14, value: (r) => CONSULTATION_STATE_LABELS[r.state] },
    { header: '신청일시', width: 19, value: (r) => dateTime(r.submitted_at) },
    {
      header: '처리 기한',
      width: 13,
      value: (r) => {
        const due = deadline(r).dueDate;
        return due ? koreanDate(due) : '';
      },
    },
    {
      header: '기한 경과',
      width: 9,
      value: (r) => YES_NO_LABELS[deadline(r).overdue ? 'true' : 'false'],
    },
    { header: '경과 일수', width: 9, value: (r) => deadline(r).daysOverdue },
    { header: '담당 감사관', width: 10, text: true, value: (r) => r.assigned_auditor_name ?? '' },
    {
      header: '의견 유형',
      width: 12,
      value: (r) => (r.opinion_type ? OPINION_TYPE_LABELS[r.opinion_type] : ''),
    },
    { header: '의견 회신일시', width: 19, value: (r) => dateTime(r.opinion_at) },
    {
      header: '처리 일수',
      width: 9,
      value: (r) => (r.turnaround_days === null ? '' : r.turnaround_days),
    },
    {
      header: '이행 여부',
      width: 18,
      value: (r) => (r.follow_up ? FOLLOW_UP_LABELS[r.follow_up] : ''),
    },
    { header: '최종 수정', width: 19, value: (r) => dateTime(r.updated_at) },
  ];
}

export const CONSULTATION_EXPORT_HEADERS: readonly string[] = columns('2000-01-01').map(
  (c) => c.header,
);

/**
 * The pre-consultation queue as XLSX or CSV: the requests the user may read, filtered like the
 * list (the same query builder, read in id batches), recorded in the access log.
 */
@Injectable()
export class ConsultationExportService {
  static readonly BATCH_SIZE = 1000;
  private readonly logger = new Logger(ConsultationExportService.name);

  constructor(
    private readonly consultations: ConsultationsService,
    private readonly accessLog: AccessLogService,
  ) {}

  async export(
    user: AuthUser,
    filter: ConsultationFilter,
    format: ListExportFormat,
  ): Promise<ListExportFile> {
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: 'consultation',
      filter: { ...filter, format },
    });
    const day = seoulToday();
    const batch = (afterId: string | null) =>
      this.consultations.batchAfter(
        user,
        filter,
        afterId,
        ConsultationExportService.BATCH_SIZE,
        day,
      );
    const stream = streamListExport({
      format,
      sheetName: '사전컨설팅',
      columns: columns(day),
      batchSize: ConsultationExportService.BATCH_SIZE,
      first: await batch(null),
      next: (last) => batch(last.id),
      logger: this.logger,
      context: { userId: user.id, list: 'consultations' },
    });
    return {
      filename: `consultations-${day}.${format}`,
      localFilename: `사전컨설팅-${day}.${format}`,
      contentType: LIST_EXPORT_CONTENT_TYPES[format],
      stream,
    };
  }
}
