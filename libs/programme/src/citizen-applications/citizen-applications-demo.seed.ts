import { Injectable } from '@nestjs/common';

/** Demo data of 적극행정 국민신청 (citizens' applications). (DOMAIN.md §10, issue 22 part 8); idempotent. */
@Injectable()
export class CitizenApplicationsDemoSeed {
  // Scaffolding: filled in by the part's implementation.
  run(): Promise<{ created: number }> {
    return Promise.resolve({ created: 0 });
  }
}
