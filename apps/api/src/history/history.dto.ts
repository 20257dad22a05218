import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class BrokenEntryDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: '17' }) seq: string;
  @ApiProperty({ enum: ['HASH_MISMATCH', 'PREV_HASH_MISMATCH', 'SEQUENCE_GAP'] }) problem: string;
}

export class ChainReportDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() entries: number;
  @ApiProperty() intact: boolean;
  @ApiProperty({ type: BrokenEntryDto, nullable: true }) firstBroken: BrokenEntryDto | null;
}

export class VerificationDto {
  @ApiProperty() intact: boolean;
  @ApiProperty() checkedEntries: number;
  @ApiProperty({ type: [ChainReportDto] }) organisations: ChainReportDto[];
  @ApiProperty({
    type: BrokenEntryDto,
    nullable: true,
    description: 'The first entry that does not verify',
  })
  firstBroken: BrokenEntryDto | null;
}

export class HistoryQuery {
  @ApiProperty({ example: 'user' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  recordType: string;

  @ApiProperty({ example: '0b6f…' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  recordId: string;
}

export class HistoryEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() seq: string;
  @ApiProperty() recordType: string;
  @ApiProperty() recordId: string;
  @ApiProperty({ example: 'update' }) action: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty() occurredAt: Date;
  @ApiProperty({
    example: { name: { from: '구 이름', to: '새 이름' } },
    type: 'object',
    additionalProperties: true,
  })
  changes: Record<string, { from: unknown; to: unknown }>;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class AccessLogQuery {
  @ApiPropertyOptional({ description: 'Keyset cursor: entries with a smaller id (newest first)' })
  @IsOptional()
  @Matches(/^\d{1,19}$/)
  beforeId?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  recordType?: string;
}

export class AccessLogEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: Date;
  @ApiProperty() organisationId: string;
  @ApiProperty() userId: string;
  @ApiProperty({ nullable: true, type: String }) userName: string | null;
  @ApiProperty({ enum: ['READ', 'LIST', 'EXPORT', 'DOWNLOAD'] }) action: string;
  @ApiProperty() recordType: string;
  @ApiProperty({ nullable: true, type: String }) recordId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) filter: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) items: AccessLogEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as beforeId for the next page' })
  nextBeforeId: string | null;
}
