import { Injectable } from '@nestjs/common';

/** Demo data of The annual 적극행정 추진실적 report upward. (DOMAIN.md §10, issue 22 part 8); idempotent. */
@Injectable()
export class AnnualReportDemoSeed {
  // Scaffolding: filled in by the part's implementation.
  run(): Promise<{ created: number }> {
    return Promise.resolve({ created: 0 });
  }
}
