import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ACCESS_ACTIONS,
  ACCESS_RESULTS,
  type AccessAction,
  type AccessResult,
  LEDGER_PROBLEMS,
} from '@gwaje/audit';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { FieldLabels } from '../http/field-labels.js';

export class LedgerProblemDto {
  @ApiProperty({ enum: LEDGER_PROBLEMS }) problem: string;
  @ApiProperty({ enum: ['history', 'access_log'] }) ledger: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ nullable: true, type: String, example: '42' }) entryId: string | null;
  @ApiProperty({ nullable: true, type: String }) recordType: string | null;
  @ApiProperty({ nullable: true, type: String }) recordId: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) recordSeq: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) checkpointSeq: number | null;
}

export class LedgerReportDto {
  @ApiProperty({ enum: ['history', 'access_log'] }) ledger: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: 'integer' }) entries: number;
  @ApiProperty({ type: 'integer' }) checkpoints: number;
  @ApiProperty({ type: 'integer', description: 'Entries written since the last checkpoint' })
  unsealedEntries: number;
  @ApiProperty({
    type: 'integer',
    description: 'Access-log checkpoints whose months were dropped by retention',
  })
  expiredCheckpoints: number;
  @ApiProperty() intact: boolean;
}

export class VerificationDto {
  @ApiProperty() intact: boolean;
  @ApiProperty({ type: 'integer' }) checkedEntries: number;
  @ApiProperty({ type: 'integer' }) checkedCheckpoints: number;
  @ApiProperty({ type: 'integer' }) unsealedEntries: number;
  @ApiProperty({ description: 'False when no trusted public key is configured' })
  signaturesChecked: boolean;
  @ApiProperty({ type: [LedgerReportDto] }) ledgers: LedgerReportDto[];
  @ApiProperty({
    type: LedgerProblemDto,
    nullable: true,
    description: 'The first entry or checkpoint that does not verify',
  })
  firstBroken: LedgerProblemDto | null;
  @ApiProperty({ type: [LedgerProblemDto], description: 'Every problem found (at most 100)' })
  problems: LedgerProblemDto[];
}

export class CheckpointDto {
  @ApiProperty({ enum: ['history', 'access_log'] }) ledger: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ description: 'Entries of transactions with txidFrom ≤ txid < txidTo' })
  txidFrom: string;
  @ApiProperty() txidTo: string;
  @ApiProperty() firstEntryId: string;
  @ApiProperty() lastEntryId: string;
  @ApiProperty() firstOccurredAt: string;
  @ApiProperty() lastOccurredAt: string;
  @ApiProperty({ type: 'integer', description: 'Number of entries sealed' }) treeSize: number;
  @ApiProperty({ description: 'RFC 9162 Merkle tree hash of the entries, hex' }) rootHash: string;
  @ApiProperty({ description: 'The previous checkpoint’s hash' }) prevHash: string;
  @ApiProperty() sealedAt: string;
  @ApiProperty({ description: 'sha256 of the signing public key (SPKI DER), hex' }) keyId: string;
  @ApiProperty({ description: 'sha256 of the signed statement, hex' }) hash: string;
  @ApiProperty({ description: 'Ed25519 signature over the statement, base64' }) signature: string;
}

export class PublicKeyDto {
  @ApiProperty() keyId: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm: string;
  @ApiProperty({ description: 'SPKI PEM' }) pem: string;
}

export class CheckpointExportDto {
  @ApiProperty({
    type: CheckpointDto,
    nullable: true,
    description: 'null before the organisation’s first checkpoint',
  })
  checkpoint: CheckpointDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The exact signed text (RFC 8785 canonical JSON)',
  })
  statement: string | null;
  @ApiProperty({ enum: ['Ed25519'] }) signatureAlgorithm: string;
  @ApiProperty({ type: PublicKeyDto, nullable: true }) publicKey: PublicKeyDto | null;
}

@FieldLabels({ ledger: '원장' })
export class CheckpointQuery {
  @ApiPropertyOptional({ enum: ['history', 'access_log'], example: 'history' })
  @IsOptional()
  @IsIn(['history', 'access_log'])
  ledger?: 'history' | 'access_log';

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}

