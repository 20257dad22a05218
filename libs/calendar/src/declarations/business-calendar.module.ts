import { Global, Module } from '@nestjs/common';
import { DeclaredDaysRegistry } from './declared-days.registry.js';
import { DeclaredDaysService } from './declared-days.service.js';

/**
 * The business-day calendar's declared days (issue 25), for the API and the worker: the registry
 * keeps this process's calendar equal to the table. AuditModule, DbModule, IdentityModule and the
 * config are global.
 */
@Global()
@Module({
  providers: [DeclaredDaysRegistry, DeclaredDaysService],
  exports: [DeclaredDaysRegistry, DeclaredDaysService],
})
export class BusinessCalendarModule {}
