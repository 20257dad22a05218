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
import { holidayHorizon, seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode } from '@gwaje/common';
import { Public } from '@gwaje/identity';
import { ErrorResponseDto } from '../http/openapi.js';
import { RedisProbe } from './redis-probe.js';

const TIMEOUT_MS = 1_500;

type HealthDegraded = Omit<HealthCheckResult, 'status'> & {
  status: 'ok' | 'degraded';
  warnings: Array<{ code: string; message: string; messageEn: string }>;
};

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

class HealthWarningDto {
  @ApiProperty({ example: 'HOLIDAY_DATA_ENDING' }) code: string;
  @ApiProperty({ example: '공휴일 자료가 2027-12-31까지만 있습니다. …' }) message: string;
  @ApiProperty({ example: 'Public holiday data ends on 2027-12-31. …' }) messageEn: string;
}

class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description:
      'degraded: every service answers, but something needs attention soon (see warnings), e.g. the holiday data ending within 9 months',
  })
  status: string;
  @ApiProperty({ type: [HealthWarningDto], description: 'Empty when ok' })
  warnings: HealthWarningDto[];
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
    summary:
      'Checks PostgreSQL and Redis; 503 names the one that is down, degraded warns of what needs attention soon · 상태 점검',
    description:
      'PostgreSQL과 Redis 연결을 각각 제한 시간 안에 확인합니다. 인증 없이 호출할 수 있으며, 하나라도 응답하지 않으면 503으로 응답하고 details에 멈춘 서비스를 적습니다. 모두 응답하지만 곧 손볼 일이 있으면(공휴일 자료가 9개월 안에 끝남) 200에 status degraded와 warnings로 알립니다.\n\n' +
      'Checks the PostgreSQL and Redis connections, each within a time limit. Public; if either does not answer the response is a 503 whose details name the service that is down. When both answer but something needs attention soon (the holiday data ends within 9 months), the response is a 200 with status degraded and the warnings.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthUnavailableDto })
  async check(): Promise<HealthCheckResult | HealthDegraded> {
    const result = await this.services();
    // Up, but the business-day calendar will refuse next year's deadlines unless the package is
    // upgraded: degraded (200), so monitors warn without paging anyone.
    const { warning } = holidayHorizon(seoulDate());
    if (!warning) return { ...result, warnings: [] };
    return {
      ...result,
      status: 'degraded',
      warnings: [{ code: 'HOLIDAY_DATA_ENDING', message: warning.ko, messageEn: warning.en }],
    };
  }

  private async services(): Promise<HealthCheckResult> {
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
