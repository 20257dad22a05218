import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiResponse } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiProperty({ example: 'email', description: 'Dotted path of the field in the request' })
  field: string;

  @ApiProperty({ example: 'isEmail' })
  constraint: string;

  @ApiProperty({ example: '올바른 이메일 주소가 아닙니다.' })
  message: string;
}

export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty({
    example: '입력값이 올바르지 않습니다.',
    description: 'Korean unless Accept-Language asks for English',
  })
  message: string;

  @ApiProperty({ type: [ErrorDetailDto] })
  details: ErrorDetailDto[];

  @ApiProperty({ example: '5f0c6c1e-1c2b-4a4e-9a1e-7f1b2c3d4e5f' })
  requestId: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `details` names each field',
  401: 'Missing, invalid or expired token',
  403: 'Readable but not allowed for this user',
  404: 'Not found, or not visible to this user',
  409: 'Stale version or duplicate; a conflict carries `currentVersion`',
  429: 'Too many requests',
};

/** Documents the error statuses an endpoint can answer, all with the one error body. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponseDto }),
    ),
  );
}

/** An authenticated endpoint: bearer token, and the usual 401/403. */
export function ApiAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401, 403));
}
