import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule, CLS_CLIENT_IP, CLS_REQUEST_ID } from '@gwaje/audit';
import { AppConfig, ConfigModule } from '@gwaje/config';
import { DbModule } from '@gwaje/db';
import { AuthGuard, IdentityModule } from '@gwaje/identity';
import { AuthController } from './auth/auth.controller.js';
import { HealthController } from './health/health.controller.js';
import { RedisProbe } from './health/redis-probe.js';
import { HistoryController } from './history/history.controller.js';
import { AllExceptionsFilter } from './http/all-exceptions.filter.js';
import { DepartmentsController } from './identity/departments.controller.js';
import { OrganisationsController } from './identity/organisations.controller.js';
import { UsersController } from './identity/users.controller.js';
import { SettingsController } from './settings/settings.controller.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Keys never written to logs (SECURITY.md: no secrets, passwords or tokens). */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.log.level,
            redact: { paths: REDACT, censor: '[redacted]' },
            // The id Fastify assigned (apps/api/src/bootstrap.ts) is on the request header by now.
            genReqId: (req: IncomingMessage) => (req.headers[REQUEST_ID_HEADER] as string | undefined) ?? randomUUID(),
            customProps: () => ({ service: 'api' }),
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            setup: (cls, req: IncomingMessage) => {
              cls.set(CLS_REQUEST_ID, req.headers[REQUEST_ID_HEADER]);
              cls.set(CLS_CLIENT_IP, req.socket?.remoteAddress);
            },
          },
        }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'auth', ttl: 60_000, limit: config.http.loginRateLimitPerMinute }],
        }),
        TerminusModule.forRoot({ logger: false }),
        DbModule.forRoot(),
        AuditModule,
        IdentityModule,
      ],
      controllers: [
        AuthController,
        OrganisationsController,
        DepartmentsController,
        UsersController,
        SettingsController,
        HistoryController,
        HealthController,
      ],
      providers: [
        RedisProbe,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
