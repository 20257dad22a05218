import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { CONTEST_ANNUAL_FIGURES } from './contest-annual-figures.js';
import { AttachmentsModule } from '@gwaje/attachments';
import { CommitteeModule } from '@gwaje/committee';
import { ContestAccess } from './contest-access.js';
import { ContestAttachmentsService } from './contest-attachments.service.js';
import { ContestAwardsService } from './contest-awards.service.js';
import { ContestEntriesService } from './contest-entries.service.js';
import { ContestLinksService } from './contest-links.service.js';
import { ContestExportService } from './contest-export.service.js';
import { ContestResultsService } from './contest-results.service.js';
import { ContestResultsAgenda } from './contest-results-agenda.js';
import { ContestRoundsService } from './contest-rounds.service.js';
import { ContestsDemoSeed } from './demo/contests-demo.seed.js';
import { registerContestEntrySearch } from './contest-search.js';

/** Contests across levels (경진대회, DOMAIN.md §9): rounds, entries, judging, awards, advancement. */
@Module({
  imports: [AttachmentsModule, CommitteeModule],
  providers: [
    ContestAccess,
    ContestRoundsService,
    ContestLinksService,
    ContestEntriesService,
    ContestAttachmentsService,
    ContestAwardsService,
    ContestResultsService,
    ContestResultsAgenda,
    ContestExportService,
    ContestsDemoSeed,
  ],
  exports: [
    ContestRoundsService,
    ContestLinksService,
    ContestEntriesService,
    ContestAttachmentsService,
    ContestAwardsService,
    ContestResultsService,
    ContestExportService,
    ContestsDemoSeed,
  ],
})
export class ContestsModule implements OnModuleInit {
  constructor(private readonly access: ContestAccess) {}

  onModuleInit(): void {
    // The annual 추진실적 report's 경진대회 section (@gwaje/annual-figures).
    registerAnnualFigures(CONTEST_ANNUAL_FIGURES);
    // The global search's contest entries (@gwaje/search).
    registerContestEntrySearch(this.access);
  }
}
