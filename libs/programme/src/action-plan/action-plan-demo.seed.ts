import { Injectable } from '@nestjs/common';

/** Demo data of 실행계획 (the yearly action plan). (DOMAIN.md §10, issue 22 part 8); idempotent. */
@Injectable()
export class ActionPlanDemoSeed {
  // Scaffolding: filled in by the part's implementation.
  run(): Promise<{ created: number }> {
    return Promise.resolve({ created: 0 });
  }
}
