import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { FieldLabels } from '../http/field-labels.js';

@FieldLabels({ currentPassword: '현재 비밀번호', newPassword: '새 비밀번호' })
export class ChangePasswordDto {
  @ApiProperty({ maxLength: 128, example: 'Nowon#Proactive2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({
    description:
      'At least the organisation minimum (security.passwordMinLength, default 10), not containing your name or email, not the current one',
    maxLength: 128,
    example: 'Dobong#Proactive2027',
  })
  @IsString()
  @MaxLength(128)
  newPassword: string;
}
