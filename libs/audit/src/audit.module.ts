import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogEntry } from './access-log/access-log-entry.entity.js';
import { AccessLogService } from './access-log/access-log.service.js';
import { HistoryEntry } from './history/history-entry.entity.js';
import { HistoryVerifierService } from './history/history-verifier.service.js';
import { HistoryService } from './history/history.service.js';
import { LedgerCheckpointsService } from './ledger/ledger-checkpoints.service.js';
import { LedgerKeys } from './ledger/ledger-keys.js';
import { LedgerSealerService } from './ledger/ledger-sealer.service.js';

const SERVICES = [
  HistoryService,
  HistoryVerifierService,
  AccessLogService,
  LedgerKeys,
  LedgerSealerService,
  LedgerCheckpointsService,
];

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([HistoryEntry, AccessLogEntry])],
  providers: SERVICES,
  exports: SERVICES,
})
export class AuditModule {}
