import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogEntry } from './access-log/access-log-entry.entity.js';
import { AccessLogService } from './access-log/access-log.service.js';
import { HistoryEntry } from './history/history-entry.entity.js';
import { HistoryVerifierService } from './history/history-verifier.service.js';
import { HistoryService } from './history/history.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([HistoryEntry, AccessLogEntry])],
  providers: [HistoryService, HistoryVerifierService, AccessLogService],
  exports: [HistoryService, HistoryVerifierService, AccessLogService],
})
export class AuditModule {}
