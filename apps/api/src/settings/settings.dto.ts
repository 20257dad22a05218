import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  isAdminOnlySetting,
  JSON_SETTING_FORMATS,
  type JsonSettingFormat,
  SETTING_DEFINITIONS,
  type SettingsView,
} from '@gwaje/identity';
import { FieldLabels } from '../http/field-labels.js';

export class SettingsQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Defaults to your organisation',
    example: '3f1c2b8e-5a4d-4c2e-9b7a-1d2e3f4a5b6c',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

/** A setting's value: a whole number, true/false, one of a list, or a structure (json kind). */
const SETTING_VALUE = {
  oneOf: [
    { type: 'integer', format: 'int32' },
    { type: 'boolean' },
    { type: 'string' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true },
  ],
};

export class SettingDto {
  @ApiProperty({ enum: Object.keys(SETTING_DEFINITIONS), example: 'security.lockoutThreshold' })
  key: string;
  @ApiProperty({
    ...SETTING_VALUE,
    example: 5,
    description: 'Current value for the organisation; its type follows `kind`',
  })
  value: unknown;
  @ApiProperty({ ...SETTING_VALUE, example: 5, description: 'Configured default' })
  defaultValue: unknown;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({
    example: 'integer',
    enum: ['integer', 'boolean', 'enum', 'json'],
    description:
      'integer (min, max), boolean, enum (values) or json (a structure checked by the server)',
  })
  kind: string;
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    example: 3,
    description: 'integer kind only',
  })
  min?: number;
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    example: 20,
    description: 'integer kind only',
  })
  max?: number;
  @ApiPropertyOptional({ type: [String], description: 'enum kind only' })
  values?: readonly string[];
  @ApiPropertyOptional({
    enum: JSON_SETTING_FORMATS,
    example: 'dayList',
    description:
      'json kind only: what the structure is, so a form can be offered (criteria: [{key, label, weight}] totalling 100; grades: [{grade, label, count, bonusPoints, prizeKrw}], count null on the last; dayList: distinct business-day offsets 1–30; monthDay: "MM-DD")',
  })
  format?: JsonSettingFormat;
  @ApiProperty({
    example: true,
    description:
      'A security setting: only ADMIN may change it (PROACTIVE_OFFICE gets a 403) · 보안 설정: ADMIN만 변경',
  })
  adminOnly: boolean;
  @ApiProperty({ example: '계정 잠금까지 연속 로그인 실패 횟수' }) label: string;
  @ApiProperty({ example: 'Consecutive failed logins before lockout' }) labelEn: string;
}

export class SettingsDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    description: 'Send it back with PATCH; a stale one is a 409',
  })
  version: number;
  @ApiProperty({ type: [SettingDto] }) settings: SettingDto[];

  static of(view: SettingsView): SettingsDto {
    return {
      organisationId: view.organisationId,
      version: view.version,
      settings: view.settings.map(({ key, value, defaultValue, isDefault, definition }) => {
        // A json setting's validator is code, not data: only its kind and format are told.
        const { label, ...rest } = definition;
        const shown = rest.kind === 'json' ? { kind: rest.kind, format: rest.format } : rest;
        return {
          key,
          value,
          defaultValue,
          isDefault,
          ...shown,
          adminOnly: isAdminOnlySetting(key),
          label: label.ko,
          labelEn: label.en,
        };
      }),
    };
  }
}

@FieldLabels({ values: '설정값' })
export class UpdateSettingsDto {
  @ApiProperty({ description: 'The version you read', example: 4 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({
    description: 'Setting key → new value; every value is validated before anything is written',
    example: { 'security.lockoutThreshold': 6 },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  values: Record<string, unknown>;

  @ApiPropertyOptional({
    maxLength: 1000,
    example: '보안 점검 결과에 따라 로그인 실패 허용 횟수 조정',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
