import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiResponse } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiProperty({ example: 'title', description: 'Dotted path of the field in the request' })
  field: string;

  @ApiProperty({
    example: 'required',
    description:
      'What is wrong: the constraint (isEmail, maxLength, …), required, notNull, or a rule of its own (README: Errors)',
  })
  code: string;

  @ApiProperty({ example: '과제명을 입력하세요.' })
  message: string;
}

export class LocalTextDto {
  @ApiProperty({ example: '시작일을 YYYY-MM-DD 형식으로 입력하세요.' }) ko: string;
  @ApiProperty({ example: 'must be a date as YYYY-MM-DD' }) en: string;
}

/** One problem of an import file (IMPORT_INVALID), in both languages. */
export class ImportRowErrorDto {
  @ApiProperty({ nullable: true, type: String, example: '중점과제', description: 'null for CSV' })
  sheet: string | null;

  @ApiProperty({
    nullable: true,
    type: 'integer',
    example: 3,
    description: 'The row as the spreadsheet shows it; null for the whole sheet or file',
  })
  row: number | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '시작일',
    description: 'The column by its Korean header; null for a whole row',
  })
  column: string | null;

  @ApiProperty({ example: 'date' }) code: string;

  @ApiProperty({ type: LocalTextDto }) message: LocalTextDto;
}

