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
import { SETTING_DEFINITIONS, type SettingsView } from '@gwaje/identity';
import { FieldLabels } from '../http/field-labels.js';

export class SettingsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to your organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class SettingDto {
  @ApiProperty({ enum: Object.keys(SETTING_DEFINITIONS), example: 'security.lockoutThreshold' })
  key: string;
  @ApiProperty({ example: 5, description: 'Current value for the organisation' }) value: unknown;
  @ApiProperty({ example: 5, description: 'Configured default' }) defaultValue: unknown;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ example: 'integer', enum: ['integer', 'boolean', 'enum'] }) kind: string;
  @ApiPropertyOptional({ example: 3 }) min?: number;
  @ApiPropertyOptional({ example: 20 }) max?: number;
  @ApiPropertyOptional({ type: [String] }) values?: readonly string[];
  @ApiProperty({ example: '계정 잠금까지 연속 로그인 실패 횟수' }) label: string;
  @ApiProperty({ example: 'Consecutive failed logins before lockout' }) labelEn: string;
}

export class SettingsDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ description: 'Send it back with PATCH; a stale one is a 409' }) version: number;
  @ApiProperty({ type: [SettingDto] }) settings: SettingDto[];

  static of(view: SettingsView): SettingsDto {
    return {
      organisationId: view.organisationId,
      version: view.version,
      settings: view.settings.map(({ key, value, defaultValue, isDefault, definition }) => {
        const { label, ...rest } = definition;
        return { key, value, defaultValue, isDefault, ...rest, label: label.ko, labelEn: label.en };
      }),
    };
  }
}

@FieldLabels({ values: '설정값' })
export class UpdateSettingsDto {
  @ApiProperty({ description: 'The version you read' })
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

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
