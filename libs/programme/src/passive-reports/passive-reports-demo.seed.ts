import { Injectable } from '@nestjs/common';

/** Demo data of 소극행정 신고 (reports of passive administration). (DOMAIN.md §10, issue 22 part 8); idempotent. */
@Injectable()
export class PassiveReportsDemoSeed {
  // Scaffolding: filled in by the part's implementation.
  run(): Promise<{ created: number }> {
    return Promise.resolve({ created: 0 });
  }
}
