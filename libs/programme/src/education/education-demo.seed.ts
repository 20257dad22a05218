import { Injectable } from '@nestjs/common';

/** Demo data of 적극행정 education: sessions, attendance, completion. (DOMAIN.md §10, issue 22 part 8); idempotent. */
@Injectable()
export class EducationDemoSeed {
  // Scaffolding: filled in by the part's implementation.
  run(): Promise<{ created: number }> {
    return Promise.resolve({ created: 0 });
  }
}
