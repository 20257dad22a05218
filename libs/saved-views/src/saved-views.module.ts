import { Module } from '@nestjs/common';
import { SavedViewsService } from './saved-views.service.js';

/** Saved views of the lists; AuditModule, DbModule and IdentityModule are global. */
@Module({
  providers: [SavedViewsService],
  exports: [SavedViewsService],
})
export class SavedViewsModule {}