export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'README: Errors lists every code' })
  code: string;

  @ApiProperty({
    example: '과제명을 입력하세요.',
    description: 'Korean unless Accept-Language asks for English',
  })
  message: string;

  @ApiProperty({ type: [ErrorDetailDto] })
  details: ErrorDetailDto[];

  @ApiProperty({ example: '5f0c6c1e-1c2b-4a4e-9a1e-7f1b2c3d4e5f' })
  requestId: string;

  @ApiProperty({ required: false, description: 'VERSION_CONFLICT: the version the record has now' })
  currentVersion?: number;

  @ApiProperty({
    required: false,
    example: 'task',
    description: 'ILLEGAL_TRANSITION (and FORBIDDEN on a readable record): the record that refused',
  })
  resource?: string;

  @ApiProperty({
    required: false,
    example: 'SUBMITTED',
    description: 'With resource: its status (lifecycle field) now',
  })
  currentStatus?: string;

  @ApiProperty({
    required: false,
    type: [String],
    example: ['edit'],
    description: 'With resource: what the caller may do to it now',
  })
  allowedActions?: string[];

  // The context keys of rule refusals (README: Errors).
  @ApiProperty({
    required: false,
    enum: ['notInCalendar', 'notStarted', 'taskNotActive', 'otherYear'],
    description: 'PERIOD_NOT_OPEN: why the period is not open',
  })
  cause?: string;

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'PERIOD_NOT_OPEN (otherYear): the year of the task',
  })
  taskYear?: number;

  @ApiProperty({ required: false, example: '2026-Q3', description: 'PERIOD_NOT_OPEN: the period' })
  period?: string;

  @ApiProperty({
    required: false,
    example: 'QUARTERLY',
    description: 'PERIOD_NOT_OPEN (notInCalendar)',
  })
  cadence?: string;

  @ApiProperty({
    required: false,
    format: 'date',
    description: 'PERIOD_NOT_OPEN (notStarted): when the period starts',
  })
  periodStart?: string;

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'CALENDAR_IN_USE: reports of that year already written',
  })
  reportsInUse?: number;

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'CALENDAR_UNAVAILABLE: the year whose public holidays are not known yet',
  })
  missingYear?: number;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'DUPLICATE (a declared day): the declaration in force on that day',
  })
  declarationId?: string;

  @ApiProperty({ required: false, type: 'integer', description: 'QUORUM_NOT_MET: members in all' })
  members?: number;

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'QUORUM_NOT_MET: members present for the item',
  })
  present?: number;

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'QUORUM_NOT_MET: members who must be present',
  })
  required?: number;

  @ApiProperty({
    required: false,
    enum: [
      'incentivesPerOfficial',
      'incentivesPerTaskOwner',
      'opinionExtensions',
      'opinionRequestExtensions',
    ],
    description: 'LIMIT_REACHED: which limit',
  })
  limit?: string;

  @ApiProperty({ required: false, type: 'integer', description: 'LIMIT_REACHED: the limit' })
  max?: number;

  @ApiProperty({ required: false, type: 'integer', description: 'LIMIT_REACHED: used so far' })
  used?: number;

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'NOMINATIONS_UNDECIDED: nominations neither verified nor excluded',
  })
  unverified?: number;

  @ApiProperty({
    required: false,
    enum: ['NOMINEE', 'TEAM_MEMBER', 'DEPARTMENT', 'NOMINATOR', 'REQUESTER'],
    description:
      'MEMBER_DISQUALIFIED: why the member is disqualified (제척): the nominee, a member of the nominated team or department, or the nominator',
  })
  reason?: string;

  @ApiProperty({
    required: false,
    type: [String],
    format: 'uuid',
    description: 'MEMBER_HAS_SCORED: the members who have scored',
  })
  memberIds?: string[];

  @ApiProperty({
    required: false,
    type: [String],
    format: 'uuid',
    description:
      'CONTEST_ENTRIES_UNDECIDED: the entries not screened (SCREENING) or not scored (JUDGING)',
  })
  entryIds?: string[];

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'CONTEST_BUDGET_EXCEEDED: the prize money the awards would pay in all (KRW)',
  })
  prizeTotalKrw?: number;

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'CONTEST_BUDGET_EXCEEDED: the round’s budget (KRW)',
  })
  budgetKrw?: number;

  @ApiProperty({
    required: false,
    enum: ['NOMINEE', 'TEAM_MEMBER', 'DEPARTMENT', 'NOMINATOR', 'REQUESTER'],
    description:
      'CONTEST_JUDGE_DISQUALIFIED: why (제척): named official, the entry’s department, its submitter',
  })
  disqualification?: string;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'CRITERIA_NOT_APPROVED, CRITERIA_FROZEN: the evaluation round',
  })
  roundId?: string;

  @ApiProperty({
    required: false,
    enum: ['EVALUATION_CRITERIA'],
    description: 'CRITERIA_NOT_APPROVED: the kind of committee agenda item the round needs',
  })
  agendaSubjectKind?: string;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'CRITERIA_FROZEN: the committee agenda item that approved the criteria',
  })
  agendaItemId?: string;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'MEMBER_EXCLUDED: the excluded member',
  })
  memberId?: string;

  @ApiProperty({
    required: false,
    type: Object,
    description:
      'MEMBER_EXCLUDED: why: { kind: DISQUALIFIED (제척, with role) | CHALLENGE (기피) | RECUSAL (회피) }',
  })
  ground?: Record<string, unknown>;

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'PAYLOAD_TOO_LARGE on an attachment: the limit in bytes',
  })
  maxBytes?: number;

  @ApiProperty({
    required: false,
    type: [String],
    example: ['pdf', 'hwp', 'xlsx'],
    description: 'UNSUPPORTED_FILE_TYPE: the extensions allowed',
  })
  allowedExtensions?: string[];

  @ApiProperty({
    required: false,
    type: () => [ImportRowErrorDto],
    description:
      'IMPORT_INVALID: every problem of the file (at most 500) with its sheet, row and column as the spreadsheet shows them',
  })
  rowErrors?: ImportRowErrorDto[];

  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'IMPORT_INVALID: how many problems there were in all',
  })
  rowErrorCount?: number;
}

/**
 * Documents error statuses an endpoint answers beyond those every route of its kind can give
 * (openapi-document.ts adds those, and the descriptions).
 */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: '', type: ErrorResponseDto })),
  );
}

/** An authenticated endpoint: bearer token, and the usual 401/403. */
export function ApiAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401, 403));
}
