import { Injectable } from '@nestjs/common';

/** Demo data of 면책 register and the quarterly report to 감사원. (DOMAIN.md §10, issue 22 part 8); idempotent. */
@Injectable()
export class ExemptionsDemoSeed {
  // Scaffolding: filled in by the part's implementation.
  run(): Promise<{ created: number }> {
    return Promise.resolve({ created: 0 });
  }
}
