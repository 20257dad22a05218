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