@FieldLabels({ ledger: '원장' })
export class CheckpointExportQuery {
  @ApiPropertyOptional({ enum: ['history', 'access_log'], default: 'history', example: 'history' })
  @IsOptional()
  @IsIn(['history', 'access_log'])
  ledger: 'history' | 'access_log' = 'history';

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Default: your own organisation',
    example: '3f1c2b8e-5a4d-4c2e-9b7a-1d2e3f4a5b6c',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class SealRequestedDto {
  @ApiProperty({ example: true }) requested: boolean;
}

export class HistoryQuery {
  @ApiProperty({ example: 'user' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  recordType: string;

  @ApiProperty({ example: '9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  recordId: string;
}

export class HistoryEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: 'integer', description: 'Position in the record’s chain: 1, 2, 3, …' })
  recordSeq: number;
  @ApiProperty() recordType: string;
  @ApiProperty() recordId: string;
  @ApiProperty({ example: 'update' }) action: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty({ description: 'When the entry was written (entered).' }) occurredAt: Date;
  @ApiProperty({
    nullable: true,
    type: Date,
    description:
      'For an entry made later (back-dated, 사후 입력): when what it records happened. Null for an entry written as it happened.',
  })
  effectiveAt: Date | null;
  @ApiProperty({
    description: 'True when the entry was entered later than it happened (사후 입력).',
  })
  enteredLater: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why a back-dated entry was entered late (사후 입력 사유).',
  })
  lateEntryReason: string | null;
  @ApiProperty({
    example: { name: { from: '구 이름', to: '새 이름' } },
    type: 'object',
    additionalProperties: true,
  })
  changes: Record<string, { from: unknown; to: unknown }>;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({
    description:
      'What the ids in `changes` stand for: people, departments and organisations by name, tasks by code (an id not found is left out) · 변경 내용 속 ID의 이름',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { '7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40': '김민지' },
  })
  names: Record<string, string>;
}

@FieldLabels({
  beforeId: '커서',
  action: '행위',
  result: '결과',
  account: '계정',
  from: '시작 시각',
  to: '끝 시각',
})
export class AccessLogQuery {
  @ApiPropertyOptional({
    description: 'Keyset cursor: entries with a smaller id (newest first)',
    example: '128450',
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/)
  beforeId?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ format: 'uuid', example: '7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  recordType?: string;

  @ApiPropertyOptional({ enum: ACCESS_ACTIONS, example: 'LOGIN' })
  @IsOptional()
  @IsIn(ACCESS_ACTIONS)
  action?: AccessAction;

  @ApiPropertyOptional({ enum: ACCESS_RESULTS, example: 'FAILURE' })
  @IsOptional()
  @IsIn(ACCESS_RESULTS)
  result?: AccessResult;

  @ApiPropertyOptional({
    description: 'The account (e-mail) used, also one that does not exist; case does not matter',
    example: 'staff@nowon.demo.gwaje.kr',
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  account?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Entries at or after this time (ISO 8601)',
    example: '2026-03-01T00:00:00+09:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Entries before this time (ISO 8601)',
    example: '2026-04-01T00:00:00+09:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AccessLogEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: Date;
  @ApiProperty() organisationId: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Null only for a failed sign-in of an unknown account (see account)',
  })
  userId: string | null;
  @ApiProperty({ nullable: true, type: String }) userName: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The account (normalised e-mail) used; null on entries older than issue 18',
  })
  account: string | null;
  @ApiProperty({
    enum: ACCESS_ACTIONS,
    description:
      'READ, LIST, EXPORT, DOWNLOAD of records; LOGIN, LOGOUT, REFRESH_REUSE, PASSWORD_CHANGE (접속기록)',
  })
  action: string;
  @ApiProperty() recordType: string;
  @ApiProperty({ nullable: true, type: String }) recordId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) filter: Record<
    string,
    unknown
  > | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The stated reason of an export or download; for a failure, why (WRONG_PASSWORD, UNKNOWN_ACCOUNT, ACCOUNT_LOCKED, ACCOUNT_INACTIVE, ORGANISATION_INACTIVE, REFRESH_TOKEN_REUSED, PASSWORD_POLICY)',
  })
  reason: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Client address (X-Forwarded-For only from a trusted proxy)',
    example: '203.0.113.7',
  })
  ip: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Mozilla/5.0 (Windows NT 10.0)' })
  userAgent: string | null;
  @ApiProperty({
    enum: ACCESS_RESULTS,
    nullable: true,
    type: String,
    description: 'Null on entries older than issue 18',
  })
  result: string | null;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) items: AccessLogEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as beforeId for the next page' })
  nextBeforeId: string | null;
}
