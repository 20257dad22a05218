import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { DomainError, ErrorCode } from '@gwaje/common';
import { Public } from '@gwaje/identity';
import { ErrorResponseDto } from '../http/openapi.js';
import { RedisProbe } from './redis-probe.js';

const TIMEOUT_MS = 1_500;

/** Each service checked, by name: `{ status: 'up' | 'down', … }`. */
const SERVICE_STATES = {
  type: 'object' as const,
  additionalProperties: {
    type: 'object' as const,
    properties: { status: { type: 'string' as const, enum: ['up', 'down'] } },
    additionalProperties: true,
  },
  example: { postgres: { status: 'up' }, redis: { status: 'up' } },
};

class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ ...SERVICE_STATES, description: 'The services that answered' })
  info: Record<string, unknown>;
  @ApiProperty({ ...SERVICE_STATES, description: 'The services that did not (empty when ok)' })
  error: Record<string, unknown>;
  @ApiProperty({ ...SERVICE_STATES, description: 'Every service checked' })
  details: Record<string, unknown>;
}

class HealthUnavailableDto extends ErrorResponseDto {
  @ApiProperty({ enum: ['error'] }) status: string;
  @ApiProperty({ type: [String], example: ['redis'], description: 'The services that are down' })
  down: string[];
  @ApiProperty({ ...SERVICE_STATES, description: 'Every service checked' })
  checks: Record<string, unknown>;
}

@ApiTags('health · 상태')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisProbe,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Checks PostgreSQL and Redis; 503 names the one that is down · 상태 점검',
    description:
      'PostgreSQL과 Redis 연결을 각각 제한 시간 안에 확인합니다. 인증 없이 호출할 수 있으며, 하나라도 응답하지 않으면 503으로 응답하고 details에 멈춘 서비스를 적습니다.\n\n' +
      'Checks the PostgreSQL and Redis connections, each within a time limit. Public; if either does not answer the response is a 503 whose details name the service that is down.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthUnavailableDto })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.db.pingCheck('postgres').withTimeout(TIMEOUT_MS),
        () =>
          this.indicators
            .check('redis')
            .attempt(() => this.redis.ping())
            .withTimeout(TIMEOUT_MS),
      ]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      const result = err.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      throw new DomainError(
        ErrorCode.SERVICE_UNAVAILABLE,
        { ko: `연결할 수 없는 서비스: ${down.join(', ')}`, en: `Unavailable: ${down.join(', ')}` },
        down.map((name) => ({
          field: name,
          code: 'down',
          message: { ko: '응답 없음', en: 'is down' },
        })),
        { status: 'error', down, checks: result.details },
      );
    }
  }
}
